import { describe, expect, it } from 'vitest';
import { instagramAdapter, normalizeInstagram } from '../../src/channels/instagram.js';
import type { Identifier } from '../../src/model/identifier.js';
import { contentKey, ctx, fixture as load, iso, ok, RECEIVED, record, userId } from './_meta-helpers.js';

const fixture = (name: string): unknown => load('instagram', name);
const run = (body: unknown) => ok(normalizeInstagram(body, ctx));

const igsid = (account: string, id: string): Identifier => userId(`instagram:account:${account}`, id);
const account = (id: string): Identifier => userId('instagram:account_id', id);

// Chatwoot factories: no `object`, ISO times, synthetic ids. The account is the recipient
// (chatwoot-app-user-id-1); entry.id is a made-up "message id" that matches neither side.
const CW_ACCOUNT = 'chatwoot-app-user-id-1';
const CW_CUSTOMER = igsid(CW_ACCOUNT, 'Sender-id-1');
const CW_CHAT = `instagram:chat:${CW_ACCOUNT}:Sender-id-1`;
const CW_AT = '2021-09-08T06:34:04.000Z';

function cwInbound(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    channel: 'instagram',
    provider: 'instagram',
    conversation: { id: CW_CHAT, kind: 'private' },
    direction: 'inbound',
    occurredAt: CW_AT,
    receivedAt: RECEIVED,
    sender: [CW_CUSTOMER],
    recipients: [account(CW_ACCOUNT)],
    attachments: [],
    status: 'received',
    ...overrides,
  };
}

// RESTFB: real-looking ids, epoch-ms times.
const IG = '17841452691600098';
const CUSTOMER = igsid(IG, '5614879045272581');
const AT = iso(1668022333735);

describe('normalizeInstagram on the fixtures', () => {
  it('restfb-read-seen.json: read.mid targets one message', () => {
    const b = run(fixture('restfb-read-seen.json'));
    expect(b.events).toEqual([
      {
        id: contentKey('instagram', ['read', `instagram:chat:${IG}:5614879045272581`, 'MESSAGE-ID', undefined]),
        channel: 'instagram',
        provider: 'instagram',
        conversationId: `instagram:chat:${IG}:5614879045272581`,
        occurredAt: AT,
        receivedAt: RECEIVED,
        actor: [CUSTOMER],
        type: 'status',
        status: 'read',
        targetMessageId: 'MESSAGE-ID',
      },
    ]);
    expect(b.records).toEqual([record('instagram', [CUSTOMER], AT)]);
    expect(b.records[0]!.identifiers[0]!.key).toBe('user_id:instagram:account:17841452691600098:5614879045272581');
  });

  it('restfb-attachment-unsupported_type.json: an unsupported attachment keeps its URL; the long mid is the id', () => {
    const body = fixture('restfb-attachment-unsupported_type.json') as { entry: [{ messaging: [{ message: { mid: string; attachments: [{ payload: { url: string } }] } }] }] };
    const { mid, attachments } = body.entry[0].messaging[0].message;
    const b = run(body);
    expect(b.messages).toEqual([
      {
        id: `instagram:${mid}`,
        channel: 'instagram',
        provider: 'instagram',
        providerMessageId: mid,
        conversation: { id: `instagram:chat:${IG}:5614879045272581`, kind: 'private' },
        direction: 'inbound',
        kind: 'unsupported',
        occurredAt: AT,
        receivedAt: RECEIVED,
        sender: [CUSTOMER],
        recipients: [account(IG)],
        attachments: [{ type: 'unsupported', url: attachments[0].payload.url }],
        status: 'received',
      },
    ]);
  });

  it('chatwoot-story-reply.json: the replied-to story is kept in extra (it is not a message)', () => {
    const b = run(fixture('chatwoot-story-reply.json'));
    expect(b.messages).toEqual([
      cwInbound({
        id: 'instagram:message-id-1',
        providerMessageId: 'message-id-1',
        kind: 'text',
        text: 'This is the story reply',
        extra: { reply_to_story_id: 'chatwoot-app-user-id-1', reply_to_story_url: 'https://chatwoot-assets.local/sample.png' },
      }),
    ]);
    expect(b.messages[0]).not.toHaveProperty('replyTo');
    expect(b.records).toEqual([record('instagram', [CW_CUSTOMER], CW_AT)]);
  });

  it('chatwoot-reply-to-mid.json: ISO time strings are read; reply_to.mid becomes replyTo', () => {
    const b = run(fixture('chatwoot-reply-to-mid.json'));
    expect(b.messages).toEqual([
      cwInbound({ id: 'instagram:message-id-2', providerMessageId: 'message-id-2', kind: 'text', text: 'This is message with replyto mid', replyTo: 'message-id-1' }),
    ]);
  });

  it('chatwoot-unsend-is_deleted.json: an unsend is a delete event', () => {
    const b = run(fixture('chatwoot-unsend-is_deleted.json'));
    expect(b.messages).toEqual([]);
    expect(b.events).toEqual([
      {
        id: contentKey('instagram', ['delete', 'message-id-to-delete']),
        channel: 'instagram',
        provider: 'instagram',
        conversationId: CW_CHAT,
        occurredAt: CW_AT,
        receivedAt: RECEIVED,
        actor: [CW_CUSTOMER],
        type: 'delete',
        targetMessageId: 'message-id-to-delete',
      },
    ]);
  });

  it('chatwoot-story-mention-echo.json: an echo is outbound; with no entry.id to decide, the echo sender is the account', () => {
    const b = run(fixture('chatwoot-story-mention-echo.json'));
    const customer = igsid('Sender-id-1', CW_ACCOUNT);
    expect(b.messages).toEqual([
      {
        id: 'instagram:message-id-1',
        channel: 'instagram',
        provider: 'instagram',
        providerMessageId: 'message-id-1',
        conversation: { id: `instagram:chat:Sender-id-1:${CW_ACCOUNT}`, kind: 'private' },
        direction: 'outbound',
        kind: 'media',
        occurredAt: CW_AT,
        receivedAt: RECEIVED,
        sender: [account('Sender-id-1')],
        recipients: [customer],
        attachments: [{ type: 'story', url: 'https://www.example.com/test.jpeg' }],
        status: 'sent',
      },
    ]);
  });

  it('chatwoot-shared-reel.json: an ig_reel attachment is a reel with its video id and title', () => {
    const b = run(fixture('chatwoot-shared-reel.json'));
    expect(b.messages).toEqual([
      cwInbound({
        id: 'instagram:message-id-1',
        providerMessageId: 'message-id-1',
        kind: 'media',
        attachments: [{ type: 'reel', url: 'https://www.example.com/test.jpeg', providerId: '1234', caption: 'Reel title' }],
      }),
    ]);
  });

  it('chatwoot-standby-after-24h.json: a standby message is normalized and marked', () => {
    const b = run(fixture('chatwoot-standby-after-24h.json'));
    expect(b.messages).toEqual([
      cwInbound({
        id: 'instagram:message-id-1',
        providerMessageId: 'message-id-1',
        kind: 'text',
        text: 'This is the first standby message from the customer, after 24 hours.',
        extra: { standby: 'true' },
      }),
    ]);
  });

  it('chatwoot-is_unsupported.json: is_unsupported gives an unsupported message', () => {
    const b = run(fixture('chatwoot-is_unsupported.json'));
    expect(b.messages).toEqual([cwInbound({ id: 'instagram:unsupported-message-id-1', providerMessageId: 'unsupported-message-id-1', kind: 'unsupported' })]);
    expect(b.issues).toEqual([]);
  });
});

