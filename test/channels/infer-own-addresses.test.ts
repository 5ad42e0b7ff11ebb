import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmailMessage } from '../../src/channels/email.js';
import { inferOwnAddresses } from '../../src/channels/infer-own-addresses.js';
import type { Message } from '../../src/model/message.js';

interface Mail {
  from: string;
  to: string[];
  id: string;
  replyTo?: string;
  headers?: string;
}

async function mails(list: readonly Mail[]): Promise<Message[]> {
  const out: Message[] = [];
  for (const [i, m] of list.entries()) {
    const raw =
      `From: ${m.from}\r\nTo: ${m.to.join(', ')}\r\nSubject: order\r\nDate: Mon, 02 Mar 2026 15:${String(10 + i).padStart(2, '0')}:00 +0000\r\n` +
      `Message-ID: <${m.id}>\r\n${m.replyTo !== undefined ? `In-Reply-To: <${m.replyTo}>\r\n` : ''}${m.headers ?? ''}Content-Type: text/plain\r\n\r\nhello ${i}\r\n`;
    const r = await normalizeEmailMessage(raw, { receivedAt: '2026-03-02T16:00:00Z' });
    if (!r.success) throw new Error(JSON.stringify(r.issues));
    out.push(...r.data.messages);
  }
  return out;
}

