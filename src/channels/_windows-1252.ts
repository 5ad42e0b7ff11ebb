// windows-1252 without TextDecoder. Node 20.18.3+, 22.13–22.18 and 24.0–24.6 (nodejs/node#56542,
// #59515, #60888) and Cloudflare workerd (cloudflare/workerd#6027) decode 'windows-1252', and every
// label WHATWG maps to it (iso-8859-1, latin1, us-ascii, ...), as Latin-1: bytes 0x80–0x9F come out as
// C1 control characters instead of € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ. Those 32
// bytes are the only difference between the two, so they are decoded here from the WHATWG table
// (https://encoding.spec.whatwg.org/index-windows-1252.txt), whatever the runtime.

import { hexNibble } from '../internal/hex.js';

/**
 * WHATWG index-windows-1252: the code points of bytes 0x80–0x9F. The five bytes the index leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to U+0081, U+008D, ... as in the Encoding Standard.
 */
const HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
] as const;

/** The labels of windows-1252 in the WHATWG Encoding Standard (encodings.json), lower-cased. */
const LABELS: ReadonlySet<string> = new Set([
  'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1', 'iso88591',
  'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252',
]);

/** Is this charset label (as written in a message: trimmed and lower-cased here) one of windows-1252's? */
export function isWindows1252Label(label: string): boolean {
  return LABELS.has(label.trim().toLowerCase());
}

/** The text of windows-1252 bytes (WHATWG decoding: every byte is one character, none is refused). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  const units = new Uint16Array(Math.min(bytes.length, CHUNK));
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      units[i - start] = b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80]! : b;
    }
    out += String.fromCharCode(...units.subarray(0, end - start));
  }
  return out;
}

/** C1 control characters, which a Latin-1 reading of windows-1252 bytes 0x80–0x9F gives. */
const C1 = /[\u0080-\u009f]/g;

/**
 * Text decoded as Latin-1 where it was windows-1252, put right: each C1 control character becomes
 * the character of its byte in windows-1252 (as the HTML parser does for `&#x80;`–`&#x9F;`).
 * Text without C1 characters is returned as is.
 */
export function repairWindows1252(text: string): string {
  C1.lastIndex = 0;
  if (!C1.test(text)) return text;
  return text.replace(C1, (c) => String.fromCharCode(HIGH[c.charCodeAt(0) - 0x80]!));
}

const ENCODED_WORD = /=\?([^?\s]+)\?([QB])\?([^?]*)\?=/gi;

/**
 * A header value whose RFC 2047 encoded words in a windows-1252 label are rewritten as the same
 * text in UTF-8 encoded words (`=?utf-8?Q?=E2=82=AC?=`), so that a decoder of encoded words (postal-mime's
 * decodeWords and addressParser) gives windows-1252 text on every runtime. The bytes of a word are
 * read as postal-mime reads them (Q: `_` and white space are spaces, `=XX` a byte; B: characters
 * outside the alphabet dropped). Words in other charsets, and the rest of the value, are kept as
 * they are. The value itself when it has no such word.
 */
export function rewriteWindows1252Words(value: string): string {
  if (value.indexOf('=?') < 0) return value;
  let changed = false;
  ENCODED_WORD.lastIndex = 0;
  const out = value.replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => {
    const star = charset.indexOf('*');
    if (!isWindows1252Label(star >= 0 ? charset.slice(0, star) : charset)) return word;
    changed = true;
    const bytes = encoding === 'Q' || encoding === 'q' ? qBytes(text) : base64Bytes(text);
    let q = '';
    for (const b of utf8Of(decodeWindows1252(bytes))) q += `=${b < 16 ? '0' : ''}${b.toString(16).toUpperCase()}`;
    return `=?utf-8?Q?${q}?=`;
  });
  return changed ? out : value;
}

let encoder: TextEncoder | undefined;
const utf8Of = (text: string): Uint8Array => (encoder ??= new TextEncoder()).encode(text);


/** postal-mime's decodeWord for Q: spaces after `=` before a hex digit dropped, `_` and spaces as 0x20, `=XX` a byte. */
function qBytes(text: string): Uint8Array {
  const buf = utf8Of(text.replace(/=\s+([0-9a-f])/gi, '=$1').replace(/[_\s]/g, ' '));
  const out: number[] = [];
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (c === 0x3d && i <= buf.length - 2) {
      const high = hexNibble(buf[i + 1]);
      const low = hexNibble(buf[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push((high << 4) | low);
        i += 2;
        continue;
      }
    }
    out.push(c);
  }
  return Uint8Array.from(out);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** postal-mime's decodeWord for B: characters outside `[A-Za-z0-9+/=]` dropped, trailing `=` ignored, a lone last character dropped. */
function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/[^a-z0-9+/=]+/gi, '');
  let len = clean.length;
  while (len > 0 && clean.charCodeAt(len - 1) === 0x3d) len--;
  if (len % 4 === 1) len--;
  const remainder = len % 4;
  const size = Math.floor(len / 4) * 3 + (remainder ? remainder - 1 : 0);
  const out = new Uint8Array(size);
  // Inside the text `=` counts as 0, as in postal-mime's lookup table.
  const at = (i: number): number => Math.max(0, BASE64.indexOf(clean.charAt(i)));
  let p = 0;
  for (let i = 0; i < len; i += 4) {
    const a = at(i);
    const b = at(i + 1);
    const c = at(i + 2);
    const d = at(i + 3);
    out[p++] = (a << 2) | (b >> 4);
    if (p < size) out[p++] = ((b & 15) << 4) | (c >> 2);
    if (p < size) out[p++] = ((c & 3) << 6) | (d & 63);
  }
  return out;
}

/** A charset label as a message declares it: `charset=`, an encoded word `=?label?`, an RFC 2231 `*=label'`. */
const DECLARED_CHARSET = /(?:charset\s*=\s*"?|=\?|\*=\s*"?)([\w.:-]{1,40})/gi;

/** Does a raw message (its text, or bytes read as Latin-1) name a windows-1252 label anywhere? */
export function declaresWindows1252(raw: string): boolean {
  DECLARED_CHARSET.lastIndex = 0;
  for (let m = DECLARED_CHARSET.exec(raw); m !== null; m = DECLARED_CHARSET.exec(raw)) {
    if (isWindows1252Label(m[1]!)) return true;
  }
  return false;
}
