// Groups a person's sorted entries into conversations: email threads, chat sessions and
// cross-channel journeys. A pure function of the sorted entries, so it is computed on read and
// cached per person until their timeline changes.

import { lazy } from '../internal/lazy.js';
import { UnionFind } from '../internal/union-find.js';
import type { Channel } from '../model/channel.js';
import type { Message } from '../model/message.js';
import { type Entry, entryTimeMs } from './_entry.js';
import type { TimelineConversation, TimelineConversationKind } from './timeline-conversation.js';

export interface ConversationIndex {
  readonly conversations: readonly TimelineConversation[];
  /** For the entry at each position, the index of its conversation. */
  readonly of: Int32Array;
  readonly byId: ReadonlyMap<string, number>;
}

// Subject prefixes of replies in common mail clients and languages (English, German, Nordic,
// Finnish, Dutch, Italian, Portuguese, Polish, Turkish) and of forwards.
const replyPrefixes = lazy(() => new Set(['re', 'aw', 'sv', 'vs', 'antw', 'rif', 'r', 'res', 'odp', 'ynt']));
const forwardPrefixes = lazy(() => new Set(['fw', 'fwd', 'wg', 'tr', 'enc', 'rv', 'i']));

/** A subject without its reply/forward prefixes, folded for comparison, and whether it was a reply. */
export function parseSubject(subject: string): { readonly base: string; readonly reply: boolean } {
  let s = subject.trim();
  let reply = false;
  for (;;) {
    const colon = s.indexOf(':');
    if (colon <= 0 || colon > 12) break;
    let head = s.slice(0, colon).trim().toLowerCase();
    const bracket = head.indexOf('[');
    if (bracket > 0 && head.endsWith(']')) head = head.slice(0, bracket).trim();
    if (replyPrefixes().has(head)) reply = true;
    else if (!forwardPrefixes().has(head)) break;
    s = s.slice(colon + 1).trim();
  }
  return { base: s.replace(/\s+/gu, ' ').toLowerCase(), reply };
}

function cleanMessageId(id: string): string {
  let s = id.trim();
  if (s.startsWith('<')) s = s.slice(1);
  if (s.endsWith('>')) s = s.slice(0, -1);
  return s;
}

function isEmail(m: Message): boolean {
  return m.email !== undefined || m.channel === 'email';
}

interface Builder {
  id: string;
  kind: TimelineConversationKind;
  group: boolean;
  channels: Channel[];
  providerConversationIds: string[];
  subject: string | undefined;
  startedAt: string;
  endedAt: string;
  inbound: number;
  outbound: number;
  firstMessageId: string;
  lastMessageId: string;
}

function open(kind: TimelineConversationKind, e: Entry, group: boolean): Builder {
  return {
    id: `conv:${e.id}`,
    kind,
    group,
    channels: [],
    providerConversationIds: [],
    subject: undefined,
    startedAt: e.at,
    endedAt: e.at,
    inbound: 0,
    outbound: 0,
    firstMessageId: e.id,
    lastMessageId: e.id,
  };
}

function add(c: Builder, e: Entry): void {
  const m = e.message;
  if (!c.channels.includes(m.channel)) c.channels.push(m.channel);
  if (!c.providerConversationIds.includes(m.conversation.id)) c.providerConversationIds.push(m.conversation.id);
  if (c.subject === undefined && m.email?.subject !== undefined && m.email.subject !== '') c.subject = m.email.subject;
  if (m.direction === 'inbound') c.inbound++;
  else c.outbound++;
  c.endedAt = e.at;
  c.lastMessageId = e.id;
}

function freeze(c: Builder): TimelineConversation {
  return {
    id: c.id,
    kind: c.kind,
    group: c.group,
    channels: c.channels,
    providerConversationIds: c.providerConversationIds,
    ...(c.subject !== undefined && c.kind !== 'session' ? { subject: c.subject } : {}),
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    messageCount: c.inbound + c.outbound,
    inbound: c.inbound,
    outbound: c.outbound,
    firstMessageId: c.firstMessageId,
    lastMessageId: c.lastMessageId,
  };
}

