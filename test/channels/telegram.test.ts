import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeTelegramUpdate, telegramAdapter } from '../../src/channels/telegram.js';
import type { Identifier } from '../../src/model/identifier.js';
import { safeParseMessage } from '../../src/model/message.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

const RECEIVED = '2024-05-01T10:00:00.000Z';
const ctx = { receivedAt: RECEIVED };

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/channel-payloads/telegram/${name}`, import.meta.url), 'utf8'));
}

function run(body: unknown): NormalizedBatch {
  const r = normalizeTelegramUpdate(body, ctx);
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.issues)}`);
  for (const m of r.data.messages) expect(safeParseMessage(m).success).toBe(true);
  return r.data;
}

const prov = (observedAt: string) => ({ channel: 'telegram' as const, source: 'telegram', observedAt });
const userId = (id: string, at: string): Identifier => ({ kind: 'user_id', value: id, namespace: 'telegram', key: `user_id:telegram:${id}`, verified: true, provenance: prov(at) });
const username = (name: string, at: string): Identifier => ({ kind: 'username', value: name, namespace: 'telegram', key: `username:telegram:${name.toLowerCase()}`, verified: true, provenance: prov(at) });

// Every Chatwoot fixture has the same sender (Sojan Jose, id 23, @sojan) in a private chat.
const AT = '2021-09-08T20:14:37.000Z'; // date 1631132077
const sojan = [userId('23', AT), username('sojan', AT)];
const sojanRecord = {
  id: expect.stringMatching(/^telegram:contact:user_id:telegram:23#[0-9a-f]{12}$/) as unknown as string,
  channel: 'telegram',
  source: 'telegram',
  identifiers: sojan,
  name: { full: 'Sojan Jose', given: 'Sojan', family: 'Jose' },
  locale: 'en',
  observedAt: AT,
};

function sojanMessage(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'telegram:23:1',
    channel: 'telegram',
    provider: 'telegram',
    providerMessageId: '23:1',
    conversation: { id: 'telegram:chat:23', kind: 'private' },
    direction: 'inbound',
    occurredAt: AT,
    receivedAt: RECEIVED,
    sequence: 2342342343242,
    sender: sojan,
    senderName: 'Sojan Jose',
    recipients: [],
    status: 'received',
    ...overrides,
  };
}

