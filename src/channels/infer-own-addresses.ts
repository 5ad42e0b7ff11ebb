// Which email addresses are the business's own, read from the mail itself, for dumps that come
// without that knowledge (the CLI's `timeline` when no --own-address is given).
//
// Why it works: support mail is a star. Every customer writes to the business, the business writes
// to many customers, customers rarely write to each other. So in each connected group of
// correspondents the business's address is the one the most distinct senders wrote to, plus the
// most distinct recipient lists it wrote to (a Sent folder has no writers; a customer's one mail to
// four relatives is one list). Between equals a company domain beats a consumer mailbox (gmail.com, hotmail.com...),
// then the recipient of more thread-opening mail wins (an inbound hook mostly receives mail that
// customers started); a tie beyond that infers nothing for the group. Its side of every exchange
// alternates from there (sales@ answering a customer who also wrote to support@), counting only
// addresses that wrote themselves (a person the customer only copied in is not the business), and
// every address on the business's own company domain is the business's too (a colleague copied in).

import { lazy } from '../internal/lazy.js';
import type { Message } from '../model/message.js';

/** The lower-cased address an email identifier carries, if it is one. */
function addressOf(identifier: { readonly kind: string; readonly value: string }): string | undefined {
  if (identifier.kind !== 'email') return undefined;
  const value = identifier.value.trim().toLowerCase();
  return value.length > 0 ? value : undefined;
}

function link(partners: Map<string, Set<string>>, a: string, b: string): void {
  let set = partners.get(a);
  if (set === undefined) partners.set(a, (set = new Set()));
  set.add(b);
}

/** The addresses of a connected group, starting from `start`, in the order BFS meets them. */
function groupOf(partners: ReadonlyMap<string, ReadonlySet<string>>, start: string, seen: Set<string>): string[] {
  const group = [start];
  seen.add(start);
  for (let i = 0; i < group.length; i++) {
    for (const next of [...(partners.get(group[i] as string) ?? [])].sort()) {
      if (seen.has(next)) continue;
      seen.add(next);
      group.push(next);
    }
  }
  return group;
}

/**
 * The email addresses that look like the business's own in a set of emails normalized without
 * `ownAddresses` (so every one reads as inbound, From as sender and To/Cc/Bcc as recipients),
 * sorted. Pass them back as `ownAddresses` to normalize the same mail with its directions right.
 * Bounces and auto-replies are left out of the evidence (mail systems, not correspondents); other
 * channels' messages are ignored. The result depends only on the set of messages, not their order.
 *
 * @example
 * ```ts
 * const own = inferOwnAddresses(batches.flatMap((b) => b.messages));
 * // ['support@shop.example']: then normalizeDelivery(envelope, { ownAddresses: own }) for each email
 * ```
 */
export function inferOwnAddresses(messages: Iterable<Message>): string[] {
  const partners = new Map<string, Set<string>>();
  /** Distinct senders who wrote to each address. */
  const writers = new Map<string, Set<string>>();
  /** Distinct recipient lists each address wrote to (one mail to four people is one). */
  const wroteTo = new Map<string, Set<string>>();
  /** Recipients of messages that opened a thread. */
  const openedTo = new Map<string, number>();
  const senders = new Set<string>();
  for (const m of messages) {
    if (m.channel !== 'email' || m.email?.bounce === true || m.email?.autoReply === true) continue;
    const from = m.sender[0] === undefined ? undefined : addressOf(m.sender[0]);
    if (from === undefined) continue;
    senders.add(from);
    const opens = (m.email?.inReplyTo?.length ?? 0) === 0 && (m.email?.references?.length ?? 0) === 0;
    const list = m.recipients.map(addressOf).filter((x): x is string => x !== undefined && x !== from).sort().join(',');
    if (list !== '') link(wroteTo, from, list);
    for (const r of m.recipients) {
      const to = addressOf(r);
      if (to === undefined || to === from) continue;
      link(partners, from, to);
      link(partners, to, from);
      link(writers, to, from);
      if (opens) openedTo.set(to, (openedTo.get(to) ?? 0) + 1);
    }
  }
  const own = new Set<string>();
  const seen = new Set<string>();
  for (const start of [...partners.keys()].sort()) {
    if (seen.has(start)) continue;
    const group = groupOf(partners, start, seen);
    // The hub: most distinct writers plus recipient lists written to (a Sent folder has no writers),
    // then a company domain, then most opening mail received.
    let hub: string | undefined;
    let best: readonly number[] = [0, 0, 0];
    let tied = false;
    for (const a of group) {
      const rank = [(writers.get(a)?.size ?? 0) + (wroteTo.get(a)?.size ?? 0), isConsumerMailbox(a) ? 0 : 1, openedTo.get(a) ?? 0];
      const order = rank[0]! - best[0]! || rank[1]! - best[1]! || rank[2]! - best[2]!;
      if (order > 0) [hub, best, tied] = [a, rank, false];
      else if (order === 0) tied = true;
    }
    if (hub === undefined || tied) continue;
    // Two-colour the group from the hub: the business on one side, its customers on the other.
    const side = new Map<string, boolean>([[hub, true]]);
    const queue = [hub];
    for (let i = 0; i < queue.length; i++) {
      const a = queue[i] as string;
      for (const b of [...(partners.get(a) ?? [])].sort()) {
        if (side.has(b)) continue;
        side.set(b, !side.get(a));
        queue.push(b);
      }
    }
    const domain = isConsumerMailbox(hub) ? undefined : domainOf(hub);
    for (const [a, isOwn] of side) if ((isOwn && (a === hub || senders.has(a))) || (domain !== undefined && domainOf(a) === domain)) own.add(a);
  }
  return [...own].sort();
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** Mailbox providers whose addresses are people's, not a company's (by the domain's first label); built on first use. */
const CONSUMER = lazy(() => new Set(CONSUMER_LABELS));
const CONSUMER_LABELS = [
  'gmail', 'googlemail', 'hotmail', 'outlook', 'live', 'msn', 'yahoo', 'ymail', 'rocketmail', 'icloud', 'me', 'mac', 'aol', 'gmx', 'web',
  'proton', 'protonmail', 'pm', 'uol', 'bol', 'terra', 'ig', 'zoho', 'yandex', 'mail', 'qq', '163', '126', 'naver', 'libero', 'orange',
  'free', 'laposte', 'sapo', 'prodigy', 'telmex', 'fibertel', 'arnet', 'speedy', 'globo', 'r7', 'oi', 'zipmail', 'comcast', 't-online',
  'btinternet', 'privaterelay', 'duck', 'bellsouth', 'verizon', 'att', 'sbcglobal', 'cox', 'charter', 'earthlink', 'rediffmail',
];

function isConsumerMailbox(address: string): boolean {
  const domain = domainOf(address);
  return CONSUMER().has(domain.slice(0, domain.indexOf('.') < 0 ? domain.length : domain.indexOf('.')));
}
