// The batch build (buildTimeline) takes a shortcut for messages with one customer key and hands
// everything else to the incremental path; whichever way a delivery goes, the store must equal
// one built delivery by delivery.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/model/message.js';
import type { MessageEvent } from '../../src/model/message-event.js';
import { buildTimeline } from '../../src/timeline/build-timeline.js';
import { createIdentityMap } from '../../src/timeline/identity-map.js';
import { toTimelineJson } from '../../src/timeline/to-timeline-json.js';
import { type TimelineStore, createTimelineStore } from '../../src/timeline/timeline-store.js';
import { arbEvent, arbMessage } from './_arbitraries.js';
import { BUSINESS, ident, msg, statusEvent } from './_build.js';

const ANA = 'phone:+5511987654321';
const ANA_MAIL = 'email:ana@example.com';
const BEA = 'phone:+5511900000002';
const identities = () =>
  createIdentityMap([
    [ANA, 'ana'],
    [ANA_MAIL, 'ana'],
    [BEA, 'bea'],
  ]);

/** Everything a reader can see, counters included. */
function snapshot(store: TimelineStore) {
  return {
    persons: store.persons().map((p) => ({ json: toTimelineJson(store, p), usage: store.channelUsage(p), conversations: store.conversationsOf(p) })),
    unassigned: store.unassigned().entries.map(({ message: _m, ...rest }) => rest),
    stats: store.stats(),
  };
}

function oneByOne(messages: readonly Message[], events: readonly MessageEvent[]): TimelineStore {
  const store = createTimelineStore({ identities: identities() });
  for (const m of messages) store.ingest(m);
  for (const ev of events) store.ingest(ev);
  return store;
}

function expectSameAsIncremental(messages: readonly Message[], events: readonly MessageEvent[] = []): TimelineStore {
  const batch = buildTimeline(messages, events, { identities: identities() });
  expect(snapshot(batch)).toEqual(snapshot(oneByOne(messages, events)));
  for (const m of messages) expect(batch.locate(m.id)).toEqual(oneByOne(messages, events).locate(m.id));
  return batch;
}

