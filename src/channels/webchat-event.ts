import * as z from 'zod/mini';
import { lazy } from '../internal/lazy.js';
import { boundedArray, boundedString, isoDateTime, opt } from '../internal/schema.js';
import { parseWith, safeParseWith } from '../internal/zod-result.js';
import type { Result } from '../model/issue.js';

/**
 * The schema marker of version 1 of omnilink's web chat widget payload.
 *
 * @example
 * ```ts
 * widget.send({ schema: WEBCHAT_SCHEMA_V1, type: 'session_start', sessionId, visitorId, sentAt: new Date().toISOString() });
 * ```
 */
export const WEBCHAT_SCHEMA_V1 = 'omnilink.webchat/v1';

/**
 * What a web chat event reports.
 *
 * @example
 * ```ts
 * WEBCHAT_EVENT_TYPES.includes('identify'); // true
 * ```
 */
export const WEBCHAT_EVENT_TYPES = ['message', 'identify', 'session_start', 'session_end', 'read'] as const;
/** One of {@link WEBCHAT_EVENT_TYPES}. */
export type WebChatEventType = (typeof WEBCHAT_EVENT_TYPES)[number];

/** A file the visitor or agent attached: referenced by URL, never embedded. */
export interface WebChatAttachment {
  /** `image`, `video`, `audio`, `file`, ... @defaultValue derived from `mimeType`, else `file` */
  readonly type?: string;
  readonly url?: string;
  readonly name?: string;
  readonly mimeType?: string;
  readonly size?: number;
}

/** What the visitor told us about themselves (typed into a form: asserted, not verified). */
export interface WebChatIdentify {
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  /** The site's own customer id (a logged-in user's account id). */
  readonly externalId?: string;
  /** ISO 3166-1 alpha-2 country for a national-format `phone`. */
  readonly country?: string;
}

/** The page the widget ran on. */
export interface WebChatPage {
  readonly url?: string;
  readonly title?: string;
  readonly referrer?: string;
}

/**
 * One event of omnilink's web chat widget, version 1 (see docs/webchat-payload.md). Unknown fields
 * are ignored, so a widget may send more than a reader of this version knows.
 */
export interface WebChatEvent {
  readonly schema: typeof WEBCHAT_SCHEMA_V1;
  readonly type: WebChatEventType;
  /** The widget installation (one per site or brand); scopes visitor ids. */
  readonly siteId?: string;
  /** Unique id of this event; the idempotency key of events that are not messages. */
  readonly eventId?: string;
  readonly sessionId: string;
  /** The browser's visitor id (a random id the widget keeps in first-party storage). */
  readonly visitorId: string;
  /** When the widget sent it (ISO-8601 with offset). */
  readonly sentAt: string;
  /** Who acted: the visitor (default), a human agent or a bot. */
  readonly from?: 'visitor' | 'agent' | 'bot';
  /** The agent or bot, for `from: 'agent' | 'bot'`. */
  readonly agent?: { readonly id?: string; readonly name?: string };
  /** `message`: its id, unique within the site. */
  readonly messageId?: string;
  readonly text?: string;
  readonly attachments?: readonly WebChatAttachment[];
  /** `message`: the id of the message it replies to. */
  readonly replyTo?: string;
  /** `read`: the ids of the messages read. */
  readonly messageIds?: readonly string[];
  /** `identify` (or any event): what the visitor told us. */
  readonly identify?: WebChatIdentify;
  readonly page?: WebChatPage;
  /** BCP 47 language of the visitor's browser. */
  readonly locale?: string;
}

const id = () => boundedString(1, 256);

/** @internal */
export const webChatEventSchema: () => z.ZodMiniType<WebChatEvent> = lazy(() =>
  z.object({
    schema: z.literal(WEBCHAT_SCHEMA_V1),
    type: z.enum(WEBCHAT_EVENT_TYPES),
    siteId: opt(id()),
    eventId: opt(id()),
    sessionId: id(),
    visitorId: id(),
    sentAt: isoDateTime(),
    from: opt(z.enum(['visitor', 'agent', 'bot'])),
    agent: opt(z.object({ id: opt(id()), name: opt(boundedString(0, 256)) })),
    messageId: opt(id()),
    text: opt(boundedString(0, 100_000)),
    attachments: opt(
      boundedArray(
        z.object({
          type: opt(boundedString(1, 64)),
          url: opt(boundedString(1, 8192)),
          name: opt(boundedString(0, 1024)),
          mimeType: opt(boundedString(1, 255)),
          size: opt(z.int().check(z.gte(0))),
        }),
        20,
      ),
    ),
    replyTo: opt(id()),
    messageIds: opt(boundedArray(id(), 1000)),
    identify: opt(
      z.object({
        name: opt(boundedString(0, 512)),
        email: opt(boundedString(0, 320)),
        phone: opt(boundedString(0, 64)),
        externalId: opt(boundedString(0, 256)),
        country: opt(boundedString(2, 2)),
      }),
    ),
    page: opt(z.object({ url: opt(boundedString(0, 8192)), title: opt(boundedString(0, 1024)), referrer: opt(boundedString(0, 8192)) })),
    locale: opt(boundedString(1, 64)),
  }),
);

/**
 * Validate a web chat widget event, returning issues instead of throwing. Unknown fields are
 * dropped; a missing or wrong `schema` marker is an issue.
 *
 * @example
 * ```ts
 * const r = safeParseWebChatEvent(JSON.parse(body));
 * if (!r.success) return reply(400, r.issues);
 * ```
 */
export function safeParseWebChatEvent(input: unknown): Result<WebChatEvent> {
  return safeParseWith(webChatEventSchema(), input);
}

/**
 * Validate a web chat widget event; throws {@link ValidationError} when it is invalid.
 *
 * @example
 * ```ts
 * const event = parseWebChatEvent({ schema: 'omnilink.webchat/v1', type: 'session_start',
 *   sessionId: 's1', visitorId: 'v1', sentAt: '2024-05-01T10:00:00Z' });
 * ```
 */
export function parseWebChatEvent(input: unknown): WebChatEvent {
  return parseWith(webChatEventSchema(), input, 'web chat event');
}
