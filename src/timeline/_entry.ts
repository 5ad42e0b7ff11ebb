// One deduplicated message in a timeline, with everything folded into it. Internal and mutable;
// views copy what they show. Every fold here is commutative, so arrival order never matters.

import type { Identifier } from '../model/identifier.js';
import type { Message, MessageStatus } from '../model/message.js';
import type { DeleteEvent, EditEvent, ReactionEvent, StatusEvent } from '../model/message-event.js';
import { canonicalInstant, compareInstants } from '../internal/instant.js';
import { type EventOrderKey, addOncePerId, compareEventsFully, type OrderKey } from './_order.js';
import { canonicalIdOf, compareVersions, orderSequenceOf, sameContent } from './_versions.js';
import { identifierKey } from './customer-keys.js';
import { STATUS_ORDER, statusRank } from './status-order.js';

const FAILED_RANK = statusRank('failed');

/** Earliest time each status was reported. */
export type StatusTimes = Partial<Record<MessageStatus, string>>;

/**
 * Everything events said about a message. Created by {@link newEventState}, as an object literal:
 * V8 can then allocate these long-lived records straight in the old generation (it cannot for
 * `new` of a class), which spares the young-generation collector copying them twice in a batch.
 */
export interface EventState {
  /** Highest status rank reported by targeted events, -1 for none. */
  status: number;
  /** Earliest time each status was reported, by status rank (see STATUS_ORDER); '' for never. */
  at0: string;
  at1: string;
  at2: string;
  at3: string;
  at4: string;
  at5: string;
  failure: StatusEvent | undefined;
  /**
   * The recipients failed statuses named (key -> the smallest spelling of the address); undefined
   * when none named any. See partialFailureOf.
   */
  failedFor: Map<string, string> | undefined;
  /** A failed status named no recipient: the message failed for everyone. */
  failedWhole: boolean;
  edits: EditEvent[] | undefined;
  deletion: DeleteEvent | undefined;
  /** Per actor, their distinct reaction events (a redelivery kept once); the latest is the one shown. */
  reactions: Map<string, ReactionEvent[]> | undefined;
}

/** An empty event state. */
export function newEventState(): EventState {
  return { status: -1, at0: '', at1: '', at2: '', at3: '', at4: '', at5: '', failure: undefined, failedFor: undefined, failedWhole: false, edits: undefined, deletion: undefined, reactions: undefined };
}

/** One deduplicated message with everything folded into it. Created by {@link newEntry} (an object literal, see EventState). */
export interface Entry extends OrderKey {
  /** Canonical id (see canonicalIdOf). */
  id: string;
  /** Earliest occurredAt of the versions, as canonicalInstant writes it (its string order is time order). */
  at: string;
  seq: number;
  /** The merged record (the only version when there is one). */
  message: Message;
  /** Distinct versions, when there is more than one. */
  versions: Message[] | undefined;
  /** Placement keys in priority order (a `person:` key first when personOf placed it). */
  keys: readonly string[];
  person: string | undefined;
  placedBy: string | undefined;
  /** What events said about it; allocated by the first event. */
  ev: EventState | undefined;
}

/** A new entry of one delivery, placed with `person` by `placedBy` (both undefined while unplaced). */
export function newEntry(message: Message, id: string, keys: readonly string[], person?: string, placedBy?: string): Entry {
  return { id, at: canonicalInstant(message.occurredAt), seq: orderSequenceOf(message), message, versions: undefined, keys, person, placedBy, ev: undefined };
}

/** Every version of an entry (one or more). */
export function allVersions(e: Entry): Message[] {
  return e.versions ?? [e.message];
}

/**
 * The most versions (distinct contents) of one message kept: the highest-ranked by compareVersions.
 * Every delivery re-folds all versions, so a sender redelivering one message with ever new content
 * (a hostile web chat visitor) made each delivery cost more than the last. Which versions stay is
 * a function of the set delivered, never of the order.
 */
