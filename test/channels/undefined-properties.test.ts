// An object property set to undefined ({ ...event, beacon: undefined }, a typed builder's optional
// field) is absent, as JSON.stringify leaves it out: it used to refuse the whole delivery with
// `invalid_type: undefined is not JSON`. An undefined array item is still refused (see inspectUntrusted).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeDelivery } from '../../src/channels/normalize-delivery.js';
import { CHANNEL_ADAPTERS } from '../../src/channels/registry.js';
import { WEBCHAT_SCHEMA_V1 } from '../../src/channels/webchat-event.js';
import { inspectUntrusted, inspectUntrustedIteratively } from '../../src/internal/untrusted.js';
import type { Provider } from '../../src/model/channel.js';

const RECEIVED = '2024-05-01T10:00:00.000Z';
const fixture = (path: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/channel-payloads/${path}`, import.meta.url), 'utf8')) as unknown;

const BODIES: Readonly<Record<Exclude<Provider, 'email'>, unknown>> = {
  whatsapp: fixture('whatsapp-cloud/text-reply-with-context.json'),
  messenger: fixture('messenger/text-reply-to.json'),
  instagram: fixture('instagram/chatwoot-story-reply.json'),
  telegram: fixture('telegram/text-group-chat.json'),
  line: fixture('line/_full-webhook-28-events.json'),
  twilio: fixture('twilio/whatsapp-argentina-549.json'),
  webchat: { schema: WEBCHAT_SCHEMA_V1, type: 'message', sessionId: 's_1', visitorId: 'v_1', messageId: 'm_1', text: 'hi', sentAt: RECEIVED },
} as Record<Exclude<Provider, 'email'>, unknown>;

/** `value` with an own `undefined` property added to every object in it, first and last. */
function withUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withUndefined);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = { aFirst: undefined };
  for (const [k, v] of Object.entries(value)) out[k] = withUndefined(v);
  out.zLast = undefined;
  return out;
}

describe('an object property whose value is undefined', () => {
  it('is absent for every adapter: the same batch as the body without it', async () => {
    for (const adapter of CHANNEL_ADAPTERS) {
      const body = BODIES[adapter.provider as Exclude<Provider, 'email'>];
      const plain = await normalizeDelivery({ provider: adapter.provider, receivedAt: RECEIVED, body });
      expect(plain.success, adapter.provider).toBe(true);
      const sparse = withUndefined(body);
      expect(await normalizeDelivery({ provider: adapter.provider, receivedAt: RECEIVED, body: sparse }), adapter.provider).toEqual(plain);
      const detected = await normalizeDelivery({ receivedAt: RECEIVED, body });
      expect(await normalizeDelivery({ receivedAt: RECEIVED, body: sparse }), `${adapter.provider} detected`).toEqual(detected);
      expect(adapter.normalize(sparse, { receivedAt: RECEIVED }), `${adapter.provider} direct`).toEqual(plain);
    }
  });

  it('the example of the report: a LINE event spread with beacon: undefined', async () => {
    const event = { type: 'message', mode: 'active', timestamp: 1714557600000, source: { type: 'user', userId: 'Ub1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1' }, webhookEventId: '01HX', deliveryContext: { isRedelivery: false }, message: { id: '1', type: 'text', quoteToken: 'q', text: 'hi' } };
    const r = await normalizeDelivery({ provider: 'line', receivedAt: RECEIVED, body: { destination: 'Ua1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1', events: [{ ...event, beacon: undefined }] } });
    expect(r.success && r.data.messages.map((m) => m.text)).toEqual(['hi']);
    // An update kind set to undefined is no update kind (Telegram reads its update's keys).
    const t = await normalizeDelivery({ provider: 'telegram', receivedAt: RECEIVED, body: { update_id: 1, poll: undefined } });
    expect(t).toMatchObject({ success: false, issues: [{ code: 'required', path: [] }] });
  });

  it('an undefined array item (or a hole) is still refused, at its index, by both walks of the guard', async () => {
    const body = { destination: 'Ua1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1', events: [undefined] };
    expect(await normalizeDelivery({ provider: 'line', receivedAt: RECEIVED, body })).toEqual({
      success: false,
      issues: [{ code: 'invalid_type', path: ['body', 'events', 0], message: 'undefined is not JSON' }],
    });
    // eslint-disable-next-line no-sparse-arrays -- a hole is what is tested
    for (const value of [{ a: [1, undefined] }, { a: [1, , 2] }, { a: undefined, b: { c: undefined, d: [undefined] } }]) {
      expect(inspectUntrusted(value)).toEqual(inspectUntrustedIteratively(value));
      expect(inspectUntrusted(value)).toHaveLength(1);
    }
    expect(inspectUntrusted({ a: undefined, b: { c: undefined } })).toEqual([]);
    // A forbidden key is refused whatever its value.
    expect(inspectUntrusted(JSON.parse('{"a":{}}', (k, v: unknown) => (k === 'a' ? { constructor: undefined } : v)))).toMatchObject([{ code: 'forbidden_key', path: ['a', 'constructor'] }]);
  });
});
