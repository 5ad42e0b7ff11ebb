// Synchronous SHA-256 (FIPS 180-4). Web Crypto's digest is async, and idempotency keys are computed
// on the hot path of every adapter, so a small synchronous implementation is used instead.

// Int32Array: the same bits as FIPS 180-4's uint32 constants, read as int32 (never as doubles).
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
  const buffers = (shared ??= { words: new Int32Array(64), scratch: new Uint8Array(4096) });
  const w = buffers.words;
  // The message bytes, then 0x80, zeros and the 64-bit bit length: a whole number of 64-byte blocks.
  let bytes = buffers.scratch;
  let length = asciiInto(text, bytes);
  if (length < 0) {
    const encoded = (encoder ??= new TextEncoder()).encode(text);
    length = encoded.length;
    if (((length + 9 + 63) >> 6) << 6 > bytes.length) bytes = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    bytes.set(encoded);
  }
  const paddedLength = ((length + 9 + 63) >> 6) << 6;
  bytes.fill(0, length, paddedLength);
  bytes[length] = 0x80;
  const bitLength = length * 8;
  const high = Math.floor(bitLength / 0x100000000);
  const low = bitLength >>> 0;
  bytes[paddedLength - 8] = high >>> 24;
  bytes[paddedLength - 7] = (high >>> 16) & 0xff;
  bytes[paddedLength - 6] = (high >>> 8) & 0xff;
  bytes[paddedLength - 5] = high & 0xff;
  bytes[paddedLength - 4] = low >>> 24;
  bytes[paddedLength - 3] = (low >>> 16) & 0xff;
  bytes[paddedLength - 2] = (low >>> 8) & 0xff;
  bytes[paddedLength - 1] = low & 0xff;

  let h0 = 0x6a09e667 | 0, h1 = 0xbb67ae85 | 0, h2 = 0x3c6ef372 | 0, h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f | 0, h5 = 0x9b05688c | 0, h6 = 0x1f83d9ab | 0, h7 = 0x5be0cd19 | 0;
  for (let offset = 0; offset < paddedLength; offset += 64) {
    for (let i = 0, o = offset; i < 16; i++, o += 4) w[i] = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
    for (let i = 16; i < 64; i++) {
      const w15 = w[i - 15]!;
      const w2 = w[i - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    // Eight rounds per iteration, the working variables renamed instead of shifted: round r computes
    // T1 = h + Σ1(e) + Ch(e,f,g) + K + W, then d += T1 and h = T1 + Σ0(a) + Maj(a,b,c), with the
    // names a..h rotated one step per round (FIPS 180-4 §6.2.2, the shifts left to the renaming).
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    let t: number;
    for (let i = 0; i < 64; i += 8) {
      t = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i + 0]! + w[i + 0]!) | 0;
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
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  const table = (hexBytes ??= Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')));
  if (digits <= 16) {
    const head = hexWord(table, h0) + hexWord(table, h1);
    return digits === 16 ? head : head.slice(0, Math.max(0, digits));
  }
  const all = hexWord(table, h0) + hexWord(table, h1) + hexWord(table, h2) + hexWord(table, h3) + hexWord(table, h4) + hexWord(table, h5) + hexWord(table, h6) + hexWord(table, h7);
  return digits >= 64 ? all : all.slice(0, digits);
}

function hexWord(table: readonly string[], word: number): string {
  return table[word >>> 24]! + table[(word >>> 16) & 0xff]! + table[(word >>> 8) & 0xff]! + table[word & 0xff]!;
}

let hexBytes: string[] | undefined;

// Buffers reused between calls, made on first use (hashing is synchronous, so no call can observe
// another's). Keys are short: 4 KiB covers nearly all of them without allocating.
let shared: { words: Int32Array; scratch: Uint8Array } | undefined;
let encoder: TextEncoder | undefined;

/**
 * Copy an ASCII `text` into `bytes` (most keys), leaving room for the padding; the byte length, or
 * -1 when the text is not ASCII or too long (the caller encodes it as UTF-8 then).
 */
function asciiInto(text: string, bytes: Uint8Array): number {
  const n = text.length;
  if (n + 72 > bytes.length) return -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return -1;
    bytes[i] = c;
  }
  return n;
}
