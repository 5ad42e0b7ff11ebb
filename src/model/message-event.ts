import * as z from 'zod/mini';
import { lazy } from '../internal/lazy.js';
import { boundedArray, boundedString, isoDateTime, opt, stringRecord } from '../internal/schema.js';
import { parseWith, safeParseWith } from '../internal/zod-result.js';
import type { Result } from './issue.js';
import { type Channel, type Provider, channelSchema, providerSchema } from './channel.js';
import { type Identifier, identifierSchema } from './identifier.js';
import { MESSAGE_STATUSES, type MessageStatus } from './message.js';

/** Most characters of one reaction (an emoji, or a custom emoji's id). */
export const MAX_REACTION_LENGTH = 64;
/** Most reactions one event sets at once (`emojis`). */
export const MAX_REACTIONS = 100;

/** What kind of identity change an {@link IdentityChangeEvent} reports. */
export const IDENTITY_CHANGES = ['user_id_rotated', 'number_changed', 'security_code_changed', 'followed', 'unfollowed'] as const;
/** One of {@link IDENTITY_CHANGES}. */
export type IdentityChange = (typeof IDENTITY_CHANGES)[number];

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
  /** Who caused it or whom it concerns (the reader, the reactor, the editor; for a status, the recipient of the message). */
  readonly actor: readonly Identifier[];
  /** Provider facts worth keeping that have no field of their own (WhatsApp pricing category, ...). */
  readonly extra?: Readonly<Record<string, string>>;
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

/**
 * The actor's reaction on a message now: `emoji` set, or removed (`emoji` absent). It replaces the
 * actor's earlier reaction on that message.
 */
export interface ReactionEvent extends MessageEventBase {
  readonly type: 'reaction';
  readonly targetMessageId: string;
  readonly emoji?: string;
  /**
   * Every reaction the actor has on the message now, where a provider allows several at once
   * (Telegram: up to 3); `emoji` is the first of them. Absent: the one `emoji` is the whole set.
   */
  readonly emojis?: readonly string[];
}

/**
 * The identity of a contact changed: a WhatsApp user id rotated (`user_id_rotated`), a user changed
 * number (`number_changed`), a security code changed (`security_code_changed`), a user followed or
 * blocked the business (`followed`, `unfollowed`: a LINE follow or block, a Telegram bot unblocked or
 * blocked, an SMS START or STOP). `previous` and `current` carry the identifiers.
 */
export interface IdentityChangeEvent extends MessageEventBase {
  readonly type: 'identity_change';
  readonly change: IdentityChange;
  readonly previous?: readonly Identifier[];
  readonly current?: readonly Identifier[];
}

/** Anything that happens to a message or a contact that is not a message itself. */
export type MessageEvent = StatusEvent | EditEvent | DeleteEvent | ReactionEvent | IdentityChangeEvent;

const base = () => ({
  id: boundedString(1, 2048),
  channel: channelSchema(),
  provider: providerSchema(),
  conversationId: opt(boundedString(1, 2048)),
  occurredAt: isoDateTime(),
  receivedAt: isoDateTime(),
  sequence: opt(z.number()),
  actor: boundedArray(identifierSchema(), 100),
  extra: opt(stringRecord()),
});
const target = () => boundedString(1, 2048);
const identifiers = () => opt(boundedArray(identifierSchema(), 100));

/** @internal */
export const messageEventSchema: () => z.ZodMiniType<MessageEvent> = lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      ...base(),
      type: z.literal('status'),
      status: z.enum(MESSAGE_STATUSES),
      targetMessageId: opt(target()),
      watermark: opt(isoDateTime()),
      error: opt(
        z.strictObject({
          code: opt(boundedString(0, 256)),
          title: opt(boundedString(0, 4096)),
          detail: opt(boundedString(0, 65_536)),
        }),
      ),
    }),
    z.strictObject({
      ...base(),
      type: z.literal('edit'),
      targetMessageId: target(),
      text: opt(boundedString(0, 1_000_000)),
      editCount: opt(z.int().check(z.gte(0))),
    }),
    z.strictObject({ ...base(), type: z.literal('delete'), targetMessageId: target() }),
    z
      .strictObject({ ...base(), type: z.literal('reaction'), targetMessageId: target(), emoji: opt(boundedString(1, MAX_REACTION_LENGTH)), emojis: opt(boundedArray(boundedString(1, MAX_REACTION_LENGTH), MAX_REACTIONS, 1)) })
      .check(z.refine((ev) => ev.emojis === undefined || ev.emojis[0] === ev.emoji, { message: 'emoji must be the first of emojis', path: ['emoji'] })),
    z.strictObject({
      ...base(),
      type: z.literal('identity_change'),
      change: z.enum(IDENTITY_CHANGES),
      previous: identifiers(),
      current: identifiers(),
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