describe('normalizeTelegramUpdate on the fixtures', () => {
  it('text-private.json: a private text message from the user', () => {
    const b = run(fixture('text-private.json'));
    expect(b.messages).toEqual([sojanMessage({ kind: 'text', text: 'test', attachments: [] })]);
    expect(b.records).toEqual([sojanRecord]);
    expect(b.events).toEqual([]);
    expect(b.unsupported).toEqual([]);
    expect(b.issues).toEqual([]);
  });

  it('text-group-chat.json: chat.type group gives a group conversation (no title in the fixture)', () => {
    const b = run(fixture('text-group-chat.json'));
    expect(b.messages).toEqual([sojanMessage({ kind: 'text', text: 'test', attachments: [], conversation: { id: 'telegram:chat:23', kind: 'group' } })]);
    expect(b.records).toEqual([sojanRecord]);
  });

  it('photo-no-caption.json: one image attachment, no text', () => {
    const b = run(fixture('photo-no-caption.json'));
    expect(b.messages).toEqual([
      sojanMessage({
        kind: 'media',
        attachments: [{ type: 'image', providerId: 'AgACAgUAAxkBAAODYV3aGZlD6vhzKsE2WNmblsr6zKwAAi-tMRvCoeBWNQ1ENVBzJdwBAAMCAANzAAMhBA', size: 1883 }],
      }),
    ]);
    expect(b.messages[0]?.text).toBeUndefined();
  });

  it('sticker-emoji.json: sticker with its emoji and set, animated => tgsticker', () => {
    const b = run(fixture('sticker-emoji.json'));
    expect(b.messages).toEqual([
      sojanMessage({
        kind: 'sticker',
        attachments: [
          {
            type: 'sticker',
            providerId: 'CAACAgEAAxkBAANHYV6SqK4_QokaTV90Dp-2D2el0uAAAuMAA3FRvjHsabcjn_Em3yEE',
            mimeType: 'application/x-tgsticker',
            size: 7340,
            caption: '👍',
          },
        ],
        extra: { stickerEmoji: '👍', stickerSet: 'a834556273_by_HopSins_1_anim' },
      }),
    ]);
  });

  it('video-no-caption.json: video with file name and mime type', () => {
    const b = run(fixture('video-no-caption.json'));
    expect(b.messages).toEqual([
      sojanMessage({
        kind: 'media',
        attachments: [
          {
            type: 'video',
            providerId: 'BAACAgUAAxkBAAOGYV3e_F8-v3OoAs23SJIBolyXMMMAAqsDAAKd8fBW4X9xFmpoAlghBA',
            mimeType: 'video/mp4',
            filename: 'IMG_2170.MOV',
            size: 291286,
          },
        ],
      }),
    ]);
  });

  it('voice-note.json: voice attachment', () => {
    const b = run(fixture('voice-note.json'));
    expect(b.messages).toEqual([
      sojanMessage({
        kind: 'media',
        attachments: [{ type: 'voice', providerId: 'AwACAgUAAxkBAANjYVwnWF_w8LYTchqVdK9dY7mbwYEAAskDAALCoeBWFvS2u4zS6HAhBA', mimeType: 'audio/ogg', size: 11833 }],
      }),
    ]);
  });

  it('audio-no-text.json: audio attachment', () => {
    const b = run(fixture('audio-no-text.json'));
    expect(b.messages).toEqual([
      sojanMessage({ kind: 'media', attachments: [{ type: 'audio', providerId: 'AwADBAADbXXXXXXXXXXXGBdhD2l6_XX', mimeType: 'audio/mpeg', size: 3897500 }] }),
    ]);
  });

  it('document.json: file with a name containing spaces', () => {
    const b = run(fixture('document.json'));
    expect(b.messages).toEqual([
      sojanMessage({
        kind: 'media',
        attachments: [
          { type: 'file', providerId: 'AwADBAADbXXXXXXXXXXXGBdhD2l6_XX', mimeType: 'application/png', filename: 'Screenshot 2021-09-27 at 2.01.14 PM.png', size: 536392 },
        ],
      }),
    ]);
  });

  it('edited_message.json: an edit event at edit_date targeting the original message, no message', () => {
    const b = run(fixture('edited_message.json'));
    const at = '2023-03-29T11:07:14.000Z'; // date 1680088034
    const editedAt = '2023-03-29T11:07:36.000Z'; // edit_date 1680088056
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([
      {
        type: 'edit',
        id: 'telegram:517123213211248:48:edit:1680088056',
        channel: 'telegram',
        provider: 'telegram',
        conversationId: 'telegram:chat:517123213211248',
        occurredAt: editedAt,
        receivedAt: RECEIVED,
        sequence: 2323484,
        actor: [userId('512313123171248', at), username('sojan', at)],
        targetMessageId: '517123213211248:48',
        text: 'updated message',
      },
    ]);
    expect(b.records).toHaveLength(1);
    expect(b.records[0]?.identifiers.map((i) => i.key)).toEqual(['user_id:telegram:512313123171248', 'username:telegram:sojan']);
    expect(b.records[0]?.name).toEqual({ full: 'Sojan Jose', given: 'Sojan', family: 'Jose' });
    expect(b.records[0]?.observedAt).toBe(at);
  });
});

// Hand-made updates for documented Bot API shapes the fixtures do not cover.
const ana = { id: 4242, is_bot: false, first_name: 'Ana', last_name: 'Souza', username: 'AnaS', language_code: 'pt-BR' };
const DATE = 1714557600; // 2024-05-01T10:00:00Z
const DATE_ISO = '2024-05-01T10:00:00.000Z';

