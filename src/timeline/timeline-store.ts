import type { Message } from '../model/message.js';
import type { MessageEvent } from '../model/message-event.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { TimelineStoreImpl } from './_store.js';
import type { TimelineChannelUsage, ChannelUsageOptions } from './channel-usage.js';
import type { IdentityMap, KeyAssignments, MergeRecord } from './identity-map.js';
import type { TimelineConversation, TimelineConversationView } from './timeline-conversation.js';
import type { TimelineOptions } from './timeline-options.js';
import type { TimelinePage, TimelineView } from './timeline-view.js';

/** What `TimelineStore.ingest` accepts: one message or event, a normalized batch, or a list. */
export type TimelineInput = Message | MessageEvent | NormalizedBatch | Iterable<Message | MessageEvent>;

/** One identifier of a person, as their timeline knows it. */
export interface TimelineIdentity {
  readonly key: string;
  /** Kind and raw value, when a message carried the identifier (keys only assigned have none). */
  readonly kind?: string;
  readonly value?: string;
  readonly namespace?: string;
  /** How many of the person's messages it placed. */
  readonly placed: number;
}

/** Where a message ended up. */
export interface MessagePlacement {
  /** The canonical id of the deduplicated message. */
  readonly messageId: string;
  /** Absent while it is unassigned. */
  readonly personId?: string;
  /** The key that placed it. */
  readonly placedBy?: string;
}

/** Counters of a store. */
export interface TimelineStats {
  /** Messages ingested, duplicates included. */
  readonly deliveries: number;
  /** Distinct messages kept. */
  readonly messages: number;
  /**
   * Deliveries folded into a message kept from another delivery (redeliveries, echoes, status
   * callbacks): `deliveries - messages`, so it does not depend on arrival order (a delivery that
   * joins two messages kept apart until then makes one of them a duplicate too).
   */
  readonly duplicates: number;
  /** Events ingested. */
  readonly events: number;
  /** Events held until their message arrives. */
  readonly pendingEvents: number;
  /** Events that target nothing the timeline models (a status with neither target nor watermark, a follow). */
  readonly ignoredEvents: number;
  /** Persons with at least one message. */
  readonly persons: number;
  /** Messages whose person is not known yet. */
  readonly unassigned: number;
}

/**
 * Per-person timelines, maintained one delivery at a time. Whatever the order in which messages
 * and events arrive (events before their message included) and however often they are
 * redelivered, the timelines are the same. See {@link createTimelineStore}.
 */
export interface TimelineStore {
  /** The identity map the store follows. */
  readonly identities: IdentityMap;
  /** Add messages and events (a NormalizedBatch's records and unsupported items are ignored). */
  ingest(input: TimelineInput): void;
  /** A person's timeline (or a window or page of it). An absorbed person id reads its survivor. */
  timelineOf(personId: string, view?: TimelineView): TimelinePage;
  /** Messages whose person is not known yet, in timeline order (kept, never dropped). */
  unassigned(view?: TimelineView): TimelinePage;
  /** A person's conversations, oldest first. */
  conversationsOf(personId: string): readonly TimelineConversation[];
  /** One conversation with its messages; undefined when the person has no such conversation. */
  conversationOf(personId: string, conversationId: string): TimelineConversationView | undefined;
  /** Which channels a person uses, how much, and which they prefer. */
  channelUsage(personId: string, options?: ChannelUsageOptions): TimelineChannelUsage;
  /** The identifiers of a person: keys assigned to them and keys of their messages, sorted. */
  identitiesOf(personId: string): readonly TimelineIdentity[];
  /** Persons with at least one message, sorted. */
  persons(): readonly string[];
  /**
   * Where a message is, by its id or `<channel>:<providerMessageId>`; an email also by
   * `email:<Message-ID>` (of several emails sharing one, the first in timeline order).
   */
  locate(messageKey: string): MessagePlacement | undefined;
  /** Assign an identifier key to a person (see {@link IdentityMap.assign}). */
  assign(key: string, personId: string): void;
  /** Remove a key's assignment; its messages go back to unassigned unless another key places them. */
  unassign(key: string): void;
  /** Merge two persons: their timelines interleave. Keep the record to undo it. */
  mergePersons(survivor: string, absorbed: string): MergeRecord;
  /** Move keys (and the messages they placed) to other persons; `undoMergeAssignments(record)` undoes a merge. */
  splitPerson(personId: string, assignments: KeyAssignments): void;
  stats(): TimelineStats;
  /**
   * Events still waiting for the message they target (statuses, edits, reactions, unsends whose
   * message has not arrived), in a stable order. At the end of a batch, statuses among them often
   * describe messages the business sent through an API: see `outboundFromStatuses`.
   */
  waitingEvents(): readonly MessageEvent[];
  /** Stop following the identity map (the store must not be used afterwards). */
  detach(): void;
}

/**
 * Create an empty timeline store.
 *
 * @example
 * ```ts
 * const store = createTimelineStore({ identities: createIdentityMap([['phone:+5511987654321', 'p1']]) });
 * store.ingest(batch); // a NormalizedBatch from a channel adapter
 * store.timelineOf('p1').entries.map((e) => [e.channel, e.text, e.status]);
 * store.channelUsage('p1').preferredChannel; // 'whatsapp'
 * ```
 */
export function createTimelineStore(options?: TimelineOptions): TimelineStore {
  return new TimelineStoreImpl(options ?? {}, false);
}
