import { describe, expect, it } from 'vitest';
import { normalizeWhatsApp, whatsappAdapter } from '../../src/channels/whatsapp.js';
import type { Identifier } from '../../src/model/identifier.js';
import { contentKey, ctx, fixture as load, iso, ok, phone, RECEIVED, record, userId } from './_meta-helpers.js';

const fixture = (name: string): unknown => load('whatsapp-cloud', name);
const run = (body: unknown) => ok(normalizeWhatsApp(body, ctx));

const BSUID = 'US.13491208655302741918';
const PARENT = 'US.ENT.11815799212886844830';
const bsuid = (v: string): Identifier => userId('whatsapp:bsuid', v);
const parent = (v: string): Identifier => userId('whatsapp:parent_bsuid', v);
const username = (handle: string): Identifier => ({ kind: 'username', value: handle, namespace: 'whatsapp', key: `username:whatsapp:${handle.slice(1).toLowerCase()}`, verified: true });
const pnid = (v: string): Identifier => userId('whatsapp:phone_number_id', v);

// pywa fixtures: business +972 123456789 / phone_number_id 1122334455667, customer wa_id 972987654321 with BSUIDs.
const BUSINESS_A = [phone('972123456789', true), pnid('1122334455667')];
const CUSTOMER_A = [phone('972987654321', true), bsuid(BSUID), parent(PARENT)];
const CHAT_A = { id: 'whatsapp:chat:1122334455667:972987654321', kind: 'private' };
const recordA = (at: string) => record('whatsapp', [bsuid(BSUID), phone('972987654321', true), parent(PARENT)], at, 'Test Name');

function inboundA(at: string, overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'whatsapp:wamid.xyzxyz',
    channel: 'whatsapp',
    provider: 'whatsapp',
    providerMessageId: 'wamid.xyzxyz',
    conversation: CHAT_A,
    direction: 'inbound',
    occurredAt: at,
    receivedAt: RECEIVED,
    sender: CUSTOMER_A,
    senderName: 'Test Name',
    recipients: BUSINESS_A,
    attachments: [],
    status: 'received',
    ...overrides,
  };
}