describe('normalizeTelegramUpdate on documented shapes', () => {
  it('a contact the sender shares as their own links the Telegram id to a verified phone', () => {
    const b = run({
      update_id: 10,
      message: { message_id: 5, from: ana, chat: { id: 4242, type: 'private', first_name: 'Ana' }, date: DATE, contact: { phone_number: '5511987654321', first_name: 'Ana', last_name: 'Souza', user_id: 4242 } },
    });
    const m = b.messages[0]!;
    expect(m.kind).toBe('contacts');
    expect(m.sender.map((i) => i.key)).toEqual(['user_id:telegram:4242', 'username:telegram:anas']);
    expect(m.attachments).toEqual([{ type: 'contact', caption: 'Ana Souza' }]);
    expect(m.extra).toEqual({ contactPhone: '5511987654321', contactName: 'Ana Souza', contactUserId: '4242' });
    expect(b.records).toHaveLength(2);
    const linked = b.records[1]!;
    expect(linked.identifiers.map((i) => [i.kind, i.value, i.key, i.verified])).toEqual([
      ['user_id', '4242', 'user_id:telegram:4242', true],
      ['phone', '5511987654321', 'phone:+5511987654321', true],
    ]);
    expect(linked.id).toMatch(/^telegram:contact:user_id:telegram:4242#[0-9a-f]{12}$/);
    expect(linked.id).not.toBe(b.records[0]!.id);
    expect(b.records[0]!.locale).toBe('pt-BR');
  });

  it("someone else's contact is message content, never the sender's identifier", () => {
    const b = run({
      update_id: 11,
      message: { message_id: 6, from: ana, chat: { id: 4242, type: 'private' }, date: DATE, contact: { phone_number: '+44 7700 900123', first_name: 'Bob', user_id: 999 } },
    });
    expect(b.records).toHaveLength(1);
    expect(b.records[0]!.identifiers.some((i) => i.kind === 'phone')).toBe(false);
    expect(b.messages[0]!.sender.some((i) => i.kind === 'phone')).toBe(false);
    expect(b.messages[0]!.extra).toEqual({ contactPhone: '+44 7700 900123', contactName: 'Bob', contactUserId: '999' });
    // Without user_id it is someone's card too.
    const c = run({ update_id: 12, message: { message_id: 7, from: ana, chat: { id: 4242, type: 'private' }, date: DATE, contact: { phone_number: '+447700900123', first_name: 'Ana' } } });
    expect(c.records).toHaveLength(1);
  });

  it('supergroup: negative chat id, group conversation with title, reply_to_message and photo caption with the largest size', () => {
    const b = run({
      update_id: 20,
      message: {
        message_id: 77,
        from: ana,
        chat: { id: -1001234567890, type: 'supergroup', title: 'Clientes VIP' },
        date: DATE,
        caption: 'look at this',
        photo: [
          { file_id: 'small', file_unique_id: 's', width: 90, height: 60, file_size: 1000 },
          { file_id: 'large', file_unique_id: 'l', width: 1280, height: 853, file_size: 90000 },
          { file_id: 'medium', file_unique_id: 'm', width: 320, height: 213, file_size: 9000 },
        ],
        reply_to_message: { message_id: 70, chat: { id: -1001234567890, type: 'supergroup' }, date: DATE - 60, text: 'earlier' },
        media_group_id: 'album-1',
      },
    });
    expect(b.messages).toEqual([
      {
        id: 'telegram:-1001234567890:77',
        channel: 'telegram',
        provider: 'telegram',
        providerMessageId: '-1001234567890:77',
        conversation: { id: 'telegram:chat:-1001234567890', kind: 'group', title: 'Clientes VIP' },
        direction: 'inbound',
        kind: 'media',
        occurredAt: DATE_ISO,
        receivedAt: RECEIVED,
        sequence: 20,
        sender: [userId('4242', DATE_ISO), username('AnaS', DATE_ISO)],
        senderName: 'Ana Souza',
        recipients: [],
        text: 'look at this',
        attachments: [{ type: 'image', providerId: 'large', size: 90000, caption: 'look at this' }],
        replyTo: '-1001234567890:70',
        status: 'received',
        extra: { mediaGroupId: 'album-1' },
      },
    ]);
  });

  it("a bot's own message is outbound and addressed to the private chat's user", () => {
    const b = run({
      update_id: 21,
      message: { message_id: 8, from: { id: 555, is_bot: true, first_name: 'ShopBot', username: 'shop_bot' }, chat: { id: 4242, type: 'private' }, date: DATE, text: 'Your order shipped' },
    });
    const m = b.messages[0]!;
    expect(m.direction).toBe('outbound');
    expect(m.status).toBe('sent');
    expect(m.sender.map((i) => i.key)).toEqual(['user_id:telegram:555', 'username:telegram:shop_bot']);
    expect(m.recipients.map((i) => i.key)).toEqual(['user_id:telegram:4242']);
    expect(b.records).toEqual([]); // the bot is not a customer
  });

  it('channel_post: outbound, channel conversation, sender is the channel (no person identifiers)', () => {
    const b = run({
      update_id: 22,
      channel_post: { message_id: 3, sender_chat: { id: -100777, type: 'channel', title: 'Shop News' }, chat: { id: -100777, type: 'channel', title: 'Shop News' }, date: DATE, text: 'Sale!' },
    });
    const m = b.messages[0]!;
    expect(m.direction).toBe('outbound');
    expect(m.conversation).toEqual({ id: 'telegram:chat:-100777', kind: 'channel', title: 'Shop News' });
    expect(m.sender).toEqual([]);
    expect(m.senderName).toBe('Shop News');
    expect(m.extra).toEqual({ senderChatId: '-100777' });
    expect(b.records).toEqual([]);
  });

  it('edited_channel_post becomes an edit event', () => {
    const b = run({
      update_id: 23,
      edited_channel_post: { message_id: 3, sender_chat: { id: -100777, type: 'channel' }, chat: { id: -100777, type: 'channel' }, date: DATE, edit_date: DATE + 5, text: 'Sale! 50%' },
    });
    expect(b.events).toMatchObject([{ type: 'edit', targetMessageId: '-100777:3', text: 'Sale! 50%', occurredAt: '2024-05-01T10:00:05.000Z', actor: [] }]);
  });

  it('anonymous group admin: from is a placeholder, sender_chat is kept, no person identifiers', () => {
    const b = run({
      update_id: 24,
      message: { message_id: 9, from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' }, sender_chat: { id: -100999, type: 'supergroup', title: 'Team' }, chat: { id: -100999, type: 'supergroup', title: 'Team' }, date: DATE, text: 'hi' },
    });
    expect(b.messages[0]!.sender).toEqual([]);
    expect(b.records).toEqual([]);
  });

  it('forward_origin marks the message forwarded without taking the original author as sender', () => {
    const b = run({
      update_id: 25,
      message: {
        message_id: 10, from: ana, chat: { id: 4242, type: 'private' }, date: DATE, text: 'fyi',
        forward_origin: { type: 'user', sender_user: { id: 31337, is_bot: false, first_name: 'Carlos' }, date: DATE - 3600 },
      },
    });
    const m = b.messages[0]!;
    expect(m.forwarded).toBe(true);
    expect(m.extra).toEqual({ forwardOrigin: 'user', forwardedFrom: 'Carlos', forwardedDate: '2024-05-01T09:00:00.000Z' });
    expect(m.sender.map((i) => i.value)).toEqual(['4242', 'AnaS']);
    // The legacy fields say the same.
    const legacy = run({ update_id: 26, message: { message_id: 11, from: ana, chat: { id: 4242, type: 'private' }, date: DATE, text: 'x', forward_sender_name: 'Hidden Person', forward_date: DATE - 60 } });
    expect(legacy.messages[0]!.forwarded).toBe(true);
    expect(legacy.messages[0]!.extra).toEqual({ forwardedFrom: 'Hidden Person', forwardedDate: '2024-05-01T09:59:00.000Z' });
  });

  it('location, venue, poll, video_note, animation and service messages', () => {
    const base = { from: ana, chat: { id: 4242, type: 'private' }, date: DATE };
    const loc = run({ update_id: 30, message: { ...base, message_id: 1, location: { latitude: -23.5, longitude: -46.6, live_period: 60 } } }).messages[0]!;
    expect([loc.kind, loc.location, loc.extra]).toEqual(['location', { latitude: -23.5, longitude: -46.6 }, { livePeriodSeconds: '60' }]);
    const venue = run({
      update_id: 31,
      message: { ...base, message_id: 2, venue: { location: { latitude: 48.85, longitude: 2.35 }, title: 'Louvre', address: 'Rue de Rivoli' }, location: { latitude: 48.85, longitude: 2.35 } },
    }).messages[0]!;
    expect([venue.kind, venue.location]).toEqual(['location', { latitude: 48.85, longitude: 2.35, name: 'Louvre', address: 'Rue de Rivoli' }]);
    const poll = run({ update_id: 32, message: { ...base, message_id: 3, poll: { id: 'p1', question: 'Which size?', options: [{ text: 'S', voter_count: 0 }, { text: 'M', voter_count: 0 }] } } }).messages[0]!;
    expect([poll.kind, poll.text, poll.extra]).toEqual(['interactive', 'Which size?', { pollId: 'p1', pollOptions: '["S","M"]' }]);
    const note = run({ update_id: 33, message: { ...base, message_id: 4, video_note: { file_id: 'vn', file_unique_id: 'u', length: 240, duration: 3 } } }).messages[0]!;
    expect([note.kind, note.attachments, note.extra]).toEqual(['media', [{ type: 'video', providerId: 'vn' }], { telegramMediaType: 'video_note' }]);
    const gif = run({
      update_id: 34,
      message: { ...base, message_id: 5, animation: { file_id: 'an', file_unique_id: 'u', width: 1, height: 1, duration: 1, mime_type: 'video/mp4' }, document: { file_id: 'an', file_unique_id: 'u', mime_type: 'video/mp4' } },
    }).messages[0]!;
    expect([gif.attachments, gif.extra]).toEqual([[{ type: 'video', providerId: 'an', mimeType: 'video/mp4' }], { telegramMediaType: 'animation' }]);
    const joined = run({ update_id: 35, message: { ...base, chat: { id: -5, type: 'group', title: 'G' }, message_id: 6, new_chat_members: [ana] } }).messages[0]!;
    expect([joined.kind, joined.extra]).toEqual(['system', { telegramService: 'new_chat_members' }]);
    const dice = run({ update_id: 36, message: { ...base, message_id: 7, dice: { emoji: '🎲', value: 4 } } }).messages[0]!;
    expect([dice.kind, dice.extra]).toEqual(['unsupported', { telegramContent: 'dice' }]);
  });

  it('message_reaction: one event with the whole set now (emoji its first); removal gives an event without emoji', () => {
    const reaction = {
      chat: { id: 4242, type: 'private' },
      message_id: 50,
      user: ana,
      date: DATE,
      old_reaction: [],
      new_reaction: [{ type: 'emoji', emoji: '👍' }, { type: 'custom_emoji', custom_emoji_id: '5368324170671202286' }],
    };
    const b = run({ update_id: 40, message_reaction: reaction });
    const common = {
      type: 'reaction',
      channel: 'telegram',
      provider: 'telegram',
      conversationId: 'telegram:chat:4242',
      occurredAt: DATE_ISO,
      receivedAt: RECEIVED,
      sequence: 40,
      actor: [userId('4242', DATE_ISO), username('AnaS', DATE_ISO)],
      targetMessageId: '4242:50',
    };
    expect(b.events).toEqual([{ ...common, id: `telegram:4242:50:reaction:4242:${DATE}`, emoji: '👍', emojis: ['👍', 'custom_emoji:5368324170671202286'] }]);
    const one = run({ update_id: 42, message_reaction: { ...reaction, new_reaction: [{ type: 'emoji', emoji: '👍' }] } });
    expect(one.events).toEqual([{ ...common, sequence: 42, id: `telegram:4242:50:reaction:4242:${DATE}`, emoji: '👍' }]);
    const removed = run({ update_id: 41, message_reaction: { ...reaction, date: DATE + 1, old_reaction: reaction.new_reaction, new_reaction: [] } });
    const at1 = '2024-05-01T10:00:01.000Z';
    expect(removed.events).toEqual([{ ...common, sequence: 41, occurredAt: at1, actor: [userId('4242', at1), username('AnaS', at1)], id: `telegram:4242:50:reaction:4242:${DATE + 1}` }]);
    expect(removed.events[0]).not.toHaveProperty('emoji');
  });

  it('callback_query becomes a postback message replying to the message with the keyboard', () => {
    const b = run({
      update_id: 50,
      callback_query: { id: '4382bfdwdsb323b2d9', from: ana, message: { message_id: 60, chat: { id: 4242, type: 'private' }, date: DATE, text: 'Pick one' }, chat_instance: '-8765', data: 'size=M' },
    });
    expect(b.messages).toEqual([
      {
        id: 'telegram:callback:4382bfdwdsb323b2d9',
        channel: 'telegram',
        provider: 'telegram',
        providerMessageId: 'callback:4382bfdwdsb323b2d9',
        conversation: { id: 'telegram:chat:4242', kind: 'private' },
        direction: 'inbound',
        kind: 'postback',
        occurredAt: RECEIVED,
        receivedAt: RECEIVED,
        sequence: 50,
        sender: [userId('4242', RECEIVED), username('AnaS', RECEIVED)],
        senderName: 'Ana Souza',
        recipients: [],
        attachments: [],
        replyTo: '4242:60',
        status: 'received',
        extra: { callbackData: 'size=M', chatInstance: '-8765' },
      },
    ]);
  });

  it('deleted_business_messages gives one delete event per message id', () => {
    const b = run({ update_id: 60, deleted_business_messages: { business_connection_id: 'bc', chat: { id: 4242, type: 'private' }, message_ids: [1, 2] } });
    expect(b.events.map((e) => [e.type, e.id, e.type === 'delete' ? e.targetMessageId : ''])).toEqual([
      ['delete', 'telegram:4242:1:delete', '4242:1'],
      ['delete', 'telegram:4242:2:delete', '4242:2'],
    ]);
  });

  it('unknown update kinds are kept as unsupported items with their raw payload', () => {
    const raw = { chat: { id: -5, type: 'group' }, from: ana, date: DATE, old_chat_member: {}, new_chat_member: {} };
    const b = run({ update_id: 70, my_chat_member: raw });
    expect(b.unsupported).toEqual([{ provider: 'telegram', channel: 'telegram', kind: 'my_chat_member', reason: 'update kind not modelled', path: ['my_chat_member'], raw }]);
    expect(b.messages).toEqual([]);
  });

  it('a redelivered update gives the same ids', () => {
    const body = fixture('text-private.json');
    const a = run(body);
    const b = normalizeTelegramUpdate(body, { receivedAt: '2024-05-01T10:05:00Z' });
    expect(b.success && b.data.messages[0]!.id).toBe(a.messages[0]!.id);
  });

  it('bad data: missing date falls back to receivedAt with an issue; missing chat is skipped with an issue', () => {
    const b = run({ update_id: 80, message: { message_id: 1, from: ana, chat: { id: 4242, type: 'private' }, text: 'no date' } });
    expect(b.messages[0]!.occurredAt).toBe(RECEIVED);
    expect(b.issues).toEqual([{ code: 'required', path: ['message', 'date'], message: 'telegram: missing or unreadable date; receivedAt used instead' }]);
    const c = run({ update_id: 81, message: { message_id: 1, from: ana, text: 'no chat' } });
    expect(c.messages).toEqual([]);
    expect(c.issues[0]?.path).toEqual(['message']);
  });

  it('refuses non-objects and prototype-polluting keys; fails on a missing receivedAt', () => {
    expect(normalizeTelegramUpdate('nope', ctx).success).toBe(false);
    const polluted = JSON.parse('{"update_id":1,"message":{"__proto__":{"x":1},"message_id":1}}') as unknown;
    const r = normalizeTelegramUpdate(polluted, ctx);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0].code).toBe('forbidden_key');
    const noClock = normalizeTelegramUpdate({ update_id: 1 }, {} as never);
    expect(noClock.success).toBe(false);
    if (!noClock.success) expect(noClock.issues[0].path).toEqual(['receivedAt']);
  });
});

