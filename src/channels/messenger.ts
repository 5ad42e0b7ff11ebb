import type { Result } from '../model/issue.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { normalizeMessaging, type MessagingSpec } from './_meta-messaging.js';
import { field } from './_read.js';
import type { ChannelAdapter, NormalizeContext } from './adapter.js';

/**
 * Namespace of a Messenger page-scoped id (PSID) received by page `pageId`: `messenger:page:<pageId>`.
 * A PSID means nothing outside its page.
 *
 * @example
 * ```ts
 * messengerNamespace('1067280970047460'); // 'messenger:page:1067280970047460'
 * ```
 */
export function messengerNamespace(pageId: string): string {
  return `messenger:page:${pageId}`;
}

/**
 * Namespace of a Facebook page's own id (the business side of a Messenger conversation).
 *
 * @example
 * ```ts
 * message.recipients[0]?.key; // 'user_id:messenger:page_id:12345654332' for an inbound message
 * ```
 */
export const MESSENGER_PAGE_ID_NAMESPACE = 'messenger:page_id';

const SPEC: MessagingSpec = {
  provider: 'messenger',
  object: 'page',
  customerNamespace: messengerNamespace,
  accountNamespace: MESSENGER_PAGE_ID_NAMESPACE,
};

/**
 * Normalize one Messenger Platform webhook delivery (`object: "page"`).
 *
 * Messages (text, attachments, stickers, quick replies, replies via `reply_to.mid`) become
 * {@link Message}s; echoes (`is_echo`) are outbound messages sent by the page; unsends
 * (`is_deleted`), edits (`message_edit`, with `num_edit`), reactions (react/unreact), delivery
 * receipts (one event per listed mid, plus one for the watermark, which covers every message sent
 * before it) and read receipts (watermark) become events; postbacks are
 * messages of kind `postback` (payload in `extra.postback_payload`); standalone referrals are
 * `system` messages with `extra.referral_*`. Items under `standby` (handover protocol) are read the
 * same way and marked `extra.standby`. Handover, opt-in and other events are kept as
 * {@link UnsupportedItem}s. The customer's PSID is a `user_id` in namespace
 * `messenger:page:<pageId>`; times may be epoch milliseconds or ISO strings; `seq` becomes
 * `sequence`.
 *
 * @example
 * ```ts
 * const r = normalizeMessenger(body, { receivedAt: new Date().toISOString() });
 * if (r.success) r.data.messages[0]?.sender[0]?.key; // 'user_id:messenger:page:<pageId>:<psid>'
 * ```
 */
export function normalizeMessenger(body: unknown, context: NormalizeContext): Result<NormalizedBatch> {
  return normalizeMessaging(body, context, SPEC);
}

/**
 * True when `body` looks like a Messenger webhook (`object: "page"`).
 *
 * @example
 * ```ts
 * isMessengerPayload({ object: 'page', entry: [] }); // true
 * ```
 */
export function isMessengerPayload(body: unknown): boolean {
  return field(body, 'object') === 'page';
}

/**
 * The Messenger {@link ChannelAdapter}: {@link isMessengerPayload} + {@link normalizeMessenger}.
 *
 * @example
 * ```ts
 * messengerAdapter.normalize(body, { receivedAt });
 * ```
 */
export const messengerAdapter: ChannelAdapter = { provider: 'messenger', detect: isMessengerPayload, normalize: normalizeMessenger };
