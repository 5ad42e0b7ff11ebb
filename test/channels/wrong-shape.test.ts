// A body of the wrong shape is a failed Result whatever adapter it is sent to (docs/backend-webhooks.md:
// "a failed Result means the delivery could not be read at all: wrong shape, ..."). LINE and Telegram
// used to accept a WhatsApp body as success with issues or unsupported items, and nothing else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeLineWebhook } from '../../src/channels/line.js';
import { normalizeDelivery } from '../../src/channels/normalize-delivery.js';
import { CHANNEL_ADAPTERS } from '../../src/channels/registry.js';
import { normalizeTelegramUpdate } from '../../src/channels/telegram.js';

const RECEIVED = '2024-05-01T10:00:00.000Z';
const whatsapp = JSON.parse(readFileSync(new URL('../fixtures/channel-payloads/whatsapp-cloud/text.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('a body of another provider is a failed Result for every adapter', () => {
  it('a WhatsApp body sent to each of the other providers fails', async () => {
    for (const adapter of CHANNEL_ADAPTERS) {
      if (adapter.provider === 'whatsapp') continue;
      const r = await normalizeDelivery({ provider: adapter.provider, receivedAt: RECEIVED, body: whatsapp });
      expect(r.success, adapter.provider).toBe(false);
    }
    expect(await normalizeDelivery({ provider: 'line', receivedAt: RECEIVED, body: whatsapp })).toEqual({
      success: false,
      issues: [{ code: 'required', path: ['events'], message: 'line: not a LINE webhook: no events array' }],
    });
    expect(await normalizeDelivery({ provider: 'telegram', receivedAt: RECEIVED, body: whatsapp })).toEqual({
      success: false,
      issues: [{ code: 'required', path: ['update_id'], message: 'telegram: not a Bot API Update: no update_id' }],
    });
  });

  it('LINE: events must be an array; an empty one (the console check) and a missing destination are still read', () => {
    expect(normalizeLineWebhook({ destination: 'U0', events: {} }, { receivedAt: RECEIVED })).toEqual({
      success: false,
      issues: [{ code: 'invalid_type', path: ['events'], message: 'line: not a LINE webhook: events is not an array' }],
    });
    expect(normalizeLineWebhook({ destination: 'Ub1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1', events: [] }, { receivedAt: RECEIVED })).toMatchObject({ success: true, data: { messages: [], issues: [] } });
    const noDestination = normalizeLineWebhook({ events: [] }, { receivedAt: RECEIVED });
    expect(noDestination).toMatchObject({ success: true, data: { issues: [{ code: 'required', path: ['destination'] }] } });
  });

  it('Telegram: update_id must be an integer and something must come with it; an unmodelled kind is still an Update', () => {
    const fails = (body: unknown) => normalizeTelegramUpdate(body, { receivedAt: RECEIVED });
    expect(fails({ update_id: '7', message: { message_id: 1 } })).toEqual({
      success: false,
      issues: [{ code: 'invalid_type', path: ['update_id'], message: 'telegram: not a Bot API Update: update_id is not an integer' }],
    });
    expect(fails({ update_id: 1.5, message: {} })).toMatchObject({ success: false, issues: [{ code: 'invalid_type', path: ['update_id'] }] });
    expect(fails({ message: { message_id: 1 } })).toMatchObject({ success: false, issues: [{ code: 'required', path: ['update_id'] }] });
    expect(fails({ update_id: 7 })).toMatchObject({ success: false, issues: [{ code: 'required', path: [] }] });
    const poll = { id: '5', question: 'Tea?', options: [{ text: 'yes', voter_count: 1 }], total_voter_count: 1, is_closed: false, is_anonymous: true, type: 'regular', allows_multiple_answers: false };
    const r = normalizeTelegramUpdate({ update_id: 8, poll }, { receivedAt: RECEIVED });
    expect(r).toEqual({
      success: true,
      data: { records: [], messages: [], events: [], unsupported: [{ provider: 'telegram', channel: 'telegram', kind: 'poll', reason: 'update kind not modelled', path: ['poll'], raw: poll }], issues: [] },
    });
  });
});
