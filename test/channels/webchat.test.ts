import { describe, expect, it } from 'vitest';
import { normalizeWebChatEvent, webchatAdapter, type WebChatNormalizeContext } from '../../src/channels/webchat.js';
import { WEBCHAT_SCHEMA_V1, parseWebChatEvent, safeParseWebChatEvent } from '../../src/channels/webchat-event.js';
import { ValidationError } from '../../src/model/errors.js';
import { safeParseContactRecord } from '../../src/model/contact-record.js';
import { safeParseMessage } from '../../src/model/message.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

const RECEIVED = '2024-05-01T10:00:05.000Z';
const SENT = '2024-05-01T10:00:00.000Z';
const VISITOR = 'v_8f14e45fceea167a';
const base = { schema: WEBCHAT_SCHEMA_V1, sessionId: 's_1', visitorId: VISITOR, sentAt: SENT };

function run(body: unknown, extra: Partial<WebChatNormalizeContext> = {}): NormalizedBatch {
  const r = normalizeWebChatEvent(body, { receivedAt: RECEIVED, ...extra });
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.issues)}`);
  for (const m of r.data.messages) expect(safeParseMessage(m).success).toBe(true);
  for (const c of r.data.records) expect(safeParseContactRecord(c).success).toBe(true);
  return r.data;
}

const prov = { channel: 'webchat' as const, source: 'webchat', observedAt: SENT };
const visitor = { kind: 'visitor_id' as const, value: VISITOR, namespace: 'webchat', key: `visitor_id:webchat:${VISITOR}`, verified: true, provenance: prov };
const bareRecord = { id: `webchat:contact:visitor_id:webchat:${VISITOR}`, channel: 'webchat', source: 'webchat', identifiers: [visitor], observedAt: SENT };

describe('normalizeWebChatEvent', () => {
  it('a visitor message: inbound, in the session conversation, with page facts and attachments', () => {
    const b = run({
      ...base,
      type: 'message',
      messageId: 'm_1',
      text: 'Where is my order?',
      attachments: [{ url: 'https://cdn.shop.example/u/receipt.pdf', name: 'receipt.pdf', mimeType: 'application/pdf', size: 2048 }, { url: 'https://cdn.shop.example/u/p.png', mimeType: 'image/png' }],
      page: { url: 'https://shop.example/orders/42', title: 'Order 42' },
      locale: 'pt-BR',
      someFutureField: true,
    });
    expect(b.messages).toEqual([
      {
        id: 'webchat:m_1',
        channel: 'webchat',
        provider: 'webchat',
        providerMessageId: 'm_1',
        conversation: { id: 'webchat:session:s_1', kind: 'private' },
        direction: 'inbound',
        kind: 'media',
        occurredAt: SENT,
        receivedAt: RECEIVED,
        sender: [visitor],
        recipients: [],
        text: 'Where is my order?',
        attachments: [
          { type: 'file', url: 'https://cdn.shop.example/u/receipt.pdf', filename: 'receipt.pdf', mimeType: 'application/pdf', size: 2048 },
          { type: 'image', url: 'https://cdn.shop.example/u/p.png', mimeType: 'image/png' },
        ],
        status: 'received',
        extra: { pageUrl: 'https://shop.example/orders/42', pageTitle: 'Order 42' },
      },
    ]);
    expect(b.records).toEqual([{ ...bareRecord, locale: 'pt-BR' }]);
    expect(b.events).toEqual([]);
    expect(b.issues).toEqual([]);
  });

  it('an agent reply is outbound, addressed to the visitor, with the agent named', () => {
    const b = run({ ...base, type: 'message', messageId: 'm_2', from: 'agent', agent: { id: 'ag_7', name: 'Carla' }, text: 'It ships today.', replyTo: 'm_1' });
    const m = b.messages[0]!;
    expect([m.direction, m.status, m.sender, m.recipients, m.senderName, m.replyTo, m.extra]).toEqual([
      'outbound', 'sent', [], [visitor], 'Carla', 'm_1', { agentId: 'ag_7', from: 'agent' },
    ]);
  });

  it('identify: the visitor id (verified) linked to the asserted email, phone, external id and name', () => {
    const b = run({ ...base, type: 'identify', identify: { name: 'Ana Souza', email: 'Ana.Souza@Gmail.com', phone: '(11) 98765-4321', country: 'BR', externalId: 'crm-991' } });
    expect(b.messages).toEqual([]);
    expect(b.records).toHaveLength(2);
    expect(b.records[0]).toEqual(bareRecord);
    const told = b.records[1]!;
    expect(told.id).toMatch(new RegExp(`^webchat:contact:visitor_id:webchat:${VISITOR}#[0-9a-f]{12}$`));
    expect(told.name).toEqual({ full: 'Ana Souza' });
    expect(told.identifiers.map((i) => [i.kind, i.value, i.key, i.verified])).toEqual([
      ['visitor_id', VISITOR, `visitor_id:webchat:${VISITOR}`, true],
      ['email', 'Ana.Souza@Gmail.com', 'email:ana.souza@gmail.com', false],
      ['phone', '(11) 98765-4321', 'phone:+5511987654321', false],
      ['external_id', 'crm-991', 'external_id:default:crm-991', false],
    ]);
  });

  it('trustIdentify marks what the visitor told as verified; without a country a national phone is kept without a key', () => {
    const trusted = run({ ...base, type: 'identify', identify: { email: 'ana@shop-customer.example' } }, { trustIdentify: true });
    expect(trusted.records[1]!.identifiers.map((i) => [i.kind, i.verified])).toEqual([['visitor_id', true], ['email', true]]);
    const national = run({ ...base, type: 'identify', identify: { phone: '(11) 98765-4321' } });
    expect(national.records[1]!.identifiers[1]).toMatchObject({ kind: 'phone', value: '(11) 98765-4321' });
    expect(national.records[1]!.identifiers[1]).not.toHaveProperty('key');
    expect(national.issues.map((i) => i.path)).toEqual([['identify', 'phone']]);
    const withDefault = run({ ...base, type: 'identify', identify: { phone: '(11) 98765-4321' } }, { defaultCountry: 'BR' });
    expect(withDefault.records[1]!.identifiers[1]!.key).toBe('phone:+5511987654321');
  });

  it('a name-only identify gets its own record id', () => {
    const b = run({ ...base, type: 'identify', identify: { name: 'Ana' } });
    expect(b.records.map((r) => r.id)).toEqual([bareRecord.id, expect.stringMatching(new RegExp(`^${bareRecord.id}#name:[0-9a-f]{12}$`))]);
    expect(b.records[1]!.name).toEqual({ full: 'Ana' });
  });

  it('session_start and session_end are system messages of the session; siteId scopes ids', () => {
    const start = run({ ...base, siteId: 'shop-br', type: 'session_start', page: { url: 'https://shop.example/', referrer: 'https://google.com/' } });
    expect(start.messages).toEqual([
      {
        id: 'webchat:session:shop-br:s_1:session_start',
        channel: 'webchat',
        provider: 'webchat',
        conversation: { id: 'webchat:session:shop-br:s_1', kind: 'private' },
        direction: 'inbound',
        kind: 'system',
        occurredAt: SENT,
        receivedAt: RECEIVED,
        sender: [{ ...visitor, namespace: 'webchat:shop-br', key: `visitor_id:webchat:shop-br:${VISITOR}` }],
        recipients: [],
        attachments: [],
        status: 'received',
        extra: { webchatEvent: 'session_start', pageUrl: 'https://shop.example/', referrer: 'https://google.com/' },
      },
    ]);
    const end = run({ ...base, siteId: 'shop-br', type: 'session_end' });
    expect(end.messages[0]!.id).toBe('webchat:session:shop-br:s_1:session_end');
  });

  it('read: one read status per message id, the visitor as actor', () => {
    const b = run({ ...base, type: 'read', messageIds: ['m_2', 'm_3'] });
    expect(b.events).toEqual(
      ['m_2', 'm_3'].map((id) => ({
        type: 'status',
        id: `webchat:${id}:read:visitor`,
        channel: 'webchat',
        provider: 'webchat',
        conversationId: 'webchat:session:s_1',
        occurredAt: SENT,
        receivedAt: RECEIVED,
        actor: [visitor],
        status: 'read',
        targetMessageId: id,
      })),
    );
  });

  it('ids joined with a siteId cannot collide with ids a browser sends on a widget without one', () => {
    const plain = run({ ...base, type: 'message', visitorId: 'brand:v1', sessionId: 'brand:s1', messageId: 'brand:m1', text: 'hi' });
    const sited = run({ ...base, type: 'message', siteId: 'brand', visitorId: 'v1', sessionId: 's1', messageId: 'm1', text: 'hi' });
    expect(sited.messages[0]!.id).toBe('webchat:brand:m1');
    expect(sited.messages[0]!.sender[0]!.key).toBe('visitor_id:webchat:brand:v1');
    expect(plain.messages[0]!.id).toBe('webchat:brand%3Am1');
    expect(plain.messages[0]!.sender[0]).toMatchObject({ value: 'brand:v1', key: 'visitor_id:webchat:brand%3Av1' });
    expect(plain.messages[0]!.conversation.id).not.toBe(sited.messages[0]!.conversation.id);
    expect(plain.records[0]!.id).not.toBe(sited.records[0]!.id);
    // Ids without ':' or '%' keep the key toIdentifier makes (namespace trimmed), as before the escaping.
    expect(run({ ...base, type: 'message', siteId: 'brand ', visitorId: 'v1', messageId: 'm2', text: 'hi' }).messages[0]!.sender[0]!.key).toBe('visitor_id:webchat:brand:v1');
    // Escaping never takes the visitor's namespace past the model's limit: such a siteId is refused.
    expect(normalizeWebChatEvent({ ...base, type: 'message', siteId: ':'.repeat(100), messageId: 'm3', text: 'hi' }, { receivedAt: RECEIVED })).toMatchObject({ success: false, issues: [{ code: 'too_big', path: ['siteId'] }] });
    expect(run({ ...base, type: 'message', siteId: `${':'.repeat(80)}x`, messageId: 'm4', text: 'hi' }).records.length).toBeGreaterThan(0);
    // A read names its target the same way its message was named.
    const read = run({ ...base, type: 'read', visitorId: 'brand:v1', messageIds: ['brand:m1'] });
    expect(read.events[0]).toMatchObject({ targetMessageId: 'brand%3Am1' });
  });

  it('a sentAt outside the accepted range: the arrival time stands in, with an issue', () => {
    for (const sentAt of ['9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z']) {
      const b = run({ ...base, sentAt, type: 'message', messageId: 'm_t', text: 'hi' });
      expect(b.messages[0]!.occurredAt).toBe(RECEIVED);
      expect(b.issues).toEqual([expect.objectContaining({ code: 'invalid_value', path: ['sentAt'] })]);
    }
  });

  it('a message without messageId gets a stable content-hash id', () => {
    const body = { ...base, type: 'message', text: 'hi' };
    const a = run(body).messages[0]!.id;
    expect(a).toMatch(/^webchat:sha256:[0-9a-f]{64}$/);
    const later = normalizeWebChatEvent(body, { receivedAt: '2024-05-02T00:00:00Z' });
    expect(later.success && later.data.messages[0]!.id).toBe(a);
    // Two files sent at one instant without ids are two messages; a text message's id is unchanged by that rule.
    const file = (url: string) => run({ ...base, type: 'message', attachments: [{ url, mimeType: 'image/jpeg' }] }).messages[0]!.id;
    expect(file('https://cdn.shop.com.br/a.jpg')).not.toBe(file('https://cdn.shop.com.br/b.jpg'));
    expect(file('https://cdn.shop.com.br/a.jpg')).toBe(file('https://cdn.shop.com.br/a.jpg'));
    expect(run({ ...base, type: 'message' }).messages[0]!.id).not.toBe(file('https://cdn.shop.com.br/a.jpg'));
  });

  it('invalid events fail with the schema issues; nothing is half-normalized', () => {
    const wrongSchema = normalizeWebChatEvent({ ...base, schema: 'omnilink.webchat/v9', type: 'message' }, { receivedAt: RECEIVED });
    expect(wrongSchema.success).toBe(false);
    if (!wrongSchema.success) expect(wrongSchema.issues[0].path).toEqual(['schema']);
    const missing = normalizeWebChatEvent({ schema: WEBCHAT_SCHEMA_V1, type: 'message', sentAt: SENT }, { receivedAt: RECEIVED });
    expect(!missing.success && missing.issues.map((i) => [i.code, i.path])).toEqual([
      ['required', ['sessionId']],
      ['required', ['visitorId']],
    ]);
    const badTime = normalizeWebChatEvent({ ...base, sentAt: 'yesterday', type: 'message' }, { receivedAt: RECEIVED });
    expect(!badTime.success && badTime.issues[0].path).toEqual(['sentAt']);
    const tooMany = normalizeWebChatEvent({ ...base, type: 'message', attachments: Array.from({ length: 21 }, () => ({ url: 'x' })) }, { receivedAt: RECEIVED });
    expect(!tooMany.success && tooMany.issues[0].code).toBe('too_big');
  });
});

describe('parseWebChatEvent / safeParseWebChatEvent', () => {
  it('validate and drop unknown fields; parse throws ValidationError', () => {
    const r = safeParseWebChatEvent({ ...base, type: 'session_start', extra: 1 });
    expect(r.success && r.data).toEqual({ ...base, type: 'session_start' });
    expect(() => parseWebChatEvent({ ...base, type: 'nope' })).toThrow(ValidationError);
  });
});

describe('webchatAdapter.detect', () => {
  it('recognises the schema marker only', () => {
    expect(webchatAdapter.detect({ ...base, type: 'message' })).toBe(true);
    expect(webchatAdapter.detect({ schema: 'other' })).toBe(false);
    expect(webchatAdapter.provider).toBe('webchat');
  });
});
