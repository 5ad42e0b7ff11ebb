import { describe, expect, it } from 'vitest';
import { OmnilinkError } from '../../src/model/errors.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';
import { buildTimeline } from '../../src/timeline/build-timeline.js';
import { createIdentityMap } from '../../src/timeline/identity-map.js';
import { toTimelineJson } from '../../src/timeline/to-timeline-json.js';
import { createTimelineStore } from '../../src/timeline/timeline-store.js';
import { at, consentEvent, deleteEvent, msg, statusEvent } from './_build.js';

const ANA = 'phone:+5511987654321';
const ANA_MAIL = 'email:ana@example.com';
const identities = () => createIdentityMap([[ANA, 'ana'], [ANA_MAIL, 'ana']]);

describe('pages', () => {
  const s = createTimelineStore({ identities: identities() });
  for (let i = 0; i < 10; i++) s.ingest(msg({ pmid: `w${i}`, minute: i * 10 }));

  it('reads a time window: from inclusive, to exclusive', () => {
    expect(s.timelineOf('ana', { from: at(20), to: at(50) }).entries.map((e) => e.providerMessageId)).toEqual(['w2', 'w3', 'w4']);
  });

  it('pages with a limit and a cursor that names a position, so it survives inserts', () => {
    const first = s.timelineOf('ana', { limit: 4 });
    expect(first.entries.map((e) => e.providerMessageId)).toEqual(['w0', 'w1', 'w2', 'w3']);
    expect(first.nextCursor).toBeDefined();
    s.ingest(msg({ pmid: 'early', minute: 5 })); // lands before the cursor: not repeated, not skipping
    const second = s.timelineOf('ana', { limit: 4, cursor: first.nextCursor as string });
    expect(second.entries.map((e) => e.providerMessageId)).toEqual(['w4', 'w5', 'w6', 'w7']);
    const third = s.timelineOf('ana', { limit: 4, cursor: second.nextCursor as string });
    expect(third.entries.map((e) => e.providerMessageId)).toEqual(['w8', 'w9']);
    expect(third.nextCursor).toBeUndefined();
  });

  it('filters one conversation', () => {
    const [conv] = s.conversationsOf('ana');
    const page = s.timelineOf('ana', { conversationId: conv?.id as string });
    expect(page.entries.every((e) => e.conversationId === conv?.id)).toBe(true);
    expect(page.entries.length).toBe(conv?.messageCount);
    expect(s.timelineOf('ana', { conversationId: 'conv:nope' }).entries).toEqual([]);
  });

  it('rejects a bad limit or cursor (misuse throws)', () => {
    expect(() => s.timelineOf('ana', { limit: 0 })).toThrow(OmnilinkError);
    expect(() => s.timelineOf('ana', { cursor: 'garbage' })).toThrow(/cursor/);
    expect(() => s.timelineOf('nobody', { limit: -1 })).toThrow(OmnilinkError);
    // Window bounds are date-times with their zone: garbage, or a time the host's zone would read, is refused.
    for (const bad of ['garbage', '2024-01-15T10:00:00', '15/01/2024']) {
      expect(() => s.timelineOf('ana', { from: bad })).toThrow(/from must be an ISO-8601 date-time string with its zone .*, got "/);
      expect(() => s.timelineOf('ana', { to: bad })).toThrow(/to must be/);
    }
    // A Date is named as such (its ISO form in the message looked valid).
    expect(() => s.timelineOf('ana', { from: new Date(0) as unknown as string })).toThrow(/got a Date \(pass date.toISOString\(\)\)/);
    expect(s.timelineOf('ana', { from: '2024-01-15T07:00:00-03:00' }).entries).toEqual(s.timelineOf('ana', { from: '2024-01-15T10:00:00Z' }).entries);
  });

  it('an unknown person has an empty timeline', () => {
    expect(s.timelineOf('nobody')).toEqual({ personId: 'nobody', entries: [] });
    expect(s.conversationsOf('nobody')).toEqual([]);
    expect(s.channelUsage('nobody')).toEqual({ personId: 'nobody', channels: [], byChannel: [], messageCount: 0 });
  });
});

describe('channel usage', () => {
  it('counts per channel and direction, first/last contact, preferred = most inbound recently (weighted)', () => {
    const s = createTimelineStore({ identities: identities() });
    // Lots of old email, a little recent WhatsApp.
    for (let i = 0; i < 6; i++) s.ingest(msg({ channel: 'email', pmid: `e${i}`, customer: ANA_MAIL, minute: i, email: { messageId: `e${i}@a` } }));
    s.ingest(msg({ channel: 'email', pmid: 'eo', customer: ANA_MAIL, minute: 7, direction: 'outbound', email: { messageId: 'eo@s' } }));
    const later = 60 * 24 * 180; // 180 days later
    s.ingest(msg({ pmid: 'w1', minute: later }));
    s.ingest(msg({ pmid: 'w2', minute: later + 1 }));
    s.ingest(msg({ pmid: 'w3', minute: later + 2, direction: 'outbound' }));
    const usage = s.channelUsage('ana');
    expect(usage.channels).toEqual(['email', 'whatsapp']);
    expect(usage.messageCount).toBe(10);
    expect(usage.firstContactAt).toBe(at(0));
    expect(usage.lastContactAt).toBe(at(later + 2));
    expect(usage.byChannel.map(({ preference: _p, ...r }) => r)).toEqual([
      { channel: 'email', inbound: 6, outbound: 1, total: 7, firstAt: at(0), lastAt: at(7), lastInboundAt: at(5) },
      { channel: 'whatsapp', inbound: 2, outbound: 1, total: 3, firstAt: at(later), lastAt: at(later + 2), lastInboundAt: at(later + 1) },
    ]);
    expect(usage.preferredChannel).toBe('whatsapp');
    // Measured from the time of the old emails, email wins.
    expect(s.channelUsage('ana', { now: at(10) }).preferredChannel).toBe('email');
    // With a very long half-life, raw counts dominate.
    expect(s.channelUsage('ana', { halfLifeDays: 1e6 }).preferredChannel).toBe('email');
    expect(() => s.channelUsage('ana', { halfLifeDays: 0 })).toThrow(OmnilinkError);
    expect(() => s.channelUsage('ana', { now: 'yesterday' })).toThrow(OmnilinkError);
  });

  it('auto-replies do not count as a preference; a person who never wrote has no preferred channel', () => {
    const s = createTimelineStore({ identities: identities() });
    s.ingest(msg({ channel: 'email', pmid: 'auto', customer: ANA_MAIL, email: { messageId: 'a@a', autoReply: true } }));
    s.ingest(msg({ pmid: 'o', direction: 'outbound', minute: 1 }));
    const usage = s.channelUsage('ana');
    expect(usage.preferredChannel).toBeUndefined();
    expect(usage.byChannel[0]).toMatchObject({ channel: 'email', inbound: 1, preference: 0 });
  });
});

describe('opt-outs', () => {
  // The same person on WhatsApp and SMS (one phone) and on email: a STOP on SMS shows on every view of
  // the person, and the preferred channel moves off a channel the person can no longer be reached on.
  const items = [
    ...[0, 1, 2, 3].map((i) => msg({ channel: 'sms', pmid: `s${i}`, minute: 100 + i })),
    msg({ channel: 'email', pmid: 'e0', customer: ANA_MAIL, minute: 0, email: { messageId: 'e0@a' } }),
    consentEvent('unfollowed', { channel: 'sms', actor: ANA, minute: 104 }),
  ];
  const usage = (list: readonly (ReturnType<typeof msg> | ReturnType<typeof consentEvent>)[]) => {
    const s = createTimelineStore({ identities: identities() });
    for (const item of list) s.ingest(item);
    return s.channelUsage('ana');
  };

  it('names the identifier that opted out of a channel, and never prefers a channel every identifier left', () => {
    const u = usage(items);
    expect(u.byChannel.find((r) => r.channel === 'sms')?.optedOut).toEqual([{ identifier: ANA, at: at(104) }]);
    expect(u.byChannel.find((r) => r.channel === 'email')?.optedOut).toBeUndefined();
    expect(u.preferredChannel).toBe('email');
    // In any arrival order, and batch equals incremental.
    expect(usage([...items].reverse())).toEqual(u);
    const batch = buildTimeline(items.filter((x) => 'direction' in x) as never, items.filter((x) => !('direction' in x)) as never, { identities: identities() });
    expect(batch.channelUsage('ana')).toEqual(u);
  });

  it('an opt-in after the opt-out (START, unblocking the bot) makes the channel reachable again; the latest decides', () => {
    const back = [...items, consentEvent('followed', { channel: 'sms', actor: ANA, minute: 105 })];
    expect(usage(back).byChannel.find((r) => r.channel === 'sms')?.optedOut).toBeUndefined();
    expect(usage(back).preferredChannel).toBe('sms');
    expect(usage([...back].reverse())).toEqual(usage(back));
    // A redelivered STOP (stamped with its later arrival, as Twilio's have no time of their own) is
    // the same STOP: it does not overturn the START between.
    const again = { ...consentEvent('unfollowed', { channel: 'sms', actor: ANA, minute: 104 }), occurredAt: at(106), receivedAt: at(106) };
    expect(usage([...back, again]).byChannel.find((r) => r.channel === 'sms')?.optedOut).toBeUndefined();
    expect(usage([again, ...back])).toEqual(usage([...back, again]));
    // An opt-out on another channel says nothing of this one.
    expect(usage([...items.slice(0, 5), consentEvent('unfollowed', { channel: 'whatsapp', actor: ANA, minute: 104 })]).preferredChannel).toBe('sms');
  });
});

describe('toTimelineJson', () => {
  it('gives personId, identities, conversations and messages in order, as plain JSON without raw records', () => {
    const s = createTimelineStore({ identities: identities() });
    s.ingest(msg({ pmid: 'w1', minute: 0, text: 'hi' }));
    s.ingest(msg({ pmid: 'w2', minute: 1, direction: 'outbound', text: 'hello' }));
    s.ingest(statusEvent('w2', 'delivered', { minute: 2 }));
    s.ingest(deleteEvent('w1', { minute: 3 }));
    const json = toTimelineJson(s, 'ana');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.personId).toBe('ana');
    expect(json.identities).toEqual([
      { key: ANA_MAIL, placed: 0 },
      { key: ANA, kind: 'phone', value: '+5511987654321', placed: 2 },
    ]);
    expect(json.conversations).toHaveLength(1);
    expect(json.messages).toEqual([
      {
        id: 'whatsapp:w1',
        channel: 'whatsapp',
        provider: 'whatsapp',
        providerMessageId: 'w1',
        direction: 'inbound',
        kind: 'text',
        occurredAt: at(0),
        receivedAt: at(0),
        conversationId: 'conv:whatsapp:w1',
        providerConversationId: 'whatsapp:chat:+5511987654321',
        attachments: [],
        status: 'received',
        deleted: true,
        deletedAt: at(3),
        placedBy: ANA,
      },
      {
        id: 'whatsapp:w2',
        channel: 'whatsapp',
        provider: 'whatsapp',
        providerMessageId: 'w2',
        direction: 'outbound',
        kind: 'text',
        occurredAt: at(1),
        receivedAt: at(1),
        conversationId: 'conv:whatsapp:w1',
        providerConversationId: 'whatsapp:chat:+5511987654321',
        text: 'hello',
        attachments: [],
        status: 'delivered',
        statusAt: { delivered: at(2) },
        placedBy: ANA,
      },
    ]);
    expect('message' in (json.messages[0] as object)).toBe(false);
  });
});