describe('normalizeWhatsApp on the fixtures', () => {
  it('text.json: a text message; the contact has wa_id, BSUID and parent BSUID', () => {
    const b = run(fixture('text.json'));
    const at = iso(1697043223);
    expect(b.messages).toEqual([inboundA(at, { kind: 'text', text: 'Body Text' })]);
    expect(b.records).toEqual([recordA(at)]);
    expect(b.events).toEqual([]);
    expect(b.unsupported).toEqual([]);
    expect(b.issues).toEqual([]);
  });

  it('text-reply-with-context.json: context.id becomes replyTo', () => {
    const b = run(fixture('text-reply-with-context.json'));
    const at = iso(1697044746);
    expect(b.messages).toEqual([inboundA(at, { kind: 'text', text: 'replied text', replyTo: 'wamid.xyzxyz==' })]);
    expect(b.records).toEqual([recordA(at)]);
    expect(b.issues).toEqual([]);
  });

  it('image-no-caption.json: media without text keeps the media id, mime type and sha256', () => {
    const b = run(fixture('image-no-caption.json'));
    const at = iso(1697043379);
    expect(b.messages).toEqual([
      inboundA(at, { kind: 'media', attachments: [{ type: 'image', providerId: '65463453', mimeType: 'image/jpeg', sha256: '4654+8g=' }] }),
    ]);
    expect(b.messages[0]).not.toHaveProperty('text');
    expect(b.records).toEqual([recordA(at)]);
  });

  it('location-chosen-forwarded.json: location with name/address/url, forwarded', () => {
    const b = run(fixture('location-chosen-forwarded.json'));
    const at = iso(1697044557);
    expect(b.messages).toEqual([
      inboundA(at, {
        kind: 'location',
        location: {
          latitude: 37.4611978,
          longitude: -122.2164385,
          name: 'Facebook HQ',
          address: '1 Hacker Way, Menlo Park, CA 94025',
          url: 'https://maps.google.com/?cid=2000000000000000000',
        },
        forwarded: true,
      }),
    ]);
  });

  it('unsupported-message-type.json: kept as an unsupported message with the error in extra', () => {
    const b = run(fixture('unsupported-message-type.json'));
    const at = iso(1697044706);
    expect(b.messages).toEqual([
      inboundA(at, {
        kind: 'unsupported',
        extra: { error_code: '131051', error_title: 'Message type unknown', error_detail: 'Message type is currently not supported.' },
      }),
    ]);
    // WhatsApp itself says the type is unsupported: nothing more to keep raw.
    expect(b.unsupported).toEqual([]);
  });

  it('edit-image-caption.json: an edit event targeting the original wamid with the new caption', () => {
    const b = run(fixture('edit-image-caption.json'));
    const at = iso(1749854575);
    const sender = [phone('16505551234')];
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([
      {
        id: 'whatsapp:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
        channel: 'whatsapp',
        provider: 'whatsapp',
        conversationId: 'whatsapp:chat:106540352242922:16505551234',
        occurredAt: at,
        receivedAt: RECEIVED,
        actor: sender,
        type: 'edit',
        targetMessageId: 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=',
        text: 'Updated image caption',
      },
    ]);
    // The sender (from 16505551234) is not the listed contact (wa_id 972987654321): two contacts, not one.
    expect(b.records).toEqual([
      record('whatsapp', sender, at),
      record('whatsapp', [bsuid(BSUID), phone('972987654321', true), parent(PARENT)], at, 'Test Name'),
    ]);
  });

  it('status-delivered.json: a delivered status with pricing facts in extra', () => {
    const b = run(fixture('status-delivered.json'));
    const at = iso(1698266945);
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([
      {
        id: contentKey('whatsapp', ['status', 'wamid.xyzxyz', 'delivered', undefined]),
        channel: 'whatsapp',
        provider: 'whatsapp',
        conversationId: CHAT_A.id,
        occurredAt: at,
        receivedAt: RECEIVED,
        actor: CUSTOMER_A,
        type: 'status',
        status: 'delivered',
        targetMessageId: 'wamid.xyzxyz',
        extra: {
          pricing_conversation_id: '7270432eae37498234f4444b35ffc5',
          pricing_conversation_origin: 'service',
          pricing_category: 'service',
          pricing_model: 'CBP',
          pricing_billable: 'true',
        },
      },
    ]);
    expect(b.records).toEqual([recordA(at)]);
  });

  it('status-failed-with-errors.json: a failed status carries the first error', () => {
    const b = run(fixture('status-failed-with-errors.json'));
    expect(b.events).toEqual([
      {
        id: contentKey('whatsapp', ['status', 'wamid.xyzxyz', 'failed', undefined]),
        channel: 'whatsapp',
        provider: 'whatsapp',
        conversationId: CHAT_A.id,
        occurredAt: iso(1689380458),
        receivedAt: RECEIVED,
        actor: CUSTOMER_A,
        type: 'status',
        status: 'failed',
        targetMessageId: 'wamid.xyzxyz',
        error: {
          code: '130472',
          title: "User's number is part of an experiment",
          detail: "Failed to send message because this user's phone number is part of an experiment",
        },
      },
    ]);
  });

  it('status-read-group-bsuid.json: a group receipt is per participant, in the group conversation', () => {
    const b = run(fixture('status-read-group-bsuid.json'));
    const at = iso(1750030173);
    const participant = [phone('16505551234'), bsuid(BSUID), parent(PARENT), username('@pablomorales')];
    expect(b.events).toEqual([
      {
        id: contentKey('whatsapp', ['status', 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=', 'read', '16505551234']),
        channel: 'whatsapp',
        provider: 'whatsapp',
        conversationId: 'whatsapp:group:120363418770915618@g.us',
        occurredAt: at,
        receivedAt: RECEIVED,
        actor: participant,
        type: 'status',
        status: 'read',
        targetMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
        extra: { recipient_type: 'group' },
      },
    ]);
    expect(b.records).toEqual([record('whatsapp', [bsuid(BSUID), phone('16505551234'), parent(PARENT), username('@pablomorales')], at, 'Pablo M.')]);
  });

  it('group-text-bsuid-username-no-wa_id.json: no phone at all; BSUID, parent BSUID and username identify the sender', () => {
    const b = run(fixture('group-text-bsuid-username-no-wa_id.json'));
    const at = iso(1749416383);
    const sender = [bsuid(BSUID), parent(PARENT), username('@realsheenanelson')];
    expect(b.messages).toEqual([
      {
        id: 'whatsapp:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        channel: 'whatsapp',
        provider: 'whatsapp',
        providerMessageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        conversation: { id: 'whatsapp:group:120363418770915618@g.us', kind: 'group' },
        direction: 'inbound',
        kind: 'text',
        occurredAt: at,
        receivedAt: RECEIVED,
        sender,
        senderName: 'Sheena Nelson',
        recipients: [phone('15550783881'), pnid('106540352242922')],
        text: 'Does it come in another color?',
        attachments: [],
        status: 'received',
      },
    ]);
    expect(b.records).toEqual([record('whatsapp', sender, at, 'Sheena Nelson')]);
    expect(b.records[0]!.identifiers.some((i) => i.kind === 'phone')).toBe(false);
  });

  it('reaction-emoji-skin-tone.json: a reaction event keeps the emoji with its skin-tone modifier', () => {
    const b = run(fixture('reaction-emoji-skin-tone.json'));
    const at = iso(1653253313);
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([
      {
        id: 'whatsapp:wamid.HBgNNDkxNTIwOTgzMzM5OBUCABIYHGDEHJVFHJEVCFHJEVBCMTkyODk1OEIyAA==',
        channel: 'whatsapp',
        provider: 'whatsapp',
        conversationId: 'whatsapp:chat:10634295353625:491234567890',
        occurredAt: at,
        receivedAt: RECEIVED,
        actor: [phone('491234567890', true)],
        type: 'reaction',
        targetMessageId: 'wamid.xxxxxxxx',
        emoji: '\u{1F44D}\u{1F3FB}',
      },
    ]);
    expect(b.records).toEqual([record('whatsapp', [phone('491234567890', true)], at, 'TestUser')]);
    // The business display number of this fixture (1234567891) is not a valid number: kept without a key, reported.
    expect(b.issues).toEqual([
      {
        code: 'too_small',
        path: ['entry', 0, 'changes', 0, 'value', 'metadata', 'display_phone_number'],
        message: expect.stringContaining('kept without a key') as unknown as string,
      },
    ]);
  });

  it('system-user-changed-number.json: a number_changed event; the placeholder new number is kept without a key and reported', () => {
    const b = run(fixture('system-user-changed-number.json'));
    const at = iso(1653253313);
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([
      {
        id: 'whatsapp:wamid.HBgNNDkxNTIwOTgzMzM5OBUCABIYHGDEHJVFHJEVCFHJEVBCMTkyODk1OEIyAA==',
        channel: 'whatsapp',
        provider: 'whatsapp',
        conversationId: 'whatsapp:chat:10634295353625:491234567890',
        occurredAt: at,
        receivedAt: RECEIVED,
        actor: [phone('491234567890', true)],
        type: 'identity_change',
        change: 'number_changed',
        previous: [phone('491234567890', true)],
        current: [{ kind: 'phone', value: 'NEW_PHONE_NUMBER', verified: true }],
      },
    ]);
    expect(b.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['too_small', 'entry.0.changes.0.value.metadata.display_phone_number'],
      ['invalid_format', 'entry.0.changes.0.value.messages.0.system.new_wa_id'],
    ]);
  });

  it('system-customer-identity-changed.json: a security_code_changed event with the identity hash', () => {
    const b = run(fixture('system-customer-identity-changed.json'));
    const at = iso(1697044706);
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([
      {
        id: 'whatsapp:wamid.xyzxyz',
        channel: 'whatsapp',
        provider: 'whatsapp',
        conversationId: 'whatsapp:chat:1122334455667:972987654321',
        occurredAt: at,
        receivedAt: RECEIVED,
        actor: [phone('972987654321', true)],
        type: 'identity_change',
        change: 'security_code_changed',
        current: [phone('972987654321', true)],
        extra: { identity_hash: 'xyzxyz', identity_acknowledged: 'true', identity_created_at: at },
      },
    ]);
    expect(b.records).toEqual([record('whatsapp', [phone('972987654321', true)], at, 'User A')]);
  });

  it('user-id-update-bsuid-rotated.json: a user_id_rotated event from previous to current BSUIDs', () => {
    const b = run(fixture('user-id-update-bsuid-rotated.json'));
    const at = iso(1749416383);
    expect(b.events).toEqual([
      {
        id: contentKey('whatsapp', ['user_id_update', '16505551234', 'US.10101010101010101010', BSUID, at]),
        channel: 'whatsapp',
        provider: 'whatsapp',
        occurredAt: at,
        receivedAt: RECEIVED,
        actor: [phone('16505551234')],
        type: 'identity_change',
        change: 'user_id_rotated',
        previous: [bsuid('US.10101010101010101010'), parent('US.ENT.10101010101010101010')],
        current: [bsuid(BSUID), parent(PARENT)],
        extra: { detail: 'User id for Sheena Nelson has been updated.' },
      },
    ]);
    expect(b.records).toEqual([record('whatsapp', [phone('16505551234')], at, 'Sheena Nelson')]);
    expect(b.messages).toEqual([]);
    expect(b.issues).toEqual([]);
  });
});

// Payloads in Meta's documented formats that the fixtures do not cover.
const META = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };
const BUSINESS = [phone('15550783881'), pnid('106540352242922')];
const WA = '16505551234';
const CUSTOMER = [phone(WA), bsuid(BSUID)];
const CHAT = `whatsapp:chat:106540352242922:${WA}`;
const T = 1739321024;

