import type { Message } from '../model/message.js';
import type { IdentityMap } from './identity-map.js';

/**
 * The default inactivity gap that ends a session: 30 minutes (the usual web-analytics session
 * timeout).
 *
 * @example
 * ```ts
 * createTimelineStore({ sessionGapMs: 4 * DEFAULT_SESSION_GAP_MS }); // two-hour sessions
 * ```
 */
export const DEFAULT_SESSION_GAP_MS = 1_800_000;

/**
 * Finds the person a message belongs to, when the caller already knows (a CRM id in `extra`, a
 * resolver run elsewhere). Return `undefined` to fall back to the identity map.
 */
export type PersonOf = (message: Message) => string | undefined;

/** Options of `createTimelineStore` and `buildTimeline`. */
export interface TimelineOptions {
  /**
   * Identifier key -> person. The store subscribes to it: assignments, merges, splits and aliases
   * made on it (by the resolver, or through the store) move messages between timelines.
   * @defaultValue a new empty map
   */
  readonly identities?: IdentityMap;
  /**
   * Places a message before the identity map is asked; the message is then placed by the pseudo
   * key `person:<id>`, which follows merges and splits like any key.
   * @defaultValue none (the identity map alone decides)
   */
  readonly personOf?: PersonOf;
  /**
   * Inactivity (in ms) after which a chat session or a cross-channel journey ends and the next
   * message opens a new conversation. Email threads are never cut. 30 minutes is the common web
   * analytics session timeout; raise it for slow support channels.
   * @defaultValue 1_800_000 (30 minutes)
   */
  readonly sessionGapMs?: number;
}