export const MAX_VERSIONS = 64;

/** Drop the lowest-ranked versions past MAX_VERSIONS, in place; returns `versions`. */
export function capVersions(versions: Message[]): Message[] {
  while (versions.length > MAX_VERSIONS) {
    let low = 0;
    for (let k = 1; k < versions.length; k++) if (compareVersions(versions[k] as Message, versions[low] as Message) < 0) low = k;
    versions.splice(low, 1);
  }
  return versions;
}

/**
 * The entry's versions with delivery `m` added, or replacing a version with the same content that
 * arrived later; undefined when `m` is a plain redelivery, or ranks below all MAX_VERSIONS kept
 * (nothing new). A new array: `e` is untouched.
 */
export function versionsWith(e: Entry, m: Message): Message[] | undefined {
  const versions = allVersions(e);
  let i = 0;
  while (i < versions.length && !sameContent(versions[i] as Message, m)) i++;
  if (i < versions.length && compareInstants(m.receivedAt, (versions[i] as Message).receivedAt) >= 0) return undefined;
  const next = versions.slice();
  if (i < versions.length) next[i] = m;
  else next.push(m);
  capVersions(next);
  return next.includes(m) ? next : undefined;
}

/** Recompute the order fields after the merged record changed. */
export function refreshOrder(e: Entry): void {
  e.id = canonicalIdOf(allVersions(e));
  e.at = canonicalInstant(e.message.occurredAt);
  e.seq = orderSequenceOf(e.message);
}

/** occurredAt in ms since the epoch (not cached: a number field would be boxed per entry). */
export function entryTimeMs(e: Entry): number {
  return Date.parse(e.at);
}

/**
 * The recipients an outbound message failed for, when they are some of its recipients only (an
 * email bounced for one of its Cc addresses): the message still reached the others, so its status
 * is not `failed`. Undefined when it failed for every recipient (or it is not such a message).
 */
export function partialFailureOf(e: Entry): string[] | undefined {
  const st = e.ev;
  const m = e.message;
  // One recipient: a failure is the message's (whatever key the provider named it by).
  if (st === undefined || st.failedWhole || st.failedFor === undefined || m.direction !== 'outbound' || m.recipients.length < 2 || statusRank(m.status) === FAILED_RANK) return undefined;
  const failed = st.failedFor;
  const recipients = new Set(m.recipients.map(identifierKey));
  // Partial only when the failures name recipients of the message (an address it was not sent to,
  // such as an alias a server forwarded to, says nothing of who got it), not every one of them,
  // and not the customer whose timeline shows it.
  for (const key of failed.keys()) if (!recipients.has(key)) return undefined;
  if (failed.size >= recipients.size) return undefined;
  const owner = e.placedBy ?? e.keys[0];
  if (owner !== undefined && failed.has(owner)) return undefined;
  return [...failed.values()].sort();
}

/** Fold a targeted status event into an entry. */
export function applyStatus(e: Entry, ev: StatusEvent): void {
  const st = (e.ev ??= newEventState());
  const rank = statusRank(ev.status);
  if (rank > st.status) st.status = rank;
  noteStatusTime(st, rank, canonicalInstant(ev.occurredAt));
  if (ev.status !== 'failed') return;
  if (st.failure === undefined || compareEventsFully(ev, st.failure) < 0) st.failure = ev;
  noteFailedFor(st, ev.actor);
}

/** Note whom a failed status names (see EventState.failedFor). */
function noteFailedFor(st: EventState, actor: readonly Identifier[]): void {
  if (actor.length === 0) st.failedWhole = true;
  for (const id of actor) noteFailedRecipient(st, identifierKey(id), id.value);
}

/** One spelling per recipient, the smallest: the same whatever order the reports came in. */
function noteFailedRecipient(st: EventState, key: string, value: string): void {
  const map = (st.failedFor ??= new Map());
  const seen = map.get(key);
  if (seen === undefined || value < seen) map.set(key, value);
}

