// windows-1252 without TextDecoder. Node 20.18.3+, 22.13–22.18 and 24.0–24.6 (nodejs/node#56542,
// #59515, #60888) and Cloudflare workerd (cloudflare/workerd#6027) decode 'windows-1252', and every
// label WHATWG maps to it (iso-8859-1, latin1, us-ascii, ...), as Latin-1: bytes 0x80–0x9F come out as
// C1 control characters instead of € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ. Those 32
// bytes are the only difference between the two, so they are decoded here from the WHATWG table
// (https://encoding.spec.whatwg.org/index-windows-1252.txt), whatever the runtime.

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
