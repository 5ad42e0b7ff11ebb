import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emailAdapter, normalizeEmailMessage, type EmailNormalizeContext } from '../../src/channels/email.js';
import type { Identifier } from '../../src/model/identifier.js';
import { type Message, safeParseMessage } from '../../src/model/message.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

const RECEIVED = '2024-05-01T10:00:00.000Z';

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/channel-payloads/email/${name}`, import.meta.url));
}

async function run(raw: string | Uint8Array | ArrayBuffer, extra: Partial<EmailNormalizeContext> = {}): Promise<NormalizedBatch> {
  const r = await normalizeEmailMessage(raw, { receivedAt: RECEIVED, ...extra });
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.issues)}`);
  for (const m of r.data.messages) expect(safeParseMessage(m).success).toBe(true);
  return r.data;
}

async function only(raw: string | Uint8Array, extra: Partial<EmailNormalizeContext> = {}): Promise<{ m: Message; b: NormalizedBatch }> {
  const b = await run(raw, extra);
  expect(b.messages).toHaveLength(1);
  return { m: b.messages[0]!, b };
}

const email = (value: string, observedAt: string, opts: { generic?: boolean } = {}): Identifier => ({
  kind: 'email',
  value,
  key: `email:${value.toLowerCase()}`,
  variantKeys: [`email~:${value.toLowerCase()}`],
  verified: false,
  ...(opts.generic === true ? { generic: true } : {}),
  provenance: { channel: 'email', source: 'email', observedAt },
});

const DIGEST = /^[0-9a-f]{16}$/;

