import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineAdapter, normalizeLineWebhook } from '../../src/channels/line.js';
import type { Identifier } from '../../src/model/identifier.js';
import { safeParseMessage } from '../../src/model/message.js';
import { safeParseMessageEvent } from '../../src/model/message-event.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

const RECEIVED = '2024-05-01T10:00:00.000Z';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/channel-payloads/line/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

function run(body: unknown, receivedAt = RECEIVED): NormalizedBatch {
  const r = normalizeLineWebhook(body, { receivedAt });
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.issues)}`);
  for (const m of r.data.messages) expect(safeParseMessage(m).success).toBe(true);
  for (const e of r.data.events) expect(safeParseMessageEvent(e).success).toBe(true);
  return r.data;
}

const USER = 'U206d25c2ea6bd87c17655609a1c37cb8';
const AT = '2016-05-07T13:57:59.859Z'; // timestamp 1462629479859
const prov = (observedAt: string) => ({ channel: 'line' as const, source: 'line', observedAt });
const lineUser = (id: string, at = AT): Identifier => ({ kind: 'user_id', value: id, namespace: 'line', key: `user_id:line:${id}`, verified: true, provenance: prov(at) });
// The SDK fixtures' destination "U123" is not a real LINE id: the bot is kept without a key, reported once.
const fixtureBot: Identifier = { kind: 'user_id', value: 'U123', namespace: 'line', verified: true, provenance: prov(AT) };
const botIssue = { code: 'invalid_format', path: ['destination'], message: 'line: user_id "U123" kept without a key: LINE id "U123" is not U/C/R followed by 32 lowercase hex digits' };
const userRecord = (at = AT) => ({ id: `line:contact:user_id:line:${USER}`, channel: 'line', source: 'line', identifiers: [lineUser(USER, at)], observedAt: at });

function lineMessage(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'line:325708',
    channel: 'line',
    provider: 'line',
    providerMessageId: '325708',
    conversation: { id: `line:chat:U123:${USER}`, kind: 'private' },
    direction: 'inbound',
    occurredAt: AT,
    receivedAt: RECEIVED,
    sender: [lineUser(USER)],
    recipients: [fixtureBot],
    attachments: [],
    status: 'received',
    ...overrides,
  };
}

describe('normalizeLineWebhook on the fixtures', () => {
  it('text-1to1.json: 1:1 text, quote token kept', () => {
    const b = run(fixture('text-1to1.json'));
    expect(b.messages).toEqual([lineMessage({ kind: 'text', text: 'Hello, world', extra: { quoteToken: 'quoteToken', webhookEventId: 'testwebhookeventid' } })]);
    expect(b.records).toEqual([userRecord()]);
    expect(b.events).toEqual([]);
    expect(b.issues).toEqual([botIssue]);
  });

  it('text-redelivery-isRedelivery-true.json: the redelivered copy has the same id and content as the original', () => {
    const original = run(fixture('text-1to1.json'));
    const again = run(fixture('text-redelivery-isRedelivery-true.json'), '2024-05-01T10:05:00.000Z');
    expect(again.messages).toEqual(original.messages.map((m) => ({ ...m, receivedAt: '2024-05-01T10:05:00.000Z' })));
  });

  it('image-in-room.json: a room is a group conversation; no userId, so no sender', () => {
    const b = run(fixture('image-in-room.json'));
    expect(b.messages).toEqual([
      lineMessage({
        conversation: { id: 'line:room:Ra8dbf4673c4c812cd491258042226c99', kind: 'group' },
        kind: 'media',
        sender: [],
        attachments: [{ type: 'image', providerId: '325708', url: 'https://example.com' }],
        extra: { quoteToken: 'quoteToken', webhookEventId: 'testwebhookeventid' },
      }),
    ]);
    expect(b.records).toEqual([]);
  });

  it('text-in-group.json: group conversation, the sender is the group member', () => {
    const b = run(fixture('text-in-group.json'));
    expect(b.messages).toEqual([
      lineMessage({ conversation: { id: 'line:group:Ca56f94637cc4347f90a25382909b24b9', kind: 'group' }, kind: 'text', text: 'Hello, world', extra: { quoteToken: 'quoteToken', webhookEventId: 'testwebhookeventid' } }),
    ]);
    expect(b.records).toEqual([userRecord()]);
  });

  it('location.json: coordinates, title and address', () => {
    const b = run(fixture('location.json'));
    expect(b.messages).toEqual([
      lineMessage({ kind: 'location', location: { latitude: 35.65910807942215, longitude: 139.70372892916203, name: 'my location', address: 'Tokyo' }, extra: { webhookEventId: 'testwebhookeventid' } }),
    ]);
  });

  it('sticker.json: package/sticker ids, keywords, and the message-sticker text', () => {
    const b = run(fixture('sticker.json'));
    expect(b.messages).toEqual([
      lineMessage({
        kind: 'sticker',
        text: 'Just sticker',
        attachments: [{ type: 'sticker', providerId: '1/1' }],
        extra: { stickerPackageId: '1', stickerId: '1', stickerResourceType: 'STATIC', stickerKeywords: '["Love You","Love"]', quoteToken: 'quoteToken', webhookEventId: 'testwebhookeventid' },
      }),
    ]);
  });

  it('file.json: file name and size, content fetched by message id', () => {
    const b = run(fixture('file.json'));
    expect(b.messages).toEqual([lineMessage({ kind: 'media', attachments: [{ type: 'file', providerId: '325708', filename: 'file.txt', size: 2138 }], extra: { webhookEventId: 'testwebhookeventid' } })]);
  });

  it('message-edited.json: an edit event on the original message id, with the new text', () => {
    const b = run(fixture('message-edited.json'));
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([
      {
        type: 'edit',
        id: 'line:event:testwebhookeventid',
        channel: 'line',
        provider: 'line',
        conversationId: `line:chat:U123:${USER}`,
        occurredAt: AT,
        receivedAt: RECEIVED,
        actor: [lineUser(USER)],
        targetMessageId: '325708',
        text: 'Hello, edited world',
      },
    ]);
    expect(b.issues).toEqual([]);
  });

  it('unsend-in-group.json: a delete event on the unsent message, not a message', () => {
    const at = '2019-01-18T13:24:08.122Z';
    const b = run(fixture('unsend-in-group.json'));
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([
      {
        type: 'delete',
        id: 'line:325708:unsend',
        channel: 'line',
        provider: 'line',
        conversationId: 'line:group:Ca56f94637cc4347f90a25382909b24b9',
        occurredAt: at,
        receivedAt: RECEIVED,
        actor: [lineUser(USER, at)],
        targetMessageId: '325708',
      },
    ]);
    expect(b.records).toEqual([userRecord(at)]);
  });

  it('unfollow-not-a-message.json: an identity change (unfollowed), not a message', () => {
    const b = run(fixture('unfollow-not-a-message.json'));
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([
      {
        type: 'identity_change',
        id: 'line:event:testwebhookeventid',
        channel: 'line',
        provider: 'line',
        conversationId: `line:chat:U123:${USER}`,
        occurredAt: AT,
        receivedAt: RECEIVED,
        actor: [lineUser(USER)],
        change: 'unfollowed',
        previous: [lineUser(USER)],
      },
    ]);
  });

  it('_full-webhook-28-events.json: every event lands where it belongs', () => {
    const b = run(fixture('_full-webhook-28-events.json'));
    // 28 events: 11 message events, 4 postbacks, 2 beacons, join, leave, accountLink and memberJoined/Left
    // with 2 members each => 24 messages; follow/unfollow/unsend/messageEdited => 4 events;
    // videoPlayComplete and the unknown "undefined" type => 2 unsupported. (The SDK file reuses one
    // webhookEventId and one message id everywhere; real ones are unique.)
    const kinds = b.messages.map((m) => m.kind);
    expect(kinds).toEqual([
      'text', 'media', 'media', 'media', 'location', 'sticker', // events 0-5
      'system', 'system', // join, leave (8, 9)
      'postback', 'system', 'system', 'system', // postback 10, beacon 11, 12, accountLink 13
      'text', 'text', // group 14, room 15
      'postback', 'postback', 'postback', // 16-18
      'system', 'system', 'system', 'system', // memberJoined x2 (19), memberLeft x2 (20)
      'media', 'media', 'text', // file 21, image set 24, redelivery 25
    ]);
    expect(b.events.map((e) => [e.type, e.type === 'identity_change' ? e.change : ''])).toEqual([
      ['identity_change', 'followed'],
      ['identity_change', 'unfollowed'],
      ['delete', ''],
      ['edit', ''],
    ]);
    expect(b.unsupported.map((u) => [u.kind, u.path])).toEqual([
      ['videoPlayComplete', ['events', 23]],
      ['undefined', ['events', 27]],
    ]);
    const follow = b.events[0]!;
    expect(follow.extra).toEqual({ isUnblocked: 'true' });
    const video = b.messages[2]!;
    expect([video.attachments, video.extra]).toEqual([[{ type: 'video', providerId: '325708', url: 'https://example.com' }], { durationMs: '60000', quoteToken: 'quoteToken', webhookEventId: 'testwebhookeventid' }]);
    const audio = b.messages[3]!;
    expect([audio.attachments, audio.extra]).toEqual([[{ type: 'audio', providerId: '325708', url: 'https://example.com' }], { durationMs: '60000', quoteToken: 'quoteToken', webhookEventId: 'testwebhookeventid' }]);
    const join = b.messages[6]!;
    expect([join.conversation, join.sender, join.extra]).toEqual([{ id: 'line:group:Ca56f94637cc4347f90a25382909b24b9', kind: 'group' }, [], { lineEvent: 'join' }]);
    const postback = b.messages[8]!;
    expect(postback.extra).toEqual({ postbackData: 'action=buyItem&itemId=123123&color=red', postbackParams: '{"datetime":"2017-12-25T01:00"}', webhookEventId: 'testwebhookeventid' });
    expect(b.messages[10]!.extra).toEqual({ lineEvent: 'beacon', beaconHwid: 'd41d8cd98f', beaconType: 'enter', beaconDm: '1234567890abcdef' });
    expect(b.messages[11]!.extra).toEqual({ lineEvent: 'accountLink', accountLinkResult: 'ok', accountLinkNonce: 'Vb771wDYtXuammLszK6h9A' });
    const joined = b.messages.filter((m) => m.extra?.['lineEvent'] === 'memberJoined');
    expect(joined.map((m) => [m.id, m.sender.map((s) => s.value)])).toEqual([
      ['line:event:testwebhookeventid:U4af4980629...', ['U4af4980629...']],
      ['line:event:testwebhookeventid:U91eeaf62d9...', ['U91eeaf62d9...']],
    ]);
    const imageSet = b.messages[22]!;
    expect([imageSet.id, imageSet.occurredAt, imageSet.attachments, imageSet.extra]).toEqual([
      'line:354718705033693861',
      '2021-07-27T03:35:24.722Z',
      [{ type: 'image', providerId: '354718705033693861' }],
      { imageSetId: 'E005D41A7288F41B655', imageSetIndex: '2', imageSetTotal: '2', quoteToken: 'quoteToken', webhookEventId: 'testwebhookeventid' },
    ]);
  });
});

// Hand-made bodies for documented shapes the SDK fixtures do not cover.
const BOT = 'Uaaaabbbbccccddddeeeeffff00001111';
const ANA = 'U0123456789abcdef0123456789abcdef';
const TS = 1714557600000; // 2024-05-01T10:00:00Z
const base = { mode: 'active', timestamp: TS, source: { type: 'user', userId: ANA }, webhookEventId: '01HX0000000000000000000000', deliveryContext: { isRedelivery: false } };

describe('normalizeLineWebhook on documented shapes', () => {
  it('text with LINE emojis, mentions (one of them the bot) and a quoted message', () => {
    const b = run({
      destination: BOT,
      events: [
        {
          ...base,
          type: 'message',
          source: { type: 'group', groupId: 'Cabc', userId: ANA },
          replyToken: 'r',
          message: {
            id: '468789577898262530',
            type: 'text',
            quoteToken: 'q',
            quotedMessageId: '468789532432007169',
            text: '@bot @Ana $ hello',
            emojis: [{ index: 10, length: 1, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' }],
            mention: { mentionees: [{ index: 0, length: 4, type: 'user', userId: BOT, isSelf: true }, { index: 5, length: 4, type: 'user', userId: 'U1111111111111111111111111111111a' }, { index: 0, length: 4, type: 'all' }] },
          },
        },
      ],
    });
    const m = b.messages[0]!;
    expect(m).toMatchObject({ id: 'line:468789577898262530', text: '@bot @Ana $ hello', replyTo: '468789532432007169', conversation: { id: 'line:group:Cabc', kind: 'group' } });
    expect(m.extra).toEqual({
      lineEmojis: '[{"index":10,"length":1,"productId":"5ac1bfd5040ab15980c9b435","emojiId":"001"}]',
      mentions: `${BOT},U1111111111111111111111111111111a,@all`,
      mentionsBot: 'true',
      quoteToken: 'q',
      webhookEventId: '01HX0000000000000000000000',
    });
    expect(m.recipients.map((r) => r.key)).toEqual([`user_id:line:${BOT}`]);
    expect(b.issues).toEqual([]);
  });

  it('follow (unblocked) is an identity change with the user as current; standby mode is kept on messages', () => {
    const b = run({ destination: BOT, events: [{ ...base, type: 'follow', replyToken: 'r', follow: { isUnblocked: false } }, { ...base, webhookEventId: '01HX1', mode: 'standby', type: 'message', message: { id: '1', type: 'text', text: 'hi', quoteToken: 'q' } }] });
    expect(b.events[0]).toMatchObject({ type: 'identity_change', change: 'followed', current: [{ key: `user_id:line:${ANA}` }], extra: { isUnblocked: 'false' }, conversationId: `line:chat:${BOT}:${ANA}` });
    expect(b.messages[0]!.extra).toEqual({ quoteToken: 'q', webhookEventId: '01HX1', mode: 'standby' });
  });

  it('the same user through two bots of one provider keeps one key (namespace line)', () => {
    const a = run({ destination: BOT, events: [{ ...base, type: 'message', message: { id: '1', type: 'text', text: 'a', quoteToken: 'q' } }] });
    const c = run({ destination: 'Uffffeeeeddddccccbbbbaaaa99998888', events: [{ ...base, type: 'message', message: { id: '2', type: 'text', text: 'b', quoteToken: 'q' } }] });
    expect(a.records[0]!.id).toBe(c.records[0]!.id);
    expect(a.messages[0]!.conversation.id).not.toBe(c.messages[0]!.conversation.id);
  });

  it('unknown and module-only event types are unsupported items; an empty events array is an empty batch', () => {
    const b = run({ destination: BOT, events: [{ ...base, type: 'membership', membership: { type: 'joined', membershipId: 3 } }, { ...base, type: 'botSuspended' }] });
    expect(b.unsupported.map((u) => [u.kind, u.reason])).toEqual([
      ['membership', 'event type not modelled'],
      ['botSuspended', 'event type not modelled'],
    ]);
    const empty = run({ destination: BOT, events: [] });
    expect(empty).toEqual({ records: [], messages: [], events: [], unsupported: [], issues: [] });
  });

  it('events without webhookEventId still get stable ids (content hash)', () => {
    const { webhookEventId: _w, ...noId } = base;
    const body = { destination: BOT, events: [{ ...noId, type: 'postback', postback: { data: 'a=1' } }] };
    const one = run(body).messages[0]!;
    const two = run(body, '2024-05-02T00:00:00.000Z').messages[0]!;
    expect(one.id).toMatch(/^line:sha256:[0-9a-f]{64}$/);
    expect(two.id).toBe(one.id);
  });

  it('bad data: non-object events and missing timestamps are reported; the rest is normalized', () => {
    const { timestamp: _t, ...noTime } = base;
    const b = run({ destination: BOT, events: ['x', { ...noTime, type: 'message', message: { id: '9', type: 'text', text: 't', quoteToken: 'q' } }] });
    expect(b.messages[0]!.occurredAt).toBe(RECEIVED);
    expect(b.issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_type', ['events', 0]],
      ['required', ['events', 1, 'timestamp']],
    ]);
    expect(normalizeLineWebhook('nope', { receivedAt: RECEIVED }).success).toBe(false);
  });
});

describe('lineAdapter.detect', () => {
  it('recognises LINE webhook bodies', () => {
    expect(lineAdapter.detect(fixture('text-1to1.json'))).toBe(true);
    expect(lineAdapter.detect({ destination: BOT, events: [] })).toBe(true);
    expect(lineAdapter.detect({ events: [] })).toBe(false);
    expect(lineAdapter.provider).toBe('line');
  });
});
