// Telegram Business (https://core.telegram.org/bots/api#update, `business_message`: "New message from
// a connected business account"; https://core.telegram.org/api/bots/connected-business-bots): in a
// private business chat the chat is the customer, so a message whose from.id is not the chat's id is
// the business owner's, typed in their own Telegram app. It is ours (outbound, sent, to the customer)
// and the owner is no customer: no contact record (across many customers one would chain them).
import { describe, expect, it } from 'vitest';
import { normalizeTelegramUpdate } from '../../src/channels/telegram.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

const RECEIVED = '2024-06-01T12:00:00.000Z';
const customer = { id: 111111111, is_bot: false, first_name: 'Ana', last_name: 'Souza', username: 'anasouza' };
const owner = { id: 222222222, is_bot: false, first_name: 'Shop', last_name: 'Owner', username: 'shopowner' };
const chat = { id: 111111111, first_name: 'Ana', last_name: 'Souza', username: 'anasouza', type: 'private' };

function run(body: unknown): NormalizedBatch {
  const r = normalizeTelegramUpdate(body, { receivedAt: RECEIVED });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

const keys = (ids: readonly { key?: string }[]): (string | undefined)[] => ids.map((i) => i.key);

describe('telegram business_message', () => {
  it('from the customer (from.id === chat.id): inbound, the customer is a contact', () => {
    const b = run({ update_id: 1009, business_message: { business_connection_id: 'BC1', message_id: 300, from: customer, chat, date: 1717000800, text: 'Is the shop open?' } });
    expect(b.messages[0]).toMatchObject({ direction: 'inbound', status: 'received', recipients: [] });
    expect(b.records.map((r) => keys(r.identifiers))).toEqual([['user_id:telegram:111111111', 'username:telegram:anasouza']]);
  });

  it('from the business owner (from.id !== chat.id): outbound, sent to the chat user, no contact record for the owner', () => {
    const b = run({ update_id: 1010, business_message: { business_connection_id: 'BC1', message_id: 301, from: owner, chat, date: 1717000900, text: 'Yes, until 6pm' } });
    expect(b.messages).toHaveLength(1);
    const m = b.messages[0]!;
    expect(m).toMatchObject({ direction: 'outbound', status: 'sent', conversation: { id: 'telegram:chat:111111111', kind: 'private' } });
    expect(keys(m.recipients)).toEqual(['user_id:telegram:111111111']);
    expect(keys(m.sender)).toEqual(['user_id:telegram:222222222', 'username:telegram:shopowner']);
    expect(b.records).toEqual([]);
  });

  it('the owner editing their message: an edit event, still no contact record', () => {
    const b = run({ update_id: 1011, edited_business_message: { business_connection_id: 'BC1', message_id: 301, from: owner, chat, date: 1717000900, edit_date: 1717000950, text: 'Yes, until 7pm' } });
    expect(b.events.map((e) => [e.type, e.type === 'edit' ? e.targetMessageId : undefined])).toEqual([['edit', '111111111:301']]);
    expect(b.records).toEqual([]);
  });

  it('an ordinary private message from someone other than the chat is not taken for the owner', () => {
    // Outside business updates from.id === chat.id in a private chat anyway; nothing changes there.
    const b = run({ update_id: 1012, message: { message_id: 5, from: customer, chat, date: 1717001000, text: 'hi' } });
    expect(b.messages[0]).toMatchObject({ direction: 'inbound' });
  });
});
