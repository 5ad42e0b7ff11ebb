import { z } from 'zod';
import { lazy } from '../internal/lazy.js';
import { parseWith, safeParseWith } from '../internal/zod-result.js';
import type { Result } from './issue.js';
import { type Channel, type Provider, channelSchema, providerSchema } from './channel.js';
import { type Identifier, identifierSchema } from './identifier.js';
import { MESSAGE_STATUSES, type MessageStatus } from './message.js';

/** Fields every event has. */
export interface MessageEventBase {
  /** Idempotency key of the event itself. */
  readonly id: string;
  readonly channel: Channel;
  readonly provider: Provider;
  /** The conversation it concerns, when the provider says. */
  readonly conversationId?: string;
  readonly occurredAt: string;
  readonly receivedAt: string;
  readonly sequence?: number;
  /** Who caused it (the reader, the reactor, the editor). */
  readonly actor: readonly Identifier[];
}

/**
 * A delivery status for one message (`targetMessageId`) or, for watermark receipts (Messenger,
 * Instagram), for every message of the conversation up to `watermark`.
 */
export interface StatusEvent extends MessageEventBase {
  readonly type: 'status';
  readonly status: MessageStatus;
  readonly targetMessageId?: string;
  readonly watermark?: string;
  readonly error?: { readonly code?: string; readonly title?: string; readonly detail?: string };
}

/** A message was edited; `text` is the new text. */
export interface EditEvent extends MessageEventBase {
  readonly type: 'edit';
  readonly targetMessageId: string;
  readonly text?: string;
  /** How many times it has been edited, when the provider says (Messenger `num_edit`). */
  readonly editCount?: number;
}

/** A message was unsent or deleted. */
export interface DeleteEvent extends MessageEventBase {
  readonly type: 'delete';
  readonly targetMessageId: string;
}

/** A reaction added (`emoji` set) or removed (`emoji` absent) on a message. */
export interface ReactionEvent extends MessageEventBase {
  readonly type: 'reaction';
  readonly targetMessageId: string;
  readonly emoji?: string;
}

/**
 * The identity of a contact changed: a WhatsApp user id rotated (`user_id_rotated`), a user changed
 * number (`number_changed`), a security code changed (`security_code_changed`), a user followed or
 * blocked a LINE account (`followed`, `unfollowed`). `previous` and `current` carry the identifiers.
 */
export interface IdentityChangeEvent extends MessageEventBase {
  readonly type: 'identity_change';
  readonly change: 'user_id_rotated' | 'number_changed' | 'security_code_changed' | 'followed' | 'unfollowed';
  readonly previous?: readonly Identifier[];
  readonly current?: readonly Identifier[];
}

/** Anything that happens to a message or a contact that is not a message itself. */
export type MessageEvent = StatusEvent | EditEvent | DeleteEvent | ReactionEvent | IdentityChangeEvent;

const base = () => ({
  id: z.string().min(1).max(2048),
  channel: channelSchema(),
  provider: providerSchema(),
  conversationId: z.string().min(1).max(2048).exactOptional(),
  occurredAt: z.iso.datetime({ offset: true }),
  receivedAt: z.iso.datetime({ offset: true }),
  sequence: z.number().finite().exactOptional(),
  actor: z.array(identifierSchema()).max(100).readonly(),
});
const target = () => z.string().min(1).max(2048);

/** @internal */
export const messageEventSchema: () => z.ZodType<MessageEvent> = lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      ...base(),
      type: z.literal('status'),
      status: z.enum(MESSAGE_STATUSES),
      targetMessageId: target().exactOptional(),
      watermark: z.iso.datetime({ offset: true }).exactOptional(),
      error: z
        .strictObject({
          code: z.string().max(256).exactOptional(),
          title: z.string().max(4096).exactOptional(),
          detail: z.string().max(65536).exactOptional(),
        })
        .exactOptional(),
    }),
    z.strictObject({
      ...base(),
      type: z.literal('edit'),
      targetMessageId: target(),
      text: z.string().max(1_000_000).exactOptional(),
      editCount: z.number().int().nonnegative().exactOptional(),
    }),
    z.strictObject({ ...base(), type: z.literal('delete'), targetMessageId: target() }),
    z.strictObject({
      ...base(),
      type: z.literal('reaction'),
      targetMessageId: target(),
      emoji: z.string().min(1).max(64).exactOptional(),
    }),
    z.strictObject({
      ...base(),
      type: z.literal('identity_change'),
      change: z.enum(['user_id_rotated', 'number_changed', 'security_code_changed', 'followed', 'unfollowed']),
      previous: z.array(identifierSchema()).max(100).readonly().exactOptional(),
      current: z.array(identifierSchema()).max(100).readonly().exactOptional(),
    }),
  ]),
);

/**
 * Validate a message event, returning issues instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeParseMessageEvent(candidate);
 * if (r.success && r.data.type === 'status') r.data.status;
 * ```
 */
export function safeParseMessageEvent(input: unknown): Result<MessageEvent> {
  return safeParseWith(messageEventSchema(), input);
}

/**
 * Validate a message event; throws {@link ValidationError} when it is invalid.
 *
 * @example
 * ```ts
 * const event = parseMessageEvent(candidate);
 * ```
 */
export function parseMessageEvent(input: unknown): MessageEvent {
  return parseWith(messageEventSchema(), input, 'message event');
}
