import { describe, expect, it } from 'vitest';
import { messengerAdapter, normalizeMessenger } from '../../src/channels/messenger.js';
import type { Identifier } from '../../src/model/identifier.js';
import { buildTimeline } from '../../src/timeline/build-timeline.js';
import { contentKey, ctx, fixture as load, iso, ok, RECEIVED, record, userId } from './_meta-helpers.js';

const fixture = (name: string): unknown => load('messenger', name);
const run = (body: unknown) => ok(normalizeMessenger(body, ctx));

// RESTFB samples: page 12345654332 (numeric in the JSON), customer PSID 987654321432.
const PAGE = '12345654332';
const PSID = '987654321432';
const psid = (page: string, id: string): Identifier => userId(`messenger:page:${page}`, id);
const pageId = (page: string): Identifier => userId('messenger:page_id', page);
const CUSTOMER = psid(PAGE, PSID);
const CHAT = `messenger:chat:${PAGE}:${PSID}`;
const customerRecord = (at: string) => record('messenger', [CUSTOMER], at);

function inbound(at: string, overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    channel: 'messenger',
    provider: 'messenger',
    conversation: { id: CHAT, kind: 'private' },
    direction: 'inbound',
    occurredAt: at,
    receivedAt: RECEIVED,
    sender: [CUSTOMER],
    recipients: [pageId(PAGE)],
    attachments: [],
    status: 'received',
    ...overrides,
  };
}
const eventBase = (at: string) => ({ channel: 'messenger', provider: 'messenger', conversationId: CHAT, occurredAt: at, receivedAt: RECEIVED, actor: [CUSTOMER] });

