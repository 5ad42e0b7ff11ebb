import type { Result } from '../model/issue.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { normalizeMessaging, type MessagingSpec } from './_meta-messaging.js';
import { field } from './_read.js';
import type { ChannelAdapter, NormalizeContext } from './adapter.js';

/**
 * Namespace of an Instagram-scoped user id (IGSID) received by Instagram professional account
 * `accountId`: `instagram:account:<accountId>`.
 *
 * @example
 * ```ts
 * instagramNamespace('17841452691600098'); // 'instagram:account:17841452691600098'
 * ```
 */
export function instagramNamespace(accountId: string): string {
  return `instagram:account:${accountId}`;
}

/**
 * Namespace of an Instagram professional account's own id (the business side of a conversation).
 *
 * @example
 * ```ts
 * message.recipients[0]?.key; // 'user_id:instagram:account_id:17841452691600098' for an inbound message
 * ```
 */
export const INSTAGRAM_ACCOUNT_ID_NAMESPACE = 'instagram:account_id';

const SPEC: MessagingSpec = {
  provider: 'instagram',
  object: 'instagram',
  customerNamespace: instagramNamespace,
  accountNamespace: INSTAGRAM_ACCOUNT_ID_NAMESPACE,
};

/**
 * Normalize one Instagram Messaging webhook delivery (`object: "instagram"`; a body without
 * `object` is accepted too).
 *
 * Same event set as {@link normalizeMessenger}, plus Instagram's attachment types: `story_mention`
 * (attachment `story`), `ig_reel`/`reel` (`reel`), `share`, `ig_post` (`post`) and
 * `unsupported_type` (`unsupported`); story replies keep the story in `extra.reply_to_story_id` /
 * `extra.reply_to_story_url`; read receipts may name the message (`read.mid`); `is_unsupported`
 * messages have kind `unsupported`. Comment, mention and other `changes` fields are kept as
 * {@link UnsupportedItem}s. The customer's IGSID is a `user_id` in namespace
 * `instagram:account:<igAccountId>`.
 *
 * @example
 * ```ts
 * const r = normalizeInstagram(body, { receivedAt: new Date().toISOString() });
 * ```
 */
export function normalizeInstagram(body: unknown, context: NormalizeContext): Result<NormalizedBatch> {
  return normalizeMessaging(body, context, SPEC);
}

/**
 * True when `body` looks like an Instagram webhook (`object: "instagram"`).
 *
 * @example
 * ```ts
 * isInstagramPayload({ object: 'instagram', entry: [] }); // true
 * ```
 */
export function isInstagramPayload(body: unknown): boolean {
  return field(body, 'object') === 'instagram';
}

/**
 * The Instagram {@link ChannelAdapter}: {@link isInstagramPayload} + {@link normalizeInstagram}.
 *
 * @example
 * ```ts
 * instagramAdapter.normalize(body, { receivedAt });
 * ```
 */
export const instagramAdapter: ChannelAdapter = { provider: 'instagram', detect: isInstagramPayload, normalize: normalizeInstagram };
