import { OmnilinkError } from '../model/errors.js';
import type { Result } from '../model/issue.js';
import { constantTimeEqual, sha256, toBytes } from './_crypto.js';
import { mismatch, requireSecret, VERIFIED } from './_signature-result.js';

/**
 * What {@link verifyTelegramSecretToken} needs.
 *
 * @example
 * ```ts
 * const options: VerifyTelegramSecretTokenOptions = { header: headers['x-telegram-bot-api-secret-token'], secret: env.TELEGRAM_SECRET_TOKEN };
 * ```
 */
export interface VerifyTelegramSecretTokenOptions {
  /** The `X-Telegram-Bot-Api-Secret-Token` header of the request. */
  readonly header: string | null | undefined;
  /** The `secret_token` you gave `setWebhook`: 1-256 characters `A-Z`, `a-z`, `0-9`, `_` and `-`. */
  readonly secret: string;
}

/** What `setWebhook` accepts as `secret_token`. */
const SECRET_TOKEN = /^[\w-]{1,256}$/;

/**
 * Verify a Telegram Bot API webhook: Telegram signs nothing, but sends the `secret_token` given to
 * `setWebhook` in the `X-Telegram-Bot-Api-Secret-Token` header of every update. Both are hashed
 * (SHA-256, Web Crypto) and the digests compared in constant time, so neither where they differ nor
 * their lengths show in the timing, and a header of the wrong length is a mismatch, not an
 * exception (Node's `crypto.timingSafeEqual` throws on unequal lengths and is missing on edge
 * runtimes).
 *
 * Resolves to a failed Result (issue code `signature_mismatch`, path `['header']`) when the header is
 * missing or wrong; throws {@link OmnilinkError} (`invalid_argument`) when `secret` is empty or not a
 * token `setWebhook` accepts (1-256 of `A-Z a-z 0-9 _ -`; a trailing newline read from a file is
 * the usual culprit).
 *
 * @example
 * ```ts
 * const check = await verifyTelegramSecretToken({
 *   header: request.headers.get('x-telegram-bot-api-secret-token'),
 *   secret: env.TELEGRAM_SECRET_TOKEN,
 * });
 * if (!check.success) return new Response(null, { status: 401 });
 * ```
 */
export async function verifyTelegramSecretToken(options: VerifyTelegramSecretTokenOptions): Promise<Result<true>> {
  const secret = requireSecret(options.secret, 'secret');
  if (!SECRET_TOKEN.test(secret)) throw new OmnilinkError('invalid_argument', 'secret must be what setWebhook accepts as secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -');
  const header = typeof options.header === 'string' ? options.header.trim() : '';
  if (header === '') return mismatch('no secret token header (X-Telegram-Bot-Api-Secret-Token)', ['header']);
  const [given, expected] = await Promise.all([sha256(toBytes(header)), sha256(toBytes(secret))]);
  return constantTimeEqual(given, expected) ? VERIFIED : mismatch('secret token does not match', ['header']);
}
