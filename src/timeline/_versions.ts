// Deterministic folding of several deliveries ("versions") of one message into one record.
// The result is a function of the SET of versions: it never depends on arrival order.

import type { Channel } from '../model/channel.js';
import type { Attachment, Message } from '../model/message.js';
import { compareInstants, instantMs } from '../internal/instant.js';
import { NO_SEQUENCE } from './_order.js';
import { callStatusRank, statusRank } from './status-order.js';

const hasOwn = Object.prototype.hasOwnProperty;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of JSON-like values; absent and `undefined` properties are the same. */
export function deepEqual(a: unknown, b: unknown, skipKey?: string): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Object.keys rather than for-in: messages come in many shapes, and a megamorphic for-in is
  // several times slower. Own enumerable keys only; an undefined value counts as absent.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  let defined = 0;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i] as string;
    const va = ra[k];
    if (va === undefined || k === skipKey) continue;
    defined++;
    if (!deepEqual(va, rb[k])) return false;
  }
  const kb = Object.keys(rb);
  for (let i = 0; i < kb.length; i++) {
    const k = kb[i] as string;
    if (rb[k] !== undefined && k !== skipKey) defined--;
  }
  return defined === 0;
}

/** Two deliveries say the same thing (they may have arrived at different times). */
export function sameContent(a: Message, b: Message): boolean {
  return deepEqual(a, b, 'receivedAt');
}

/** JSON with sorted keys and without the top-level receivedAt: a canonical tie-breaker. */
function canonicalJson(v: unknown, top = true): string {
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x, false)).join(',')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined && !(top && k === 'receivedAt'))
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k], false)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function definedCount(m: Message): number {
  let n = 0;
  const r = m as unknown as Record<string, unknown>;
  for (const k in r) {
    const v = r[k];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    n += isPlainObject(v) ? 1 + Object.keys(v).length : 1;
  }
  return n;
}

/**
 * Rank of a version: the more advanced delivery status first (the forward-only rule), then the
 * more advanced call status, then the more complete record, then canonical content.
 */
