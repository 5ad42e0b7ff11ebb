// Shared plumbing of the Telegram, Twilio, LINE, email and web chat adapters: the context every
// adapter reads (arrival time, default country), the untrusted-payload guard, and the last step that
// checks every produced item against the model so an adapter never hands out an invalid record.
import type { Channel, Provider } from '../model/channel.js';
import { safeParseContactRecord } from '../model/contact-record.js';
import { type Issue, type Result, fail, issue, ok } from '../model/issue.js';
import { safeParseMessage } from '../model/message.js';
import { safeParseMessageEvent } from '../model/message-event.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import type { NormalizeContext } from './adapter.js';
import type { BatchBuilder } from './_batch.js';
import { inspectOnce } from './_inspected.js';
import { toIsoTime } from './_time.js';

/** What an adapter knows while it walks one delivery. */
export interface Scope {
  readonly provider: Provider;
  /** Arrival time, normalized to `toISOString()` form. */
  readonly receivedAt: string;
  readonly defaultCountry?: string;
}

/**
 * Read the caller's context. A missing or unreadable `receivedAt` gives a failed Result (path
 * `['receivedAt']`), as the other adapters do: the CLI reads it from envelopes, where it is data.
 */
export function openScope(provider: Provider, context: NormalizeContext): Result<Scope> {
  if (typeof context !== 'object' || context === null) {
    return fail(issue('invalid_type', ['context'], `${provider}: context must be an object with receivedAt`));
  }
  const receivedAt = typeof context.receivedAt === 'string' ? toIsoTime(context.receivedAt) : undefined;
  if (receivedAt === undefined) {
    return fail(issue('invalid_value', ['receivedAt'], `${provider}: receivedAt must be an ISO-8601 date-time`));
  }
  return ok(context.defaultCountry !== undefined ? { provider, receivedAt, defaultCountry: context.defaultCountry } : { provider, receivedAt });
}

/** Refuse payloads that break the limits or carry prototype-polluting keys. */
export function guardPayload(body: unknown, context: NormalizeContext): Result<never> | undefined {
  const problems = inspectOnce(body, context);
  return problems.length === 0 ? undefined : fail(problems[0]!, ...problems.slice(1));
}

/** A failed Result for a body that is not the expected JSON object. */
export function notAnObject(provider: Provider): Result<never> {
  return fail(issue('invalid_type', [], `${provider}: the body must be a JSON object`));
}

/**
 * String fields whose model bound is larger than {@link SHORT}: a string of any other field at most
 * SHORT long is within every bound the model sets. (A name shared by fields with different bounds
 * takes the smallest.)
 */
const LONG_FIELDS: Readonly<Record<string, number>> = {
  text: 1_000_000,
  caption: 65_536,
  quotedText: 10_000_000,
  html: 50_000_000,
  subject: 65_536,
  detail: 65_536,
  title: 1024,
  url: 8192,
  id: 1024,
  providerMessageId: 2048,
  targetMessageId: 2048,
  conversationId: 2048,
  replyTo: 2048,
  messageId: 2048,
  inReplyTo: 2048,
  references: 2048,
  variantKeys: 4608,
  value: 4096,
  key: 4608,
  namespace: 512,
  filename: 1024,
  providerId: 1024,
  senderName: 1024,
  full: 1024,
  name: 1024,
  address: 2048,
  source: 1024,
  mimeType: 255,
};
const SHORT = 64;
const hasOwn = Object.prototype.hasOwnProperty;
const MAX_ITEMS = 64;

/**
 * True when an item may break a model bound: a string longer than its field allows (or than
 * {@link SHORT} for an unknown field), a long array, a coordinate out of range or a non-finite
 * number. Types, enums and required fields are right by construction (TypeScript), so an item that
 * passes needs no schema run; one that does not is checked by the schema. This keeps the
 * every-item-validates guarantee at a fraction of the cost of parsing every item.
 */