/**
 * Conversations of sorted entries.
 * - Email: one thread per connected set of Message-ID / In-Reply-To / References (so replies from
 *   clients that drop In-Reply-To but keep References still join) / Outlook Thread-Index
 *   conversation (`extra.threadIndex`: every Outlook email keeps it, the original too, so a reply that
 *   names no parent joins the original); a reply-prefixed subject with
 *   no threading headers joins the latest earlier thread of the same person with that subject.
 *   Threads are never cut by the gap. An auto-reply or bounce joins the thread it answers; alone,
 *   it forms an `automatic` conversation and opens nothing. A new thread within the gap of the
 *   person's last private chat or call continues that conversation (written on WhatsApp, then by
 *   email), and a private chat or call within the gap of an email continues the email's; a new
 *   thread right after another email opens its own conversation (another topic).
 * - Group, channel and non-email thread chats: sessions per provider chat, cut after `gapMs` of
 *   inactivity; never continued across channels.
 * - Private chats, calls, SMS: one journey across channels and chats, cut after `gapMs` of
 *   inactivity (a Messenger chat followed within the gap by a call continues as one conversation).
 */
export function buildConversations(entries: readonly Entry[], gapMs: number): ConversationIndex {
  const n = entries.length;
  const uf = new UnionFind();
  const nodes: (string | undefined)[] = new Array<string | undefined>(n);
  for (let i = 0; i < n; i++) {
    const e = entries[i] as Entry;
    const m = e.message;
    if (!isEmail(m)) continue;
    const em = m.email;
    const own = em?.messageId !== undefined && em.messageId !== '' ? cleanMessageId(em.messageId) : `\u0000${e.id}`;
    nodes[i] = own;
    for (const r of em?.references ?? []) if (r !== '') uf.union(own, cleanMessageId(r));
    for (const r of em?.inReplyTo ?? []) if (r !== '') uf.union(own, cleanMessageId(r));
    // Outlook's conversation part of Thread-Index (the email adapter's extra.threadIndex): a reply
    // that names no parent still joins an original threaded by its Message-ID. (Its node starts
    // with U+0001, which no Message-ID and no `\u0000<id>` node does.)
    const threadIndex = m.extra?.threadIndex;
    if (threadIndex !== undefined && threadIndex !== '') uf.union(own, `\u0001thread-index:${threadIndex}`);
  }
  const bySubject = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    const em = (entries[i] as Entry).message.email;
    if (node === undefined || em?.subject === undefined) continue;
    const { base, reply } = parseSubject(em.subject);
    if (base === '') continue;
    const headers = (em.references?.length ?? 0) > 0 || (em.inReplyTo?.length ?? 0) > 0;
    const earlier = bySubject.get(base);
    if (reply && !headers && earlier !== undefined) uf.union(node, earlier);
    bySubject.set(base, node);
  }

  const builders: Builder[] = [];
  const of = new Int32Array(n);
  const threadOf = new Map<string, number>();
  const chatOf = new Map<string, { conv: number; last: number }>();
  let journey = -1;
  let journeyLast = Number.NEGATIVE_INFINITY;
  /** Whether the journey's last message was a chat or call (not an email). */
  let journeyByChat = false;
  const start = (kind: TimelineConversationKind, e: Entry, group: boolean): number => builders.push(open(kind, e, group)) - 1;
  for (let i = 0; i < n; i++) {
    const e = entries[i] as Entry;
    const m = e.message;
    const node = nodes[i];
    let c: number;
    if (node !== undefined) {
      const root = uf.find(node);
      const known = threadOf.get(root);
      const t = entryTimeMs(e);
      if (known !== undefined) c = known;
      else if (m.email?.autoReply === true || m.email?.bounce === true) c = start('automatic', e, false);
      // A new thread within the gap of the person's last chat or call continues that journey (a
      // new thread right after an email is another topic).
      else threadOf.set(root, (c = journeyByChat && journey >= 0 && t - journeyLast <= gapMs ? journey : start('thread', e, false)));
      if (m.email?.autoReply !== true && m.email?.bounce !== true) {
        journey = c;
        journeyLast = t;
        journeyByChat = false;
      }
    } else {
      const t = entryTimeMs(e);
      const kind = m.conversation.kind;
      if (kind === 'group' || kind === 'channel' || kind === 'thread') {
        const session = chatOf.get(m.conversation.id);
        if (session !== undefined && t - session.last <= gapMs) {
          c = session.conv;
          session.last = t;
        } else {
          c = start('session', e, kind !== 'thread');
          chatOf.set(m.conversation.id, { conv: c, last: t });
        }
      } else {
        if (journey >= 0 && t - journeyLast <= gapMs) c = journey;
        else c = journey = start('session', e, false);
        journeyLast = t;
        journeyByChat = true;
      }
    }
    add(builders[c] as Builder, e);
    of[i] = c;
  }
  const conversations = builders.map(freeze);
  const byId = new Map<string, number>();
  for (let i = 0; i < conversations.length; i++) byId.set((conversations[i] as TimelineConversation).id, i);
  return { conversations, of, byId };
}