export function compareVersions(a: Message, b: Message): number {
  let d = statusRank(a.status) - statusRank(b.status);
  if (d !== 0) return d;
  d = callStatusRank(a.call?.status) - callStatusRank(b.call?.status);
  if (d !== 0) return d;
  d = definedCount(a) - definedCount(b);
  if (d !== 0) return d;
  const ca = canonicalOf(a);
  const cb = canonicalOf(b);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/**
 * canonicalJson of a version, memoized: every version is compared again each time another one
 * arrives, and a sender who redelivers one message with new text each time (a web chat visitor)
 * made that quadratic in JSON building. Messages are immutable input.
 */
const canonicalJsonOf = new WeakMap<Message, string>();
function canonicalOf(m: Message): string {
  let json = canonicalJsonOf.get(m);
  if (json === undefined) canonicalJsonOf.set(m, (json = canonicalJson(m)));
  return json;
}

/** True when `id` is exactly `<channel>:<providerMessageId>` (checked without building the string). */
export function isProviderKey(id: string, channel: Channel, providerMessageId: string): boolean {
  return (
    id.length === channel.length + 1 + providerMessageId.length &&
    id.charCodeAt(channel.length) === 58 &&
    id.startsWith(channel) &&
    id.endsWith(providerMessageId)
  );
}

/**
 * The key events name an email by, `email:<Message-ID>` (a bounce's failed status names the
 * Message-ID it returns), when that is not the email's id already; else undefined. Only events look
 * it up: messages are deduplicated by their ids, which add a digest to the Message-ID.
 */
export function emailEventKeyOf(m: Message): string | undefined {
  const mid = m.email?.messageId;
  return mid !== undefined && m.channel === 'email' && !isProviderKey(m.id, 'email', mid) ? `email:${mid}` : undefined;
}

/**
 * The message keys of a version: its id, and `<channel>:<providerMessageId>` when that differs.
 * (An email's `email:<Message-ID>` is not one: see emailEventKeyOf. A provider key may spell the
 * same string; it is a message key all the same.)
 */
export function messageKeysOf(m: Message): readonly string[] {
  const pmid = m.providerMessageId;
  return pmid === undefined || isProviderKey(m.id, m.channel, pmid) ? [m.id] : [m.id, `${m.channel}:${pmid}`];
}

/**
 * The canonical id of an entry: the smallest provider key (`<channel>:<providerMessageId>`) among
 * its versions, else the smallest id.
 */
export function canonicalIdOf(versions: readonly Message[]): string {
  let best: string | undefined;
  let provider = false;
  for (const v of versions) {
    const pmid = v.providerMessageId;
    if (pmid !== undefined) {
      const key = isProviderKey(v.id, v.channel, pmid) ? v.id : `${v.channel}:${pmid}`;
      if (!provider || key < (best as string)) best = key;
      provider = true;
    } else if (!provider && (best === undefined || v.id < best)) best = v.id;
  }
  return best as string;
}

/** Arrival delays are counted up to this many ms (~12 days); later ones tie, and fall to the id. */
const MAX_DELAY_MS = 2 ** 30 - 3;

/**
 * The ordering sequence of a message: the provider's sequence where it has one, else the email
 * reply depth (number of References, at least 1 when there is an In-Reply-To), else its arrival:
 * the ms from occurredAt to its earliest receivedAt, below every real sequence (-2^30 + delay).
 * WhatsApp and most providers give whole seconds: a burst of messages sent in one second reads in
 * the order it arrived, not in the order of random provider ids. A small integer (V8 keeps the
 * field unboxed); NO_SEQUENCE when a time is unreadable.
 */
export function orderSequenceOf(m: Message): number {
  const s = m.sequence;
  if (s !== undefined && !Number.isNaN(s)) return s;
  const e = m.email;
  if (e === undefined) {
    const delay = instantMs(m.receivedAt) - instantMs(m.occurredAt);
    if (Number.isNaN(delay)) return NO_SEQUENCE;
    return -(2 ** 30) + Math.min(MAX_DELAY_MS, Math.max(0, Math.round(delay)));
  }
  const refs = e.references?.length ?? 0;
  return refs > 0 ? refs : (e.inReplyTo?.length ?? 0) > 0 ? 1 : 0;
}

/**
 * Fold versions into one record. Per field, the value of the highest-ranked version that has one
 * wins (fields are filled, never erased: an absent field or an empty list never overrides);
 * plain objects (conversation, email, call, location, extra) are merged field by field the same
 * way. Then: occurredAt and receivedAt are the earliest, the status is the most advanced, the call
 * status the most advanced and the call duration the longest, attachments are the union (a call
 * recording that only a later callback carries is kept), the id is canonical.
 */
export function foldVersions(versions: readonly Message[]): Message {
  const sorted = [...versions].sort(compareVersions);
  const out: Record<string, unknown> = {};
  let occurredAt: string | undefined;
  let receivedAt: string | undefined;
  let callStatus: string | undefined;
  let duration: number | undefined;
  for (const v of sorted) {
    const r = v as unknown as Record<string, unknown>;
    for (const k in r) {
      if (!hasOwn.call(r, k)) continue;
      const val = r[k];
      if (val === undefined) continue;
      if (Array.isArray(val) && val.length === 0 && out[k] !== undefined) continue;
      const prev = out[k];
      if (isPlainObject(val) && isPlainObject(prev)) {
        const merged: Record<string, unknown> = { ...prev };
        for (const kk in val) if (val[kk] !== undefined) merged[kk] = val[kk];
        out[k] = merged;
      } else out[k] = val;
    }
    if (occurredAt === undefined || compareInstants(v.occurredAt, occurredAt) < 0) occurredAt = v.occurredAt;
    if (receivedAt === undefined || compareInstants(v.receivedAt, receivedAt) < 0) receivedAt = v.receivedAt;
    const cs = v.call?.status;
    if (cs !== undefined && (callStatus === undefined || callStatusRank(cs) > callStatusRank(callStatus))) callStatus = cs;
    const d = v.call?.durationSeconds;
    if (d !== undefined && (duration === undefined || d > duration)) duration = d;
  }
  out['occurredAt'] = occurredAt;
  out['receivedAt'] = receivedAt;
  out['id'] = canonicalIdOf(versions);
  if (callStatus !== undefined && isPlainObject(out['call'])) {
    out['call'] = { ...out['call'], status: callStatus, ...(duration !== undefined ? { durationSeconds: duration } : {}) };
  }
  out['attachments'] = unionAttachments(sorted);
  return out as unknown as Message;
}

/** Attachments of every version, highest-ranked version first, without repeats (by url, provider id or content). */
function unionAttachments(sortedAscending: readonly Message[]): Attachment[] {
  const out: Attachment[] = [];
  const seen = new Set<string>();
  for (let i = sortedAscending.length - 1; i >= 0; i--) {
    for (const a of (sortedAscending[i] as Message).attachments) {
      const key = a.url !== undefined ? `u:${a.url}` : a.providerId !== undefined ? `p:${a.providerId}` : `j:${canonicalJson(a, false)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(a);
    }
  }
  return out;
}