describe('ingest and options', () => {
  it('accepts a NormalizedBatch, an array, single items; buildTimeline equals ingesting', () => {
    const m1 = msg({ pmid: 'a', minute: 0 });
    const m2 = msg({ pmid: 'b', minute: 1, direction: 'outbound' });
    const ev = statusEvent('b', 'read', { minute: 2 });
    const batch: NormalizedBatch = { records: [], messages: [m1, m2], events: [ev], unsupported: [], issues: [] };
    const a = createTimelineStore({ identities: identities() });
    a.ingest(batch);
    const b = createTimelineStore({ identities: identities() });
    b.ingest([ev, m2]);
    b.ingest(m1);
    const c = buildTimeline([m2, m1], [ev], { identities: identities() });
    expect(toTimelineJson(b, 'ana')).toEqual(toTimelineJson(a, 'ana'));
    expect(toTimelineJson(c, 'ana')).toEqual(toTimelineJson(a, 'ana'));
    expect(c.timelineOf('ana').entries[1]?.status).toBe('read');
  });

  it('rejects an invalid session gap', () => {
    expect(() => createTimelineStore({ sessionGapMs: -1 })).toThrow(OmnilinkError);
    expect(() => createTimelineStore({ sessionGapMs: Number.NaN })).toThrow(/sessionGapMs/);
  });
});

