// Synchronous SHA-256 (FIPS 180-4). Web Crypto's digest is async, and idempotency keys are computed
// on the hot path of every adapter, so a small synchronous implementation is used instead.
//
// Written for V8's optimizing compiler: every value stays an int32 (the round constants are read from
// an Int32Array, never as doubles), ASCII text (nearly every key) is packed into message words
// straight from its UTF-16 units (other text through TextEncoder), the rounds are unrolled by eight
// with the working variables renamed instead of shifted, and only the hex digits asked for are made.

// The same bits as FIPS 180-4's uint32 constants, read as int32.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/**
 * SHA-256 of a UTF-8 string, as 64 lowercase hex digits.
 *
 * @example
 * ```ts
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function sha256Hex(text: string): string {
  return sha256HexPrefix(text, 64);
}

/**
 * The first `digits` (1–64) hex digits of the SHA-256 of a UTF-8 string: `sha256Hex(text).slice(0, digits)`,
 * without formatting the digits that are cut.
 *
 * @example
 * ```ts
 * sha256HexPrefix('abc', 12); // 'ba7816bf8f01'
 * ```
 */
export function sha256HexPrefix(text: string, digits: number): string {
  const b = (shared ??= { w: new Int32Array(64), message: new Int32Array(MESSAGE_WORDS) });
  // The padded message as big-endian words: the bytes, 0x80, zeros, the 64-bit bit length.
  let words = paddedWordCount(text.length);
  let message = words <= MESSAGE_WORDS ? b.message : new Int32Array(words);
  if (!packAscii(text, message, words)) {
    const bytes = (encoder ??= new TextEncoder()).encode(text);
    words = paddedWordCount(bytes.length);
    if (words > message.length) message = new Int32Array(words);
    packBytes(bytes, message, words);
  }
  const w = b.w;
  let h0 = 0x6a09e667 | 0, h1 = 0xbb67ae85 | 0, h2 = 0x3c6ef372 | 0, h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f | 0, h5 = 0x9b05688c | 0, h6 = 0x1f83d9ab | 0, h7 = 0x5be0cd19 | 0;
  let t: number, x: number, y: number;
  for (let offset = 0; offset < words; offset += 16) {
    for (let i = 0; i < 16; i++) w[i] = message[offset + i]!;
    // Eight rounds per iteration, the working variables renamed instead of shifted: a round computes
    // T1 = h + Σ1(e) + Ch(e,f,g) + K + W, then d += T1 and h = T1 + Σ0(a) + Maj(a,b,c), the names a..h
    // turning one step per round (FIPS 180-4 §6.2.2, the shifts left to the renaming). From round 16
    // on, each round first extends the message schedule W.
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let i = 0; i < 16; i += 8) {
      t = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      d = (d + t) | 0;
      h = (t + ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c)))) | 0;
      t = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + ((d & e) ^ (~d & f)) + K[i + 1]! + w[i + 1]!) | 0;
      c = (c + t) | 0;
      g = (t + ((((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (h & b) ^ (a & b)))) | 0;
      t = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + ((c & d) ^ (~c & e)) + K[i + 2]! + w[i + 2]!) | 0;
      b = (b + t) | 0;
      f = (t + ((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (g & a) ^ (h & a)))) | 0;
      t = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + ((b & c) ^ (~b & d)) + K[i + 3]! + w[i + 3]!) | 0;
      a = (a + t) | 0;
      e = (t + ((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (f & h) ^ (g & h)))) | 0;
      t = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + ((a & b) ^ (~a & c)) + K[i + 4]! + w[i + 4]!) | 0;
      h = (h + t) | 0;
      d = (t + ((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (e & g) ^ (f & g)))) | 0;
      t = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + ((h & a) ^ (~h & b)) + K[i + 5]! + w[i + 5]!) | 0;
      g = (g + t) | 0;
      c = (t + ((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (d & f) ^ (e & f)))) | 0;
      t = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + ((g & h) ^ (~g & a)) + K[i + 6]! + w[i + 6]!) | 0;
      f = (f + t) | 0;
      b = (t + ((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (c & e) ^ (d & e)))) | 0;
      t = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + ((f & g) ^ (~f & h)) + K[i + 7]! + w[i + 7]!) | 0;
      e = (e + t) | 0;
      a = (t + ((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (b & d) ^ (c & d)))) | 0;
    }
    for (let i = 16; i < 64; i += 8) {
      x = w[i + -15]!;
      y = w[i + -2]!;
      w[i + 0] = (w[i + -16]! + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[i + -7]! + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      t = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      d = (d + t) | 0;
      h = (t + ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c)))) | 0;
      x = w[i + -14]!;
      y = w[i + -1]!;
      w[i + 1] = (w[i + -15]! + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[i + -6]! + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      t = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + ((d & e) ^ (~d & f)) + K[i + 1]! + w[i + 1]!) | 0;
      c = (c + t) | 0;
      g = (t + ((((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (h & b) ^ (a & b)))) | 0;
      x = w[i + -13]!;
      y = w[i + 0]!;
      w[i + 2] = (w[i + -14]! + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[i + -5]! + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      t = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + ((c & d) ^ (~c & e)) + K[i + 2]! + w[i + 2]!) | 0;
      b = (b + t) | 0;
      f = (t + ((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (g & a) ^ (h & a)))) | 0;
      x = w[i + -12]!;
      y = w[i + 1]!;
      w[i + 3] = (w[i + -13]! + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[i + -4]! + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      t = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + ((b & c) ^ (~b & d)) + K[i + 3]! + w[i + 3]!) | 0;
      a = (a + t) | 0;
      e = (t + ((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (f & h) ^ (g & h)))) | 0;
      x = w[i + -11]!;
      y = w[i + 2]!;
      w[i + 4] = (w[i + -12]! + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[i + -3]! + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      t = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + ((a & b) ^ (~a & c)) + K[i + 4]! + w[i + 4]!) | 0;
      h = (h + t) | 0;
      d = (t + ((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (e & g) ^ (f & g)))) | 0;
      x = w[i + -10]!;
      y = w[i + 3]!;
      w[i + 5] = (w[i + -11]! + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[i + -2]! + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      t = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + ((h & a) ^ (~h & b)) + K[i + 5]! + w[i + 5]!) | 0;
      g = (g + t) | 0;
      c = (t + ((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (d & f) ^ (e & f)))) | 0;
      x = w[i + -9]!;
      y = w[i + 4]!;
      w[i + 6] = (w[i + -10]! + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[i + -1]! + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      t = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + ((g & h) ^ (~g & a)) + K[i + 6]! + w[i + 6]!) | 0;
      f = (f + t) | 0;
      b = (t + ((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (c & e) ^ (d & e)))) | 0;
      x = w[i + -8]!;
      y = w[i + 5]!;
      w[i + 7] = (w[i + -9]! + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[i + 0]! + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      t = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + ((f & g) ^ (~f & h)) + K[i + 7]! + w[i + 7]!) | 0;
      e = (e + t) | 0;
      a = (t + ((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (b & d) ^ (c & d)))) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  const table = (hexBytes ??= Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')));
  // Twelve digits (record-id digests) are the common prefix: six bytes, nothing to cut.
  if (digits === 12) return hexWord(table, h0) + table[h1 >>> 24]! + table[(h1 >>> 16) & 0xff]!;
  if (digits <= 16) {
    const head = hexWord(table, h0) + hexWord(table, h1);
    return digits === 16 ? head : head.slice(0, Math.max(0, digits));
  }
  const all = hexWord(table, h0) + hexWord(table, h1) + hexWord(table, h2) + hexWord(table, h3) + hexWord(table, h4) + hexWord(table, h5) + hexWord(table, h6) + hexWord(table, h7);
  return digits >= 64 ? all : all.slice(0, digits);
}

/** Words of a padded message of `byteLength` bytes: a whole number of 64-byte blocks with room for 0x80 and the length. */
function paddedWordCount(byteLength: number): number {
  return Math.ceil((byteLength + 9) / 64) * 16;
}

/**
 * Pack an ASCII `text` (one byte per UTF-16 unit) and its padding into the first `words` words of
 * `out`. False, with `out` partly written, when the text is not ASCII.
 */
function packAscii(text: string, out: Int32Array, words: number): boolean {
  const n = text.length;
  const full = n >> 2;
  let seen = 0;
  for (let k = 0, i = 0; k < full; k++, i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    seen |= c0 | c1 | c2 | c3;
    out[k] = (c0 << 24) | (c1 << 16) | (c2 << 8) | c3;
  }
  let last = 0;
  for (let i = full << 2, shift = 24; i < n; i++, shift -= 8) {
    const c = text.charCodeAt(i);
    seen |= c;
    last |= c << shift;
  }
  if (seen > 0x7f) return false;
  finishPadding(out, full, last | (0x80 << (24 - ((n & 3) << 3))), words, n);
  return true;
}

/** Pack UTF-8 `bytes` and their padding into the first `words` words of `out`. */
function packBytes(bytes: Uint8Array, out: Int32Array, words: number): void {
  const n = bytes.length;
  const full = n >> 2;
  for (let k = 0, i = 0; k < full; k++, i += 4) out[k] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
  let last = 0;
  for (let i = full << 2, shift = 24; i < n; i++, shift -= 8) last |= bytes[i]! << shift;
  finishPadding(out, full, last | (0x80 << (24 - ((n & 3) << 3))), words, n);
}

/** Write the word holding the last bytes and 0x80 at `at`, zeros after it, and the bit length of `byteLength` bytes at the end. */
function finishPadding(out: Int32Array, at: number, lastWord: number, words: number, byteLength: number): void {
  out[at] = lastWord;
  for (let k = at + 1; k < words - 2; k++) out[k] = 0;
  out[words - 2] = Math.floor(byteLength / 0x20000000) | 0;
  out[words - 1] = (byteLength << 3) | 0;
}

function hexWord(table: readonly string[], word: number): string {
  return table[word >>> 24]! + table[(word >>> 16) & 0xff]! + table[(word >>> 8) & 0xff]! + table[word & 0xff]!;
}

let hexBytes: string[] | undefined;

/** Message words held without allocating (4 KiB of text): nearly every key. */
const MESSAGE_WORDS = 1024;

// Buffers reused between calls, made on first use (hashing is synchronous, so no call can observe another's).
let shared: { w: Int32Array; message: Int32Array } | undefined;
let encoder: TextEncoder | undefined;
