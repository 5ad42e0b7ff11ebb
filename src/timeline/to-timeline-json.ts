import type { TimelineConversation } from './timeline-conversation.js';
import type { TimelineEntry } from './timeline-entry.js';
import type { TimelineIdentity, TimelineStore } from './timeline-store.js';

/** A message as the timeline JSON shows it: a {@link TimelineEntry} without the raw record. */
export type TimelineJsonMessage = Omit<TimelineEntry, 'message'>;

/** One person's timeline as plain JSON: the line `omnilink timeline` prints per person. */
export interface TimelineJson {
  readonly personId: string;
  readonly identities: readonly TimelineIdentity[];
  readonly conversations: readonly TimelineConversation[];
  /** In timeline order. */
  readonly messages: readonly TimelineJsonMessage[];
}

/**
 * Serialise one person's whole timeline (identities, conversations, messages in order) to plain
 * JSON-ready data, without the raw message records. Deleted messages keep their place, without
 * text.
 *
 * @example
 * ```ts
 * const line = JSON.stringify(toTimelineJson(store, 'p1'));
 * // {"personId":"p1","identities":[...],"conversations":[...],"messages":[{"id":"whatsapp:wamid.1",...}]}
 * ```
 */
export function toTimelineJson(store: TimelineStore, personId: string): TimelineJson {
  const page = store.timelineOf(personId);
  const id = page.personId ?? personId;
  return {
    personId: id,
    identities: store.identitiesOf(id),
    conversations: store.conversationsOf(id),
    messages: page.entries.map(({ message: _message, ...rest }) => rest),
  };
}