function mayBreakBounds(value: unknown, key: string | undefined, depth: number): boolean {
  if (typeof value === 'string') {
    const limit = key !== undefined && hasOwn.call(LONG_FIELDS, key) ? LONG_FIELDS[key]! : SHORT;
    return value.length > limit;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return true;
    if (key === 'latitude') return value < -90 || value > 90;
    if (key === 'longitude') return value < -180 || value > 180;
    return false;
  }
  if (typeof value !== 'object' || value === null) return false;
  if (depth > 8) return true;
  if (Array.isArray(value)) {
    if (value.length > MAX_ITEMS) return true;
    // Items of string arrays (references, variant keys) are bounded like their array's field.
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (mayBreakBounds(v, typeof v === 'string' ? key : undefined, depth + 1)) return true;
    }
    return false;
  }
  // for-in + hasOwn: the own enumerable keys, in Object.keys order, without allocating a key list.
  const record = value as Record<string, unknown>;
  if (key === 'extra' || key === 'attributes') {
    // Free-form string maps: any length is valid.
    for (const k in record) if (hasOwn.call(record, k) && typeof record[k] !== 'string') return true;
    return false;
  }
  for (const k in record) if (hasOwn.call(record, k) && mayBreakBounds(record[k], k, depth + 1)) return true;
  return false;
}

/** Remove the value at `path` (an object key, or an array item). False when the path is not there. */
function removeAt(root: unknown, path: readonly (string | number)[]): boolean {
  if (path.length === 0) return false;
  let parent: unknown = root;
  for (const step of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return false;
    parent = (parent as Record<string | number, unknown>)[step];
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number' && last < parent.length) {
    parent.splice(last, 1);
    return true;
  }
  if (typeof parent === 'object' && parent !== null && hasOwn.call(parent, last)) {
    delete (parent as Record<string | number, unknown>)[last];
    return true;
  }
  return false;
}

/**
 * Repair an item that broke the model: remove each offending field (or, when a required field is the
 * problem, the optional object holding it), up to three rounds. Undefined when the item cannot be
 * saved (a required top-level field is wrong). `removed` lists what was taken out, for the issues.
 */
function repair<T>(item: T, check: (item: T) => Result<T>): { item: T; removed: Issue[] } | undefined {
  const copy = JSON.parse(JSON.stringify(item)) as T;
  const removed: Issue[] = [];
  for (let round = 0; round < 3; round++) {
    const r = check(copy);
    if (r.success) return { item: r.data, removed };
    // Deepest paths first, and array items from the end, so earlier removals do not shift later ones.
    const targets = r.issues
      .map((i) => ({ i, path: i.code === 'required' ? i.path.slice(0, -1) : i.path }))
      .sort((a, b) => b.path.length - a.path.length || String(b.path[b.path.length - 1]).localeCompare(String(a.path[a.path.length - 1]), 'en', { numeric: true }));
    for (const { i, path } of targets) {
      // An empty path (a required top-level field) cannot be removed: the item is lost.
      if (!removeAt(copy, path)) return undefined;
      removed.push({ ...i, path });
    }
  }
  return undefined;
}

/**
 * Check every produced item against the model, so the batch an adapter returns always parses. Items
 * that cannot break a bound skip the schema run. An item that fails (an over-long file name from a
 * hostile payload, a coordinate out of range) keeps what is valid: the offending fields are removed
 * and reported as issues; only an item whose required fields are wrong is dropped (also reported).
 */
export function finish(batch: BatchBuilder, provider: Provider, channel?: Channel): NormalizedBatch {
  const out = batch.build();
  const issues: Issue[] = [...out.issues];
  const who = `${provider}${channel !== undefined ? `/${channel}` : ''}`;
  return {
    records: keepValid(out.records, safeParseContactRecord, 'records', who, issues),
    messages: keepValid(out.messages, safeParseMessage, 'messages', who, issues),
    events: keepValid(out.events, safeParseMessageEvent, 'events', who, issues),
    unsupported: out.unsupported,
    issues,
  };
}

/** The items of one kind that validate (repaired where possible), reporting what was removed or dropped. */
function keepValid<T>(items: readonly T[], check: (item: T) => Result<T>, what: string, who: string, issues: Issue[]): T[] {
  const kept: T[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    if (!mayBreakBounds(item, undefined, 0) || check(item).success) {
      kept.push(item);
      continue;
    }
    const repaired = repair(item, check);
    if (repaired !== undefined) {
      kept.push(repaired.item);
      for (const i of repaired.removed) issues.push(issue(i.code, [what, index, ...i.path], `${who}: removed an invalid field: ${i.message}`));
      continue;
    }
    const r = check(item);
    for (const i of r.success ? [] : r.issues) issues.push(issue(i.code, [what, index, ...i.path], `${who}: dropped an invalid ${what.slice(0, -1)}: ${i.message}`));
  }
  return kept;
}
