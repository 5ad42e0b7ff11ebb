// The synchronous MIME reader (src/channels/_email-mime.ts) must give exactly what postal-mime gives
// (with windows-1252 put right, see _windows-1252.ts)
// for every message it accepts, and decline the rest. Checked on every email fixture (with its line
// endings changed, a BOM, trailing blank lines) and on generated messages covering the shapes it
// reads and the ones it must decline: headers folded, duplicated, encoded; text/plain, text/html,
// alternatives, mixed and related multiparts, nested; 7bit, 8bit, quoted-printable and base64 bodies;
// UTF-8, ASCII and Latin-1 charsets; boundaries with trailing blanks, preambles, epilogues, missing
// terminators; attachments, flowed text and parameters it does not read.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import PostalMime, { addressParser, decodeWords } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { decodeExactUtf8, readSimpleEmail, repairWindows1252Email, windows1252Helpers } from '../../src/channels/_email-mime.js';
import { normalizeEmailMessage } from '../../src/channels/email.js';

const root = new URL('../fixtures/channel-payloads/email/', import.meta.url);
const names = readdirSync(root).filter((n) => n.endsWith('.eml'));
const fixture = (name: string): string => readFileSync(new URL(name, root), 'utf8');
const OPTIONS = { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50, maxHeadersSize: 1_000_000 } as const;
// Both sides decode windows-1252 from the fixed table (postal-mime's result repaired as the adapter repairs it).
const mime = windows1252Helpers({ addressParser, decodeWords });

/** A parse result as JSON: every field in order, attachment contents as hex, and their types. */
function show(email: unknown): string {
  return JSON.stringify(email, (_key, value: unknown) =>
    value instanceof ArrayBuffer ? `ArrayBuffer:${Buffer.from(value).toString('hex')}` : ArrayBuffer.isView(value) ? `View:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}` : value,
  );
}

/** Both parsers' results, or undefined when the reader declines. */
async function both(raw: string): Promise<{ fast: string; postal: string } | undefined> {
  const fast = readSimpleEmail(raw, mime);
  if (fast === undefined) return undefined;
  return { fast: show(fast), postal: show(repairWindows1252Email(await PostalMime.parse(raw, OPTIONS), () => raw, mime)) };
}

