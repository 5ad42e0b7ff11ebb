import { z } from 'zod';
import { lazy } from '../internal/lazy.js';
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
  readonly recipients: readonly Identifier[];
  readonly text?: string;
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

const isoTime = () => z.iso.datetime({ offset: true });

/** @internal */
export const attachmentSchema: () => z.ZodType<Attachment> = lazy(() =>
  z.strictObject({
    type: z.string().min(1).max(64),
    url: z.string().max(8192).exactOptional(),
    providerId: z.string().max(1024).exactOptional(),
    mimeType: z.string().max(255).exactOptional(),
    filename: z.string().max(1024).exactOptional(),
    size: z.number().int().nonnegative().exactOptional(),
    sha256: z.string().max(128).exactOptional(),
    caption: z.string().max(65536).exactOptional(),
  }),
);

/** @internal */
export const messageSchema: () => z.ZodType<Message> = lazy(() =>
  z.strictObject({
    id: z.string().min(1).max(2048),
    channel: channelSchema(),
    provider: providerSchema(),
    providerMessageId: z.string().min(1).max(2048).exactOptional(),
    conversation: z.strictObject({
      id: z.string().min(1).max(2048),
      kind: z.enum(CONVERSATION_KINDS),
      title: z.string().max(1024).exactOptional(),
    }),
    direction: z.enum(['inbound', 'outbound']),
    kind: z.enum(MESSAGE_KINDS),
    occurredAt: isoTime(),
    receivedAt: isoTime(),
    sequence: z.number().finite().exactOptional(),
    sender: z.array(identifierSchema()).max(100).readonly(),
    senderName: z.string().max(1024).exactOptional(),
    recipients: z.array(identifierSchema()).max(1000).readonly(),
    text: z.string().max(1_000_000).exactOptional(),
    attachments: z.array(attachmentSchema()).max(1000).readonly(),
    location: z
      .strictObject({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        name: z.string().max(1024).exactOptional(),
        address: z.string().max(2048).exactOptional(),
        url: z.string().max(8192).exactOptional(),
      })
      .exactOptional(),
    replyTo: z.string().min(1).max(2048).exactOptional(),
    forwarded: z.boolean().exactOptional(),
    status: z.enum(MESSAGE_STATUSES),
    email: z
      .strictObject({
        subject: z.string().max(65536).exactOptional(),
        messageId: z.string().max(2048).exactOptional(),
        inReplyTo: z.array(z.string().max(2048)).max(1000).readonly().exactOptional(),
        references: z.array(z.string().max(2048)).max(10000).readonly().exactOptional(),
        quotedText: z.string().max(10_000_000).exactOptional(),
        html: z.string().max(50_000_000).exactOptional(),
        autoReply: z.boolean(),
        bounce: z.boolean(),
      })
      .exactOptional(),
    call: z
      .strictObject({
        status: z.string().min(1).max(64),
        durationSeconds: z.number().nonnegative().exactOptional(),
      })
      .exactOptional(),
    extra: z.record(z.string(), z.string()).readonly().exactOptional(),
  }),
);

/**
 * Validate a message, returning issues instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeParseMessage(candidate);
 * if (!r.success) console.log(r.issues.map((i) => i.path.join('.')));
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
