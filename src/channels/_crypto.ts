// Web Crypto helpers for webhook signatures: HMAC via `crypto.subtle` (Node 20, browsers, edge
// runtimes), hex/base64 codecs and a constant-time comparison. No Node built-ins.

import { OmnilinkError } from '../model/errors.js';

/**
 * A raw request body as the server received it: the undecoded text, or its bytes.
 *
 * @example
 * ```ts
 * const body: RawBody = new Uint8Array(await request.arrayBuffer());
 * ```
 */
export type RawBody = string | Uint8Array | ArrayBuffer;

let encoder: TextEncoder | undefined;

/** UTF-8 bytes of a string; bytes are copied into a fresh ArrayBuffer-backed view. */
export function toBytes(body: RawBody): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') {
    encoder ??= new TextEncoder();
    return encoder.encode(body);
  }
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
  // By tag, not instanceof: an ArrayBuffer from another realm (a vm context, a test runner) or a
  // SharedArrayBuffer is bytes too.
  const tag = Object.prototype.toString.call(body);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') return new Uint8Array((body as ArrayBuffer).slice(0));
  // A parsed body (express.json() ran first), null or a number: no bytes to check a signature on.
  throw new OmnilinkError('invalid_argument', `the raw body must be the request body as received (a string, Uint8Array, Buffer or ArrayBuffer), got ${body === null ? 'null' : typeof body}: read it before any JSON parsing`);
}

function subtle(): SubtleCrypto {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.subtle === undefined) throw new Error('Web Crypto (crypto.subtle) is not available in this runtime');
  return c.subtle;
}

/** HMAC of `data` with `secret` (UTF-8), as bytes. */
export async function hmac(hash: 'SHA-1' | 'SHA-256', secret: string, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', toBytes(secret), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', key, data));
}

/** SHA-256 digest of `data`, as bytes. */
export async function sha256(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', data));
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Bytes of a hex string (either case), or undefined when it is not hex. */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[\da-f]*$/i.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Standard base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Bytes of a standard base64 string, or undefined when it is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[\d+/a-z]*={0,2}$/i.test(text) || text.length % 4 !== 0) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Compare two byte strings in time that depends only on their length, never on where they differ,
 * so an attacker cannot find a valid signature byte by byte from response timings. Lengths are not
 * secret (every signature of one algorithm has the same length).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
