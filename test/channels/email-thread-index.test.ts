// Outlook `Thread-Index` ([MS-OXOMSG] 2.2.1.3, PidTagConversationIndex): the first 22 bytes (reserved
// byte, 5 bytes of FILETIME, 16-byte GUID) name the conversation, each reply appends 5 bytes. A reply
// that names no parent (References is only a SHOULD, RFC 5322 section 3.6.4) still joins its thread by
// it; a message with References or In-Reply-To threads by them as before, and every message with a
// Thread-Index keeps the conversation part in extra.threadIndex.
import { describe, expect, it } from 'vitest';
import { normalizeEmailMessage } from '../../src/channels/email.js';
import type { Message } from '../../src/model/message.js';

const RECEIVED = '2024-06-04T12:00:00.000Z';
const HEAD = [0x01, 0xda, 0xb6, 0x4e, 0x1f, 0x20, ...Array.from({ length: 16 }, (_, i) => 0x30 + i)];
const index = (replies: number): string => btoa(String.fromCharCode(...HEAD, ...Array.from({ length: replies * 5 }, (_, i) => (i * 37) & 0xff)));
const KEY = btoa(String.fromCharCode(...HEAD));

async function message(id: string, extraHeaders: string[]): Promise<Message> {
  const raw = ['From: ana@example.com', 'To: support@shop.example', 'Subject: RE: order', 'Date: Tue, 04 Jun 2024 10:00:00 +0200', `Message-ID: <${id}>`, ...extraHeaders, '', 'text', ''].join('\r\n');
  const r = await normalizeEmailMessage(raw, { receivedAt: RECEIVED });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data.messages[0]!;
}

describe('email Thread-Index', () => {
  it('replies without References or In-Reply-To share the thread of their Thread-Index', async () => {
    const original = await message('a1@x', [`Thread-Index: ${index(0)}`, 'Thread-Topic: order']);
    const reply = await message('b1@x', [`Thread-Index: ${index(1)}`]);
    const later = await message('c1@x', ['Thread-Index:', ` ${index(2)}`]);
    expect(original.conversation.id).toBe('email:thread:a1@x');
    expect(reply.conversation.id).toBe(`email:thread:thread-index:${KEY}`);
    expect(later.conversation.id).toBe(reply.conversation.id);
    expect([original, reply, later].map((m) => m.extra?.threadIndex)).toEqual([KEY, KEY, KEY]);
  });

  it('References and In-Reply-To still decide when present; a broken index is ignored', async () => {
    expect((await message('d1@x', [`Thread-Index: ${index(1)}`, 'References: <a1@x>'])).conversation.id).toBe('email:thread:a1@x');
    expect((await message('e1@x', [`Thread-Index: ${index(1)}`, 'In-Reply-To: <b1@x>'])).conversation.id).toBe('email:thread:b1@x');
    const broken = await message('f1@x', ['Thread-Index: not*base64']);
    expect([broken.conversation.id, broken.extra?.threadIndex]).toEqual(['email:thread:f1@x', undefined]);
  });
});
