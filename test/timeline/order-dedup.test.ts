import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../src/timeline/build-timeline.js';
import { createIdentityMap } from '../../src/timeline/identity-map.js';
import { MAX_VERSIONS } from '../../src/timeline/_entry.js';
import { createTimelineStore } from '../../src/timeline/timeline-store.js';
import { toTimelineJson } from '../../src/timeline/to-timeline-json.js';
import { at, msg } from './_build.js';

const ANA = 'phone:+5511987654321';
const ids = () => createIdentityMap([[ANA, 'ana']]);

describe('order', () => {
  it('orders by occurredAt, then provider sequence, then id; a late message lands in its place', () => {
    const store = createTimelineStore({ identities: ids() });
    store.ingest(msg({ pmid: 'c', minute: 5 }));
    store.ingest(msg({ pmid: 'a', minute: 1 }));
    store.ingest(msg({ channel: 'telegram', pmid: 'tg-2', minute: 3, sequence: 902 }));
    store.ingest(msg({ channel: 'telegram', pmid: 'tg-1', minute: 3, sequence: 901 }));
    store.ingest(msg({ pmid: 'b', minute: 3 })); // no sequence: before sequenced ones at the same time
    store.ingest(msg({ pmid: 'late', minute: 2, receivedMinute: 60 }));
    const page = store.timelineOf('ana');
    expect(page.entries.map((e) => e.id)).toEqual(['whatsapp:a', 'whatsapp:late', 'whatsapp:b', 'telegram:tg-1', 'telegram:tg-2', 'whatsapp:c']);
    const late = page.entries[1];
    expect(late?.occurredAt).toBe(at(2));
    expect(late?.receivedAt).toBe(at(60));
  });

  it('uses the email reply depth (References count) as the sequence', () => {
    const store = createTimelineStore({ identities: createIdentityMap([['email:ana@example.com', 'ana']]) });
    const base = { channel: 'email' as const, customer: 'email:ana@example.com', minute: 0 };
    store.ingest(msg({ ...base, pmid: 'z-reply2', email: { messageId: 'r2@x', references: ['root@x', 'r1@x'] } }));
    store.ingest(msg({ ...base, pmid: 'y-root', email: { messageId: 'root@x' } }));
    store.ingest(msg({ ...base, pmid: 'x-reply1', email: { messageId: 'r1@x', inReplyTo: ['root@x'] } }));
    expect(store.timelineOf('ana').entries.map((e) => e.providerMessageId)).toEqual(['y-root', 'x-reply1', 'z-reply2']);
  });

  it('orders times written with an offset or another precision as the instants they name, in batch and one at a time', () => {
    // 10:00+02:00 and 08:00:00Z are one instant (tie broken by id); .500Z is half a second later.
    const spelled = [
      { ...msg({ pmid: 'a', minute: 0 }), occurredAt: '2024-01-01T10:00:00+02:00' },
      { ...msg({ pmid: 'b', minute: 0 }), occurredAt: '2024-01-01T09:00:00Z' },
      { ...msg({ pmid: 'c', minute: 0 }), occurredAt: '2024-01-01T08:00:00.500Z' },
      { ...msg({ pmid: 'd', minute: 0 }), occurredAt: '2024-01-01T08:00:00Z' },
    ];
    const batch = buildTimeline(spelled, [], { identities: ids() });
    const one = createTimelineStore({ identities: ids() });
    for (const m of [...spelled].reverse()) one.ingest(m);
    for (const store of [batch, one]) {
      const entries = store.timelineOf('ana').entries;
      expect(entries.map((e) => e.providerMessageId)).toEqual(['a', 'd', 'c', 'b']);
      // The message keeps the time as it was written.
      expect(entries[0]?.occurredAt).toBe('2024-01-01T10:00:00+02:00');
      // A window names instants too, whatever their spelling.
      expect(store.timelineOf('ana', { from: '2024-01-01T05:00:00.250-03:00' }).entries.map((e) => e.providerMessageId)).toEqual(['c', 'b']);
    }
  });

  it('reads a burst sent within one second in the order it arrived, not in the order of its ids, in batch and one at a time', () => {
    // WhatsApp times are whole seconds: three messages at one second, arriving 1, 2 and 3 s later.
    const burst = [msg({ pmid: 'wamid.C', minute: 0, receivedMinute: 1 / 60 }), msg({ pmid: 'wamid.B', minute: 0, receivedMinute: 2 / 60 }), msg({ pmid: 'wamid.A', minute: 0, receivedMinute: 3 / 60 })];
    const batch = buildTimeline([...burst].reverse(), [], { identities: ids() });
    const one = createTimelineStore({ identities: ids() });
    for (const m of [burst[1]!, burst[2]!, burst[0]!]) one.ingest(m);
    for (const store of [batch, one]) expect(store.timelineOf('ana').entries.map((e) => e.providerMessageId)).toEqual(['wamid.C', 'wamid.B', 'wamid.A']);
    // A redelivery that arrived earlier than the first copy moves its message to that arrival.
    one.ingest({ ...burst[2]!, receivedAt: at(0.5 / 60) });
    expect(one.timelineOf('ana').entries.map((e) => e.providerMessageId)).toEqual(['wamid.A', 'wamid.C', 'wamid.B']);
  });

  it('compares times as strings in code-unit order (no locale collation)', () => {
    const store = buildTimeline([msg({ pmid: 'B', minute: 0 }), msg({ pmid: 'a', minute: 0 }), msg({ pmid: 'A', minute: 0 })], [], { identities: ids() });
    expect(store.timelineOf('ana').entries.map((e) => e.providerMessageId)).toEqual(['A', 'B', 'a']);
  });
});

