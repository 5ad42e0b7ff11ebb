import type { MessageStatus } from '../model/message.js';

/**
 * Delivery statuses from least to most advanced. A message's status only ever moves to the right:
 * `pending` (queued by us) < `received` (an inbound message; never compared with outbound ones in
 * practice) < `sent` < `delivered` < `read` < `failed`.
 *
 * `failed` is terminal: it is the top of the order, so once any delivery or event reports a failure
 * the message stays failed, whatever arrives later (a stray `read` receipt never revives it), and a
 * failure reported after `delivered` or `read` still wins. Because the merged status is the maximum
 * in this order, it does not depend on the order in which receipts arrive. One exception: a failure
 * for some recipients only of a message sent to several (an email that bounced for one Cc address)
 * leaves the message at the stage the others reached (a timeline entry's `failure` says `partial`).
 *
 * @example
 * ```ts
 * STATUS_ORDER.indexOf('read') > STATUS_ORDER.indexOf('delivered'); // true
 * ```
 */
export const STATUS_ORDER: readonly MessageStatus[] = ['pending', 'received', 'sent', 'delivered', 'read', 'failed'];

/**
 * The position of a status in {@link STATUS_ORDER}: higher is more advanced.
 *
 * @example
 * ```ts
 * statusRank('sent'); // 2
 * statusRank('failed'); // 5
 * ```
 */
export function statusRank(status: MessageStatus): number {
  switch (status) {
    case 'pending':
      return 0;
    case 'received':
      return 1;
    case 'sent':
      return 2;
    case 'delivered':
      return 3;
    case 'read':
      return 4;
    case 'failed':
      return 5;
  }
}

/**
 * The more advanced of two statuses (the forward-only rule): `advanceStatus(a, b)` equals
 * `advanceStatus(b, a)`, so folding receipts in any order gives the same status.
 *
 * @example
 * ```ts
 * advanceStatus('read', 'delivered'); // 'read' (a late "delivered" never moves it back)
 * advanceStatus('read', 'failed'); // 'failed' (terminal)
 * ```
 */
export function advanceStatus(current: MessageStatus, next: MessageStatus): MessageStatus {
  return statusRank(next) > statusRank(current) ? next : current;
}

/**
 * Voice-call statuses (Twilio `CallStatus`) from least to most advanced. The last five are final
 * outcomes; among them the order only breaks ties deterministically (a call has one outcome).
 *
 * @example
 * ```ts
 * CALL_STATUS_ORDER.indexOf('completed') > CALL_STATUS_ORDER.indexOf('ringing'); // true
 * ```
 */
export const CALL_STATUS_ORDER: readonly string[] = [
  'queued',
  'initiated',
  'ringing',
  'in-progress',
  'canceled',
  'no-answer',
  'busy',
  'failed',
  'completed',
];

/**
 * The position of a call status in {@link CALL_STATUS_ORDER}; -1 for an unknown or absent status
 * (an unknown status never overrides a known one).
 *
 * @example
 * ```ts
 * callStatusRank('completed') > callStatusRank('in-progress'); // true
 * callStatusRank(undefined); // -1
 * ```
 */
export function callStatusRank(status: string | undefined): number {
  return status === undefined ? -1 : CALL_STATUS_ORDER.indexOf(status);
}
