// The web chat event as `webChatEventSchema()` returns it, read without zod for the common case.
// Running the schema is most of the cost of normalizing a web chat event; almost every event is a
// plain object with valid fields. This reader accepts exactly what the schema accepts, field by
// field (same bounds, same date-time rule), and returns the same values (arrays frozen, as the
// schema's readonly arrays are); it gives up (undefined) on
// anything it does not accept, and the schema then decides, with its own issues. The test suite
// checks it against the schema on generated valid and invalid events.
import { isZodIsoDateTime } from '../internal/instant.js';
import type { Writable } from './_run.js';
import { WEBCHAT_EVENT_TYPES, WEBCHAT_SCHEMA_V1, type WebChatAttachment, type WebChatEvent, type WebChatEventType } from './webchat-event.js';

const hasOwn = Object.prototype.hasOwnProperty;
const getPrototypeOf = Object.getPrototypeOf;

/** A plain object (as JSON.parse makes them), or undefined. */
function plain(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const proto: unknown = getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? (value as Record<string, unknown>) : undefined;
}

/** An optional bounded string field: undefined when absent, null when present but not accepted. */
function optString(o: Record<string, unknown>, key: string, min: number, max: number): string | undefined | null {
  if (!hasOwn.call(o, key)) return undefined;
  const v = o[key];
  return typeof v === 'string' && v.length >= min && v.length <= max ? v : null;
}

/** The schema's object fields of `o` that are plain bounded strings, copied in order; null when one is not accepted. */
function stringFields<T extends object>(o: Record<string, unknown>, fields: readonly (readonly [string, number, number])[]): T | null {
  const out: Record<string, string> = {};
  for (const [key, min, max] of fields) {
    const v = optString(o, key, min, max);
    if (v === null) return null;
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

const AGENT = [['id', 1, 256], ['name', 0, 256]] as const;
const ATTACHMENT = [['type', 1, 64], ['url', 1, 8192], ['name', 0, 1024], ['mimeType', 1, 255]] as const;
const IDENTIFY = [['name', 0, 512], ['email', 0, 320], ['phone', 0, 64], ['externalId', 0, 256], ['country', 2, 2]] as const;
const PAGE = [['url', 0, 8192], ['title', 0, 1024], ['referrer', 0, 8192]] as const;

/** An optional nested object of bounded string fields: undefined when absent, null when not accepted. */
function optObject<T extends object>(o: Record<string, unknown>, key: string, fields: readonly (readonly [string, number, number])[]): T | undefined | null {
  if (!hasOwn.call(o, key)) return undefined;
  const inner = plain(o[key]);
  return inner === undefined ? null : stringFields<T>(inner, fields);
}


function isEventType(value: unknown): value is WebChatEventType {
  return typeof value === 'string' && (WEBCHAT_EVENT_TYPES as readonly string[]).includes(value);
}

function readAttachments(value: unknown): WebChatAttachment[] | null {
  if (!Array.isArray(value) || value.length > 20) return null;
  const out: WebChatAttachment[] = [];
  for (const item of value) {
    const a = plain(item);
    if (a === undefined) return null;
    const read = stringFields<Writable<WebChatAttachment>>(a, ATTACHMENT);
    if (read === null) return null;
    if (hasOwn.call(a, 'size')) {
      const size = a['size'];
      if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return null;
      read.size = size;
    }
    out.push(read);
  }
  return Object.freeze(out) as WebChatAttachment[];
}

function readMessageIds(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > 1000) return null;
  const out: string[] = [];
  for (const id of value) {
    if (typeof id !== 'string' || id.length < 1 || id.length > 256) return null;
    out.push(id);
  }
  return Object.freeze(out) as string[];
}

/**
 * What `safeParseWebChatEvent(input)` returns as data when it succeeds, or undefined when this reader
 * does not accept the input (the schema then runs and reports the issues).
 */
export function readPlainWebChatEvent(input: unknown): WebChatEvent | undefined {
  const o = plain(input);
  if (o === undefined || !hasOwn.call(o, 'schema') || o['schema'] !== WEBCHAT_SCHEMA_V1) return undefined;
  const type = hasOwn.call(o, 'type') ? o['type'] : undefined;
  if (!isEventType(type)) return undefined;
  const siteId = optString(o, 'siteId', 1, 256);
  const eventId = optString(o, 'eventId', 1, 256);
  const sessionId = optString(o, 'sessionId', 1, 256);
  const visitorId = optString(o, 'visitorId', 1, 256);
  const sentAt = hasOwn.call(o, 'sentAt') ? o['sentAt'] : undefined;
  if (siteId === null || eventId === null || typeof sessionId !== 'string' || typeof visitorId !== 'string') return undefined;
  if (typeof sentAt !== 'string' || !isZodIsoDateTime(sentAt)) return undefined;
  // The schema's field order.
  const event = { schema: WEBCHAT_SCHEMA_V1, type } as Writable<WebChatEvent>;
  if (siteId !== undefined) event.siteId = siteId;
  if (eventId !== undefined) event.eventId = eventId;
  event.sessionId = sessionId;
  event.visitorId = visitorId;
  event.sentAt = sentAt;
  if (hasOwn.call(o, 'from')) {
    const from = o['from'];
    if (from !== 'visitor' && from !== 'agent' && from !== 'bot') return undefined;
    event.from = from;
  }
  const agent = optObject<NonNullable<WebChatEvent['agent']>>(o, 'agent', AGENT);
  if (agent === null) return undefined;
  if (agent !== undefined) event.agent = agent;
  const messageId = optString(o, 'messageId', 1, 256);
  if (messageId === null) return undefined;
  if (messageId !== undefined) event.messageId = messageId;
  const text = optString(o, 'text', 0, 100_000);
  if (text === null) return undefined;
  if (text !== undefined) event.text = text;
  if (hasOwn.call(o, 'attachments')) {
    const attachments = readAttachments(o['attachments']);
    if (attachments === null) return undefined;
    event.attachments = attachments;
  }
  const replyTo = optString(o, 'replyTo', 1, 256);
  if (replyTo === null) return undefined;
  if (replyTo !== undefined) event.replyTo = replyTo;
  if (hasOwn.call(o, 'messageIds')) {
    const messageIds = readMessageIds(o['messageIds']);
    if (messageIds === null) return undefined;
    event.messageIds = messageIds;
  }
  const identify = optObject<NonNullable<WebChatEvent['identify']>>(o, 'identify', IDENTIFY);
  if (identify === null) return undefined;
  if (identify !== undefined) event.identify = identify;
  const page = optObject<NonNullable<WebChatEvent['page']>>(o, 'page', PAGE);
  if (page === null) return undefined;
  if (page !== undefined) event.page = page;
  const locale = optString(o, 'locale', 1, 64);
  if (locale === null) return undefined;
  if (locale !== undefined) event.locale = locale;
  return event;
}
