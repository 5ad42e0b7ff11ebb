import { OmnilinkError } from '../model/errors.js';
import type { Result } from '../model/issue.js';
import { constantTimeEqual, fromBase64, fromHex, hmac, type RawBody, sha256, toBytes } from './_crypto.js';
import { mismatch, requireSecret, VERIFIED } from './_signature-result.js';

/**
 * What {@link verifyTwilioSignature} needs. Give `params` for form posts, `rawBody` for JSON posts,
 * never both (that throws: see {@link verifyTwilioSignature}).
 *
 * @example
 * ```ts
 * const form: VerifyTwilioSignatureOptions = { url: 'https://hooks.example.com/sms', params: fields, signatureHeader, authToken };
 * const json: VerifyTwilioSignatureOptions = { url: 'https://hooks.example.com/sms?bodySHA256=…', rawBody, signatureHeader, authToken };
 * ```
 */
export interface VerifyTwilioSignatureOptions {
  /**
   * The full URL Twilio requested, exactly as configured in Twilio (scheme, host, path and query
   * string, still percent-encoded). Behind a proxy, rebuild it from the public host, not the
   * internal one.
   */
  readonly url: string;
  /**
   * The form fields of an `application/x-www-form-urlencoded` request (every field, untrimmed).
   * A field sent several times may be given as an array. @defaultValue `{}`
   */
  readonly params?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * The raw body of an `application/json` request. When set, the URL must carry the `bodySHA256`
   * query parameter Twilio adds, and the body must hash to it. Not with `params`.
   */
  readonly rawBody?: RawBody;
  /** The `X-Twilio-Signature` header. */
  readonly signatureHeader: string | null | undefined;
  /** The account's primary auth token. */
  readonly authToken: string;
}

function signedData(url: string, params: Readonly<Record<string, string | readonly string[]>>): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (typeof value === 'string') data += key + value;
    else if (Array.isArray(value)) for (const v of [...(value as readonly string[])].sort()) data += key + v;
  }
  return data;
}

// Twilio signs the URL as configured; the server may see it with or without the default port.
function urlVariants(url: string): string[] {
  const schemeEnd = url.indexOf('://');
  const scheme = schemeEnd > 0 ? url.slice(0, schemeEnd).toLowerCase() : '';
  if (scheme !== 'https' && scheme !== 'http') return [url];
  const start = schemeEnd + 3;
  let end = start;
  while (end < url.length && url[end] !== '/' && url[end] !== '?' && url[end] !== '#') end++;
  const authority = url.slice(start, end);
  const port = /:\d+$/.exec(authority);
  const host = port ? authority.slice(0, -port[0].length) : `${authority}:${scheme === 'https' ? 443 : 80}`;
  return [url, `${url.slice(0, start)}${host}${url.slice(end)}`];
}

function bodyHashParam(url: string): string | undefined {
  const query = url.indexOf('?');
  if (query < 0) return undefined;
  const end = url.indexOf('#', query);
  for (const pair of url.slice(query + 1, end < 0 ? undefined : end).split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq) === 'bodySHA256') return pair.slice(eq + 1);
  }
  return undefined;
}

/**
 * Verify the `X-Twilio-Signature` of a Twilio webhook (Messaging, Voice, WhatsApp via Twilio):
 * base64 HMAC-SHA1, keyed with the auth token, of the URL followed by every form field as
 * `name + value`, sorted by name. For JSON bodies Twilio signs the URL alone and adds a
 * `bodySHA256` query parameter holding the hex SHA-256 of the body, which is checked too. The URL
 * is tried as given and with the default port added or removed, as Twilio's own helpers do.
 * Web Crypto only; constant-time comparison.
 *
 * Resolves to a failed Result (issue code `signature_mismatch`) when the header is missing,
 * malformed or wrong; throws {@link OmnilinkError} (`invalid_argument`) when `authToken` is empty,
 * or when both `params` and `rawBody` are given: Twilio signs a form post's fields or a JSON post's
 * body, never both, and checking one while the caller passed the other would leave the other
 * unverified in silence.
 *
 * @example
 * ```ts
 * const form = Object.fromEntries(new URLSearchParams(await request.text()));
 * const check = await verifyTwilioSignature({
 *   url: 'https://example.com/twilio/sms',
 *   params: form,
 *   signatureHeader: request.headers.get('x-twilio-signature'),
 *   authToken: env.TWILIO_AUTH_TOKEN,
 * });
 * if (!check.success) return new Response(null, { status: 403 });
 * ```
 */
export async function verifyTwilioSignature(options: VerifyTwilioSignatureOptions): Promise<Result<true>> {
  const token = requireSecret(options.authToken, 'authToken');
  if (options.params !== undefined && options.rawBody !== undefined) {
    throw new OmnilinkError('invalid_argument', 'give params (the fields of a form post) or rawBody (a JSON post, its URL carrying bodySHA256), not both: Twilio signs one or the other');
  }
  const header = typeof options.signatureHeader === 'string' ? options.signatureHeader.trim() : '';
  if (header === '') return mismatch('no signature header (X-Twilio-Signature)');
  const given = fromBase64(header);
  if (given === undefined) return mismatch('signature is not base64');

  const params = options.rawBody === undefined ? (options.params ?? {}) : {};
  let signed = false;
  for (const url of urlVariants(options.url)) {
    // Every variant is computed, so timing does not reveal which one matched.
    if (constantTimeEqual(given, await hmac('SHA-1', token, toBytes(signedData(url, params))))) signed = true;
  }
  if (!signed) return mismatch('signature does not match the URL and parameters');

  // A URL that carries bodySHA256 signs a JSON body, not parameters: without the body, nothing
  // says the request's body is the one Twilio signed.
  if (options.rawBody === undefined && bodyHashParam(options.url) !== undefined) {
    return mismatch('the URL carries bodySHA256 (a JSON body): pass rawBody to check it', ['rawBody']);
  }
  if (options.rawBody !== undefined) {
    const hash = bodyHashParam(options.url);
    const expected = hash === undefined ? undefined : fromHex(hash);
    if (expected === undefined) return mismatch('JSON body given but the URL has no bodySHA256 parameter', ['url']);
    if (!constantTimeEqual(expected, await sha256(toBytes(options.rawBody)))) return mismatch('body does not match bodySHA256', ['rawBody']);
  }
  return VERIFIED;
}
