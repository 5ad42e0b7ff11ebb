import * as z from 'zod/mini';
import { lazy } from '../internal/lazy.js';
import { boundedArray, boundedString, isoDateTime, opt, stringRecord } from '../internal/schema.js';
import { parseWith, safeParseWith } from '../internal/zod-result.js';
import type { Result } from './issue.js';
import { type Channel, type Provider, channelSchema, providerSchema } from './channel.js';
import { type Identifier, identifierSchema } from './identifier.js';

/** Delivery status of a message. `received` is an inbound message; the rest follow an outbound one. */
export const MESSAGE_STATUSES = ['received', 'pending', 'sent', 'delivered', 'read', 'failed'] as const;
/** One of {@link MESSAGE_STATUSES}. */
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** What a message carries. */
export const MESSAGE_KINDS = [
  'text',
  'media',
  'location',
  'contacts',
  'sticker',
  'interactive',
  'postback',
  'email',
  'call',
  'system',
  'unsupported',
] as const;
/** One of {@link MESSAGE_KINDS}. */
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** How a conversation is shaped on its channel. */
export const CONVERSATION_KINDS = ['private', 'group', 'channel', 'thread', 'call'] as const;
/** One of {@link CONVERSATION_KINDS}. */
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

/** The provider's conversation a message belongs to (chat id, email thread root, call sid). */
export interface ConversationRef {
  /** Unique across channels, e.g. `telegram:chat:-100123`, `email:thread:<root@id>`. */
  readonly id: string;
  readonly kind: ConversationKind;
  readonly title?: string;
}

/** A file or rich object attached to a message. Content is referenced, never embedded. */
export interface Attachment {
  /** `image`, `video`, `audio`, `voice`, `file`, `sticker`, `location`, `contact`, `story`, `reel`, `fallback`, ... */
  readonly type: string;
  readonly url?: string;
  /** The provider's media id (to be downloaded with the provider's API). */
  readonly providerId?: string;
  readonly mimeType?: string;
  readonly filename?: string;
  readonly size?: number;
  readonly sha256?: string;
  readonly caption?: string;
}

/** A geographic location shared in a message. */
export interface GeoLocation {
  readonly latitude: number;
  readonly longitude: number;
  readonly name?: string;
  readonly address?: string;
  readonly url?: string;
}

/** Email-specific facts about a message. */
export interface EmailDetails {
  readonly subject?: string;
  /** Message-ID without angle brackets. */
  readonly messageId?: string;
  readonly inReplyTo?: readonly string[];
  readonly references?: readonly string[];
  /** The quoted earlier messages, kept apart from the new text. */
  readonly quotedText?: string;
  readonly html?: string;
  /** An automatic reply (Auto-Submitted, X-Autoreply, Precedence: auto_reply, ...). */
  readonly autoReply: boolean;
  /** A delivery status notification (bounce). */
  readonly bounce: boolean;
}

/** Voice-call facts about a message whose kind is `call`. */
export interface CallDetails {
  /** `queued`, `ringing`, `in-progress`, `completed`, `busy`, `no-answer`, `failed`, `canceled`. */
  readonly status: string;
  readonly durationSeconds?: number;
}

/**
 * One message on one channel, in the channel-agnostic shape.
 *
 * `id` is the idempotency key: `<channel>:<providerMessageId>` where the provider gives an id,
 * otherwise a content hash. Times are ISO-8601 UTC strings as `Date.prototype.toISOString` makes
 * them, so they sort as strings.
 */