describe('readSimpleEmail', () => {
  it('gives postal-mime\'s result for every fixture it reads, in every line-ending variant', async () => {
    for (const name of names) {
      const raw = fixture(name);
      for (const variant of [raw, raw.replace(/\r?\n/g, '\r\n'), raw.replace(/\r\n/g, '\n'), `${raw}\n\n`, raw.replace(/\n$/, ''), `\uFEFF${raw}`, raw.replace(/\n/g, '\r\r\n')]) {
        const r = await both(variant);
        if (r !== undefined) expect(r.fast, name).toBe(r.postal);
      }
    }
  });

  it('reads every fixture (text parts, alternatives, attachments, RFC 2231 file names, a delivery report)', () => {
    expect(names.filter((n) => readSimpleEmail(fixture(n), mime) === undefined)).toEqual([]);
    expect(names.length).toBeGreaterThanOrEqual(10);
  });

  it('normalizeEmailMessage gives the same batch from bytes (postal-mime where not valid UTF-8) and from text', async () => {
    for (const name of names) {
      const bytes = readFileSync(new URL(name, root));
      const fromBytes = await normalizeEmailMessage(bytes, { receivedAt: '2024-05-01T10:00:00Z' });
      const fromText = await normalizeEmailMessage(bytes.toString('utf8'), { receivedAt: '2024-05-01T10:00:00Z' });
      if (decodeExactUtf8(bytes) !== undefined) expect(JSON.stringify(fromText), name).toBe(JSON.stringify(fromBytes));
    }
  });

  it('decodeExactUtf8 keeps a BOM and refuses invalid UTF-8', () => {
    expect(decodeExactUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('\uFEFFa');
    expect(decodeExactUtf8(new Uint8Array([0x61, 0xe9, 0x62]))).toBeUndefined();
  });

  // ---- generated messages ------------------------------------------------------------------------

  const eol = fc.constantFrom('\r\n', '\n');
  const word = fc.constantFrom('hello', 'Olá', 'pedido', 'café', 'naïve', '🙂', 'x', 'Re:', '=?UTF-8?Q?Ol=C3=A1?=', '=?ISO-8859-1?Q?caf=E9?=', '=?UTF-8?B?2YXYqtis2LE=?=', 'a=b', '--', '  ', '\t', '"q"', '<id@x>', '(c)');
  const phrase = fc.array(word, { minLength: 0, maxLength: 6 }).map((w) => w.join(' '));
  const mailbox = fc.constantFrom('ana@example.com', 'Ana <ana@example.com>', '"Souza, Ana" <ana.souza@example.com>', '=?UTF-8?B?2YXYqtis2LE=?= <x@y.co>', 'undisclosed-recipients:;', 'Team: a@x.co, b@y.co;', 'broken <', '', ' ');
  const headerName = fc.constantFrom('From', 'To', 'Cc', 'Bcc', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'In-Reply-To', 'References', 'Delivered-To', 'Sender', 'Return-Path', 'List-Id', 'Auto-Submitted', 'Precedence', 'X-Autoreply', 'from', 'SUBJECT', 'X-Note');
  const headerValue = fc.oneof(mailbox, phrase, fc.constantFrom('Sat, 22 Aug 2015 19:22:20 +0200', 'not a date', '2024-01-02T03:04:05Z', '<a@b> <c@d>', 'bulk', 'auto-replied', 'no'));
  const header = fc.tuple(headerName, fc.constantFrom(': ', ':', ' : ', ':\t'), headerValue, fc.constantFrom('', ' ', 'fold')).map(([n, sep, v, fold]) => {
    if (fold === 'fold' && v.includes(' ')) return `${n}${sep}${v.replace(' ', '\n\t')}`;
    return `${n}${sep}${v}${fold}`;
  });

  const bodyText = fc.array(fc.oneof(phrase, fc.constantFrom('', '> quoted', 'On Mon, Ana wrote:', '--', '-- ', '=3D', '=\u00e9', 'line=', 'x=4', '=ZZ', 'a\rb', '\uFEFFbom', '<p>html</p>', 'trailing  ')), { maxLength: 6 });

  function encode(lines: string[], encoding: string, charset: string): string[] {
    const text = lines.join('\n');
    if (encoding === 'base64') {
      const bytes = charset.toLowerCase().includes('8859') ? Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff) : new TextEncoder().encode(text);
      const b64 = Buffer.from(bytes).toString('base64');
      const out: string[] = [];
      for (let i = 0; i < b64.length; i += 20) out.push(b64.slice(i, i + 20));
      return out;
    }
    if (encoding === 'quoted-printable') {
      const bytes = new TextEncoder().encode(text);
      let line = '';
      const out: string[] = [];
      for (const b of bytes) {
        if (b === 0x0a) {
          out.push(line);
          line = '';
          continue;
        }
        line += b >= 0x80 || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
        if (line.length > 30) {
          out.push(`${line}=`);
          line = '';
        }
      }
      out.push(line);
      return out;
    }
    return lines;
  }

  const contentTypeOf = (type: string, charset: string | undefined, style: number): string => {
    if (charset === undefined) return style === 1 ? `${type.toUpperCase()};` : type;
    return style === 0 ? `${type}; charset=${charset}` : style === 1 ? `${type};\n\tcharset="${charset}"` : `${type} ;charset = ${charset} ;`;
  };

  type Part =
    | { kind: 'text'; type: 'text/plain' | 'text/html'; lines: string[]; encoding: string; charset: string | undefined; style: number; extra: string }
    | { kind: 'file'; head: string[]; lines: string[]; encoding: string }
    | { kind: 'multi'; subtype: string; boundary: string; parts: Part[]; preamble: string; epilogue: string; terminate: boolean; trailing: string };

  const textPart: fc.Arbitrary<Part> = fc.record({
    kind: fc.constant('text' as const),
    type: fc.constantFrom('text/plain' as const, 'text/html' as const),
    lines: bodyText,
    encoding: fc.constantFrom('', '7bit', '8bit', 'quoted-printable', 'base64', 'Base64', 'x-unknown'),
    charset: fc.constantFrom(undefined, 'utf-8', 'UTF-8', 'us-ascii', 'iso-8859-1', 'windows-1252', 'utf8', 'koi8-r', ''),
    style: fc.integer({ min: 0, max: 2 }),
    extra: fc.constantFrom('', '', '', 'Content-Disposition: inline', 'Content-Disposition: attachment; filename=a.txt', 'Content-ID: <x@y>', 'Content-Type: text/enriched', 'Content-Transfer-Encoding: base64'),
  });
  const filePart: fc.Arbitrary<Part> = fc.record({
    kind: fc.constant('file' as const),
    head: fc.tuple(
      fc.constantFrom('image/png', 'application/octet-stream', 'text/plain', 'text/watch-html', 'message/delivery-status', 'message/rfc822', 'text/calendar', 'message/feedback-report', 'IMAGE/GIF'),
      fc.constantFrom('', '; name=a.png', '; name="nyan cat =?UTF-8?Q?=E2=9C=94=2Egif?="', '; name=""', '; method=REQUEST', '; name*=utf-8\'\'caf%C3%A9.txt', '; x=(y)'),
      fc.constantFrom(undefined, 'attachment', 'inline', 'attachment; filename=notes.txt', 'attachment;\n filename*0*=utf-8\'\'nyan%20cat%20%E2%9C%94.gif', 'attachment; filename*0=a; filename*1=b.txt', 'attachment; filename="x.pdf"; filename="y.pdf"', 'form-data', 'attachment; filename*=koi8-r\'\'%C1'),
      fc.constantFrom(undefined, '<note@example.com>', ''),
      fc.constantFrom(undefined, 'Undelivered Message', '=?UTF-8?Q?Ol=C3=A1?=', ''),
    ).map(([type, params, disposition, id, description]) => {
      const head = [`Content-Type: ${type}${params}`];
      if (disposition !== undefined) head.push(`Content-Disposition: ${disposition}`);
      if (id !== undefined) head.push(`Content-ID: ${id}`);
      if (description !== undefined) head.push(`Content-Description: ${description}`);
      return head;
    }),
    lines: fc.oneof(bodyText, fc.constant<string[]>(['Reporting-MTA: dns; a.example', 'Final-Recipient: rfc822; x@y.co', 'Action: failed', 'Status: 5.1.1']), fc.constant<string[]>(['From: a@b.co', 'Message-ID: <m@x>', '', 'hi'])),
    encoding: fc.constantFrom('', '7bit', 'base64', 'quoted-printable'),
  });
  const part: fc.Arbitrary<Part> = fc.letrec<{ part: Part }>((tie) => ({
    part: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      textPart,
      filePart,
      fc.record({
        kind: fc.constant('multi' as const),
        subtype: fc.constantFrom('alternative', 'mixed', 'related', 'report', 'digest'),
        boundary: fc.constantFrom('b1', 'Apple-Mail=_33A0', '----=_Part_1', 'x y', 'b1'),
        parts: fc.array(tie('part'), { minLength: 0, maxLength: 3 }),
        preamble: fc.constantFrom('', 'This is a multi-part message.', '--b1x'),
        epilogue: fc.constantFrom('', 'bye', '--b1--'),
        terminate: fc.boolean(),
        trailing: fc.constantFrom('', '', ' ', '\t', 'x'),
      }),
    ),
  })).part;

  function render(p: Part, depth: number): string[] {
    if (p.kind === 'text') {
      const head = [`Content-Type: ${contentTypeOf(p.type, p.charset, p.style)}`];
      if (p.encoding !== '') head.push(`Content-Transfer-Encoding: ${p.encoding}`);
      if (p.extra !== '') head.push(p.extra);
      return [...head.flatMap((h) => h.split('\n')), '', ...encode(p.lines, p.encoding.toLowerCase(), p.charset ?? 'utf-8')];
    }
    if (p.kind === 'file') {
      const head = [...p.head];
      if (p.encoding !== '') head.push(`Content-Transfer-Encoding: ${p.encoding}`);
      return [...head.flatMap((h) => h.split('\n')), '', ...encode(p.lines, p.encoding, 'utf-8')];
    }
    // Nested multiparts get their own boundary (the same one at two levels is a case too, at depth 0).
    const boundary = depth > 0 && p.boundary === 'b1' ? `b1-${depth}` : p.boundary;
    const quoted = boundary.includes(' ') || boundary.includes('=') ? `"${boundary}"` : boundary;
    const out = [`Content-Type: multipart/${p.subtype}; boundary=${quoted}`, '', p.preamble];
    for (const child of p.parts) out.push(`--${boundary}${p.trailing}`, ...render(child, depth + 1));
    if (p.terminate) out.push(`--${boundary}--`, p.epilogue);
    return out;
  }

  const message = fc.tuple(fc.array(header, { maxLength: 8 }), part, eol, fc.boolean()).map(([headers, body, nl, finalEol]) => {
    const lines = [...headers.flatMap((h) => h.split('\n')), ...render(body, 0)];
    return lines.join(nl) + (finalEol ? nl : '');
  });

  it('decodes base64 bodies as postal-mime does: junk characters, `=` inside lines, odd groups, long runs', async () => {
    const chunk = fc.oneof(
      { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'), maxLength: 24 }) },
      { weight: 2, arbitrary: fc.constantFrom('=', '==', '===', ' ', '\t', '*', '-', '.', 'é', 'ſ', 'K', '\u00a0', '=\t=', '= =', 'a\rb') },
    );
    const line = fc.array(chunk, { maxLength: 6 }).map((c) => c.join(''));
    const body = fc.oneof(fc.array(line, { maxLength: 12 }), fc.constant(Array.from({ length: 1500 }, (_, i) => `QUJD${'REVG'.repeat(18)}${i % 7 === 0 ? '=' : ''}`)));
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('text/plain', 'application/octet-stream'), fc.constantFrom('\r\n', '\n'), async (lines, type, nl) => {
        const raw = ['From: ana@example.com', 'Subject: b64', `Content-Type: ${type}`, 'Content-Transfer-Encoding: base64', '', ...lines].join(nl);
        const r = await both(raw);
        if (r !== undefined) expect(r.fast).toBe(r.postal);
      }),
      { numRuns: 400 },
    );
  });

  it('gives postal-mime\'s result for every generated message it reads', async () => {
    let read = 0;
    let withAttachments = 0;
    let withContinuations = 0;
    await fc.assert(
      fc.asyncProperty(message, async (raw) => {
        const r = await both(raw);
        if (r === undefined) return;
        read++;
        if (!r.fast.includes('"attachments":[]')) withAttachments++;
        if (raw.includes("*0*=utf-8''nyan")) withContinuations++;
        expect(r.fast).toBe(r.postal);
      }),
      { numRuns: 1500 },
    );
    // The generator reaches the accepted shapes, not only the declined ones.
    expect(read).toBeGreaterThan(150);
    expect(withAttachments).toBeGreaterThan(50);
    expect(withContinuations).toBeGreaterThan(5);
  });
});