function delivery(value: Record<string, unknown>, field = 'messages'): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field, value: { messaging_product: 'whatsapp', metadata: META, ...value } }] }],
  };
}
const contact = { profile: { name: 'Sheena Nelson' }, wa_id: WA, user_id: BSUID };
const inbound = (message: Record<string, unknown>) => delivery({ contacts: [contact], messages: [{ from: WA, from_user_id: BSUID, id: 'wamid.A', timestamp: String(T), ...message }] });

function expected(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'whatsapp:wamid.A',
    channel: 'whatsapp',
    provider: 'whatsapp',
    providerMessageId: 'wamid.A',
    conversation: { id: CHAT, kind: 'private' },
    direction: 'inbound',
    occurredAt: iso(T),
    receivedAt: RECEIVED,
    sender: CUSTOMER,
    senderName: 'Sheena Nelson',
    recipients: BUSINESS,
    attachments: [],
    status: 'received',
    ...overrides,
  };
}

describe('normalizeWhatsApp on documented message types', () => {
  it('video with caption, document with filename, voice note, animated sticker', () => {
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { type: 'video', video: { caption: 'look', mime_type: 'video/mp4', sha256: 'h1', id: '765' } },
        { kind: 'media', text: 'look', attachments: [{ type: 'video', providerId: '765', mimeType: 'video/mp4', sha256: 'h1', caption: 'look' }] },
      ],
      [
        { type: 'document', document: { caption: 'invoice', filename: 'inv 1.pdf', mime_type: 'application/pdf', sha256: 'h2', id: '123' } },
        { kind: 'media', text: 'invoice', attachments: [{ type: 'file', providerId: '123', mimeType: 'application/pdf', sha256: 'h2', filename: 'inv 1.pdf', caption: 'invoice' }] },
      ],
      [
        { type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'h3', id: '9', voice: true } },
        { kind: 'media', attachments: [{ type: 'voice', providerId: '9', mimeType: 'audio/ogg; codecs=opus', sha256: 'h3' }] },
      ],
      [
        { type: 'audio', audio: { mime_type: 'audio/mpeg', id: '10', voice: false } },
        { kind: 'media', attachments: [{ type: 'audio', providerId: '10', mimeType: 'audio/mpeg' }] },
      ],
      [
        { type: 'sticker', sticker: { mime_type: 'image/webp', sha256: 'h4', id: '11', animated: true } },
        { kind: 'sticker', attachments: [{ type: 'sticker', providerId: '11', mimeType: 'image/webp', sha256: 'h4' }], extra: { sticker_animated: 'true' } },
      ],
    ];
    for (const [message, want] of cases) expect(run(inbound(message)).messages).toEqual([expected(want)]);
  });

  it('contacts shared by the customer are message content, never the sender identity', () => {
    const b = run(
      inbound({
        type: 'contacts',
        contacts: [
          { name: { first_name: 'Chandler', last_name: 'Bing', formatted_name: 'Chandler Bing' }, phones: [{ phone: '+1 555-555-5555', wa_id: '15555555555', type: 'CELL' }], emails: [{ email: 'c@b.co' }] },
          { name: { first_name: 'Monica' } },
        ],
      }),
    );
    expect(b.messages).toEqual([
      expected({
        kind: 'contacts',
        attachments: [
          { type: 'contact', caption: 'Chandler Bing' },
          { type: 'contact', caption: 'Monica' },
        ],
        extra: {
          contacts: JSON.stringify([
            { name: 'Chandler Bing', phones: [{ phone: '+1 555-555-5555', wa_id: '15555555555' }], emails: ['c@b.co'] },
            { name: 'Monica', phones: [], emails: [] },
          ]),
        },
      }),
    ]);
    expect(b.records).toHaveLength(1);
    expect(b.records[0]!.identifiers.map((i) => i.key)).toEqual([`user_id:whatsapp:bsuid:${BSUID}`, `phone:+${WA}`]);
  });

  it('interactive button_reply, list_reply and nfm_reply; template quick-reply button', () => {
    const context = { context: { from: '15550783881', id: 'wamid.Q' } };
    expect(run(inbound({ ...context, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes-1', title: 'Yes' } } })).messages).toEqual([
      expected({ kind: 'interactive', text: 'Yes', replyTo: 'wamid.Q', extra: { interactive_type: 'button_reply', reply_id: 'yes-1' } }),
    ]);
    expect(
      run(inbound({ ...context, type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'row-2', title: 'Tuesday', description: 'after 2pm' } } })).messages,
    ).toEqual([expected({ kind: 'interactive', text: 'Tuesday', replyTo: 'wamid.Q', extra: { interactive_type: 'list_reply', reply_id: 'row-2', reply_description: 'after 2pm' } })]);
    expect(
      run(inbound({ ...context, type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t"}' } } })).messages,
    ).toEqual([expected({ kind: 'interactive', text: 'Sent', replyTo: 'wamid.Q', extra: { interactive_type: 'nfm_reply', flow_name: 'flow', response_json: '{"flow_token":"t"}' } })]);
    expect(run(inbound({ ...context, type: 'button', button: { payload: 'STOP_PROMOS', text: 'Stop promotions' } })).messages).toEqual([
      expected({ kind: 'interactive', text: 'Stop promotions', replyTo: 'wamid.Q', extra: { button_payload: 'STOP_PROMOS' } }),
    ]);
  });

  it('an order keeps its catalog and items; a click-to-WhatsApp referral is kept in extra', () => {
    const order = run(
      inbound({ type: 'order', order: { catalog_id: '354', text: 'fast please', product_items: [{ product_retailer_id: 'SODA', quantity: 2, item_price: 10, currency: 'ILS' }] } }),
    );
    expect(order.messages).toEqual([
      expected({
        kind: 'interactive',
        text: 'fast please',
        extra: { order_catalog_id: '354', order_items: JSON.stringify([{ product_retailer_id: 'SODA', quantity: 2, item_price: 10, currency: 'ILS' }]) },
      }),
    ]);
    const referral = run(
      inbound({ type: 'text', text: { body: 'Hi from the ad' }, referral: { source_url: 'https://fb.me/x', source_id: 'ADID', source_type: 'ad', headline: 'Sale', ctwa_clid: 'CLID' } }),
    );
    expect(referral.messages).toEqual([
      expected({
        kind: 'text',
        text: 'Hi from the ad',
        extra: { referral_source_url: 'https://fb.me/x', referral_source_id: 'ADID', referral_source_type: 'ad', referral_headline: 'Sale', referral_ctwa_clid: 'CLID' },
      }),
    ]);
  });

  it('frequently forwarded; a quoted product', () => {
    expect(run(inbound({ type: 'text', text: { body: 'fwd' }, context: { frequently_forwarded: true, referred_product: { catalog_id: 'C', product_retailer_id: 'P' } } })).messages).toEqual([
      expected({ kind: 'text', text: 'fwd', forwarded: true, extra: { frequently_forwarded: 'true', referred_product_catalog_id: 'C', referred_product_retailer_id: 'P' } }),
    ]);
  });

  it('a reaction removal (empty or absent emoji) has no emoji; a revoke is a delete event', () => {
    const base = { id: 'whatsapp:wamid.A', channel: 'whatsapp', provider: 'whatsapp', conversationId: CHAT, occurredAt: iso(T), receivedAt: RECEIVED, actor: CUSTOMER };
    expect(run(inbound({ type: 'reaction', reaction: { message_id: 'wamid.T', emoji: '' } })).events).toEqual([{ ...base, type: 'reaction', targetMessageId: 'wamid.T' }]);
    expect(run(inbound({ type: 'reaction', reaction: { message_id: 'wamid.T' } })).events).toEqual([{ ...base, type: 'reaction', targetMessageId: 'wamid.T' }]);
    expect(run(inbound({ type: 'revoke', revoke: { original_message_id: 'wamid.T' } })).events).toEqual([{ ...base, type: 'delete', targetMessageId: 'wamid.T' }]);
    expect(run(inbound({ type: 'edit', edit: { original_message_id: 'wamid.T', message: { type: 'text', text: { body: 'fixed' } } } })).events).toEqual([
      { ...base, type: 'edit', targetMessageId: 'wamid.T', text: 'fixed' },
    ]);
  });

  it('a reaction, edit or revoke without its target is reported, not invented', () => {
    const b = run(inbound({ type: 'reaction', reaction: { emoji: 'x' } }));
    expect(b.events).toEqual([]);
    expect(b.issues).toEqual([{ code: 'required', path: ['entry', 0, 'changes', 0, 'value', 'messages', 0, 'reaction'], message: 'reaction does not name the message it targets' }]);
  });

  it('system user_changed_user_id (no from at all): a user_id_rotated event', () => {
    const b = run(
      delivery({
        messages: [{ id: 'wamid.S', timestamp: String(T), type: 'system', system: { body: 'User changed', user_id: 'MX.0987654321', previous_user_id: 'CO.1234567890', type: 'user_changed_user_id' } }],
      }),
    );
    expect(b.events).toEqual([
      {
        id: 'whatsapp:wamid.S',
        channel: 'whatsapp',
        provider: 'whatsapp',
        conversationId: 'whatsapp:chat:106540352242922:unknown',
        occurredAt: iso(T),
        receivedAt: RECEIVED,
        actor: [bsuid('CO.1234567890')],
        type: 'identity_change',
        change: 'user_id_rotated',
        previous: [bsuid('CO.1234567890')],
        current: [bsuid('MX.0987654321')],
      },
    ]);
    expect(b.records).toEqual([]);
  });

  it('documented user_changed_number (system.wa_id) names the new number', () => {
    const b = run(delivery({ messages: [{ from: WA, id: 'wamid.N', timestamp: String(T), type: 'system', system: { body: 'changed', wa_id: '12195555358', type: 'user_changed_number' } }] }));
    expect(b.events).toMatchObject([{ type: 'identity_change', change: 'number_changed', previous: [phone(WA)], current: [phone('12195555358')] }]);
    expect(b.issues).toEqual([]);
  });

  it('an unknown system type is a system message', () => {
    const b = run(inbound({ type: 'system', system: { body: 'something happened', type: 'new_thing' } }));
    expect(b.messages).toEqual([expected({ kind: 'system', text: 'something happened', extra: { system_type: 'new_thing' } })]);
  });

  it('an unknown message type is an unsupported message and its raw payload is kept', () => {
    const body = inbound({ type: 'hologram', hologram: { id: 'h' } });
    const b = run(body);
    expect(b.messages).toEqual([expected({ kind: 'unsupported', extra: { whatsapp_type: 'hologram' } })]);
    expect(b.unsupported).toEqual([
      {
        provider: 'whatsapp',
        channel: 'whatsapp',
        kind: 'message:hologram',
        reason: expect.any(String) as unknown as string,
        path: ['entry', 0, 'changes', 0, 'value', 'messages', 0],
        raw: { from: WA, from_user_id: BSUID, id: 'wamid.A', timestamp: String(T), type: 'hologram', hologram: { id: 'h' } },
      },
    ]);
  });

  it('errors beside an interactive message without content are attached to it', () => {
    const body = delivery({
      contacts: [contact],
      messages: [{ context: { from: '15550783881', id: 'wamid.Q' }, from: WA, id: 'wamid.A', timestamp: String(T), type: 'interactive' }],
      errors: [{ code: 131000, title: 'Something went wrong', message: 'Something went wrong', error_data: { details: 'Unsupported webhook payload' } }],
    });
    const b = run(body);
    expect(b.messages).toEqual([
      expected({
        sender: [phone(WA), bsuid(BSUID)],
        kind: 'interactive',
        replyTo: 'wamid.Q',
        extra: { error_code: '131000', error_title: 'Something went wrong', error_detail: 'Unsupported webhook payload' },
      }),
    ]);
  });

  it('sent and played statuses; a pre-BSUID status without contacts; an unknown status is unsupported', () => {
    const b = run(
      delivery({
        statuses: [
          { id: 'wamid.O', status: 'sent', timestamp: String(T), recipient_id: WA, conversation: { id: 'c1', expiration_timestamp: String(T + 86400), origin: { type: 'utility' } }, biz_opaque_callback_data: 'order-7' },
          { id: 'wamid.V', status: 'played', timestamp: String(T + 1), recipient_id: WA, recipient_user_id: BSUID },
          { id: 'wamid.W', status: 'deleted', timestamp: String(T + 2), recipient_id: WA },
        ],
      }),
    );
    expect(b.events).toEqual([
      {
        id: contentKey('whatsapp', ['status', 'wamid.O', 'sent', undefined]),
        channel: 'whatsapp',
        provider: 'whatsapp',
        conversationId: `whatsapp:chat:106540352242922:${WA}`,
        occurredAt: iso(T),
        receivedAt: RECEIVED,
        actor: [phone(WA)],
        type: 'status',
        status: 'sent',
        targetMessageId: 'wamid.O',
        extra: { pricing_conversation_id: 'c1', pricing_conversation_origin: 'utility', pricing_conversation_expires_at: iso(T + 86400), biz_opaque_callback_data: 'order-7' },
      },
      {
        id: contentKey('whatsapp', ['status', 'wamid.V', 'played', undefined]),
        channel: 'whatsapp',
        provider: 'whatsapp',
        conversationId: CHAT,
        occurredAt: iso(T + 1),
        receivedAt: RECEIVED,
        actor: [phone(WA), bsuid(BSUID)],
        type: 'status',
        status: 'read',
        targetMessageId: 'wamid.V',
        extra: { whatsapp_status: 'played' },
      },
    ]);
    expect(b.unsupported.map((u) => [u.kind, u.path.join('.')])).toEqual([['status:deleted', 'entry.0.changes.0.value.statuses.2']]);
  });

  it('smb_message_echoes: messages the business sent from the WhatsApp Business app are outbound', () => {
    const b = run(delivery({ message_echoes: [{ from: '15550783881', to: `+${WA}`, id: 'wamid.E', timestamp: String(T), type: 'text', text: { body: 'on our way' } }] }, 'smb_message_echoes'));
    expect(b.messages).toEqual([
      {
        id: 'whatsapp:wamid.E',
        channel: 'whatsapp',
        provider: 'whatsapp',
        providerMessageId: 'wamid.E',
        conversation: { id: `whatsapp:chat:106540352242922:+${WA}`, kind: 'private' },
        direction: 'outbound',
        kind: 'text',
        occurredAt: iso(T),
        receivedAt: RECEIVED,
        sender: BUSINESS,
        recipients: [phone(`+${WA}`)],
        text: 'on our way',
        attachments: [],
        status: 'sent',
      },
    ]);
  });

  it('several entries, changes and messages in one delivery, in order; other fields are unsupported items', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'W1',
          changes: [
            { field: 'messages', value: { metadata: META, contacts: [contact], messages: [1, 2].map((n) => ({ from: WA, id: `wamid.${n}`, timestamp: String(T + n), type: 'text', text: { body: `m${n}` } })) } },
            { field: 'account_update', value: { phone_number: '15550783881', event: 'VERIFIED_ACCOUNT' } },
          ],
        },
        {
          id: 'W2',
          changes: [
            { field: 'messages', value: { metadata: META, messages: [{ from: '447700900123', id: 'wamid.3', timestamp: String(T + 3), type: 'text', text: { body: 'm3' } }] } },
            { field: 'message_template_status_update', value: { event: 'APPROVED' } },
          ],
        },
      ],
    };
    const b = run(body);
    expect(b.messages.map((m) => [m.id, m.text, m.occurredAt, m.sender.map((s) => s.key)])).toEqual([
      ['whatsapp:wamid.1', 'm1', iso(T + 1), [`phone:+${WA}`, `user_id:whatsapp:bsuid:${BSUID}`]],
      ['whatsapp:wamid.2', 'm2', iso(T + 2), [`phone:+${WA}`, `user_id:whatsapp:bsuid:${BSUID}`]],
      ['whatsapp:wamid.3', 'm3', iso(T + 3), ['phone:+447700900123']],
    ]);
    expect(b.records.map((r) => r.identifiers[0]!.key)).toEqual([`user_id:whatsapp:bsuid:${BSUID}`, 'phone:+447700900123']);
    expect(b.unsupported).toEqual([
      { provider: 'whatsapp', channel: 'whatsapp', kind: 'account_update', reason: 'webhook field not modelled', path: ['entry', 0, 'changes', 1], raw: body.entry[0]!.changes[1] },
      { provider: 'whatsapp', channel: 'whatsapp', kind: 'message_template_status_update', reason: 'webhook field not modelled', path: ['entry', 1, 'changes', 1], raw: body.entry[1]!.changes[1] },
    ]);
  });

  it('the same delivery twice gives the same ids (idempotency), whatever the arrival time', () => {
    const a = run(fixture('status-delivered.json'));
    const b = ok(normalizeWhatsApp(fixture('status-delivered.json'), { receivedAt: '2030-01-01T00:00:00Z' }));
    expect(b.events.map((e) => e.id)).toEqual(a.events.map((e) => e.id));
    expect(b.records.map((r) => r.id)).toEqual(a.records.map((r) => r.id));
  });
});

