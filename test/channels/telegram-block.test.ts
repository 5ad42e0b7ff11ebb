// Telegram "user blocked / unblocked the bot": a my_chat_member update in a private chat whose new
// status is `kicked` (blocked) or `member` after `kicked` (unblocked)
// (https://core.telegram.org/bots/api#chatmemberupdated). The same facts as LINE unfollow / follow
// (https://developers.line.biz/en/reference/messaging-api/#unfollow-event), so the same events.
import { describe, expect, it } from 'vitest';
import { normalizeLineWebhook } from '../../src/channels/line.js';
import { normalizeTelegramUpdate } from '../../src/channels/telegram.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

const RECEIVED = '2024-06-01T12:00:00.000Z';
const user = { id: 111111111, is_bot: false, first_name: 'Ana', username: 'anasouza' };
const bot = { id: 999, is_bot: true, first_name: 'ShopBot', username: 'shop_bot' };
const chat = { id: 111111111, first_name: 'Ana', username: 'anasouza', type: 'private' };

function run(body: unknown): NormalizedBatch {
  const r = normalizeTelegramUpdate(body, { receivedAt: RECEIVED });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

const member = (date: number, before: string, after: string, c: Record<string, unknown> = chat): unknown => ({
  update_id: date, my_chat_member: { chat: c, from: user, date, old_chat_member: { user: bot, status: before }, new_chat_member: { user: bot, status: after, ...(after === 'kicked' ? { until_date: 0 } : {}) } },
});

describe('telegram my_chat_member: blocked and unblocked', () => {
  it('blocked (kicked) is unfollowed, unblocked (member after kicked) is followed, as LINE gives them', () => {
    const blocked = run(member(1717000300, 'member', 'kicked'));
    const unblocked = run(member(1717000400, 'kicked', 'member'));
    expect(blocked.unsupported).toEqual([]);
    const keys = (ids: readonly { key?: string }[] | undefined): (string | undefined)[] | undefined => ids?.map((i) => i.key);
    const [b] = blocked.events;
    const [u] = unblocked.events;
    expect(b).toMatchObject({ type: 'identity_change', change: 'unfollowed', conversationId: 'telegram:chat:111111111', occurredAt: '2024-05-29T16:31:40.000Z', sequence: 1717000300 });
    expect(u).toMatchObject({ type: 'identity_change', change: 'followed', conversationId: 'telegram:chat:111111111' });
    expect(b?.type === 'identity_change' ? [keys(b.actor), keys(b.previous), b.current] : []).toEqual([
      ['user_id:telegram:111111111', 'username:telegram:anasouza'],
      ['user_id:telegram:111111111', 'username:telegram:anasouza'],
      undefined,
    ]);
    expect(u?.type === 'identity_change' ? [keys(u.current), u.previous] : []).toEqual([['user_id:telegram:111111111', 'username:telegram:anasouza'], undefined]);
    expect(blocked.records.map((r) => keys(r.identifiers))).toEqual([['user_id:telegram:111111111', 'username:telegram:anasouza']]);
    expect(run(member(1717000300, 'member', 'kicked')).events[0]?.id).toBe(b?.id);

    // LINE, for the same facts: the same event type and change, the user as actor.
    const line = normalizeLineWebhook(
      { destination: 'Udeadbeefdeadbeefdeadbeefdeadbeef', events: [{ type: 'unfollow', mode: 'active', timestamp: 1717000300000, webhookEventId: '01J0000000000000000000000', deliveryContext: { isRedelivery: false }, source: { type: 'user', userId: 'U4af4980629aaaaaaaaaaaaaaaaaaaaaa' } }] },
      { receivedAt: RECEIVED },
    );
    const lineEvent = line.success ? line.data.events[0] : undefined;
    expect([lineEvent?.type, lineEvent?.type === 'identity_change' ? lineEvent.change : undefined]).toEqual([b?.type, b?.type === 'identity_change' ? b.change : undefined]);
  });

  it('other member changes stay unsupported: a group, promotion, a first join', () => {
    expect(run(member(1717000500, 'member', 'kicked', { id: -100123, title: 'Group', type: 'supergroup' })).unsupported.map((u) => u.kind)).toEqual(['my_chat_member']);
    expect(run(member(1717000600, 'member', 'administrator')).unsupported.map((u) => u.kind)).toEqual(['my_chat_member']);
    expect(run(member(1717000700, 'left', 'member')).events).toEqual([]);
  });
});
