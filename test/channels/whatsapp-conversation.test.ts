// One WhatsApp customer chat, one conversation id, whichever ids a webhook carries: the inbound
// message names the customer by wa_id and BSUID, the `sent` status of the business's reply only by
// recipient_id (= wa_id), a later `read` status by both (Meta's status reference: recipient_id is
// always there, the BSUID fields are optional; 8x8's BSUID notes: BSUIDs appear on delivered/read
// receipts, older receipts carry the phone only). A customer who hides their phone (a username user)
// is named by the BSUID alone, in every webhook, and keeps that key.
import { describe, expect, it } from 'vitest';
import { normalizeWhatsApp } from '../../src/channels/whatsapp.js';
import { outboundFromStatuses } from '../../src/index.js';
import type { MessageEvent } from '../../src/model/message-event.js';
import type { Message } from '../../src/model/message.js';

const RECEIVED = '2025-06-01T12:00:00.000Z';
const BSUID = 'US.13491208655302741918';
const wrap = (value: Record<string, unknown>): unknown => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' }, ...value } }] }],
});

function run(bodies: unknown[]): { messages: Message[]; events: MessageEvent[] } {
  const messages: Message[] = [];
  const events: MessageEvent[] = [];
  for (const body of bodies) {
    const r = normalizeWhatsApp(body, { receivedAt: RECEIVED });
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    messages.push(...r.data.messages);
    events.push(...r.data.events);
  }
  return { messages, events };
}

describe('whatsapp private conversation id', () => {
  it('the inbound message, both statuses of the reply and the reply built from them share one conversation', () => {
    const { messages, events } = run([
      wrap({ contacts: [{ profile: { name: 'Sheena' }, wa_id: '16505551234', user_id: BSUID }], messages: [{ from: '16505551234', from_user_id: BSUID, id: 'wamid.IN1', timestamp: '1744344496', type: 'text', text: { body: 'hi' } }] }),
      wrap({ statuses: [{ id: 'wamid.OUT1', status: 'sent', timestamp: '1744344500', recipient_id: '16505551234', pricing: { billable: true, pricing_model: 'PMP', category: 'service' } }] }),
      wrap({ statuses: [{ id: 'wamid.OUT1', status: 'read', timestamp: '1744344600', recipient_id: '16505551234', recipient_user_id: BSUID }] }),
    ]);
    const chat = 'whatsapp:chat:106540352242922:16505551234';
    expect(messages.map((m) => m.conversation.id)).toEqual([chat]);
    expect(events.map((e) => e.conversationId)).toEqual([chat, chat]);
    const built = outboundFromStatuses(events);
    expect(built.messages.map((m) => m.conversation.id)).toEqual([chat]);
  });

  it('a customer named by the BSUID alone (no phone) keeps the BSUID key in messages and statuses', () => {
    const { messages, events } = run([
      wrap({ contacts: [{ profile: { name: 'Ana', username: '@ana' }, user_id: BSUID }], messages: [{ from_user_id: BSUID, id: 'wamid.IN2', timestamp: '1744344496', type: 'text', text: { body: 'hi' } }] }),
      wrap({ statuses: [{ id: 'wamid.OUT2', status: 'delivered', timestamp: '1744344500', recipient_user_id: BSUID }] }),
    ]);
    const chat = `whatsapp:chat:106540352242922:${BSUID}`;
    expect([...messages.map((m) => m.conversation.id), ...events.map((e) => e.conversationId)]).toEqual([chat, chat]);
  });
});