describe('dedup', () => {
  it('keeps one message per idempotency key; a redelivery keeps the first arrival time', () => {
    const store = createTimelineStore({ identities: ids() });
    store.ingest(msg({ pmid: 'w1', minute: 0, receivedMinute: 5, text: 'oi' }));
    store.ingest(msg({ pmid: 'w1', minute: 0, receivedMinute: 1, text: 'oi' }));
    store.ingest(msg({ pmid: 'w1', minute: 0, receivedMinute: 9, text: 'oi' }));
    const entries = store.timelineOf('ana').entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]?.receivedAt).toBe(at(1));
    expect(store.stats()).toMatchObject({ deliveries: 3, messages: 1, duplicates: 2 });
  });

  it('dedups content-hash ids (providers without ids) by id', () => {
    const store = createTimelineStore({ identities: ids() });
    store.ingest(msg({ id: 'webchat:sha256:abc', channel: 'webchat', minute: 1, text: 'hello' }));
    store.ingest(msg({ id: 'webchat:sha256:abc', channel: 'webchat', minute: 1, receivedMinute: 2, text: 'hello' }));
    expect(store.timelineOf('ana').entries.map((e) => e.id)).toEqual(['webchat:sha256:abc']);
  });

  it('reconciles the echo of our outbound message with the outbound record (same channel + provider id)', () => {
    const store = createTimelineStore({ identities: createIdentityMap([['user_id:messenger:page:1:42', 'ana']]) });
    const customer = 'user_id:messenger:page:1:42';
    // Our own send record, stored before the provider's echo, under our id.
    store.ingest(msg({ id: 'outbox:7f3a', channel: 'messenger', pmid: 'm_abc', customer, direction: 'outbound', minute: 1, status: 'pending', text: 'Your order shipped' }));
    // The echo webhook: the provider's id and timestamp, no text of ours beyond what it says.
    store.ingest(msg({ channel: 'messenger', pmid: 'm_abc', customer, direction: 'outbound', minute: 1.02, status: 'sent', text: 'Your order shipped' }));
    const entries = store.timelineOf('ana').entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]?.id).toBe('messenger:m_abc');
    expect(entries[0]?.status).toBe('sent');
    expect(entries[0]?.occurredAt).toBe(at(1));
    expect(store.locate('outbox:7f3a')?.messageId).toBe('messenger:m_abc');
  });

  it('joins two entries that turn out to be one message (our id first, provider id first, then both)', () => {
    const customer = 'user_id:messenger:page:1:42';
    const identities = createIdentityMap([[customer, 'ana']]);
    const store = createTimelineStore({ identities });
    store.ingest(msg({ id: 'outbox:1', channel: 'messenger', customer, direction: 'outbound', minute: 1, status: 'pending', text: 'hi' }));
    store.ingest(msg({ channel: 'messenger', pmid: 'm_1', customer, direction: 'outbound', minute: 1, status: 'delivered' }));
    expect(store.timelineOf('ana').entries).toHaveLength(2);
    store.ingest(msg({ id: 'outbox:1', channel: 'messenger', pmid: 'm_1', customer, direction: 'outbound', minute: 1, status: 'sent', text: 'hi' }));
    const entries = store.timelineOf('ana').entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: 'messenger:m_1', status: 'delivered', text: 'hi' });
    expect(store.stats().messages).toBe(1);
  });

  it('never takes an email whose id is another email\'s Message-ID key for that email, in any order', () => {
    // A is built by hand with the id `email:<Message-ID>`; B is the adapter's form (a digest after
    // the Message-ID) of another email reusing that Message-ID. B's event key is A's id.
    const a = msg({ channel: 'email', id: 'email:0@mail', minute: 1, text: 'one', email: { messageId: '0@mail' } });
    const b = msg({ channel: 'email', id: 'email:0@mail#d', minute: 0, text: 'other', email: { messageId: '0@mail' } });
    for (const order of [[a, b], [b, a]]) {
      const s = createTimelineStore({ identities: createIdentityMap([['phone:+5511987654321', 'ana']]) });
      for (const m of order) s.ingest(m);
      expect(s.stats().messages).toBe(2);
      expect(s.locate('email:0@mail#d')?.messageId).toBe('email:0@mail#d');
      expect(buildTimeline(order, [], { identities: createIdentityMap([['phone:+5511987654321', 'ana']]) }).stats().messages).toBe(2);
    }
  });

  it('keeps a provider key that spells an email\'s Message-ID key as a message key, whichever version brought it', () => {
    // The email's provider id is its Message-ID, so its provider key is also its event key
    // (`email:0@mail`); a record whose id is that key is the same message, in any order.
    const withPmid = msg({ channel: 'email', id: 'email:0@mail#d', pmid: '0@mail', minute: 0, text: 'one', email: { messageId: '0@mail' } });
    const withoutPmid = msg({ channel: 'email', id: 'email:0@mail#d', minute: 0, text: 'one', email: { messageId: '0@mail' } });
    const outbox = msg({ channel: 'email', id: 'email:0@mail', pmid: 'out-7', minute: 0, text: 'one', email: { messageId: '0@mail' } });
    const counts = [
      [withPmid, outbox, withoutPmid],
      [withoutPmid, withPmid, outbox],
      [outbox, withoutPmid, withPmid],
    ].map((order) => {
      const s = createTimelineStore({ identities: ids() });
      for (const m of order) s.ingest(m);
      return [s.stats().messages, buildTimeline(order, [], { identities: ids() }).stats().messages];
    });
    expect(counts).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });

  it('keeps at most MAX_VERSIONS contents of one message, the same ones in any arrival order, batch or not', () => {
    // A sender redelivering one message id with new text each time (a web chat visitor) 300 times.
    const deliveries = Array.from({ length: 300 }, (_, i) => msg({ pmid: 'm1', minute: 0, receivedMinute: i % 7, text: `text ${String(i).padStart(3, '0')}` }));
    const shuffled = [...deliveries].sort((a, b) => ((a.text!.charCodeAt(7) * 31 + a.text!.charCodeAt(6)) % 11) - ((b.text!.charCodeAt(7) * 31 + b.text!.charCodeAt(6)) % 11));
    const views = [deliveries, [...deliveries].reverse(), shuffled].map((order) => {
      const s = createTimelineStore({ identities: ids() });
      for (const m of order) s.ingest(m);
      expect(s.stats().messages).toBe(1);
      return toTimelineJson(s, 'ana');
    });
    views.push(toTimelineJson(buildTimeline(deliveries, [], { identities: ids() }), 'ana'));
    for (const v of views) expect(v).toEqual(views[0]);
    // The highest-ranked content is shown (equal status and fields: the greatest canonical JSON).
    expect(views[0]!.messages[0]!.text).toBe('text 299');
    expect(MAX_VERSIONS).toBe(64);
  });

  it('never deduplicates across channels, even with the same text at the same time', () => {
    const store = createTimelineStore({ identities: ids() });
    store.ingest(msg({ channel: 'whatsapp', pmid: 'x1', minute: 0, text: 'Where is my order?' }));
    store.ingest(msg({ channel: 'sms', pmid: 'x1', minute: 0, text: 'Where is my order?' }));
    store.ingest(msg({ channel: 'sms', pmid: 'x2', minute: 0, text: 'Where is my order?' }));
    expect(store.timelineOf('ana').entries.map((e) => e.id)).toEqual(['sms:x1', 'sms:x2', 'whatsapp:x1']);
  });

  it('merges a Twilio call with its later status callback: final status and duration win, fields are filled not erased', () => {
    const customer = 'phone:+5511987654321';
    const store = createTimelineStore({ identities: ids() });
    const call = (status: string, minute: number, extra: Partial<Parameters<typeof msg>[0]> = {}) =>
      msg({ channel: 'voice', pmid: 'CA123', customer, minute: 0, receivedMinute: minute, call: { status }, ...extra });
    store.ingest(call('completed', 4, { call: { status: 'completed', durationSeconds: 185 } }));
    store.ingest(call('ringing', 0, { text: 'caller pressed 2' }));
    store.ingest(call('in-progress', 1)); // arrives late, must not move the call back
    const [entry] = store.timelineOf('ana').entries;
    expect(entry?.call).toEqual({ status: 'completed', durationSeconds: 185 });
    expect(entry?.text).toBe('caller pressed 2');
    expect(entry?.receivedAt).toBe(at(0));
    expect(store.stats()).toMatchObject({ messages: 1, duplicates: 2 });
  });

  it('a redelivery with a more advanced status moves the status forward, a less advanced one does not move it back', () => {
    const store = createTimelineStore({ identities: ids() });
    store.ingest(msg({ pmid: 'o1', direction: 'outbound', status: 'delivered', minute: 0 }));
    store.ingest(msg({ pmid: 'o1', direction: 'outbound', status: 'sent', minute: 0 }));
    expect(store.timelineOf('ana').entries[0]?.status).toBe('delivered');
  });
});