describe('inferOwnAddresses', () => {
  it('takes the address most customers write to, and its side that answers', async () => {
    const messages = await mails([
      { from: 'Ana <ana@gmail.com>', to: ['support@shop.example'], id: 'a1' },
      { from: 'support@shop.example', to: ['ana@gmail.com'], id: 's1', replyTo: 'a1' },
      { from: 'bo@hotmail.com', to: ['Support <SUPPORT@shop.example>'], id: 'b1' },
      { from: 'bo@hotmail.com', to: ['sales@shop.example'], id: 'b2' },
      { from: 'sales@shop.example', to: ['bo@hotmail.com'], id: 's2', replyTo: 'b2' },
    ]);
    expect(inferOwnAddresses(messages)).toEqual(['sales@shop.example', 'support@shop.example']);
  });

  it('never takes a person a customer only copied in', async () => {
    const messages = await mails([
      { from: 'ana@gmail.com', to: ['support@shop.example', 'mum@gmail.com'], id: 'a1' },
      { from: 'bo@hotmail.com', to: ['support@shop.example'], id: 'b1' },
    ]);
    expect(inferOwnAddresses(messages)).toEqual(['support@shop.example']);
  });

  it('decides a lone pair by who received the opening message, else not at all', async () => {
    const opened = await mails([
      { from: 'ana@gmail.com', to: ['loja@loja.example'], id: 'a1' },
      { from: 'loja@loja.example', to: ['ana@gmail.com'], id: 'l1', replyTo: 'a1' },
      { from: 'ana@gmail.com', to: ['loja@loja.example'], id: 'a2', replyTo: 'l1' },
    ]);
    expect(inferOwnAddresses(opened)).toEqual(['loja@loja.example']);
    // No opening message: a company domain beats a consumer mailbox, else nothing is inferred.
    const repliesOnly = await mails([
      { from: 'ana@gmail.com', to: ['loja@loja.example'], id: 'a2', replyTo: 'x' },
      { from: 'loja@loja.example', to: ['ana@gmail.com'], id: 'l2', replyTo: 'a2' },
    ]);
    expect(inferOwnAddresses(repliesOnly)).toEqual(['loja@loja.example']);
    const twoMailboxes = await mails([
      { from: 'ana@gmail.com', to: ['lojinha@gmail.com'], id: 'a3', replyTo: 'x' },
      { from: 'lojinha@gmail.com', to: ['ana@gmail.com'], id: 'l3', replyTo: 'a3' },
    ]);
    expect(inferOwnAddresses(twoMailboxes)).toEqual([]);
    // The business writing first (sales outreach): its company domain still tells.
    const outreach = await mails([
      { from: 'vendas@loja.example', to: ['lead@hotmail.com'], id: 'v1' },
      { from: 'lead@hotmail.com', to: ['vendas@loja.example'], id: 'r1', replyTo: 'v1' },
    ]);
    expect(inferOwnAddresses(outreach)).toEqual(['vendas@loja.example']);
  });

  it('finds the business in its own Sent folder (mail nobody wrote to it)', async () => {
    const sent = await mails([
      { from: 'orders@shop.example', to: ['ana@gmail.com'], id: 'o1' },
      { from: 'orders@shop.example', to: ['bob@corp.example'], id: 'o2' },
      { from: 'orders@shop.example', to: ['cy@hotmail.com'], id: 'o3' },
    ]);
    expect(inferOwnAddresses(sent)).toEqual(['orders@shop.example']);
  });

  it('counts who wrote, not who was copied in, and takes colleagues on the business domain', async () => {
    const relatives = await mails([
      { from: 'ana@gmail.com', to: ['atendimento@loja.example', 'mum@gmail.com', 'dad@gmail.com', 'sis@gmail.com'], id: 'a1' },
      { from: 'bo@gmail.com', to: ['atendimento@loja.example'], id: 'b1' },
      { from: 'atendimento@loja.example', to: ['ana@gmail.com'], id: 's1', replyTo: 'a1' },
      { from: 'atendimento@loja.example', to: ['bo@gmail.com'], id: 's2', replyTo: 'b1' },
    ]);
    expect(inferOwnAddresses(relatives)).toEqual(['atendimento@loja.example']);
    const colleague = await mails([
      { from: 'ana@gmail.com', to: ['support@shop.example'], id: 'a1' },
      { from: 'bo@gmail.com', to: ['support@shop.example'], id: 'b1' },
      { from: 'support@shop.example', to: ['ana@gmail.com', 'maria@shop.example'], id: 's1', replyTo: 'a1' },
      { from: 'maria@shop.example', to: ['bo@gmail.com'], id: 'm1', replyTo: 'b1' },
    ]);
    expect(inferOwnAddresses(colleague)).toEqual(['maria@shop.example', 'support@shop.example']);
  });

  it('ignores auto-replies, bounces and other channels', async () => {
    const messages = await mails([
      { from: 'ana@gmail.com', to: ['support@shop.example'], id: 'a1' },
      { from: 'bo@hotmail.com', to: ['ana@gmail.com'], id: 'o1', headers: 'Auto-Submitted: auto-replied\r\n' },
      { from: 'cy@hotmail.com', to: ['ana@gmail.com'], id: 'o2', headers: 'Auto-Submitted: auto-replied\r\n' },
    ]);
    // Without the auto-replies ana would have three partners and be taken for the business.
    expect(inferOwnAddresses(messages)).toEqual(['support@shop.example']);
    const sms = { ...(messages[0] as Message), channel: 'sms' } as Message;
    expect(inferOwnAddresses([sms])).toEqual([]);
  });

  it('depends only on the set of messages, not their order', async () => {
    const messages = await mails([
      { from: 'ana@gmail.com', to: ['support@shop.example'], id: 'a1' },
      { from: 'support@shop.example', to: ['ana@gmail.com'], id: 's1', replyTo: 'a1' },
      { from: 'bo@hotmail.com', to: ['support@shop.example', 'sales@shop.example'], id: 'b1' },
      { from: 'sales@shop.example', to: ['bo@hotmail.com'], id: 's2', replyTo: 'b1' },
      { from: 'cy@hotmail.com', to: ['help@other.example'], id: 'c1' },
      { from: 'help@other.example', to: ['cy@hotmail.com'], id: 'h1', replyTo: 'c1' },
    ]);
    const expected = inferOwnAddresses(messages);
    expect(expected).toEqual(['help@other.example', 'sales@shop.example', 'support@shop.example']);
    fc.assert(
      fc.property(fc.shuffledSubarray(messages, { minLength: messages.length }), (shuffled) => {
        expect(inferOwnAddresses(shuffled)).toEqual(expected);
      }),
    );
  });
});
