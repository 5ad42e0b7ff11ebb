import type { TimelineEntry } from './timeline-entry.js';

/** Which part of a timeline to read. */
export interface TimelineView {
  /** Only messages with occurredAt >= from (ISO-8601, any offset; compared as instants). @defaultValue no lower bound */
  readonly from?: string;
  /** Only messages with occurredAt < to (ISO-8601, any offset). @defaultValue no upper bound */
  readonly to?: string;
  /** At most this many entries; a `nextCursor` says where to continue. @defaultValue no limit */
  readonly limit?: number;
  /** Continue after the entry a previous page's `nextCursor` named. @defaultValue the start */
  readonly cursor?: string;
  /** Only this conversation (a `TimelineConversation.id`). @defaultValue every conversation */
  readonly conversationId?: string;
}

/** A page of a timeline. */
export interface TimelinePage {
  /** The person read (after merge redirects); absent for the unassigned bucket. */
  readonly personId?: string;
  readonly entries: readonly TimelineEntry[];
  /**
   * Present when the limit cut the page short: pass it as `cursor` to read on. Cursors name a
   * position, not an index, so they stay valid while messages arrive.
   */
  readonly nextCursor?: string;
}
