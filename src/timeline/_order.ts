// The ordering kernel: the hot comparisons of the timeline, kept in one small file (STYLE.md 1).
// Strings are compared with < (code-unit order), never localeCompare: an entry's `at` is written as
// toISOString writes it (canonicalInstant) and sorts chronologically as a string; event times may
// carry any offset and are compared as instants; ids only need a stable order.

import { compareInstants } from '../internal/instant.js';

/** The three parts of a timeline position. */
export interface OrderKey {
  /** occurredAt, as canonicalInstant writes it. */
  readonly at: string;
  /** Provider sequence, or NO_SEQUENCE. */
  readonly seq: number;
  /** The entry's canonical id. */
  readonly id: string;
}

/**
 * The sequence of an entry without a provider sequence: before every real one at the same time
 * (provider sequences and reply depths are never negative). A small integer, not -Infinity, so
 * V8 keeps the field unboxed (a double field costs one extra heap object per entry).
 */
export const NO_SEQUENCE: number = -1;

/** Total order: occurredAt, then sequence (for messages without one, their arrival: see orderSequenceOf), then id. */
export function compareOrder(a: OrderKey, b: OrderKey): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** First index whose item is after `key` (items sorted by compareOrder). */
export function upperBound(items: readonly OrderKey[], key: OrderKey): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareOrder(items[mid] as OrderKey, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose occurredAt is at or after `at`. */
export function lowerBoundAt(items: readonly OrderKey[], at: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as OrderKey).at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An event's position among events of the same kind: occurredAt, then sequence, then id. */
export interface EventOrderKey {
  readonly occurredAt: string;
  readonly sequence?: number;
  readonly id: string;
}

/** Total order of events: occurredAt, then sequence (absent first), then id. */
export function compareEvents(a: EventOrderKey, b: EventOrderKey): number {
  const at = compareInstants(a.occurredAt, b.occurredAt);
  if (at !== 0) return at;
  const sa = a.sequence ?? NO_SEQUENCE;
  const sb = b.sequence ?? NO_SEQUENCE;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * compareEvents, then the whole event as JSON: two different deliveries with the same id and time
 * still get a deterministic winner, so arrival order never decides.
 */
export function compareEventsFully(a: EventOrderKey, b: EventOrderKey): number {
  const d = compareEvents(a, b);
  if (d !== 0 || a === b) return d;
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/** An event's id and content apart from its times, memoized (events are immutable input). */
const contentKeys = new WeakMap<EventOrderKey, string>();

/**
 * The id and content of an event apart from its times (when it happened, arrived, and when each
 * actor identifier was observed): redeliveries of one event share it.
 */
function contentKeyOf(ev: EventOrderKey): string {
  let key = contentKeys.get(ev);
  if (key === undefined) {
    const content = JSON.stringify(ev, (k, value: unknown) => (k === 'occurredAt' || k === 'receivedAt' || k === 'observedAt' ? undefined : value));
    contentKeys.set(ev, (key = `${ev.id}\u0000${content}`));
  }
  return key;
}

/** Lists addOncePerId keeps longer than a few events -> where each content key sits in them. */
const listIndexes = new WeakMap<readonly EventOrderKey[], Map<string, number>>();
const INDEX_FROM = 8;

/**
 * Add `ev` to `list`, once: a redelivery (the same id and the same content, its times aside) keeps
 * whichever of the two comes first by {@link compareEventsFully}, so arrival order never decides;
 * events that reuse an id for other content (a delete and a reaction, two statuses) are both kept.
 * True when `ev` was appended. Lists must change only through this function: past a few events
 * they are indexed, so that a flood of events on one message (or one conversation, or one missing
 * target) costs linear time, not quadratic.
 */
export function addOncePerId<T extends EventOrderKey>(list: T[], ev: T): boolean {
  const key = contentKeyOf(ev);
  let at: number | undefined;
  if (list.length < INDEX_FROM) {
    for (let i = 0; i < list.length && at === undefined; i++) if (contentKeyOf(list[i] as T) === key) at = i;
  } else {
    let index = listIndexes.get(list);
    if (index === undefined) {
      index = new Map();
      for (let i = 0; i < list.length; i++) index.set(contentKeyOf(list[i] as T), i);
      listIndexes.set(list, index);
    }
    at = index.get(key);
    if (at === undefined) index.set(key, list.length);
  }
  if (at === undefined) {
    list.push(ev);
    return true;
  }
  if (compareEventsFully(ev, list[at] as T) < 0) list[at] = ev;
  return false;
}

/** Encode a position as an opaque cursor string. */
export function encodeCursor(key: OrderKey): string {
  return `${key.at}|${key.seq === NO_SEQUENCE ? '' : String(key.seq)}|${key.id}`;
}

/** Decode a cursor made by encodeCursor; undefined when it is malformed. */
export function decodeCursor(cursor: string): OrderKey | undefined {
  const a = cursor.indexOf('|');
  if (a <= 0) return undefined;
  const b = cursor.indexOf('|', a + 1);
  if (b < 0) return undefined;
  const seqText = cursor.slice(a + 1, b);
  const seq = seqText === '' ? NO_SEQUENCE : Number(seqText);
  if (Number.isNaN(seq)) return undefined;
  return { at: cursor.slice(0, a), seq, id: cursor.slice(b + 1) };
}