describe('normalizeEmailMessage on the fixtures', () => {
  it('talon-gmail-reply-quoted.eml: new text apart from the "On … wrote:" quote; no References, so its own thread', async () => {
    const at = '2012-04-02T16:21:52.000Z';
    const { m, b } = await only(fixture('talon-gmail-reply-quoted.eml'));
    const { id, email: details, ...rest } = m;
    expect(id.startsWith('email:CAKsfaBW4hj0Gek6TwbR3erng4P1y0CZzJ0d=pXtCNnYnbe7PLg@mail.gmail.com#')).toBe(true);
    expect(id.split('#')[1]).toMatch(DIGEST);
    expect(rest).toEqual({
      channel: 'email',
      provider: 'email',
      conversation: { id: 'email:thread:CAKsfaBW4hj0Gek6TwbR3erng4P1y0CZzJ0d=pXtCNnYnbe7PLg@mail.gmail.com', kind: 'thread', title: 'Test' },
      direction: 'inbound',
      kind: 'email',
      occurredAt: at,
      receivedAt: RECEIVED,
      sender: [email('xxx@gmail.com', at, { generic: true })], // 'xxx' is a placeholder local part
      senderName: 'Megan One',
      recipients: [email('bob@example.com', at, { generic: true })],
      text: 'Hello',
      attachments: [],
      status: 'received',
    });
    expect(details).toEqual({
      subject: 'Re: Test',
      messageId: 'CAKsfaBW4hj0Gek6TwbR3erng4P1y0CZzJ0d=pXtCNnYnbe7PLg@mail.gmail.com',
      quotedText: 'On Mon, Apr 2, 2012 at 6:26 PM, Megan One <xxx@gmail.com> wrote:\n\n> Hi',
      html: expect.stringContaining('<div class="gmail_quote">') as unknown as string,
      autoReply: false,
      bounce: false,
    });
    expect(b.records).toEqual([{ id: 'email:contact:email:xxx@gmail.com', channel: 'email', source: 'email', identifiers: [email('xxx@gmail.com', at, { generic: true })], name: { full: 'Megan One' }, observedAt: at }]);
    expect(b.issues).toEqual([]);
  });

  it('talon-apple-mail-reply-in-reply-to.eml: quoted attribution with ">" lines; thread rooted at References', async () => {
    const at = '2015-08-22T17:22:20.000Z';
    const { m, b } = await only(fixture('talon-apple-mail-reply-in-reply-to.eml'));
    expect(m.text).toBe('Hello');
    expect(m.email).toEqual({
      subject: 'Re: Hello there',
      messageId: '68001B29-8EA4-444C-A894-0537D2CA5208@tictail.com',
      inReplyTo: ['CABzQGhkMXDxUt_tSVQcg=43aniUhtsVfCZVzu-PG0kwS_uzqMw@mail.gmail.com'],
      references: ['CABzQGhkMXDxUt_tSVQcg=43aniUhtsVfCZVzu-PG0kwS_uzqMw@mail.gmail.com'],
      quotedText: '> On 22 Aug 2015, at 19:21, Adam Renberg <tgwizard@gmail.com> wrote:\n>\n> Hi there!',
      autoReply: false,
      bounce: false,
    });
    expect(m.conversation).toEqual({ id: 'email:thread:CABzQGhkMXDxUt_tSVQcg=43aniUhtsVfCZVzu-PG0kwS_uzqMw@mail.gmail.com', kind: 'thread', title: 'Hello there' });
    expect([m.occurredAt, m.senderName, m.sender, m.recipients]).toEqual([at, 'Adam Renberg', [email('adam@tictail.com', at)], [email('tgwizard@gmail.com', at)]]);
    expect(b.records.map((r) => [r.id, r.name])).toEqual([['email:contact:email:adam@tictail.com', { full: 'Adam Renberg' }]]);
  });

  it('talon-yahoo-reply-in-reply-to.eml: "----- Original Message -----" starts the quote; thread rooted at In-Reply-To', async () => {
    const { m } = await only(fixture('talon-yahoo-reply-in-reply-to.eml'));
    expect(m.text).toBe('Hello');
    expect(m.email?.quotedText).toBe(
      '----- Original Message -----\nFrom: "bob@xxx.mailgun.org" <bob@xxx.mailgun.org>\nTo: xxx@gmail.com; xxx@hotmail.com; xxx@yahoo.com; xxx@aol.com; xxx@comcast.net; xxx@nyc.rr.com\nCc:\nSent: Monday, April 2, 2012 5:44 PM\nSubject: Test\n\nHi',
    );
    expect(m.email?.inReplyTo).toEqual(['1333374262.7063.15.camel@mg5']);
    expect(m.email?.references).toBeUndefined();
    expect(m.conversation.id).toBe('email:thread:1333374262.7063.15.camel@mg5');
    expect([m.occurredAt, m.senderName, m.sender.map((s) => s.key)]).toEqual(['2012-04-02T13:45:30.000Z', 'Alex Q', ['email:xxx@yahoo.com']]);
  });

  it('talon-outlook-reply-quoted.eml: no Message-ID (content-hash id), no Date (receivedAt + issue), Outlook From:/Sent: quote', async () => {
    const { m, b } = await only(fixture('talon-outlook-reply-quoted.eml'));
    expect(m.id).toMatch(/^email:sha256:[0-9a-f]{64}$/);
    expect(m.conversation).toEqual({ id: `email:thread:${m.id.slice('email:'.length)}`, kind: 'thread', title: 'Test' });
    expect(m.occurredAt).toBe(RECEIVED);
    expect(m.text).toBe('Hello');
    expect(m.email?.quotedText?.startsWith('From: xxx@xxx.mailgun.org [mailto:xxx@xxx.mailgun.org]\nSent: March-09-12 4:22 PM\nTo: Dan Le\nSubject: The manager has commented on your Loop\n\nHi dan.le@example.com')).toBe(true);
    expect(m.email?.quotedText?.endsWith('Unsubscribe<http://dev.xxx.com/user/unsubscribe/dan.le@example.com?verify=4a400554148256338956101abdf06406>')).toBe(true);
    expect(m.email).toMatchObject({ subject: 'Test', autoReply: false, bounce: false });
    expect(m.email?.messageId).toBeUndefined();
    expect(m.sender.map((s) => s.key)).toEqual(['email:me@example.com']);
    expect(b.records).toEqual([{ id: 'email:contact:email:me@example.com', channel: 'email', source: 'email', identifiers: [email('me@example.com', RECEIVED, { generic: true })], observedAt: RECEIVED }]);
    expect(b.issues).toEqual([{ code: 'required', path: ['Date'], message: 'email: missing or unreadable Date; receivedAt used instead' }]);
    // The same message received again later keeps its id.
    const again = await run(fixture('talon-outlook-reply-quoted.eml'), { receivedAt: '2024-06-01T00:00:00Z' });
    expect(again.messages[0]!.id).toBe(m.id);
  });

  it('mailparser-nodemailer-unicode-plus-address.eml: RFC 2047 subject, +subaddress recipient, attachment metadata only', async () => {
    const at = '2016-10-13T11:39:48.000Z';
    const { m } = await only(fixture('mailparser-nodemailer-unicode-plus-address.eml'));
    expect(m.email).toMatchObject({ subject: 'Nodemailer is unicode friendly ✔ (1476358788189)', messageId: '012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee', autoReply: false, bounce: false });
    expect(m.text).toBe('Hello to myself!');
    expect(m.conversation).toEqual({ id: 'email:thread:012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee', kind: 'thread', title: 'Nodemailer is unicode friendly ✔ (1476358788189)' });
    expect(m.recipients).toEqual([
      { kind: 'email', value: 'andris+123@kreata.ee', key: 'email:andris+123@kreata.ee', variantKeys: ['email~:andris@kreata.ee'], verified: false, provenance: { channel: 'email', source: 'email', observedAt: at } },
      { kind: 'email', value: 'andris.reinman@gmail.com', key: 'email:andris.reinman@gmail.com', variantKeys: ['email~:andrisreinman@gmail.com'], verified: false, provenance: { channel: 'email', source: 'email', observedAt: at } },
    ]);
    expect(m.attachments).toEqual([
      { type: 'image', mimeType: 'image/png', filename: 'image.png', size: 126, providerId: 'note@example.com' },
      { type: 'image', mimeType: 'image/gif', filename: 'nyan cat ✔.gif', size: 29361, providerId: 'nyan@example.com' },
      { type: 'file', mimeType: 'text/plain', filename: 'notes.txt', size: 29 },
    ]);
    expect(m.extra).toEqual({ deliveredTo: 'andris.reinman@gmail.com' });
  });

  it('mailparser-ses-delivery-status-bounce.eml: a bounce naming its message is that message\'s status, in its thread, with no contact record', async () => {
    const b = await run(fixture('mailparser-ses-delivery-status-bounce.eml'));
    expect(b.messages).toEqual([]);
    expect(b.records).toEqual([]);
    expect(b.events.map((e) => [e.type, e.conversationId, e.type === 'status' ? [e.status, e.targetMessageId] : undefined, e.extra?.['deliveredTo']])).toEqual([
      ['status', 'email:thread:xxxxxx@email.amazonses.com', ['failed', 'xxxxx@email.amazonses.com'], 'xxxxx@gmail.com'],
    ]);
  });

  it('chatwoot-references.eml and chatwoot-mail_with_references.eml: same Message-Id, different bodies => different ids', async () => {
    const a = (await only(fixture('chatwoot-references.eml'))).m;
    const c = (await only(fixture('chatwoot-mail_with_references.eml'))).m;
    expect(a.email?.messageId).toBe('0CB459E0-0336-41DA-BC88-E6E28C697DDBF@chatwoot.com');
    expect(c.email?.messageId).toBe(a.email?.messageId);
    expect(a.id).not.toBe(c.id);
    expect(a.providerMessageId).toBeUndefined();
    expect(a.email?.references).toEqual(['4e6e35f5a38b4_479f13bb90078178@small-app-01.mail', 'test-in-reply-to']);
    expect(c.email?.references).toEqual(['4e6e35f5a38b4_479f13bb90078178@small-app-01.mail', 'test-reference-id']);
    expect([a.text, c.text]).toEqual(['References Email', 'Email with references header']);
    // Both sit in the thread of their first reference.
    expect(a.conversation.id).toBe('email:thread:4e6e35f5a38b4_479f13bb90078178@small-app-01.mail');
    expect(c.conversation.id).toBe(a.conversation.id);
    expect(a.recipients).toEqual([]); // no To header
    expect(c.recipients.map((r) => [r.value, r.generic])).toEqual([['care@example.com', true]]);
  });

  it('chatwoot-multiple_in_reply_to-folded.eml: two In-Reply-To ids folded over two lines', async () => {
    const { m } = await only(fixture('chatwoot-multiple_in_reply_to-folded.eml'));
    expect(m.email?.inReplyTo).toEqual(['4e6e35f5a38b4_479f13bb90078171@small-app-01.mail', '4e6e35f5a38b4_479f13bb90078131@small-app-01.mail']);
    expect(m.email?.references).toEqual(['4e6e35f5a38b4_479f13bb90078178@small-app-01.mail']);
    expect(m.conversation.id).toBe('email:thread:4e6e35f5a38b4_479f13bb90078178@small-app-01.mail');
    expect(m.sender.map((s) => [s.value, s.key])).toEqual([['Sony@chatwoot.com', 'email:sony@chatwoot.com']]);
    expect(m.recipients.map((r) => r.value)).toEqual(['replies@example.com']);
    expect(m.text).toBe("Let's talk about these images");
  });

  it('chatwoot-non_utf_encoded_mail-arabic-autoreply.eml: RFC 2047 Arabic name and subject, base64 body, duplicate In-Reply-To, auto-reply', async () => {
    const at = '2022-04-03T18:48:20.000Z';
    const { m, b } = await only(fixture('chatwoot-non_utf_encoded_mail-arabic-autoreply.eml'));
    expect(m.email).toEqual({
      subject: 'أهلين عميلنا الكريم ',
      messageId: 'CAEjnyt3uiyywAF3SrJzEedMRV5H5XG4aYvFrGdFwxtuGoRCc0w@mail.gmail.com',
      inReplyTo: ['4e6e35f5a38b4_479f13bb90078178@small-app-01.mail'],
      autoReply: true,
      bounce: false,
    });
    expect(m.text).toBe('أنظروا، أنا أحتاجها فقط لتقوم بالتدقيق في مقالتي الشخصية');
    expect(m.senderName).toBe('متجر سوق نت');
    expect(m.conversation).toEqual({ id: 'email:thread:4e6e35f5a38b4_479f13bb90078178@small-app-01.mail', kind: 'thread', title: 'أهلين عميلنا الكريم' });
    expect(m.recipients.map((r) => r.value)).toEqual(['reply+6bdc3f4d-0bec-4515-a284-5d916fdde489@example.com']);
    expect(b.records).toEqual([{ id: 'email:contact:email:example@gmail.com', channel: 'email', source: 'email', identifiers: [email('example@gmail.com', at, { generic: true })], name: { full: 'متجر سوق نت' }, observedAt: at }]);
  });
});

