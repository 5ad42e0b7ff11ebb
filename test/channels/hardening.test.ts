// Hardening: webhook bodies are attacker-controlled. Whatever JSON arrives, no adapter throws and
// everything an adapter returns validates against the model. Bodies come from four generators:
// arbitrary JSON; each fixture with random holes, wrong types and huge values; random objects built
// from the vocabulary of keys the providers use (so the adapters' deep paths are reached with wrong
// types); and JSON text with __proto__/constructor keys or deep nesting.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDelivery } from '../../src/channels/normalize-delivery.js';
import { CHANNEL_ADAPTERS } from '../../src/channels/registry.js';
import type { ChannelAdapter } from '../../src/channels/adapter.js';
import { safeParseContactRecord } from '../../src/model/contact-record.js';
import type { Result } from '../../src/model/issue.js';
import { safeParseMessage } from '../../src/model/message.js';
import { safeParseMessageEvent } from '../../src/model/message-event.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

const RECEIVED = '2025-01-01T00:00:00.000Z';
const ctx = { receivedAt: RECEIVED };
const root = new URL('../fixtures/channel-payloads/', import.meta.url);
const FOLDER: Record<string, string> = { whatsapp: 'whatsapp-cloud', messenger: 'messenger', instagram: 'instagram', telegram: 'telegram', line: 'line', twilio: 'twilio' };

function fixtures(provider: string): unknown[] {
  const folder = FOLDER[provider];
  if (folder === undefined) return [];
  return readdirSync(new URL(`${folder}/`, root))
    .filter((n) => n.endsWith('.json') && !n.includes('signature-vector'))
    .map((n) => JSON.parse(readFileSync(new URL(`${folder}/${n}`, root), 'utf8')) as unknown);
}

/** Fails the property with a readable reason when a result breaks the contract. */
function check(r: Result<NormalizedBatch>): void {
  if (!r.success) {
    expect(r.issues.length).toBeGreaterThan(0);
    for (const i of r.issues) expect(typeof i.code === 'string' && Array.isArray(i.path) && typeof i.message === 'string').toBe(true);
    return;
  }
  const b = r.data;
  for (const m of b.messages) {
    const v = safeParseMessage(m);
    if (!v.success) throw new Error(`invalid message ${JSON.stringify(v.issues)}: ${JSON.stringify(m).slice(0, 500)}`);
  }
  for (const e of b.events) {
    const v = safeParseMessageEvent(e);
    if (!v.success) throw new Error(`invalid event ${JSON.stringify(v.issues)}: ${JSON.stringify(e).slice(0, 500)}`);
  }
  for (const c of b.records) {
    const v = safeParseContactRecord(c);
    if (!v.success) throw new Error(`invalid record ${JSON.stringify(v.issues)}: ${JSON.stringify(c).slice(0, 500)}`);
  }
  for (const u of b.unsupported) expect(typeof u.kind === 'string' && typeof u.reason === 'string' && Array.isArray(u.path)).toBe(true);
  for (const i of b.issues) expect(typeof i.code === 'string' && Array.isArray(i.path) && typeof i.message === 'string').toBe(true);
  // The CLI prints every batch as JSON lines.
  expect(() => JSON.stringify(b)).not.toThrow();
}

function safely(adapter: ChannelAdapter, body: unknown): Result<NormalizedBatch> {
  try {
    return adapter.normalize(body, ctx);
  } catch (error) {
    throw new Error(`${adapter.provider} threw on ${JSON.stringify(body)?.slice(0, 500)}: ${(error as Error).stack ?? String(error)}`, { cause: error });
  }
}

// ---- generators -------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every JSON path of a value, objects and arrays included. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>('', ' ', '0', '-1', '1e400', 'NaN', '9007199254740993', '+', 'whatsapp:', 'US.', '\u0000', '\uD800', 'a'.repeat(5000), 'x'.repeat(70_000)),
  fc.constantFrom<Json>(0, -0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 2, 1e11, 1e13, 99999999999999, 2 ** 53, 91, -181, 1.5),
  fc.constantFrom<Json>([], {}, [null], { id: null }, { id: {} }, true, false, null),
  fc.string({ maxLength: 3000 }),
);

interface Mutation {
  readonly at: number;
  readonly action: 'delete' | 'replace' | 'append';
  readonly value: Json;
}
const mutations = fc.array(fc.record({ at: fc.nat(), action: fc.constantFrom<Mutation['action']>('delete', 'replace', 'replace', 'append'), value: nasty }), { minLength: 1, maxLength: 8 });

