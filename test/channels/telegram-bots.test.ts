// Only our own bot's Telegram messages are outbound (https://core.telegram.org/bots/api#user: is_bot
// says a bot wrote, not which). With context.ownBotIds the adapter knows our bots; without it, a
// bot's message is ours only in a private chat (the only bot there is ours), and another bot in a
// group is an inbound participant (still never a contact record).
import { describe, expect, it } from 'vitest';
import { normalizeDelivery } from '../../src/channels/normalize-delivery.js';
import { type TelegramNormalizeContext, normalizeTelegramUpdate } from '../../src/channels/telegram.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

const RECEIVED = '2024-06-01T12:00:00.000Z';
const ours = { id: 999, is_bot: true, first_name: 'ShopBot', username: 'shop_bot' };
const other = { id: 777, is_bot: true, first_name: 'OtherBot', username: 'other_bot' };
const group = { id: -4000000001, title: 'Family', type: 'group' };
const privateChat = { id: 111111111, first_name: 'Ana', type: 'private' };

const update = (from: unknown, chat: unknown): unknown => ({ update_id: 1012, message: { message_id: 13, from, chat, date: 1717001100, text: 'hello' } });

function run(body: unknown, extra: Partial<TelegramNormalizeContext> = {}): NormalizedBatch {
  const r = normalizeTelegramUpdate(body, { receivedAt: RECEIVED, ...extra });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

const direction = (b: NormalizedBatch): [string | undefined, string | undefined, number] => [b.messages[0]?.direction, b.messages[0]?.status, b.records.length];

describe('telegram bot messages', () => {
  it('without ownBotIds: another bot in a group is inbound; a bot in a private chat is ours', () => {
    expect(direction(run(update(other, group)))).toEqual(['inbound', 'received', 0]);
    expect(direction(run(update(ours, privateChat)))).toEqual(['outbound', 'sent', 0]);
    expect(run(update(ours, privateChat)).messages[0]?.recipients.map((i) => i.key)).toEqual(['user_id:telegram:111111111']);
  });

  it('with ownBotIds: our bot is outbound anywhere, any other bot inbound', () => {
    for (const ids of [[999], ['999']]) {
      expect(direction(run(update(ours, group), { ownBotIds: ids }))).toEqual(['outbound', 'sent', 0]);
      expect(direction(run(update(other, group), { ownBotIds: ids }))).toEqual(['inbound', 'received', 0]);
      expect(direction(run(update(other, privateChat), { ownBotIds: ids }))).toEqual(['inbound', 'received', 0]);
    }
  });

  it('normalizeDelivery passes ownBotIds to the Telegram adapter', async () => {
    const r = await normalizeDelivery({ provider: 'telegram', receivedAt: RECEIVED, body: update(ours, group) }, { ownBotIds: [999] });
    expect(r.success && r.data.messages[0]?.direction).toBe('outbound');
  });
});
