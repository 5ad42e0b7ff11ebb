import type { ContactRecord } from '../model/contact-record.js';
import type { Message, MessageStatus } from '../model/message.js';
import type { MessageEvent, StatusEvent } from '../model/message-event.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { compareInstants } from '../internal/instant.js';
import { compareEventsFully } from './_order.js';
import { identifierKey } from './customer-keys.js';

/** Statuses that only a message the business sent can have. */
const OUTBOUND_STATUSES: ReadonlySet<MessageStatus> = new Set(['pending', 'sent', 'delivered', 'read', 'failed']);

/** What `extra.known_from` says on a message made by {@link outboundFromStatuses}. */
export const KNOWN_FROM_STATUSES = 'statuses';

function isOutboundStatus(ev: MessageEvent): ev is StatusEvent & { targetMessageId: string } {
  return ev.type === 'status' && ev.targetMessageId !== undefined && OUTBOUND_STATUSES.has(ev.status);
}

/**
 * The outbound messages that status receipts describe while the messages themselves are not in
 * the input: one per `<channel>:<target id>`, with no text (the business sent it through an API
 * whose webhooks never echo it: WhatsApp Cloud API sends, Twilio status callbacks). Each says who
 * it went to (the receipts' actor), when (the earliest receipt) and in which conversation, and
 * carries `extra.known_from: 'statuses'`. Statuses that name no recipient make none. Ingested, it
 * takes its place in the customer's timeline and the waiting receipts fold into it (sent, delivered,
 * read, failed); should a chat message itself arrive later, it folds into this one by its id and
 * fills in the text (an email arriving later stays its own entry: its id adds a digest). The batch also holds one
 * contact record per recipient (`statuses:<key>`), so a customer the business wrote to and who
 * never answered still becomes a person.
 *
 * Pure and independent of the events' order. Feed it {@link TimelineStore.waitingEvents} at the
 * end of a batch (the `timeline` command does), not while messages may still be on their way.
 *
 * @example
 * ```ts
 * const hub = buildCustomerTimelines(batches, { contacts });
 * hub.ingest(outboundFromStatuses(hub.timeline.waitingEvents()));
 * // a WhatsApp template the business sent, known only from its `sent`/`read` statuses, now shows
 * // in the customer's timeline as outbound with status `read`
 * ```
 */
export function outboundFromStatuses(events: Iterable<MessageEvent>): NormalizedBatch {
  const byTarget = new Map<string, (StatusEvent & { targetMessageId: string })[]>();
  for (const ev of events) {
    if (!isOutboundStatus(ev)) continue;
    const key = `${ev.channel}:${ev.targetMessageId}`;
    const list = byTarget.get(key);
    if (list === undefined) byTarget.set(key, [ev]);
    else list.push(ev);
  }
  const out: Message[] = [];
  const records = new Map<string, ContactRecord>();
  for (const [id, list] of byTarget) {
    list.sort(compareEventsFully);
    const first = list[0] as StatusEvent & { targetMessageId: string };
    let receivedAt = first.receivedAt;
    for (const ev of list) if (compareInstants(ev.receivedAt, receivedAt) < 0) receivedAt = ev.receivedAt;
    // A status naming no recipient (an agent's read receipt of a customer's web-chat message) says
    // nothing of a message the business sent.
    const to = list.find((ev) => ev.actor.length > 0)?.actor;
    if (to === undefined) continue;
    const conversation = list.find((ev) => ev.conversationId !== undefined)?.conversationId ?? `${id}:conversation`;
    const { channel } = first;
    for (const identifier of to) {
      const key = `statuses:${identifierKey(identifier)}`;
      const seen = records.get(key);
      if (seen === undefined || compareInstants(first.occurredAt, seen.observedAt as string) < 0) records.set(key, { id: key, channel, identifiers: [identifier], observedAt: first.occurredAt });
    }
    out.push({
      id,
      channel,
      provider: first.provider,
      providerMessageId: first.targetMessageId,
      conversation: { id: conversation, kind: channel === 'voice' ? 'call' : channel === 'email' ? 'thread' : 'private' },
      direction: 'outbound',
      kind: channel === 'voice' ? 'call' : channel === 'email' ? 'email' : 'text',
      occurredAt: first.occurredAt,
      receivedAt,
      sender: [],
      recipients: to,
      attachments: [],
      status: 'pending',
      extra: { known_from: KNOWN_FROM_STATUSES },
    });
  }
  const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { records: [...records.values()].sort(byId), messages: out.sort(byId), events: [], unsupported: [], issues: [] };
}
