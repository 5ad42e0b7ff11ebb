// Turns an internal Entry into the TimelineEntry a caller sees.

import type { MessageStatus } from '../model/message.js';
import type { EditEvent, StatusEvent } from '../model/message-event.js';
import { type Entry, type StatusTimes, latestEvent, partialFailureOf, statusTimesOf } from './_entry.js';
import { compareInstants } from '../internal/instant.js';
import { compareEvents } from './_order.js';
import { STATUS_ORDER, statusRank } from './status-order.js';
import type { WatermarkIndex } from './_watermarks.js';
import type { TimelineEdit, TimelineEntry, TimelineFailure, TimelineReaction } from './timeline-entry.js';

function statusOf(e: Entry, watermarks: WatermarkIndex | undefined, partial: boolean): { rank: number; times: StatusTimes | undefined } {
  let rank = Math.max(statusRank(e.message.status), e.ev?.status ?? -1);
  let times = statusTimesOf(e.ev);
  if (partial && times !== undefined) {
    // Failed for some recipients only: the most advanced stage reported for the others.
    const others: StatusTimes = { ...times };
    delete others.failed;
    times = Object.keys(others).length > 0 ? others : undefined;
    rank = statusRank(e.message.status);
    for (const s of STATUS_ORDER) if (others[s] !== undefined && statusRank(s) > rank) rank = statusRank(s);
  }
  if (watermarks !== undefined && e.message.direction === 'outbound') {
    for (const w of watermarks.reaching(e.at)) {
      if (w.rank > rank) rank = w.rank;
      const prev = times?.[w.status];
      if (prev === undefined || compareInstants(w.at, prev) < 0) times = { ...times, [w.status]: w.at };
    }
  }
  return { rank, times: times === undefined ? undefined : noLaterThanNext(times) };
}

/** The delivery chain whose stages happen in this order (received and failed stand apart). */
const CHAIN: readonly MessageStatus[] = ['pending', 'sent', 'delivered', 'read'];

/**
 * A stage is never later than the stage after it: a message read at 10:03 was delivered by then,
 * even when the delivered report came later (Twilio's callbacks carry no time, so their arrival
 * stands for it, and they arrive out of order). Times are canonical (their string order is time order).
 */
function noLaterThanNext(times: StatusTimes): StatusTimes {
  let out = times;
  let bound: string | undefined;
  for (let i = CHAIN.length - 1; i >= 0; i--) {
    const s = CHAIN[i] as MessageStatus;
    const at = out[s];
    if (at === undefined) continue;
    if (bound !== undefined && at > bound) {
      if (out === times) out = { ...times };
      out[s] = bound;
    } else bound = at;
  }
  return out;
}

function failureOf(ev: StatusEvent, partialFor: readonly string[] | undefined): TimelineFailure {
  const err = ev.error;
  return {
    ...(err?.code !== undefined ? { code: err.code } : {}),
    ...(err?.title !== undefined ? { title: err.title } : {}),
    ...(err?.detail !== undefined ? { detail: err.detail } : {}),
    at: ev.occurredAt,
    ...(partialFor !== undefined ? { partial: true as const, recipients: partialFor } : {}),
  };
}

function textEdits(edits: readonly EditEvent[] | undefined): EditEvent[] {
  if (edits === undefined) return [];
  return edits.filter((x) => x.text !== undefined).sort(compareEvents);
}

export function toEntryView(e: Entry, conversationId: string | undefined, watermarks: WatermarkIndex | undefined): TimelineEntry {
  const m = e.message;
  const st = e.ev;
  const partialFor = partialFailureOf(e);
  const { rank, times } = statusOf(e, watermarks, partialFor !== undefined);
  const deleted = st?.deletion !== undefined;
  const edits = deleted ? [] : textEdits(st?.edits);
  const lastEdit = edits[edits.length - 1];
  const text = lastEdit !== undefined ? lastEdit.text : m.text;
  let history: TimelineEdit[] | undefined;
  if (lastEdit !== undefined) {
    history = [m.text !== undefined ? { text: m.text, at: m.occurredAt } : { at: m.occurredAt }];
    for (let i = 0; i < edits.length - 1; i++) {
      const x = edits[i] as EditEvent;
      history.push({ text: x.text as string, at: x.occurredAt });
    }
  }
  let reactions: TimelineReaction[] | undefined;
  if (st?.reactions !== undefined) {
    reactions = [];
    for (const [actor, list] of st.reactions) {
      const ev = latestEvent(list);
      if (ev?.emoji !== undefined) for (const emoji of ev.emojis ?? [ev.emoji]) reactions.push({ actor, emoji, at: ev.occurredAt });
    }
    reactions.sort((a, b) => (a.actor < b.actor ? -1 : a.actor > b.actor ? 1 : 0));
    if (reactions.length === 0) reactions = undefined;
  }
  let statusAt: Partial<Record<MessageStatus, string>> | undefined;
  if (times !== undefined) {
    statusAt = {};
    for (const s of STATUS_ORDER) if (times[s] !== undefined) statusAt[s] = times[s];
  }
  return {
    id: e.id,
    channel: m.channel,
    provider: m.provider,
    // An email's own id is its Message-ID (kept apart from `providerMessageId` in the model, where
    // it would deduplicate two emails that reuse one).
    ...(m.providerMessageId !== undefined ? { providerMessageId: m.providerMessageId } : m.email?.messageId !== undefined ? { providerMessageId: m.email.messageId } : {}),
    direction: m.direction,
    kind: m.kind,
    occurredAt: m.occurredAt,
    receivedAt: m.receivedAt,
    ...(m.sequence !== undefined ? { sequence: m.sequence } : {}),
    ...(conversationId !== undefined ? { conversationId } : {}),
    providerConversationId: m.conversation.id,
    ...(!deleted && text !== undefined ? { text } : {}),
    ...(m.email?.subject !== undefined ? { subject: m.email.subject } : {}),
    attachments: deleted ? [] : m.attachments,
    ...(m.replyTo !== undefined ? { replyTo: m.replyTo } : {}),
    status: STATUS_ORDER[rank] as MessageStatus,
    ...(statusAt !== undefined ? { statusAt } : {}),
    ...(st?.failure !== undefined ? { failure: failureOf(st.failure, partialFor) } : {}),
    ...(history !== undefined ? { edits: history, editedAt: (lastEdit as EditEvent).occurredAt } : {}),
    ...(st?.deletion !== undefined ? { deleted: true as const, deletedAt: st.deletion.occurredAt } : {}),
    ...(reactions !== undefined ? { reactions } : {}),
    ...(m.email?.autoReply === true ? { autoReply: true as const } : {}),
    ...(m.email?.bounce === true ? { bounce: true as const } : {}),
    ...(m.call !== undefined ? { call: m.call } : {}),
    ...(e.placedBy !== undefined ? { placedBy: e.placedBy } : {}),
    message: m,
  };
}
