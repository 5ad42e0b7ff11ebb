import type { Message } from '../model/message.js';
import type { MessageEvent } from '../model/message-event.js';
import { TimelineStoreImpl } from './_store.js';
import type { TimelineOptions } from './timeline-options.js';
import type { TimelineStore } from './timeline-store.js';

/**
 * Build every timeline from a batch of messages and events at once. The result equals ingesting
 * the same items one by one in any order (and stays a live store you can keep ingesting into).
 * The batch path deduplicates each message with one customer key on the spot, appends it to its
 * person's list and sorts every list once; the rest (several customer keys, a `personOf` function,
 * deliveries that join two messages or change key) goes through the incremental path after it.
 * The inputs are not modified.
 *
 * @example
 * ```ts
 * const store = buildTimeline(messages, events, { identities });
 * for (const personId of store.persons()) show(toTimelineJson(store, personId));
 * ```
 */
export function buildTimeline(messages: Iterable<Message>, events: Iterable<MessageEvent> = [], options: TimelineOptions = {}): TimelineStore {
  const store = new TimelineStoreImpl(options, true);
  store.bulkLoad(messages, events);
  return store;
}