export interface Message {
  readonly id: string;
  readonly channel: Channel;
  readonly provider: Provider;
  readonly providerMessageId?: string;
  readonly conversation: ConversationRef;
  readonly direction: 'inbound' | 'outbound';
  readonly kind: MessageKind;
  /** When the provider says it happened. */
  readonly occurredAt: string;
  /** When we received it. */
  readonly receivedAt: string;
  /** The provider's ordering number where there is one (Telegram update_id, Messenger seq). */
  readonly sequence?: number;
  /** Identifiers of the sender (for inbound: the customer; for outbound: the business). */
  readonly sender: readonly Identifier[];
  readonly senderName?: string;
  /** At most {@link MAX_MESSAGE_RECIPIENTS}. */
  readonly recipients: readonly Identifier[];
  readonly text?: string;
  /** At most {@link MAX_MESSAGE_ATTACHMENTS}. */
  readonly attachments: readonly Attachment[];
  readonly location?: GeoLocation;
  /** The provider id of the message this one replies to or quotes. */
  readonly replyTo?: string;
  readonly forwarded?: boolean;
  readonly status: MessageStatus;
  readonly email?: EmailDetails;
  readonly call?: CallDetails;
  /** Provider facts worth keeping that have no field of their own (payload of a postback, ...). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** @internal */
export const attachmentSchema: () => z.ZodMiniType<Attachment> = lazy(() =>
  z.strictObject({
    type: boundedString(1, 64),
    url: opt(boundedString(0, 8192)),
    providerId: opt(boundedString(0, 1024)),
    mimeType: opt(boundedString(0, 255)),
    filename: opt(boundedString(0, 1024)),
    size: opt(z.int().check(z.gte(0))),
    sha256: opt(boundedString(0, 128)),
    caption: opt(boundedString(0, 65_536)),
  }),
);

/** @internal */
export const conversationRefSchema: () => z.ZodMiniType<ConversationRef> = lazy(() =>
  z.strictObject({
    id: boundedString(1, 2048),
    kind: z.enum(CONVERSATION_KINDS),
    title: opt(boundedString(0, 1024)),
  }),
);

/** The most recipients a {@link Message} holds (adapters keep the first ones, with an issue). */
export const MAX_MESSAGE_RECIPIENTS = 1000;
/** The most attachments a {@link Message} holds (adapters keep the first ones, with an issue). */
export const MAX_MESSAGE_ATTACHMENTS = 1000;

/** @internal */
export const messageSchema: () => z.ZodMiniType<Message> = lazy(() =>
  z.strictObject({
    id: boundedString(1, 2048),
    channel: channelSchema(),
    provider: providerSchema(),
    providerMessageId: opt(boundedString(1, 2048)),
    conversation: conversationRefSchema(),
    direction: z.enum(['inbound', 'outbound']),
    kind: z.enum(MESSAGE_KINDS),
    occurredAt: isoDateTime(),
    receivedAt: isoDateTime(),
    sequence: opt(z.number()),
    sender: boundedArray(identifierSchema(), 100),
    senderName: opt(boundedString(0, 1024)),
    recipients: boundedArray(identifierSchema(), MAX_MESSAGE_RECIPIENTS),
    text: opt(boundedString(0, 1_000_000)),
    attachments: boundedArray(attachmentSchema(), MAX_MESSAGE_ATTACHMENTS),
    location: opt(
      z.strictObject({
        latitude: z.number().check(z.gte(-90), z.lte(90)),
        longitude: z.number().check(z.gte(-180), z.lte(180)),
        name: opt(boundedString(0, 1024)),
        address: opt(boundedString(0, 2048)),
        url: opt(boundedString(0, 8192)),
      }),
    ),
    replyTo: opt(boundedString(1, 2048)),
    forwarded: opt(z.boolean()),
    status: z.enum(MESSAGE_STATUSES),
    email: opt(
      z.strictObject({
        subject: opt(boundedString(0, 65_536)),
        messageId: opt(boundedString(0, 2048)),
        inReplyTo: opt(boundedArray(boundedString(0, 2048), 1000)),
        references: opt(boundedArray(boundedString(0, 2048), 10_000)),
        quotedText: opt(boundedString(0, 10_000_000)),
        html: opt(boundedString(0, 50_000_000)),
        autoReply: z.boolean(),
        bounce: z.boolean(),
      }),
    ),
    call: opt(
      z.strictObject({
        status: boundedString(1, 64),
        durationSeconds: opt(z.number().check(z.gte(0))),
      }),
    ),
    extra: opt(stringRecord()),
  }),
);

/**
 * Validate a message, returning issues instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeParseMessage(candidate);
 * const paths = r.success ? [] : r.issues.map((i) => i.path.join('.'));
 * ```
 */
export function safeParseMessage(input: unknown): Result<Message> {
  return safeParseWith(messageSchema(), input);
}

/**
 * Validate a message; throws {@link ValidationError} when it is invalid.
 *
 * @example
 * ```ts
 * const message = parseMessage(candidate);
 * ```
 */
export function parseMessage(input: unknown): Message {
  return parseWith(messageSchema(), input, 'message');
}