/** Apply mutations to a deep copy: delete a key or item, replace a value, or add an item/key. */
function mutate(base: unknown, ms: readonly Mutation[]): unknown {
  let doc = JSON.parse(JSON.stringify(base)) as Json;
  for (const original of ms) {
    // fast-check may hand the same value to several mutations: insert copies, never shared references.
    const m = { ...original, value: JSON.parse(JSON.stringify(original.value)) as Json };
    const all = paths(doc);
    const path = all[m.at % all.length]!;
    if (path.length === 0) {
      if (m.action === 'replace') doc = m.value;
      continue;
    }
    let parent: Json = doc;
    for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step]!;
    const last = path[path.length - 1]!;
    const container = parent as Record<string | number, Json>;
    if (m.action === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete container[last];
    } else if (m.action === 'replace') {
      container[last] = m.value;
    } else {
      const target = container[last];
      if (Array.isArray(target)) target.push(m.value);
      else if (target !== null && typeof target === 'object') target[`k${m.at % 7}`] = m.value;
      else container[last] = m.value;
    }
  }
  return doc;
}

/** Keys the providers use, collected from every fixture: random objects built from them reach deep code paths. */
const VOCABULARY = [...new Set(Object.values(FOLDER).flatMap((p) => fixtures(Object.keys(FOLDER).find((k) => FOLDER[k] === p)!).flatMap((f) => paths(f).flatMap((x) => x.filter((s): s is string => typeof s === 'string')))))].concat([
  'is_echo', 'is_deleted', 'message_edit', 'reaction', 'delivery', 'read', 'postback', 'referral', 'standby', 'mids', 'watermark', 'reply_to', 'story', 'quick_reply',
  'interactive', 'button_reply', 'list_reply', 'nfm_reply', 'button', 'order', 'product_items', 'revoke', 'edit', 'original_message_id', 'system', 'user_id_update',
  'message_echoes', 'statuses', 'errors', 'recipient_type', 'recipient_participant_id', 'from_user_id', 'parent_user_id', 'username', 'group_id', 'contacts', 'coordinates',
]);
const TYPES = ['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'reaction', 'edit', 'revoke', 'unsupported', 'system', 'order', 'user_changed_number', 'user_changed_user_id', 'customer_identity_changed', 'messages', 'smb_message_echoes', 'user_id_update', 'react', 'unreact', 'group', 'file', 'fallback', 'template', 'story_mention', 'ig_reel', 'share', 'unsupported_type', 'sent', 'delivered', 'read', 'failed', 'played'];

const leaf: fc.Arbitrary<Json> = fc.oneof(
  nasty,
  fc.constantFrom(...TYPES),
  fc.integer({ min: 1_400_000_000, max: 1_800_000_000 }).map((n) => String(n)),
  fc.integer({ min: 1_400_000_000_000, max: 1_800_000_000_000 }),
  fc.constantFrom('16505551234', '+5511987654321', 'US.13491208655302741918', 'wamid.X', 'mid.1', '2021-09-08T06:34:04+0000'),
);
const shaped: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...VOCABULARY), tie('node'), { maxKeys: 6 }),
  ),
})).node;

const MARKERS: Record<string, (b: Json) => Json> = {
  whatsapp: (b) => ({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: b }, { field: 'statuses', value: b }] }] }),
  messenger: (b) => ({ object: 'page', entry: [{ id: '1', time: 1700000000000, messaging: [b, b], standby: [b] }] }),
  instagram: (b) => ({ object: 'instagram', entry: [{ id: '1', messaging: [b], changes: [{ field: 'messages', value: b }] }] }),
  telegram: (b) => (b !== null && typeof b === 'object' && !Array.isArray(b) ? { update_id: 1, ...b } : { update_id: 1, message: b }),
  line: (b) => ({ destination: 'U1', events: [b, b] }),
  twilio: (b) => (b !== null && typeof b === 'object' && !Array.isArray(b) ? { MessageSid: 'SM1', AccountSid: 'AC1', ...b } : { MessageSid: 'SM1', Body: b }),
  webchat: (b) => (b !== null && typeof b === 'object' && !Array.isArray(b) ? { schema: 'omnilink.webchat/v1', ...b } : { schema: 'omnilink.webchat/v1', type: 'message', text: b }),
};

// ---- properties -------------------------------------------------------------------------------