describe('email by Message-ID', () => {
  const mail = (): ReturnType<typeof msg> =>
    msg({ channel: 'email', id: 'email:out-1@shop.example#57be82608d84f862', direction: 'outbound', minute: 0, text: 'Seu pedido saiu', email: { messageId: 'out-1@shop.example', subject: 'Pedido' } });
  const bounce = statusEvent('out-1@shop.example', 'failed', { channel: 'email', minute: 1, error: { title: '550 5.1.1 user unknown' } });
  /** Ana's messages as [id, status]. */
  const view = (s: ReturnType<typeof createTimelineStore>): unknown => toTimelineJson(s, 'ana').messages.map((m) => [m.id, m.status]);
  /** Each order ingested one item at a time into a new store. */
  const ingested = (orders: readonly (readonly Parameters<ReturnType<typeof createTimelineStore>['ingest']>[0][])[]) =>
    orders.map((order) => {
      const s = createTimelineStore({ identities: identities() });
      for (const item of order) s.ingest(item);
      return s;
    });

  it("shows an email's Message-ID as its providerMessageId, and a status naming that Message-ID (a bounce) folds in, before or after it, batch or not", () => {
    const views = [
      (() => {
        const s = createTimelineStore({ identities: identities() });
        s.ingest([mail(), bounce]);
        return s;
      })(),
      (() => {
        const s = createTimelineStore({ identities: identities() });
        s.ingest([bounce, mail()]);
        return s;
      })(),
      buildTimeline([mail()], [bounce], { identities: identities() }),
    ].map((s) => toTimelineJson(s, 'ana').messages.map((m) => [m.id, m.providerMessageId, m.status, m.failure?.title]));
    for (const v of views) expect(v).toEqual([['email:out-1@shop.example#57be82608d84f862', 'out-1@shop.example', 'failed', '550 5.1.1 user unknown']]);
  });

  it('a status naming a Message-ID two distinct emails share reaches both, in any arrival order, batch or not', () => {
    // A mail client that reuses Message-IDs: which email the bounce returns cannot be told.
    const second = msg({ channel: 'email', id: 'email:out-1@shop.example#aaaa', direction: 'outbound', minute: 5, text: 'Promo', email: { messageId: 'out-1@shop.example' } });
    const expected = [
      ['email:out-1@shop.example#57be82608d84f862', 'failed'],
      ['email:out-1@shop.example#aaaa', 'failed'],
    ];
    expect(view(buildTimeline([mail(), second], [bounce], { identities: identities() }))).toEqual(expected);
    expect(view(buildTimeline([second, mail()], [bounce], { identities: identities() }))).toEqual(expected);
    for (const s of ingested([
      [mail(), second, bounce],
      [second, bounce, mail()],
      [bounce, second, mail()],
      [mail(), bounce, second],
    ])) {
      expect(view(s)).toEqual(expected);
      expect(s.stats().pendingEvents).toBe(0);
      expect(s.locate('email:out-1@shop.example')?.messageId).toBe('email:out-1@shop.example#57be82608d84f862');
    }
  });

  it('a status naming an email by its id also reaches another email holding that id as its Message-ID', () => {
    // One email built without the adapter's digest (its id is `email:<Message-ID>`), one with it.
    const plain = msg({ channel: 'email', id: 'email:out-1@shop.example', direction: 'outbound', minute: 2, text: 'Oi', email: { messageId: 'out-1@shop.example' } });
    const expected = [
      ['email:out-1@shop.example#57be82608d84f862', 'failed'],
      ['email:out-1@shop.example', 'failed'],
    ];
    expect(view(buildTimeline([plain, mail()], [bounce], { identities: identities() }))).toEqual(expected);
    for (const s of ingested([
      [mail(), bounce, plain],
      [plain, bounce, mail()],
      [bounce, mail(), plain],
    ])) {
      expect(view(s)).toEqual(expected);
    }
  });
});