/** Keep the earliest time of a status (`at` canonical, see canonicalInstant). */
function noteStatusTime(st: EventState, rank: number, at: string): void {
  switch (rank) {
    case 0:
      if (st.at0 === '' || at < st.at0) st.at0 = at;
      return;
    case 1:
      if (st.at1 === '' || at < st.at1) st.at1 = at;
      return;
    case 2:
      if (st.at2 === '' || at < st.at2) st.at2 = at;
      return;
    case 3:
      if (st.at3 === '' || at < st.at3) st.at3 = at;
      return;
    case 4:
      if (st.at4 === '' || at < st.at4) st.at4 = at;
      return;
    default:
      if (st.at5 === '' || at < st.at5) st.at5 = at;
  }
}

/** The status times an event state recorded, as a record (undefined when none). */
export function statusTimesOf(st: EventState | undefined): StatusTimes | undefined {
  if (st === undefined || st.status < 0) return undefined;
  const times: StatusTimes = {};
  const all = [st.at0, st.at1, st.at2, st.at3, st.at4, st.at5];
  for (let r = 0; r < all.length; r++) if (all[r] !== '') times[STATUS_ORDER[r] as MessageStatus] = all[r] as string;
  return times;
}

/** Add an edit (once per event id). */
export function applyEdit(e: Entry, ev: EditEvent): void {
  addOncePerId(((e.ev ??= newEventState()).edits ??= []), ev);
}

/** Mark an entry deleted; the earliest unsend is kept. */
export function applyDelete(e: Entry, ev: DeleteEvent): void {
  const st = (e.ev ??= newEventState());
  if (st.deletion === undefined || compareEventsFully(ev, st.deletion) < 0) st.deletion = ev;
}

/** The key of the actor of an event ('' when the provider names nobody). */
export function actorKeyOf(actor: readonly Identifier[]): string {
  const first = actor[0];
  return first === undefined ? '' : identifierKey(first);
}

/** Record a reaction: per actor, the latest reaction event wins (a removal clears). */
export function applyReaction(e: Entry, ev: ReactionEvent): void {
  const reactions = ((e.ev ??= newEventState()).reactions ??= new Map());
  const actor = actorKeyOf(ev.actor);
  let list = reactions.get(actor);
  if (list === undefined) reactions.set(actor, (list = []));
  // All of them, not only the latest so far: choosing while they arrive made the choice depend on
  // their order (a redelivery keeps its first-sorting copy, and a later reaction replaces).
  addOncePerId(list, ev);
}

/** The latest of a list of events by compareEventsFully (an actor's reaction now, an identifier's consent now). */
export function latestEvent<T extends EventOrderKey>(list: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const ev of list) if (latest === undefined || compareEventsFully(latest, ev) < 0) latest = ev;
  return latest;
}

/** Move the event state of `from` into `to` (when two entries turn out to be one message). */
export function absorbEventState(to: Entry, from: Entry): void {
  const src = from.ev;
  if (src === undefined) return;
  const dst = (to.ev ??= newEventState());
  if (src.status > dst.status) dst.status = src.status;
  const all = [src.at0, src.at1, src.at2, src.at3, src.at4, src.at5];
  for (let r = 0; r < all.length; r++) if (all[r] !== '') noteStatusTime(dst, r, all[r] as string);
  if (src.failure !== undefined && (dst.failure === undefined || compareEventsFully(src.failure, dst.failure) < 0)) dst.failure = src.failure;
  if (src.failedWhole) dst.failedWhole = true;
  for (const [key, value] of src.failedFor ?? []) noteFailedRecipient(dst, key, value);
  for (const ev of src.edits ?? []) applyEdit(to, ev);
  if (src.deletion !== undefined) applyDelete(to, src.deletion);
  for (const list of src.reactions?.values() ?? []) for (const ev of list) applyReaction(to, ev);
}
