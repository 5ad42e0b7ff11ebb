// RFC 2047 encoded words and declared charsets of windows-1252 in an email (see
// internal/windows-1252.ts for why the library decodes windows-1252 itself).

import { hexNibble } from '../internal/hex.js';
import { decodeWindows1252, isWindows1252Label } from '../internal/windows-1252.js';

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
