import type { Result } from '../model/issue.js';
import { constantTimeEqual, fromHex, hmac, type RawBody, toBytes } from './_crypto.js';
import { mismatch, requireSecret, VERIFIED } from './_signature-result.js';

/**
 * What {@link verifyMetaSignature} needs.
 *
 * @example
 * ```ts
 * const options: VerifyMetaSignatureOptions = { rawBody, signatureHeader: headers['x-hub-signature-256'], appSecret };
 * ```
 */
export interface VerifyMetaSignatureOptions {
  /** The request body exactly as received: bytes or the undecoded string, never re-serialized JSON. */
  readonly rawBody: RawBody;
  /**
   * The `X-Hub-Signature-256` header (`sha256=<hex>`). The legacy `X-Hub-Signature` header
   * (`sha1=<hex>`) is accepted too.
   */
  readonly signatureHeader: string | null | undefined;
  /** The Meta app secret (App Dashboard > Settings > Basic). */
  readonly appSecret: string;
}

/**
 * Verify the signature Meta puts on WhatsApp Cloud API, Messenger and Instagram webhooks: an
 * HMAC-SHA256 of the raw body keyed with the app secret, hex-encoded after `sha256=`. Uses Web
 * Crypto only and compares in constant time.
 *
 * Resolves to a failed Result (issue code `signature_mismatch`) when the header is missing,
 * malformed or wrong; throws {@link OmnilinkError} (`invalid_argument`) when `appSecret` is empty.
 *
 * @example
 * ```ts
 * const rawBody = await request.text();
 * const check = await verifyMetaSignature({
 *   rawBody,
 *   signatureHeader: request.headers.get('x-hub-signature-256'),
 *   appSecret: env.META_APP_SECRET,
 * });
 * if (!check.success) return new Response('bad signature', { status: 401 });
 * ```
 */
export async function verifyMetaSignature(options: VerifyMetaSignatureOptions): Promise<Result<true>> {
  const secret = requireSecret(options.appSecret, 'appSecret');
  const header = typeof options.signatureHeader === 'string' ? options.signatureHeader.trim() : '';
  if (header === '') return mismatch('no signature header (X-Hub-Signature-256)');
  const separator = header.indexOf('=');
  const scheme = separator > 0 ? header.slice(0, separator).toLowerCase() : '';
  if (scheme !== 'sha256' && scheme !== 'sha1') return mismatch('signature header must look like "sha256=<hex>"');
  const given = fromHex(header.slice(separator + 1));
  if (given === undefined) return mismatch('signature is not hex');
  const expected = await hmac(scheme === 'sha256' ? 'SHA-256' : 'SHA-1', secret, toBytes(options.rawBody));
  return constantTimeEqual(given, expected) ? VERIFIED : mismatch('signature does not match the body');
}