describe('buildTimeline equals ingesting one by one', () => {
  it('folds redeliveries and status upgrades of a message', () => {
    const store = expectSameAsIncremental([
      msg({ pmid: 'w1', direction: 'outbound', minute: 0, receivedMinute: 3, text: 'oi' }),
      msg({ pmid: 'w1', direction: 'outbound', minute: 0, receivedMinute: 1, text: 'oi' }),
      msg({ pmid: 'w1', direction: 'outbound', minute: 0, receivedMinute: 2, text: 'oi', status: 'delivered' }),
      msg({ pmid: 'w2', minute: 1 }),
    ]);
    expect(store.stats()).toMatchObject({ deliveries: 4, messages: 2, duplicates: 2 });
    expect(store.timelineOf('ana').entries.map((e) => [e.id, e.status])).toEqual([
      ['whatsapp:w1', 'delivered'],
      ['whatsapp:w2', 'received'],
    ]);
  });

  it('joins an echo that carries another id but the same provider id', () => {
    const store = expectSameAsIncremental([
      msg({ id: 'outbox:1', direction: 'outbound', minute: 0, text: 'hello' }),
      msg({ id: 'outbox:1', pmid: 'wamid.1', direction: 'outbound', minute: 0, text: 'hello', status: 'sent' }),
      msg({ pmid: 'wamid.1', direction: 'outbound', minute: 0, receivedMinute: 1, status: 'read' }),
    ]);
    expect(store.stats().messages).toBe(1);
    expect(store.locate('outbox:1')?.messageId).toBe('whatsapp:wamid.1');
  });

  it('folds deliveries of one message that disagree on the time, or arrive under another customer key', () => {
    expectSameAsIncremental([
      msg({ pmid: 'x', minute: 5, text: 'a' }),
      msg({ pmid: 'y', minute: 6 }),
      msg({ pmid: 'x', minute: 4, receivedMinute: 9, text: 'a' }),
      msg({ pmid: 'x', minute: 5, customer: ANA_MAIL, text: 'b' }),
      msg({ pmid: 'z', minute: 7, customer: BEA }),
      msg({ pmid: 'z', minute: 7, customer: 'phone:+5511999999999', text: 'who?' }),
    ]);
  });

  it('places messages with several customer identifiers and unknown keys like the incremental path', () => {
    const group: Message = { ...msg({ pmid: 'g1', direction: 'outbound', minute: 2 }), recipients: [ident('phone:+5511999999999'), ident(BEA), ident(ANA)] };
    const store = expectSameAsIncremental([group, msg({ pmid: 'u1', minute: 1, customer: 'phone:+5511999999999' }), msg({ pmid: 'u1', minute: 1, customer: 'phone:+5511999999999' })]);
    expect(store.locate('whatsapp:g1')).toEqual({ messageId: 'whatsapp:g1', personId: 'bea', placedBy: BEA });
    expect(store.stats().unassigned).toBe(1);
  });

  it('applies events, held or not, after the batch', () => {
    expectSameAsIncremental(
      [msg({ pmid: 'o1', direction: 'outbound', minute: 0 }), msg({ pmid: 'o1', direction: 'outbound', minute: 0, receivedMinute: 1 })],
      [statusEvent('o1', 'delivered', { minute: 1 }), statusEvent('o1', 'read', { minute: 2 }), statusEvent('never', 'read', { minute: 3 })],
    );
  });

  it('finds event targets by channel and provider id, with or without messages that took the slow path', () => {
    const events = [statusEvent('o1', 'read', { minute: 2 }), statusEvent('o1', 'delivered', { minute: 1, channel: 'sms' }), statusEvent('o2', 'delivered', { minute: 1 })];
    const fast = expectSameAsIncremental([msg({ pmid: 'o1', direction: 'outbound', minute: 0 })], events);
    expect(fast.timelineOf('ana').entries.map((e) => [e.id, e.status])).toEqual([['whatsapp:o1', 'read']]);
    expect(fast.stats().pendingEvents).toBe(2); // the SMS receipt names another channel's message
    const group: Message = { ...msg({ pmid: 'o2', direction: 'outbound', minute: 1 }), recipients: [ident(ANA), ident(BEA)] };
    const mixed = expectSameAsIncremental([msg({ pmid: 'o1', direction: 'outbound', minute: 0 }), group], events);
    expect(mixed.timelineOf('ana').entries.map((e) => [e.id, e.status])).toEqual([
      ['whatsapp:o1', 'read'],
      ['whatsapp:o2', 'delivered'],
    ]);
  });

  it("finds emails by Message-ID whichever way they were loaded, also one merged into another entry", () => {
    const mail = (pmid: string, messageId: string, extra: { id?: string; minute?: number } = {}): Message =>
      msg({ channel: 'email', pmid, direction: 'outbound', customer: ANA_MAIL, minute: extra.minute ?? 0, email: { messageId }, ...(extra.id !== undefined ? { id: extra.id } : {}) });
    const messages = [
      mail('a1', 'm1@x'), // fast path
      mail('b1', 'm2@x', { minute: 0.5 }), // fast path
      mail('c1', 'm3@x', { minute: 1 }), // fast path
      mail('a1', 'm3@x', { id: 'email:c1', minute: 1 }), // slow path: its id is c1's, its provider key a1's (the two entries merge)
      mail('s1', 'm4@x', { id: 'outbox:s1', minute: 2 }), // slow path: id apart from its provider key
    ];
    const events = ['m1@x', 'm2@x', 'm4@x'].map((id, i) => statusEvent(id, i === 0 ? 'delivered' : 'read', { channel: 'email', minute: 3 + i }));
    const store = expectSameAsIncremental(messages, events);
    expect(store.timelineOf('ana').entries.map((e) => [e.id, e.status])).toEqual([
      ['email:a1', 'delivered'], // one entry: c1's id and a1's provider key (the smaller id names it)
      ['email:b1', 'read'],
      ['email:s1', 'read'],
    ]);
    // Emails loaded after the batch are found by Message-ID too.
    store.ingest(mail('n1', 'm5@x', { minute: 5 }));
    store.ingest(statusEvent('m5@x', 'read', { channel: 'email', minute: 6 }));
    expect(store.locate('email:n1')).toMatchObject({ personId: 'ana' });
    expect(store.timelineOf('ana').entries.at(-1)).toMatchObject({ id: 'email:n1', status: 'read' });
  });

  it('keeps going incrementally after a batch', () => {
    const messages = [msg({ pmid: 'a', minute: 1 }), msg({ pmid: 'b', minute: 3 })];
    const store = buildTimeline(messages, [], { identities: identities() });
    store.ingest(msg({ pmid: 'c', minute: 2 }));
    store.ingest(msg({ pmid: 'a', minute: 1, receivedMinute: 4 }));
    expect(store.timelineOf('ana').entries.map((e) => e.id)).toEqual(['whatsapp:a', 'whatsapp:c', 'whatsapp:b']);
    expect(store.stats()).toMatchObject({ deliveries: 4, messages: 3, duplicates: 1 });
    expect(BUSINESS.key).toBe('phone:+15550000000');
  });

  it('holds for generated traffic whose deliveries change customer, id form and time', () => {
    const customers = [ANA, ANA_MAIL, BEA, 'phone:+5511999999999'];
    const arbDelivery = fc.tuple(arbMessage, fc.integer({ min: 0, max: 7 })).map(([m, c]): Message => {
      if (c >= customers.length) return m;
      const who = [ident(customers[c] as string)];
      return m.direction === 'inbound' ? { ...m, sender: who } : { ...m, recipients: c === 0 ? [...who, ident(BEA)] : who };
    });
    fc.assert(
      fc.property(fc.array(arbDelivery, { maxLength: 40 }), fc.array(arbEvent, { maxLength: 20 }), (messages, events) => {
        const nonIdentity = events.filter((ev) => ev.type !== 'identity_change');
        const batch = buildTimeline(messages, nonIdentity, { identities: identities() });
        expect(snapshot(batch)).toEqual(snapshot(oneByOne(messages, nonIdentity)));
      }),
      { numRuns: 300 },
    );
  });
});
