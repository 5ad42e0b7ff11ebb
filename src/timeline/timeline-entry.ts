import type { Channel, Provider } from '../model/channel.js';
import type { Attachment, CallDetails, Message, MessageKind, MessageStatus } from '../model/message.js';

/** An earlier text of an edited message. */
export interface TimelineEdit {
  /** The text as it was (absent when that version had none). */
  readonly text?: string;
  /** When that text was written (the message's time, or the edit's). */
  readonly at: string;
}

/** One of an actor's current reactions to a message (one per actor on most channels; Telegram allows several). */
export interface TimelineReaction {
  /** The actor's identifier key ('' when the provider names nobody). */
  readonly actor: string;
  readonly emoji: string;
  readonly at: string;
}

/** Why an outbound message failed, as the provider said. */
export interface TimelineFailure {
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly at: string;
  /**
   * The message failed for some of its recipients only (an email bounced for one Cc address): it
   * reached the others, so the entry's status is the stage they reached, not `failed`.
   */
  readonly partial?: true;
  /** With `partial`: the recipients it failed for, as the failure reports named them. */
  readonly recipients?: readonly string[];
}

/**
 * One message as a timeline shows it: the deduplicated record with its statuses, edits, unsend
 * and reactions folded in. Every field is plain JSON.
 *
 * A deleted (unsent) message stays in the timeline with `deleted: true`; its text, edit history
 * and attachments are hidden here (the original record stays in `message` for audit).
 */
export interface TimelineEntry {
  /** Canonical id: `<channel>:<providerMessageId>` where the provider gave an id, else the content-hash id. */
  readonly id: string;
  readonly channel: Channel;
  readonly provider: Provider;
  /** The provider's id of the message; for an email, its Message-ID. */
  readonly providerMessageId?: string;
  readonly direction: 'inbound' | 'outbound';
  readonly kind: MessageKind;
  /** Provider time (the earliest any delivery gave). */
  readonly occurredAt: string;
  /** When it first arrived. */
  readonly receivedAt: string;
  readonly sequence?: number;
  /** The timeline conversation it belongs to (absent in the unassigned bucket). */
  readonly conversationId?: string;
  /** The provider's conversation (chat id, email thread, call). */
  readonly providerConversationId: string;
  /** The current text (after edits); absent when deleted or when the message has none. */
  readonly text?: string;
  readonly subject?: string;
  readonly attachments: readonly Attachment[];
  readonly replyTo?: string;
  /** The most advanced status (see STATUS_ORDER). */
  readonly status: MessageStatus;
  /**
   * The earliest time each status was reported; a stage of pending < sent < delivered < read is
   * never later than a stage after it (read at 10:03 means delivered by 10:03, even when the
   * delivered report came later).
   */
  readonly statusAt?: Partial<Record<MessageStatus, string>>;
  readonly failure?: TimelineFailure;
  /** Earlier texts, oldest first, when the message was edited. */
  readonly edits?: readonly TimelineEdit[];
  readonly editedAt?: string;
  readonly deleted?: true;
  readonly deletedAt?: string;
  readonly reactions?: readonly TimelineReaction[];
  readonly autoReply?: true;
  readonly bounce?: true;
  readonly call?: CallDetails;
  /** The identifier key that placed the message in this person's timeline (its provenance). */
  readonly placedBy?: string;
  /**
   * The merged record as received (for audit; show `text`, not `message.text`): every distinct
   * version delivered folded into one, at most 64 of them (the highest-ranked: most advanced status,
   * most complete) when one id keeps coming with new content.
   */
  readonly message: Message;
}