function eml(headers: Record<string, string>, body: string, contentType = 'text/plain; charset=utf-8'): string {
  const lines = Object.entries({ 'Content-Type': contentType, 'MIME-Version': '1.0', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
const BASE = { From: 'Ana Souza <ana@customer.example>', To: 'Support <support@shop.example>', Subject: 'Order 42', Date: 'Wed, 01 May 2024 09:00:00 +0000', 'Message-ID': '<m1@customer.example>' };

describe('normalizeEmailMessage on hand-made messages', () => {
  it('HTML-only Gmail reply: the gmail_quote div is the quote', async () => {
    const html = '<div dir="ltr">Yes, please <b>cancel</b> it.</div><br><div class="gmail_quote"><div class="gmail_attr">On Tue, Apr 30, 2024 at 9:00 AM Shop &lt;support@shop.example&gt; wrote:<br></div><blockquote class="gmail_quote">Shall we cancel?</blockquote></div>';
    const { m } = await only(eml(BASE, html, 'text/html; charset=utf-8'));
    expect(m.text).toBe('Yes, please cancel it.');
    expect(m.email?.quotedText).toBe('On Tue, Apr 30, 2024 at 9:00 AM Shop <support@shop.example> wrote:\nShall we cancel?');
    expect(m.email?.html).toBe(`${html}\n`); // as the MIME part carries it
  });

  it('HTML-only Apple Mail and Outlook replies', async () => {
    const apple = await only(eml(BASE, '<div>Thanks!</div><div><br><blockquote type="cite"><div>On 30 Apr 2024, at 09:00, Shop wrote:</div><div>Done.</div></blockquote></div>', 'text/html'));
    expect([apple.m.text, apple.m.email?.quotedText]).toEqual(['Thanks!', 'On 30 Apr 2024, at 09:00, Shop wrote:\nDone.']);
    const outlook = await only(eml(BASE, '<p>See below</p><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Shop<br><b>Sent:</b> Tuesday</div><div>Old text</div>', 'text/html'));
    expect([outlook.m.text, outlook.m.email?.quotedText]).toEqual(['See below', 'From: Shop\nSent: Tuesday\nOld text']);
    const yahoo = await only(eml(BASE, '<div>ok</div><div class="yahoo_quoted"><div>On Monday, Shop wrote:</div><div>hello</div></div>', 'text/html'));
    expect([yahoo.m.text, yahoo.m.email?.quotedText]).toEqual(['ok', 'On Monday, Shop wrote:\nhello']);
  });

  it('a bottom-posted reply keeps the text written below the quote', async () => {
    const { m } = await only(eml(BASE, 'On Tue, Apr 30, 2024 at 9:00 AM Shop wrote:\n> Shall we cancel?\n\nYes please.\n'));
    expect(m.text).toBe('Yes please.');
    expect(m.email?.quotedText).toBe('On Tue, Apr 30, 2024 at 9:00 AM Shop wrote:\n> Shall we cancel?');
  });

  it('a message without quote keeps all its text and has no quotedText', async () => {
    const { m } = await only(eml(BASE, 'Hello,\n\nwhere is my order?\n\nAna\n'));
    expect(m.text).toBe('Hello,\n\nwhere is my order?\n\nAna');
    expect(m.email).not.toHaveProperty('quotedText');
  });

  it('ownAddresses: a message from us is outbound and its recipients become the contact records', async () => {
    const raw = eml({ ...BASE, From: 'Support <support@shop.example>', To: 'Ana Souza <ana@customer.example>', Cc: 'agent@shop.example, Bob <bob@customer.example>' }, 'Your order shipped.');
    const { m, b } = await only(raw, { ownAddresses: ['@shop.example'] });
    expect([m.direction, m.status]).toEqual(['outbound', 'sent']);
    expect(b.records.map((r) => [r.id, r.name])).toEqual([
      ['email:contact:email:ana@customer.example', { full: 'Ana Souza' }],
      ['email:contact:email:bob@customer.example', { full: 'Bob' }],
    ]);
    expect(m.extra).toEqual({ cc: 'agent@shop.example, Bob <bob@customer.example>' });
    const single = await only(raw, { ownAddresses: ['SUPPORT@shop.example'] });
    expect(single.m.direction).toBe('outbound');
    const inbound = await only(raw);
    expect(inbound.m.direction).toBe('inbound');
  });

  it('more recipients than a message holds: the first 1000 kept with an issue, every customer still a contact record', async () => {
    const to = Array.from({ length: 700 }, (_, i) => `T${i} <t${i}@customer.example>`).join(', ');
    const cc = Array.from({ length: 800 }, (_, i) => `c${i}@customer.example`).join(', ');
    const inbound = await only(eml({ ...BASE, To: to, Cc: cc }, 'To all of you.'));
    expect(inbound.m.text).toBe('To all of you.');
    expect(inbound.m.recipients.map((r) => r.value)).toEqual([...Array.from({ length: 700 }, (_, i) => `t${i}@customer.example`), ...Array.from({ length: 300 }, (_, i) => `c${i}@customer.example`)]);
    expect(inbound.b.issues).toEqual([{ code: 'too_big', path: ['recipients'], message: 'email: 1500 recipients (To, Cc, Bcc), more than 1000; the first 1000 kept, 500 dropped' }]);
    expect(inbound.b.records.map((r) => r.id)).toEqual(['email:contact:email:ana@customer.example']);
    // Outbound, the recipients are the customers: all 1500 keep their contact record.
    const outbound = await only(eml({ ...BASE, From: 'Support <support@shop.example>', To: to, Cc: cc }, 'Hello all.'), { ownAddresses: ['@shop.example'] });
    expect(outbound.m.direction).toBe('outbound');
    expect(outbound.m.recipients).toHaveLength(1000);
    expect(outbound.b.records).toHaveLength(1500);
    expect(outbound.b.records[1499]?.id).toBe('email:contact:email:c799@customer.example');
    expect(outbound.b.records[0]?.name).toEqual({ full: 'T0' });
  });

  it('tens of thousands of recipients are deduplicated and matched to customers in linear time', async () => {
    // Each recipient used to be looked for in the list so far, and each customer again: 40,000 Cc
    // took over 30 s outbound; 60,000 (about 800 KB of header) now take a second or two.
    const n = 60_000;
    const cc = Array.from({ length: n }, (_, i) => `u${i}@x.io`).join(', ');
    const raw = eml({ ...BASE, From: 'Support <support@shop.example>', To: 'Ana <u0@x.io>, U1@X.IO', Cc: `${cc}, u0@x.io` }, 'Hello all.');
    const { m, b } = await only(raw, { ownAddresses: ['@shop.example'] });
    expect(m.recipients.map((r) => r.key).slice(0, 3)).toEqual(['email:u0@x.io', 'email:u1@x.io', 'email:u2@x.io']);
    expect(m.recipients).toHaveLength(1000);
    expect(b.issues.map((i) => i.message)).toEqual([`email: ${n} recipients (To, Cc, Bcc), more than 1000; the first 1000 kept, ${n - 1000} dropped`]);
    expect(b.records).toHaveLength(n);
    expect(b.records[0]).toMatchObject({ id: 'email:contact:email:u0@x.io', name: { full: 'Ana' } });
    expect(b.records[n - 1]?.id).toBe(`email:contact:email:u${n - 1}@x.io`);
  });

  it('more attachments than a message holds: the first 1000 kept with an issue', async () => {
    let body = '--B\r\nContent-Type: text/plain\r\n\r\nSee the files.\r\n';
    for (let i = 0; i < 1003; i++) body += `--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="f${i}.bin"\r\n\r\nxx\r\n`;
    const { m, b } = await only(eml(BASE, `${body}--B--\r\n`, 'multipart/mixed; boundary="B"'));
    expect(m.text).toBe('See the files.');
    expect(m.attachments).toHaveLength(1000);
    expect([m.attachments[0]?.filename, m.attachments[999]?.filename]).toEqual(['f0.bin', 'f999.bin']);
    expect(b.issues).toEqual([{ code: 'too_big', path: ['attachments'], message: 'email: 1003 attachments, more than 1000; the first 1000 kept, 3 dropped' }]);
  });

  it('auto-reply signals: Auto-Submitted (not "no"), Precedence, X-Autorespond; bounce via X-Failed-Recipients', async () => {
    const flags = async (headers: Record<string, string>) => (await only(eml({ ...BASE, ...headers }, 'x'))).m.email;
    expect((await flags({ 'Auto-Submitted': 'auto-replied' }))?.autoReply).toBe(true);
    expect((await flags({ 'Auto-Submitted': 'no' }))?.autoReply).toBe(false);
    expect((await flags({ Precedence: 'junk' }))?.autoReply).toBe(true);
    expect((await flags({ Precedence: 'list' }))?.autoReply).toBe(false);
    expect((await flags({ 'X-Autorespond': 'yes' }))?.autoReply).toBe(true);
    // Out-of-office replies that carry none of those headers, by the subject their client writes.
    for (const subject of ['Automatic reply: Order 42', 'Out of Office: Order 42', 'Resposta automática: Pedido 42', 'Respuesta automática: Pedido 42', 'AW: Abwesenheitsnotiz: x', 'Réponse automatique : Commande']) {
      const expected = !subject.startsWith('AW:');
      expect((await flags({ Subject: subject }))?.autoReply, subject).toBe(expected);
    }
    expect((await flags({ Subject: 'Re: my automatic reply settings are wrong' }))?.autoReply).toBe(false);
    const bounced = await only(eml({ ...BASE, From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', 'X-Failed-Recipients': 'gone@customer.example' }, 'Address not found'));
    expect(bounced.m.email?.bounce).toBe(true);
    expect(bounced.m.extra?.['bouncedRecipients']).toBe('gone@customer.example');
    expect(bounced.b.records).toEqual([]);
  });

  it('Reply-To, group addresses and display names; Uint8Array and ArrayBuffer input', async () => {
    const raw = eml({ ...BASE, 'Reply-To': 'Orders <orders@customer.example>', To: 'Team: a@shop.example, b@shop.example;' }, 'hi');
    const { m } = await only(new TextEncoder().encode(raw));
    expect(m.extra).toEqual({ replyTo: 'Orders <orders@customer.example>' });
    expect(m.recipients.map((r) => r.value)).toEqual(['a@shop.example', 'b@shop.example']);
    const buffer = new TextEncoder().encode(raw).buffer;
    expect((await only(new Uint8Array(buffer))).m.id).toBe(m.id);
    expect((await run(buffer)).messages[0]!.id).toBe(m.id);
  });

  it('ids: the same email twice is one id; a different body under the same Message-ID is another', async () => {
    const a = (await only(eml(BASE, 'one'))).m.id;
    const again = (await only(eml({ ...BASE, Received: 'from relay by mx' }, 'one'))).m.id;
    const other = (await only(eml(BASE, 'two'))).m.id;
    expect(a).toBe(again);
    expect(a).not.toBe(other);
    expect(a.startsWith('email:m1@customer.example#')).toBe(true);
  });

  it('bad input: not a message, too big, wrong type, bad receivedAt', async () => {
    const notEmail = await normalizeEmailMessage('just some words', { receivedAt: RECEIVED });
    expect(notEmail.success).toBe(false);
    if (!notEmail.success) expect(notEmail.issues[0].code).toBe('invalid_format');
    const big = await normalizeEmailMessage(eml(BASE, 'x'.repeat(2000)), { receivedAt: RECEIVED, limits: { maxEmailBytes: 1000 } });
    expect(!big.success && big.issues[0].code).toBe('too_big');
    // A mail is not lost for its attachment: 6 M characters (a 4.5 MB file, base64) is read by default.
    const attached = await normalizeEmailMessage(eml(BASE, `${'QUJD'.repeat(76 / 4)}\n`.repeat(80_000)), { receivedAt: RECEIVED });
    expect(attached.success).toBe(true);
    expect((await normalizeEmailMessage(42 as never, { receivedAt: RECEIVED })).success).toBe(false);
    expect((await normalizeEmailMessage(eml(BASE, 'x'), { receivedAt: 'yesterday' })).success).toBe(false);
    const noFrom = await run(eml({ To: 'a@b.example', Subject: 's', Date: BASE.Date }, 'x'));
    expect(noFrom.issues).toEqual([{ code: 'required', path: ['From'], message: 'email: no From address' }]);
    expect(noFrom.messages[0]!.sender).toEqual([]);
  });
});

describe('emailAdapter', () => {
  it('detects raw messages and normalizes them asynchronously', async () => {
    expect(emailAdapter.provider).toBe('email');
    expect(emailAdapter.detect(eml(BASE, 'x'))).toBe(true);
    expect(emailAdapter.detect(fixture('talon-gmail-reply-quoted.eml'))).toBe(true);
    expect(emailAdapter.detect('hello world')).toBe(false);
    expect(emailAdapter.detect({ update_id: 1 })).toBe(false);
    const r = await emailAdapter.normalize(eml(BASE, 'x'), { receivedAt: RECEIVED });
    expect(r.success).toBe(true);
  });
});