describe('telegramAdapter.detect', () => {
  it('recognises updates and nothing else', () => {
    expect(telegramAdapter.detect(fixture('text-private.json'))).toBe(true);
    expect(telegramAdapter.detect({ update_id: 1 })).toBe(false);
    expect(telegramAdapter.detect({ object: 'page', entry: [] })).toBe(false);
    expect(telegramAdapter.detect(null)).toBe(false);
    expect(telegramAdapter.provider).toBe('telegram');
  });
});

describe('every item an adapter returns validates', () => {
  it('an over-long file name or a coordinate out of range is removed with an issue; the message is kept', () => {
    const longName = 'x'.repeat(5000);
    const b = run({
      update_id: 90,
      message: { message_id: 1, from: ana, chat: { id: 4242, type: 'private' }, date: DATE, caption: 'see', document: { file_id: 'doc', file_name: longName, mime_type: 'application/pdf' } },
    });
    expect(b.messages).toHaveLength(1);
    expect(b.messages[0]!.attachments).toEqual([{ type: 'file', providerId: 'doc', mimeType: 'application/pdf', caption: 'see' }]);
    expect(b.issues.map((i) => [i.code, i.path])).toEqual([['too_big', ['messages', 0, 'attachments', 0, 'filename']]]);
    const far = run({ update_id: 91, message: { message_id: 2, from: ana, chat: { id: 4242, type: 'private' }, date: DATE, location: { latitude: 123, longitude: 10 } } });
    expect(far.messages).toHaveLength(1);
    expect(far.messages[0]!.location).toBeUndefined();
    expect(far.issues.map((i) => [i.code, i.path])).toEqual([['too_big', ['messages', 0, 'location', 'latitude']], ['required', ['messages', 0, 'location']]]);
  });

  it('an item whose required id is unusable is dropped with an issue, the rest of the delivery kept', () => {
    const b = run({ update_id: 92, message: { message_id: 1, from: ana, chat: { id: 'c'.repeat(3000), type: 'private' }, date: DATE, text: 'hi' } });
    expect(b.messages).toEqual([]);
    expect(b.issues.some((i) => i.path[0] === 'messages' && i.message.includes('dropped an invalid message'))).toBe(true);
    expect(b.records).toHaveLength(1);
  });
});