describe('normalizeWhatsApp refuses what it cannot read', () => {
  it('a body that is not a WhatsApp delivery', () => {
    expect(normalizeWhatsApp({ object: 'page', entry: [] }, ctx)).toMatchObject({ success: false, issues: [{ code: 'invalid_value', path: ['object'] }] });
    expect(normalizeWhatsApp({ object: 'whatsapp_business_account' }, ctx)).toMatchObject({ success: false, issues: [{ code: 'invalid_type', path: ['entry'] }] });
    expect(normalizeWhatsApp([], ctx)).toMatchObject({ success: false, issues: [{ code: 'invalid_type', path: [] }] });
  });

  it('a bad receivedAt; a prototype-polluting key', () => {
    expect(normalizeWhatsApp(fixture('text.json'), { receivedAt: 'yesterday' })).toMatchObject({ success: false, issues: [{ code: 'invalid_value', path: ['receivedAt'] }] });
    const polluted = JSON.parse('{"object":"whatsapp_business_account","entry":[{"__proto__":{"admin":true}}]}') as unknown;
    expect(normalizeWhatsApp(polluted, ctx)).toMatchObject({ success: false, issues: [{ code: 'forbidden_key', path: ['entry', 0, '__proto__'] }] });
  });

  it('malformed parts are issues; the rest is still normalized', () => {
    const b = run({
      object: 'whatsapp_business_account',
      entry: [
        'nonsense',
        {
          changes: [
            {
              field: 'messages',
              value: {
                metadata: META,
                messages: [7, { from: WA, timestamp: 'soon', type: 'location', location: { latitude: 91, longitude: 0 } }, { from: WA, id: 'wamid.ok', timestamp: String(T), type: 'text', text: { body: 'fine' } }],
              },
            },
          ],
        },
      ],
    });
    expect(b.messages.map((m) => [m.kind, m.text, m.providerMessageId])).toEqual([
      ['location', undefined, undefined],
      ['text', 'fine', 'wamid.ok'],
    ]);
    expect(b.messages[0]!.id).toMatch(/^whatsapp:sha256:[0-9a-f]{64}$/);
    expect(b.messages[0]!.occurredAt).toBe(RECEIVED);
    expect(b.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_type', 'entry.0'],
      ['invalid_type', 'entry.1.changes.0.value.messages.0'],
      ['invalid_value', 'entry.1.changes.0.value.messages.1.timestamp'],
      ['required', 'entry.1.changes.0.value.messages.1.id'],
      ['invalid_value', 'entry.1.changes.0.value.messages.1.location'],
    ]);
  });

  it('a list that is not an array, or a text that is not an object, is an issue, never a silent drop', () => {
    const b = run({
      object: 'whatsapp_business_account',
      entry: [
        { changes: 'x' },
        { changes: [{ field: 'messages', value: { metadata: META, messages: { id: 'x' }, statuses: 7 } }] },
        { changes: [{ field: 'messages', value: { metadata: META, messages: [{ from: WA, id: 'wamid.s', timestamp: String(T), type: 'text', text: 'hi' }] } }] },
      ],
    });
    expect(b.messages.map((m) => [m.providerMessageId, m.text])).toEqual([['wamid.s', undefined]]);
    expect(b.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_type', 'entry.0.changes'],
      ['invalid_type', 'entry.1.changes.0.value.messages'],
      ['invalid_type', 'entry.1.changes.0.value.statuses'],
      ['invalid_type', 'entry.2.changes.0.value.messages.0.text'],
    ]);
  });

  it('detect() recognises only WhatsApp bodies', () => {
    expect(whatsappAdapter.detect(fixture('text.json'))).toBe(true);
    expect(whatsappAdapter.detect({ object: 'page' })).toBe(false);
    expect(whatsappAdapter.detect('whatsapp_business_account')).toBe(false);
  });
});
