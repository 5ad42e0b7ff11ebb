import type { Result } from '../model/issue.js';
import { constantTimeEqual, fromBase64, hmac, type RawBody, toBytes } from './_crypto.js';
import { mismatch, requireSecret, VERIFIED } from './_signature-result.js';

/**
 * What {@link verifyLineSignature} needs.
 *
 * @example
 * ```ts
 * const options: VerifyLineSignatureOptions = { rawBody, signatureHeader: headers['x-line-signature'], channelSecret };
 * ```
 */
export interface VerifyLineSignatureOptions {
  /** The request body exactly as received (bytes or the undecoded string). */
  readonly rawBody: RawBody;
  /** The `x-line-signature` header: base64 of the HMAC-SHA256 of the body. */
  readonly signatureHeader: string | null | undefined;
  /** The channel secret (LINE Developers console > Basic settings). */
  readonly channelSecret: string;
}

/**
 * Verify the `x-line-signature` of a LINE Messaging API webhook: base64 HMAC-SHA256 of the raw
 * body keyed with the channel secret. Web Crypto only; constant-time comparison.
 *
 * @example
 * ```ts
 * const check = await verifyLineSignature({
 *   rawBody: await request.text(),
 *   signatureHeader: request.headers.get('x-line-signature'),
 *   channelSecret: env.LINE_CHANNEL_SECRET,
 * });
 * if (!check.success) return new Response(null, { status: 401 });
 * ```
 */
export async function verifyLineSignature(options: VerifyLineSignatureOptions): Promise<Result<true>> {
  const secret = requireSecret(options.channelSecret, 'channelSecret');
  const header = typeof options.signatureHeader === 'string' ? options.signatureHeader.trim() : '';
  if (header === '') return mismatch('no signature header (x-line-signature)');
  const given = fromBase64(header);
  if (given === undefined) return mismatch('signature is not base64');
  const expected = await hmac('SHA-256', secret, toBytes(options.rawBody));
  return constantTimeEqual(given, expected) ? VERIFIED : mismatch('signature does not match the body');
}
