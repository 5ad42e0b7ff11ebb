import type { Attachment, Message, MessageStatus } from '../model/message.js';

/** Lifecycle rank of a Twilio call status; terminal statuses rank highest, unknown ones lowest. */
function callRank(status: string | undefined): number {
  switch (status) {
    case 'queued':
      return 0;
    case 'initiated':
      return 1;
    case 'ringing':
      return 2;
    case 'in-progress':
      return 3;
    case 'completed':
    case 'busy':
    case 'no-answer':
    case 'failed':
    case 'canceled':
      return 4;
    default:
      return -1;
  }
}

const STATUS_ORDER: Readonly<Record<MessageStatus, number>> = { received: 0, pending: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

/** A total order on copies: lifecycle stage, callback sequence, arrival, status, then content. */
function compareCopies(a: Message, b: Message): number {
  const byRank = callRank(a.call?.status) - callRank(b.call?.status);
  if (byRank !== 0) return byRank;
  const bySequence = sequenceOf(a) - sequenceOf(b);
  if (bySequence !== 0) return bySequence;
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? -1 : 1;
  const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (byStatus !== 0) return byStatus;
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return ja === jb ? 0 : ja < jb ? -1 : 1;
}

function sequenceOf(m: Message): number {
  const n = Number(m.extra?.['callbackSequence']);
  return Number.isFinite(n) ? n : -1;
}

/**
 * Fold two copies of the same call (same `id`, one per Twilio webhook or status callback) into one.
 * Twilio sends several callbacks per call (`initiated`, `ringing`, `in-progress`, `completed`, plus
 * `<Gather>`/`<Record>` action requests); the Twilio adapter re-emits the call as a `kind: 'call'`
 * message from each, so a timeline keyed by message id needs this rule to keep the whole story:
 *
 * - `call.status` and `status`: from the copy furthest along the call lifecycle (terminal statuses
 *   win; between two at the same stage, the higher `callbackSequence`, then the later `receivedAt`).
 * - `occurredAt`: the earliest (the call's start); `receivedAt`: the latest.
 * - `call.durationSeconds`: the largest known; attachments (recordings): the union, by url or id;
 *   `text` (speech or transcription): the latest non-empty; `extra`: merged, the later copy winning.
 *
 * It is commutative and associative on copies of one call, so the order of arrival does not matter.
 *
 * @example
 * ```ts
 * const folded = ringing.id === completed.id ? mergeCallMessages(ringing, completed) : ringing;
 * folded.call?.status; // 'completed'
 * ```
 */
export function mergeCallMessages(a: Message, b: Message): Message {
  const [other, base] = compareCopies(a, b) <= 0 ? [a, b] : [b, a];
  const [older, newer] = a.receivedAt < b.receivedAt || (a.receivedAt === b.receivedAt && compareCopies(a, b) <= 0) ? [a, b] : [b, a];

  const attachments: Attachment[] = [];
  const seen = new Set<string>();
  for (const att of [...older.attachments, ...newer.attachments]) {
    const key = att.url ?? att.providerId ?? JSON.stringify(att);
    if (seen.has(key)) continue;
    seen.add(key);
    attachments.push(att);
  }
  attachments.sort((x, y) => {
    const kx = x.url ?? x.providerId ?? '';
    const ky = y.url ?? y.providerId ?? '';
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
  const durations = [a.call?.durationSeconds, b.call?.durationSeconds].filter((d): d is number => d !== undefined);
  const duration = durations.length > 0 ? Math.max(...durations) : undefined;
  const text = newer.text ?? older.text;
  const extra = { ...older.extra, ...newer.extra, ...base.extra };
  const call = base.call ?? other.call;
  const { text: _t, extra: _e, call: _c, ...rest } = base;
  return {
    ...rest,
    // The copy with the parties known (a recording callback carries none) supplies them.
    sender: base.sender.length > 0 ? base.sender : other.sender,
    recipients: base.recipients.length > 0 ? base.recipients : other.recipients,
    occurredAt: a.occurredAt <= b.occurredAt ? a.occurredAt : b.occurredAt,
    receivedAt: newer.receivedAt,
    attachments,
    ...(text !== undefined ? { text } : {}),
    ...(call !== undefined ? { call: { status: call.status, ...(duration !== undefined ? { durationSeconds: duration } : {}) } } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}
