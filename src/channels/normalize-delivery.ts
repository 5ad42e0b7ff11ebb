import { MAX_EMAIL_BYTES, checkPayloadLimits, inspectUntrusted, isForbiddenKey, type PayloadLimits, parseUntrustedJson } from '../internal/untrusted.js';
import { isProvider, type Provider } from '../model/channel.js';
import { fail, issue, ok, type Issue, type Result } from '../model/issue.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { normalizeInspected } from './_inspected.js';
import { asRecord, field } from './_read.js';
import { toIsoTime } from './_time.js';
import type { NormalizeContext } from './adapter.js';
import type { TelegramNormalizeContext } from './telegram.js';
import { detectProvider } from './detect-provider.js';
import { emailAdapter } from './email.js';
import { adapterFor } from './registry.js';

/**
 * One webhook delivery as the `omnilink normalize` command reads it (one JSONL line): the provider
 * (optional: detected when absent), when it arrived, and the body: the provider's JSON body or
 * form fields as an object (a JSON or form-encoded string is accepted too), or for email the raw
 * RFC 5322 message in `raw`.
 *
 * @example
 * ```ts
 * const envelope: DeliveryEnvelope = { provider: 'line', receivedAt: '2025-01-01T00:00:00Z', body: JSON.parse(rawBody) };
 * const email: DeliveryEnvelope = { provider: 'email', receivedAt: '2025-01-01T00:00:00Z', raw: emlText };
 * ```
 */
export interface DeliveryEnvelope {
  /**
   * Who sent it; detected when absent. `"voice"` is the CLI envelope format's name for a Twilio
   * Voice webhook: read as `"twilio"` (which carries voice calls), it requires a `CallSid`.
   */
  readonly provider?: Provider | 'voice';
  /** ISO-8601 arrival time; becomes `receivedAt` of everything normalized. */
  readonly receivedAt: string;
  readonly body?: unknown;
  readonly raw?: string;
}

/**
 * Options of {@link normalizeDelivery}.
 *
 * @example
 * ```ts
 * await normalizeDelivery(envelope, { defaultCountry: 'BR', ownAddresses: ['@shop.example'], limits: { maxDepth: 24 } });
 * ```
 */
export interface NormalizeDeliveryOptions {
  /** ISO 3166-1 alpha-2 country for national-format phone numbers. @defaultValue undefined (international only) */
  readonly defaultCountry?: string;
  /**
   * Size, depth and node limits for the untrusted body; a bad one throws `OmnilinkError`
   * (`invalid_argument`). @defaultValue see {@link PayloadLimits}
   */
  readonly limits?: PayloadLimits;
  /**
   * Our own email addresses or `@domains`: an email from one of them is outbound, and they never
   * become contact records. @defaultValue [] (every email is inbound)
   */
  readonly ownAddresses?: readonly string[];
  /**
   * The user ids of our own Telegram bots (the number before the `:` of the bot token): their
   * messages are outbound, other bots' inbound. @defaultValue undefined (a bot's message is ours in
   * a private chat, another participant's in a group; see {@link TelegramNormalizeContext})
   */
  readonly ownBotIds?: readonly (string | number)[];
}

const JSON_START = /^\s*[[{]/;

/** Guard issues, with paths under `body`. */
function underBody(issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, path: ['body', ...i.path] }));
}

/** A form-encoded body (`a=1&b=2`) as a prototype-less record; repeated fields keep their last value, named in `repeated`. */
function formFields(text: string, repeated: Set<string>): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  new URLSearchParams(text).forEach((v, k) => {
    if (k in out) repeated.add(k);
    out[k] = v;
  });
  return out;
}

/** Twilio Voice fields (an object, or form-encoded text) name a call: a non-empty CallSid. */
function isTwilioCall(body: unknown): boolean {
  const sid = typeof body === 'string' ? new URLSearchParams(body).get('CallSid') : field(body, 'CallSid');
  return typeof sid === 'string' && sid !== '';
}

/**
 * Normalize one webhook delivery whatever its provider. The untrusted-input guard runs first
 * (size, depth, `__proto__`/`constructor` keys); then the provider is taken from the envelope or
 * detected ({@link detectProvider}) and its adapter runs: the synchronous JSON adapters of the
 * registry, or the email adapter (asynchronous: it parses MIME) for `raw` RFC 5322 messages. Never throws for bad data: an unknown or
 * undetectable provider gives a failed Result with code `unsupported`, an unreadable body a failed
 * Result with the guard's or the adapter's issues. The body is read before the provider is looked
 * at: JSON text that does not parse is `invalid_format` (path `['body']`) whether `provider` is
 * given or not.
 *
 * @example
 * ```ts
 * const r = await normalizeDelivery({ receivedAt: new Date().toISOString(), body: JSON.parse(rawBody) });
 * if (!r.success) return reply(400, r.issues);
 * await store(r.data.records, r.data.messages, r.data.events);
 * ```
 */