describe('normalizeMessenger on the fixtures', () => {
  it('text.json: numeric ids become exact strings; the PSID is scoped to the page; seq is the sequence', () => {
    const b = run(fixture('text.json'));
    const at = iso(1457764197627);
    expect(b.messages).toEqual([
      inbound(at, { id: 'messenger:mid.1457764197618:41d102a3e1ae206a38', providerMessageId: 'mid.1457764197618:41d102a3e1ae206a38', kind: 'text', sequence: 73, text: 'hello, world!' }),
    ]);
    expect(b.records).toEqual([customerRecord(at)]);
    expect(b.records[0]!.identifiers[0]!.key).toBe('user_id:messenger:page:12345654332:987654321432');
    expect(b.events).toEqual([]);
    expect(b.issues).toEqual([]);
  });

  it('echo-page-sent.json: an echo is outbound from the page to the customer (the page is the side equal to entry.id)', () => {
    const b = run(fixture('echo-page-sent.json'));
    const at = iso(1457764197627);
    expect(b.messages).toEqual([
      {
        ...inbound(at, {}),
        id: 'messenger:mid.1457764197618:41d102a3e1ae206a38',
        providerMessageId: 'mid.1457764197618:41d102a3e1ae206a38',
        direction: 'outbound',
        kind: 'text',
        sequence: 73,
        text: 'hello, world!',
        sender: [pageId(PAGE)],
        recipients: [CUSTOMER],
        status: 'sent',
        extra: { app_id: '1517776481860111', metadata: 'DEVELOPER_DEFINED_METADATA_STRING' },
      },
    ]);
    // The customer of an echo is still a contact; the page never is.
    expect(b.records).toEqual([customerRecord(at)]);
  });

  it('media-attachment-no-text.json: an image without text', () => {
    const b = run(fixture('media-attachment-no-text.json'));
    expect(b.messages).toEqual([
      inbound(iso(1458696618268), {
        id: 'messenger:mid.1458696618141:b4ef9d19ec21086067',
        providerMessageId: 'mid.1458696618141:b4ef9d19ec21086067',
        kind: 'media',
        sequence: 51,
        attachments: [{ type: 'image', url: 'IMAGE_URL' }],
      }),
    ]);
  });

  it('text-reply-to.json: reply_to.mid becomes replyTo', () => {
    const b = run(fixture('text-reply-to.json'));
    expect(b.messages).toEqual([
      inbound(iso(1457764197627), {
        id: 'messenger:mid.1457764197618:41d102a3e1ae206a38',
        providerMessageId: 'mid.1457764197618:41d102a3e1ae206a38',
        kind: 'text',
        sequence: 73,
        text: 'hello, world!',
        replyTo: 'very_long_id_representing_the_original_message',
      }),
    ]);
  });

  it('sticker-like.json: the thumbs-up sticker is a sticker, not an image', () => {
    const b = run(fixture('sticker-like.json'));
    expect(b.messages).toEqual([
      inbound(iso(1487254148673), {
        id: 'messenger:mid.1487254148673:a082abc439',
        providerMessageId: 'mid.1487254148673:a082abc439',
        kind: 'sticker',
        sequence: 2203,
        attachments: [
          {
            type: 'sticker',
            url: 'https://scontent.xx.fbcdn.net/v/t39.1997-6/851557_369239266556155_759568595_n.png?_nc_ad=z-m&oh=85e24066ebe64f04d457b242e22e7054&oe=5939B5DC',
            providerId: '369239263222822',
          },
        ],
        extra: { sticker_id: '369239263222822' },
      }),
    ]);
  });

  it('message-unsent-is_deleted.json: an unsend is a delete event, not a message', () => {
    const b = run(fixture('message-unsent-is_deleted.json'));
    const at = iso(1457764197627);
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([{ id: contentKey('messenger', ['delete', 'message_id']), ...eventBase(at), type: 'delete', targetMessageId: 'message_id' }]);
  });

  it('message-edit.json: an edit event with the new text and the edit count', () => {
    const b = run(fixture('message-edit.json'));
    const at = iso(1457764197627);
    expect(b.events).toEqual([
      {
        id: contentKey('messenger', ['edit', 'mid.1457764197618:41d102a3e1ae206a38', 37, 'hello, world!']),
        ...eventBase(at),
        type: 'edit',
        targetMessageId: 'mid.1457764197618:41d102a3e1ae206a38',
        text: 'hello, world!',
        editCount: 37,
      },
    ]);
  });

  it('reaction-emoji.json: a reaction event with the emoji and its name', () => {
    const b = run(fixture('reaction-emoji.json'));
    const at = iso(1572465098502);
    const customer = psid('PAGE_ID', 'USER_ID');
    expect(b.events).toEqual([
      {
        id: contentKey('messenger', ['reaction', 'original_message_id', 'messenger:chat:PAGE_ID:USER_ID', 'react', '\u{1F622}', at]),
        channel: 'messenger',
        provider: 'messenger',
        conversationId: 'messenger:chat:PAGE_ID:USER_ID',
        occurredAt: at,
        receivedAt: RECEIVED,
        actor: [customer],
        type: 'reaction',
        targetMessageId: 'original_message_id',
        emoji: '\u{1F622}',
        extra: { reaction: 'sad' },
      },
    ]);
    expect(b.records).toEqual([record('messenger', [customer], at)]);
  });

  it('delivery-receipt.json: one delivered status per mid, with the watermark, then the watermark for the whole conversation; no timestamp, so entry.time', () => {
    const b = run(fixture('delivery-receipt.json'));
    const at = iso(1458668856451);
    const watermark = iso(1458668856253);
    expect(b.events).toEqual([
      {
        id: contentKey('messenger', ['delivered', CHAT, 'mid.1458668856218:ed81099e15d3f4f233', watermark]),
        ...eventBase(at),
        sequence: 37,
        type: 'status',
        status: 'delivered',
        targetMessageId: 'mid.1458668856218:ed81099e15d3f4f233',
        watermark,
      },
      { id: contentKey('messenger', ['delivered', CHAT, undefined, watermark]), ...eventBase(at), sequence: 37, type: 'status', status: 'delivered', watermark },
    ]);
  });

  it('read-receipt.json: a read watermark for the whole conversation', () => {
    const b = run(fixture('read-receipt.json'));
    const watermark = iso(1458668856253);
    expect(b.events).toEqual([
      { id: contentKey('messenger', ['read', CHAT, undefined, watermark]), ...eventBase(iso(1458668856463)), sequence: 38, type: 'status', status: 'read', watermark },
    ]);
  });

  it('postback-button.json: a postback message keyed by content (no mid), payload in extra', () => {
    const b = run(fixture('postback-button.json'));
    const at = iso(1458692752478);
    expect(b.messages).toEqual([
      inbound(at, {
        id: contentKey('messenger', ['postback', CHAT, at, 'USER_DEFINED_PAYLOAD', undefined]),
        kind: 'postback',
        extra: { postback_payload: 'USER_DEFINED_PAYLOAD' },
      }),
    ]);
  });
});

const T = 1700000000000;
const delivery = (...items: Record<string, unknown>[]) => ({ object: 'page', entry: [{ id: PAGE, time: T, messaging: items }] });