describe.each(CHANNEL_ADAPTERS.map((a) => [a.provider, a] as const))('%s adapter under hostile input', (provider, adapter) => {
  const base = fixtures(provider);
  const wrap = MARKERS[provider] ?? ((b: Json) => b);

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (body) => check(safely(adapter, body))), { numRuns: 200 });
  });

  it('never throws and always returns valid items on mutated fixtures', () => {
    if (base.length === 0) return;
    fc.assert(
      fc.property(fc.nat({ max: base.length - 1 }), mutations, (i, ms) => check(safely(adapter, mutate(base[i], ms)))),
      { numRuns: 400 },
    );
  });

  it('never throws and always returns valid items on provider-shaped random bodies', () => {
    fc.assert(fc.property(shaped, (b) => check(safely(adapter, wrap(b)))), { numRuns: 400 });
  });

  it('stays valid when every string of a fixture grows by 200 to 70,000 characters', () => {
    const inflate = (v: unknown, n: number): unknown =>
      typeof v === 'string' ? v + 'x'.repeat(n) : Array.isArray(v) ? v.map((x) => inflate(x, n)) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inflate(x, n)])) : v;
    for (const body of base) for (const n of [200, 495, 1000, 1500, 2030, 4090, 70_000]) check(safely(adapter, inflate(body, n)));
  });

  it('stays valid when each string of a fixture grows by its own random length (ids near the model limits)', () => {
    if (base.length === 0) return;
    let n = 0;
    const inflate = (v: unknown, extra: readonly number[]): unknown =>
      typeof v === 'string'
        ? v + 'y'.repeat(extra[n++ % extra.length]!)
        : Array.isArray(v)
          ? v.map((x) => inflate(x, extra))
          : v !== null && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inflate(x, extra)]))
            : v;
    fc.assert(
      fc.property(fc.nat({ max: base.length - 1 }), fc.array(fc.oneof(fc.integer({ min: 0, max: 1100 }), fc.integer({ min: 470, max: 520 })), { minLength: 1, maxLength: 12 }), (i, extra) => {
        n = 0;
        check(safely(adapter, inflate(base[i], extra)));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses prototype-polluting keys and deep nesting with a failed Result', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = JSON.stringify(wrap({ x: 1 })).replace('{', `{"${key}":{"polluted":true},`);
      const r = safely(adapter, JSON.parse(text));
      expect(r).toMatchObject({ success: false, issues: [{ code: 'forbidden_key' }] });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }
    const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as unknown;
    expect(safely(adapter, deep)).toMatchObject({ success: false, issues: [{ code: 'too_deep' }] });
  });
});

describe('normalizeDelivery under hostile input', () => {
  const envelope = fc.record(
    {
      provider: fc.oneof(fc.constantFrom(...CHANNEL_ADAPTERS.map((a) => a.provider), 'email', 'voice', 'webchat', 'fax', ''), fc.jsonValue()),
      receivedAt: fc.oneof(fc.constant(RECEIVED), fc.string(), fc.jsonValue()),
      body: fc.oneof(fc.jsonValue(), shaped, fc.string()),
      raw: fc.oneof(fc.string(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  );

  it('never rejects its promise and returns valid batches', async () => {
    await fc.assert(
      fc.asyncProperty(envelope, async (e) => {
        check(await normalizeDelivery(e as never));
      }),
      { numRuns: 300 },
    );
  });

  it('normalizes mutated fixtures of every provider without throwing', async () => {
    const all = Object.keys(FOLDER).flatMap((p) => fixtures(p).map((f) => [p, f] as const));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: all.length - 1 }), mutations, fc.boolean(), async (i, ms, declare) => {
        const [provider, body] = all[i]!;
        check(await normalizeDelivery({ ...(declare ? { provider: provider as never } : {}), receivedAt: RECEIVED, body: mutate(body, ms) }));
      }),
      { numRuns: 300 },
    );
  });

  it('email: arbitrary text, and the .eml fixtures cut, spliced and inflated, never throw', async () => {
    const emls = readdirSync(new URL('email/', root)).map((n) => readFileSync(new URL(`email/${n}`, root), 'utf8'));
    const raw = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.tuple(fc.nat({ max: emls.length - 1 }), fc.nat(), fc.nat(), fc.string({ maxLength: 200 })).map(([i, a, b, insert]) => {
        const text = emls[i]!;
        const x = a % (text.length + 1);
        const y = x + (b % (text.length - x + 1));
        return text.slice(0, x) + insert + text.slice(y);
      }),
      fc.tuple(fc.nat({ max: emls.length - 1 }), fc.constantFrom('\r\n', '\n', '\u0000', '=?utf-8?B?', '--', 'Content-Type: multipart/mixed; boundary=""\n', 'x'.repeat(100_000))).map(([i, s]) => emls[i]!.split('\n').join(`${s}\n`)),
    );
    await fc.assert(
      fc.asyncProperty(raw, fc.boolean(), async (text, declare) => {
        check(await normalizeDelivery({ ...(declare ? { provider: 'email' as const } : {}), receivedAt: RECEIVED, raw: text }));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses __proto__ in JSON text bodies and in envelopes parsed from JSON', async () => {
    const text = '{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"1","__proto__":{"x":1}}}]}]}';
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body: text })).toMatchObject({ success: false, issues: [{ code: 'forbidden_key' }] });
    const envelope = JSON.parse(`{"receivedAt":"${RECEIVED}","body":${text}}`) as never;
    expect(await normalizeDelivery(envelope)).toMatchObject({ success: false, issues: [{ code: 'forbidden_key' }] });
  });
});
