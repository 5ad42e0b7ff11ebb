// windows-1252 mail (Outlook and other Windows mailers; mail labelled ISO-8859-1 is often really
// windows-1252): bytes 0x80–0x9F are € – “ ” ’ … and the like, never C1 control characters, in the
// subject, the display names and the body, whichever parser reads the message (the synchronous
// reader for text parts and alternatives, postal-mime for 8-bit bytes, flowed text, ...). Several
// Node versions (20.18.3+, 22.13–22.18, 24.0–24.6) and Cloudflare workerd decode 'windows-1252' with
// TextDecoder as Latin-1 (nodejs/node#60888, cloudflare/workerd#6027); these tests hold on all of them.
import { describe, expect, it } from 'vitest';
import { rewriteWindows1252Words } from '../../src/channels/_email-windows-1252.js';
import { decodeWindows1252, repairWindows1252 } from '../../src/internal/windows-1252.js';
import { normalizeEmailMessage } from '../../src/channels/email.js';
import type { Message } from '../../src/model/message.js';

const RECEIVED = '2024-06-04T12:00:00.000Z';
const SUBJECT = '“Prüfung” – Bestellung € 42';
const BODY = 'Grüße – der Preis ist 5 €, that’s it…';
const NAME = 'Renée „Müller“';

/** The WHATWG index-windows-1252 characters of bytes 0x80–0x9F (the undefined five stay C1). */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** windows-1252 bytes of a string (only the characters used here). */
function cp1252(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const high = HIGH.indexOf(c);
    if (high >= 0) return 0x80 + high;
    const code = c.charCodeAt(0);
    if (code > 0xff) throw new Error(`not windows-1252: ${c}`);
    return code;
  });
}

const qp = (text: string, underscore = false): string =>
  Array.from(cp1252(text), (b) => (b >= 0x80 || b === 0x3d || (underscore && (b === 0x5f || b === 0x3f)) ? `=${b.toString(16).toUpperCase()}` : underscore && b === 0x20 ? '_' : String.fromCharCode(b))).join('');

function head(charset: string): string[] {
  return [
    `From: =?${charset}?Q?${qp(NAME, true)}?= <renee@example.de>`,
    'To: support@shop.example',
    `Subject: =?${charset}?Q?${qp(SUBJECT, true)}?=`,
    'Date: Tue, 04 Jun 2024 10:00:00 +0200',
    'Message-ID: <w1252@example.de>',
    'MIME-Version: 1.0',
  ];
}

async function message(raw: string | Uint8Array): Promise<Message> {
  const r = await normalizeEmailMessage(raw, { receivedAt: RECEIVED });
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  expect(r.data.messages).toHaveLength(1);
  return r.data.messages[0]!;
}

function expectRight(m: Message): void {
  expect(m.email?.subject).toBe(SUBJECT);
  expect(m.senderName).toBe(NAME);
  expect(m.text).toBe(BODY);
}

describe('windows-1252 email', () => {
  it('decodes bytes 0x80–0x9F from the WHATWG table, whatever TextDecoder does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeWindows1252(all);
    expect(text.slice(0x80, 0xa0)).toBe(HIGH);
    expect(text.slice(0, 0x80) + text.slice(0xa0)).toBe(Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).filter((_, i) => i < 0x80 || i >= 0xa0).join(''));
    expect(repairWindows1252('a\u0080b\u0096\u0081')).toBe('a€b–\u0081');
    expect(rewriteWindows1252Words('=?utf-8?Q?x?= plain')).toBe('=?utf-8?Q?x?= plain');
  });

  for (const charset of ['windows-1252', 'iso-8859-1', 'ISO-8859-1', 'us-ascii', 'latin1', 'cp1252']) {
    it(`single part, quoted-printable, charset ${charset}: subject, display name and body`, async () => {
      const raw = [...head(charset), `Content-Type: text/plain; charset=${charset}`, 'Content-Transfer-Encoding: quoted-printable', '', qp(BODY), ''].join('\r\n');
      expectRight(await message(raw));
    });
  }

  it('single part, 8-bit bytes (not UTF-8: postal-mime reads it), B-encoded words', async () => {
    const b64 = (text: string): string => btoa(String.fromCharCode(...cp1252(text)));
    const headLines = [
      `From: =?windows-1252?B?${b64(NAME)}?= <renee@example.de>`,
      `Subject: =?Windows-1252?B?${b64(SUBJECT)}?=`,
      'Date: Tue, 04 Jun 2024 10:00:00 +0200',
      'Content-Type: text/plain; charset="windows-1252"',
      'Content-Transfer-Encoding: 8bit',
      '',
      '',
    ].join('\r\n');
    const bytes = new Uint8Array([...new TextEncoder().encode(headLines), ...cp1252(BODY), 0x0d, 0x0a]);
    expectRight(await message(bytes));
  });

  it('multipart/alternative (read synchronously) and multipart with flowed text (postal-mime)', async () => {
    for (const flowed of [false, true]) {
      const format = flowed ? '; format=flowed' : '';
      const raw = [
        ...head('windows-1252'),
        'Content-Type: multipart/alternative; boundary="b1"',
        '',
        '--b1',
        `Content-Type: text/plain; charset=windows-1252${format}`,
        'Content-Transfer-Encoding: quoted-printable',
        '',
        qp(BODY),
        '--b1',
        'Content-Type: text/html; charset=windows-1252',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        `<p>${qp(BODY)}</p>`,
        '--b1--',
        '',
      ].join('\r\n');
      const m = await message(raw);
      expectRight(m);
      expect(m.email?.html).toBe(`<p>${BODY}</p>\n`);
    }
  });

  it('a UTF-8 message is left as it is', async () => {
    const raw = ['From: =?utf-8?Q?Ren=C3=A9e?= <renee@example.de>', 'Subject: =?utf-8?Q?=E2=82=AC_1?=', 'Date: Tue, 04 Jun 2024 10:00:00 +0200', 'Content-Type: text/plain; charset=utf-8', '', '€ – ok', ''].join('\r\n');
    const m = await message(raw);
    expect([m.email?.subject, m.senderName, m.text]).toEqual(['€ 1', 'Renée', '€ – ok']);
  });
});