describe('normalizeInstagram on documented events', () => {
  const T = 1700000000000;
  const from = { sender: { id: '5614879045272581' }, recipient: { id: IG }, timestamp: T };
  const delivery = (...items: Record<string, unknown>[]) => ({ object: 'instagram', entry: [{ id: IG, time: T, messaging: items }] });

  it('shares, posts and reactions; an echo from the account', () => {
    const b = run(
      delivery(
        { ...from, message: { mid: 'i.1', attachments: [{ type: 'share', payload: { url: 'https://ig/p/1' } }, { type: 'ig_post', payload: { ig_post_media_id: '99', title: 'A post', url: 'https://ig/p/2' } }] } },
        { ...from, reaction: { mid: 'i.1', action: 'react', reaction: 'love', emoji: '\u2764\uFE0F' } },
        { sender: { id: IG }, recipient: { id: '5614879045272581' }, timestamp: T, message: { mid: 'i.2', text: 'thanks!', is_echo: true } },
      ),
    );
    expect(b.messages.map((m) => [m.id, m.direction, m.kind, m.sender[0]!.key, m.recipients[0]!.key, m.attachments])).toEqual([
      ['instagram:i.1', 'inbound', 'media', CUSTOMER.key, account(IG).key, [{ type: 'share', url: 'https://ig/p/1' }, { type: 'post', url: 'https://ig/p/2', providerId: '99', caption: 'A post' }]],
      ['instagram:i.2', 'outbound', 'text', account(IG).key, CUSTOMER.key, []],
    ]);
    expect(b.events).toMatchObject([{ type: 'reaction', targetMessageId: 'i.1', emoji: '\u2764\uFE0F', actor: [CUSTOMER] }]);
    expect(b.records.map((r) => r.id)).toEqual([`instagram:contact:${CUSTOMER.key!}`]);
  });

  it('a receipt naming mids and a watermark targets the mids and also gives the watermark for the whole conversation', () => {
    const chat = `instagram:chat:${IG}:5614879045272581`;
    const b = run(delivery({ ...from, delivery: { mids: ['i.9'], watermark: T } }, { ...from, read: { mid: 'i.9', watermark: T } }));
    expect(b.events.map((e) => (e.type === 'status' ? [e.status, e.targetMessageId, e.watermark, e.conversationId] : []))).toEqual([
      ['delivered', 'i.9', iso(T), chat],
      ['delivered', undefined, iso(T), chat],
      ['read', 'i.9', iso(T), chat],
      ['read', undefined, iso(T), chat],
    ]);
  });

  it('comments and mentions (changes) are unsupported items', () => {
    const change = { field: 'comments', value: { id: 'c1', from: { id: '1', username: 'ana' }, text: 'nice' } };
    const b = run({ object: 'instagram', entry: [{ id: IG, time: T, changes: [change] }] });
    expect(b.unsupported).toEqual([{ provider: 'instagram', channel: 'instagram', kind: 'comments', reason: 'webhook field not modelled', path: ['entry', 0, 'changes', 0], raw: change }]);
  });

  it('detect() recognises only Instagram bodies (a body without object is not claimed)', () => {
    expect(instagramAdapter.detect(fixture('restfb-read-seen.json'))).toBe(true);
    expect(instagramAdapter.detect(fixture('chatwoot-story-reply.json'))).toBe(false);
    expect(normalizeInstagram({ object: 'page', entry: [] }, ctx)).toMatchObject({ success: false, issues: [{ code: 'invalid_value', path: ['object'] }] });
  });
});