export async function normalizeDelivery(envelope: DeliveryEnvelope, options: NormalizeDeliveryOptions = {}): Promise<Result<NormalizedBatch>> {
  // Bad limits are the caller's mistake, whatever the delivery: thrown first.
  const limits = checkPayloadLimits(options.limits) ?? {};
  if (asRecord(envelope) === undefined) return fail(issue('invalid_type', [], 'a delivery is an object with receivedAt and body or raw'));
  const maxBytes = limits.maxBytes ?? 5_000_000;
  for (const key of Object.keys(envelope)) {
    if (isForbiddenKey(key)) return fail(issue('forbidden_key', [key], `key "${key}" is not allowed (prototype pollution)`));
  }
  const receivedAtRaw = field(envelope, 'receivedAt');
  if (receivedAtRaw === undefined) return fail(issue('required', ['receivedAt'], 'receivedAt is missing (when the delivery arrived, ISO-8601)'));
  const receivedAt = typeof receivedAtRaw === 'string' ? toIsoTime(receivedAtRaw) : undefined;
  if (receivedAt === undefined) return fail(issue('invalid_value', ['receivedAt'], 'receivedAt must be an ISO-8601 date-time'));

  let body = field(envelope, 'body');
  const raw = field(envelope, 'raw');
  if (raw !== undefined && typeof raw !== 'string') return fail(issue('invalid_type', ['raw'], 'raw must be a string (the RFC 5322 message)'));
  const maxEmail = limits.maxEmailBytes ?? MAX_EMAIL_BYTES;
  if (typeof raw === 'string' && raw.length > maxEmail) return fail(issue('too_big', ['raw'], `raw is longer than ${maxEmail} characters`));
  if (typeof body === 'string' && body.length > maxBytes) return fail(issue('too_big', ['body'], `body is longer than ${maxBytes} characters`));
  if (body !== undefined && typeof body !== 'string') {
    const problems = inspectUntrusted(body, limits);
    if (problems.length > 0) {
      const [first, ...rest] = underBody(problems);
      return fail(first!, ...rest);
    }
  }
  const declared = field(envelope, 'provider');
  // A JSON text body is parsed (and inspected) once, for detection and for the adapter alike. Text
  // that is not JSON, or breaks the guard, is refused for that reason before the provider is looked
  // at, as an object body is: detection could only fail on it and call the provider unknown.
  const parsed = typeof body === 'string' && declared !== 'email' && JSON_START.test(body) ? parseUntrustedJson(body, limits) : undefined;
  if (parsed !== undefined && parsed.issues.length > 0) {
    const [first, ...rest] = underBody(parsed.issues);
    return fail(first!, ...rest);
  }

  let provider: Provider | undefined;
  if (declared === 'voice') {
    // The envelope format (DESIGN.md, `omnilink normalize`) names Twilio Voice webhooks "voice".
    if (!isTwilioCall(parsed !== undefined ? parsed.value : body)) {
      return fail(issue('invalid_value', ['provider'], 'provider "voice" is a Twilio Voice webhook and this body has no CallSid: give provider "twilio" (SMS, WhatsApp and voice), or none to detect it'));
    }
    provider = 'twilio';
  } else if (declared !== undefined && declared !== null) {
    if (!isProvider(declared)) return fail(issue('unsupported', ['provider'], `unknown provider ${JSON.stringify(declared).slice(0, 80)}`));
    provider = declared;
  } else {
    provider = detectProvider(raw ?? (parsed !== undefined ? parsed.value : body));
    if (provider === undefined) return fail(issue('unsupported', ['provider'], 'provider not given and not recognisable from the body'));
  }

  const context: { -readonly [K in keyof NormalizeContext]: NormalizeContext[K] } = { receivedAt };
  if (options.defaultCountry !== undefined) context.defaultCountry = options.defaultCountry;
  if (options.limits !== undefined) context.limits = options.limits;
  if (provider === 'telegram' && options.ownBotIds !== undefined) (context as { ownBotIds?: TelegramNormalizeContext['ownBotIds'] }).ownBotIds = options.ownBotIds;
  if (provider === 'email') {
    const message = raw ?? body;
    if (typeof message !== 'string') return fail(issue('required', ['raw'], 'an email delivery has the RFC 5322 message in raw'));
    return emailAdapter.normalize(message, { ...context, ...(options.ownAddresses !== undefined ? { ownAddresses: options.ownAddresses } : {}) });
  }
  const adapter = adapterFor(provider);
  if (adapter === undefined) return fail(issue('unsupported', ['provider'], `no adapter for provider "${provider}"`));
  if (body === undefined) return fail(issue('required', ['body'], `a ${provider} delivery has a body`));
  if (typeof body === 'string') {
    if (parsed !== undefined) {
      body = parsed.value;
    } else if (provider === 'twilio') {
      const repeated = new Set<string>();
      body = formFields(body, repeated);
      // Form fields are built here, not inspected yet: the adapter's guard checks them.
      const r = adapter.normalize(body, context);
      // Twilio never repeats a field: a repeated one (Body=a&Body=b) is said, not resolved in silence.
      if (!r.success || repeated.size === 0) return r;
      const said = [...repeated].sort().map((k) => issue('invalid_value', ['body', k], `form field ${k} is repeated; its last value was used`));
      return ok({ ...r.data, issues: [...r.data.issues, ...said] });
    } else {
      return fail(issue('invalid_format', ['body'], `a ${provider} body is JSON`));
    }
  }
  // The body passed the guard above under the same limits: the adapter need not walk it again.
  return normalizeInspected(adapter, body, context);
}