describe('normalizeMessenger on malformed lists', () => {
  it('messaging, standby or changes that are not arrays are issues, never a silent drop', () => {
    const b = run({ object: 'page', entry: [{ id: PAGE, time: T, messaging: { sender: { id: PSID } }, standby: 'x', changes: 1 }] });
    expect(b.messages).toEqual([]);
    expect(b.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_type', 'entry.0.messaging'],
      ['invalid_type', 'entry.0.standby'],
      ['invalid_type', 'entry.0.changes'],
    ]);
  });
});
const from = { sender: { id: PSID }, recipient: { id: PAGE }, timestamp: T };

describe('normalizeMessenger on documented events', () => {
  it('a postback with a mid and title; a quick reply; a standalone referral', () => {
    const b = run(
      delivery(
        { ...from, postback: { mid: 'm.pb', title: 'Get Started', payload: 'GET_STARTED', referral: { ref: 'promo', source: 'SHORTLINK', type: 'OPEN_THREAD' } } },
        { ...from, message: { mid: 'm.q', text: 'Red', quick_reply: { payload: 'COLOR_RED' } } },
        { ...from, referral: { ref: 'ad7', ad_id: '6045', source: 'ADS', type: 'OPEN_THREAD' } },
      ),
    );
    const at = iso(T);
    expect(b.messages).toEqual([
      inbound(at, {
        id: 'messenger:m.pb',
        providerMessageId: 'm.pb',
        kind: 'postback',
        text: 'Get Started',
        extra: { postback_payload: 'GET_STARTED', referral_ref: 'promo', referral_source: 'SHORTLINK', referral_type: 'OPEN_THREAD' },
      }),
      inbound(at, { id: 'messenger:m.q', providerMessageId: 'm.q', kind: 'interactive', text: 'Red', extra: { quick_reply_payload: 'COLOR_RED' } }),
      inbound(at, {
        id: contentKey('messenger', ['referral', CHAT, at, 'ad7', '6045']),
        kind: 'system',
        extra: { referral_ref: 'ad7', referral_source: 'ADS', referral_type: 'OPEN_THREAD', referral_ad_id: '6045' },
      }),
    ]);
  });

  it('unreact removes the emoji; file, fallback, template and location attachments', () => {
    const b = run(
      delivery(
        { ...from, reaction: { mid: 'm.1', action: 'unreact', reaction: 'love' } },
        {
          ...from,
          message: {
            mid: 'm.2',
            attachments: [
              { type: 'file', payload: { url: 'https://x/f.pdf' } },
              { type: 'fallback', title: 'A link', url: 'https://x/l', payload: null },
              { type: 'template', payload: { template_type: 'generic' } },
              { type: 'location', payload: { coordinates: { lat: 48.85, long: 2.35 } } },
            ],
          },
        },
      ),
    );
    expect(b.events).toMatchObject([{ type: 'reaction', targetMessageId: 'm.1', extra: { reaction: 'love' } }]);
    expect(b.events[0]).not.toHaveProperty('emoji');
    expect(b.messages).toEqual([
      inbound(iso(T), {
        id: 'messenger:m.2',
        providerMessageId: 'm.2',
        kind: 'media',
        attachments: [{ type: 'file', url: 'https://x/f.pdf' }, { type: 'fallback', url: 'https://x/l', caption: 'A link' }, { type: 'template', caption: 'generic' }, { type: 'location' }],
        location: { latitude: 48.85, longitude: 2.35 },
      }),
    ]);
  });

  it('a delivery receipt with several mids gives one event each, and one for its watermark (it covers messages it does not list)', () => {
    const b = run(delivery({ ...from, delivery: { mids: ['m.a', 'm.b'], watermark: T, seq: 5 } }));
    expect(b.events.map((e) => (e.type === 'status' ? [e.status, e.targetMessageId, e.watermark, e.sequence, e.conversationId] : []))).toEqual([
      ['delivered', 'm.a', iso(T), 5, CHAT],
      ['delivered', 'm.b', iso(T), 5, CHAT],
      ['delivered', undefined, iso(T), 5, CHAT],
    ]);
    expect(new Set(b.events.map((e) => e.id)).size).toBe(3);
    // Without a watermark only the listed mids; with neither, an issue and no event.
    const noWatermark = run(delivery({ ...from, delivery: { mids: ['m.a'] } }));
    expect(noWatermark.events.map((e) => (e.type === 'status' ? [e.targetMessageId, e.watermark] : []))).toEqual([['m.a', undefined]]);
    const neither = run(delivery({ ...from, delivery: { mids: [] } }));
    expect([neither.events, neither.issues.map((i) => i.code)]).toEqual([[], ['required']]);
  });

  it('a delivery watermark marks delivered the echoes sent before it that its mids do not list', () => {
    const page = { sender: { id: PAGE }, recipient: { id: PSID } };
    const batches = [
      delivery({ ...page, timestamp: T + 10_000, message: { mid: 'm_OUT1', text: 'Hello!', is_echo: true, app_id: 1517776481860111 } }),
      delivery({ ...page, timestamp: T + 20_000, message: { mid: 'm_OUT2', text: 'Shipped.', is_echo: true, app_id: 1517776481860111 } }),
      delivery({ ...page, timestamp: T + 40_000, message: { mid: 'm_OUT3', text: 'Later.', is_echo: true, app_id: 1517776481860111 } }),
      delivery({ sender: { id: PSID }, recipient: { id: PAGE }, delivery: { mids: ['m_OUT2'], watermark: T + 30_000 } }),
    ].map(run);
    const store = buildTimeline(
      batches.flatMap((b) => b.messages),
      batches.flatMap((b) => b.events),
    );
    expect(store.unassigned().entries.map((e) => [e.id, e.status])).toEqual([
      ['messenger:m_OUT1', 'delivered'],
      ['messenger:m_OUT2', 'delivered'],
      ['messenger:m_OUT3', 'sent'],
    ]);
  });

  it('standby items (handover protocol) are normalized and marked; handover and opt-in events are unsupported items', () => {
    const body = {
      object: 'page',
      entry: [
        {
          id: PAGE,
          time: T,
          standby: [{ ...from, message: { mid: 'm.s', text: 'hi there' } }],
          messaging: [
            { ...from, pass_thread_control: { new_owner_app_id: '123', metadata: 'x' } },
            { ...from, optin: { ref: 'r' } },
            { ...from, strange: { a: 1 } },
          ],
          changes: [{ field: 'feed', value: { item: 'post' } }],
        },
      ],
    };
    const b = run(body);
    expect(b.messages).toEqual([inbound(iso(T), { id: 'messenger:m.s', providerMessageId: 'm.s', kind: 'text', text: 'hi there', extra: { standby: 'true' } })]);
    expect(b.unsupported.map((u) => [u.kind, u.reason, u.path.join('.')])).toEqual([
      ['pass_thread_control', 'messaging event not modelled', 'entry.0.messaging.0'],
      ['optin', 'messaging event not modelled', 'entry.0.messaging.1'],
      ['unknown', 'messaging event not recognised', 'entry.0.messaging.2'],
      ['feed', 'webhook field not modelled', 'entry.0.changes.0'],
    ]);
  });

  it('a test notification from the App Dashboard (a messaging event inside changes[].value)', () => {
    const b = run({ object: 'page', entry: [{ id: '0', time: T, changes: [{ field: 'messages', value: { ...from, message: { mid: 'm.t', text: 'test' } } }] }] });
    expect(b.messages).toEqual([inbound(iso(T), { id: 'messenger:m.t', providerMessageId: 'm.t', kind: 'text', text: 'test' })]);
  });

  it('missing ids and broken parts are issues; the customer id is never invented', () => {
    const b = run(delivery({ recipient: { id: PAGE }, timestamp: T, message: { mid: 'm.x', text: 'who?' } }, { ...from, delivery: { seq: 1 } }));
    expect(b.messages).toMatchObject([{ id: 'messenger:m.x', sender: [], recipients: [pageId(PAGE)], conversation: { id: `messenger:chat:${PAGE}:unknown` } }]);
    expect(b.records).toEqual([customerRecord(iso(T))]);
    expect(b.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['required', 'entry.0.messaging.0.sender'],
      ['required', 'entry.0.messaging.1.delivery'],
    ]);
  });

  it('detect() recognises only Messenger bodies', () => {
    expect(messengerAdapter.detect(fixture('text.json'))).toBe(true);
    expect(messengerAdapter.detect({ object: 'instagram' })).toBe(false);
    expect(normalizeMessenger({ object: 'instagram', entry: [] }, ctx)).toMatchObject({ success: false, issues: [{ code: 'invalid_value', path: ['object'] }] });
  });
});
