// One deduplicated message in a timeline, with everything folded into it. Internal and mutable;
// views copy what they show. Every fold here is commutative, so arrival order never matters.

import type { Identifier } from '../model/identifier.js';
import type { Message, MessageStatus } from '../model/message.js';
import type { DeleteEvent, EditEvent, ReactionEvent, StatusEvent } from '../model/message-event.js';
import { compareEventsFully, type OrderKey } from './_order.js';
import { canonicalIdOf, orderSequenceOf } from './_versions.js';
import { identifierKey } from './customer-keys.js';
import { statusRank } from './status-order.js';

/** Earliest time each status was reported, by targeted status events. */
export type StatusTimes = Partial<Record<MessageStatus, string>>;

export class Entry implements OrderKey {
  /** Canonical id (see canonicalIdOf). */
  id: string;
  /** Earliest occurredAt of the versions. */
  at: string;
  seq: number;
  /** The merged record (the only version when there is one). */
  message: Message;
  /** Distinct versions, when there is more than one. */
  versions: Message[] | undefined = undefined;
  /** Placement keys in priority order (a `person:` key first when personOf placed it). */
  keys: readonly string[];
  person: string | undefined = undefined;
  placedBy: string | undefined = undefined;
  /** occurredAt in ms, computed on first need. */
  ms: number = Number.NaN;
  /** Highest status rank reported by targeted events, -1 for none. */
  eventStatus: number = -1;
  statusAt: StatusTimes | undefined = undefined;
  failure: StatusEvent | undefined = undefined;
  edits: EditEvent[] | undefined = undefined;
  deletion: DeleteEvent | undefined = undefined;
  reactions: Map<string, ReactionEvent> | undefined = undefined;

  constructor(message: Message, id: string, keys: readonly string[]) {
    this.id = id;
    this.at = message.occurredAt;
    this.seq = orderSequenceOf(message);
    this.message = message;
    this.keys = keys;
  }

  /** Every version (one or more). */
  allVersions(): Message[] {
    return this.versions ?? [this.message];
  }

  /** Recompute the order fields after the merged record changed. */
  refreshOrder(): void {
    this.id = canonicalIdOf(this.allVersions());
    this.at = this.message.occurredAt;
    this.seq = orderSequenceOf(this.message);
    this.ms = Number.NaN;
  }

  timeMs(): number {
    if (Number.isNaN(this.ms)) this.ms = Date.parse(this.at);
    return this.ms;
  }
}

/** Fold a targeted status event into an entry. */
export function applyStatus(e: Entry, ev: StatusEvent): void {
  const rank = statusRank(ev.status);
  if (rank > e.eventStatus) e.eventStatus = rank;
  const times = (e.statusAt ??= {});
  const prev = times[ev.status];
  if (prev === undefined || ev.occurredAt < prev) times[ev.status] = ev.occurredAt;
  if (ev.status === 'failed' && (e.failure === undefined || compareEventsFully(ev, e.failure) < 0)) e.failure = ev;
}

/** Add an edit (once per event id). */
export function applyEdit(e: Entry, ev: EditEvent): void {
  const edits = (e.edits ??= []);
  for (let i = 0; i < edits.length; i++) {
    const x = edits[i] as EditEvent;
    if (x.id !== ev.id) continue;
    if (compareEventsFully(ev, x) < 0) edits[i] = ev;
    return;
  }
  edits.push(ev);
}

/** Mark an entry deleted; the earliest unsend is kept. */
export function applyDelete(e: Entry, ev: DeleteEvent): void {
  if (e.deletion === undefined || compareEventsFully(ev, e.deletion) < 0) e.deletion = ev;
}

/** The key of the actor of an event ('' when the provider names nobody). */
export function actorKeyOf(actor: readonly Identifier[]): string {
  const first = actor[0];
  return first === undefined ? '' : identifierKey(first);
}

/** Record a reaction: per actor, the latest reaction event wins (a removal clears). */
export function applyReaction(e: Entry, ev: ReactionEvent): void {
  const reactions = (e.reactions ??= new Map());
  const actor = actorKeyOf(ev.actor);
  const prev = reactions.get(actor);
  if (prev === undefined || compareEventsFully(prev, ev) < 0) reactions.set(actor, ev);
}

/** Move the event state of `from` into `to` (when two entries turn out to be one message). */
export function absorbEventState(to: Entry, from: Entry): void {
  if (from.eventStatus > to.eventStatus) to.eventStatus = from.eventStatus;
  if (from.statusAt !== undefined) {
    const times = (to.statusAt ??= {});
    for (const [status, at] of Object.entries(from.statusAt) as [MessageStatus, string][]) {
      const prev = times[status];
      if (prev === undefined || at < prev) times[status] = at;
    }
  }
  if (from.failure !== undefined && (to.failure === undefined || compareEventsFully(from.failure, to.failure) < 0)) to.failure = from.failure;
  for (const ev of from.edits ?? []) applyEdit(to, ev);
  if (from.deletion !== undefined) applyDelete(to, from.deletion);
  for (const ev of from.reactions?.values() ?? []) applyReaction(to, ev);
}
