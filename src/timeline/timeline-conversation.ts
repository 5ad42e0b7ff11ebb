import type { Channel } from '../model/channel.js';
import type { TimelineEntry } from './timeline-entry.js';

/**
 * How a conversation was formed:
 * - `thread`: an email thread (Message-ID / In-Reply-To / References, or a reply subject);
 * - `session`: messages of a chat, call or SMS with no gap longer than the session gap; private
 *   chats, calls and SMS of one person continue each other across channels;
 * - `automatic`: an auto-reply or bounce that answers nothing in the timeline, standing alone.
 */
export type TimelineConversationKind = 'thread' | 'session' | 'automatic';

/**
 * One conversation of a person's timeline. Its `id` derives from its first message, so it is
 * stable while the timeline grows at the end; an earlier message arriving late, or a merge of
 * persons, may re-form conversations.
 */
export interface TimelineConversation {
  /** `conv:<id of the first message>`. */
  readonly id: string;
  readonly kind: TimelineConversationKind;
  /** A group or broadcast chat (sessions of it never continue across channels). */
  readonly group: boolean;
  /** Channels in order of first use. */
  readonly channels: readonly Channel[];
  /** Provider conversations it covers, in order of first use. */
  readonly providerConversationIds: readonly string[];
  /** The email subject of the first message of a thread. */
  readonly subject?: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly messageCount: number;
  readonly inbound: number;
  readonly outbound: number;
  readonly firstMessageId: string;
  readonly lastMessageId: string;
}

/** A conversation with its messages, in timeline order. */
export interface TimelineConversationView {
  readonly conversation: TimelineConversation;
  readonly entries: readonly TimelineEntry[];
}
