import { describe, expect, it } from 'vitest';
import { createIdentityMap } from '../../src/timeline/identity-map.js';
import { STATUS_ORDER, advanceStatus, callStatusRank, statusRank } from '../../src/timeline/status-order.js';
import { createTimelineStore } from '../../src/timeline/timeline-store.js';
import type { Message, MessageStatus } from '../../src/model/message.js';
import { at, deleteEvent, editEvent, ident, msg, reactionEvent, statusEvent, watermarkEvent } from './_build.js';

const ANA = 'phone:+5511987654321';
const store = () => createTimelineStore({ identities: createIdentityMap([[ANA, 'ana']]) });
const only = (s: ReturnType<typeof store>) => {
  const entries = s.timelineOf('ana').entries;
  expect(entries).toHaveLength(1);
  return entries[0] as (typeof entries)[number];
};

describe('status order', () => {
  it('is pending < received < sent < delivered < read < failed', () => {
    expect(STATUS_ORDER).toEqual(['pending', 'received', 'sent', 'delivered', 'read', 'failed']);
    expect(STATUS_ORDER.map(statusRank)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(advanceStatus('read', 'delivered')).toBe('read');
    expect(advanceStatus('delivered', 'read')).toBe('read');
    expect(advanceStatus('read', 'failed')).toBe('failed');
    expect(advanceStatus('failed', 'read')).toBe('failed');
    expect(callStatusRank('completed')).toBeGreaterThan(callStatusRank('in-progress'));
    expect(callStatusRank('whatever')).toBe(-1);
  });
});

/** Ana's outbound message at minute 0 after these status reports ([status, minute, event id?]), in this arrival order. */
const afterReports = (reports: readonly (readonly [MessageStatus, number, string?])[]) => {
  const s = store();
  s.ingest(msg({ pmid: 'o1', direction: 'outbound', minute: 0 }));
  for (const [status, minute, id] of reports) s.ingest(statusEvent('o1', status, { minute, ...(id !== undefined ? { id } : {}) }));
  return only(s);
};

describe('status events', () => {
  it('only move forward, whatever the arrival order, and keep the first time of each status', () => {
    const e = afterReports([
      ['read', 3],
      ['delivered', 1],
      ['sent', 0.5],
      ['read', 4, 'read-again'],
    ]);
    expect(e.status).toBe('read');
    expect(e.statusAt).toEqual({ sent: at(0.5), delivered: at(1), read: at(3) });
  });

  it('never shows a stage later than the stage after it (reports that arrive out of order, with their arrival as their time)', () => {
    // Twilio: delivered reported at minute 1, sent only at minute 2, read at minute 3.
    expect(
      afterReports([
        ['delivered', 1],
        ['sent', 2],
        ['read', 3],
      ]).statusAt,
    ).toEqual({ sent: at(1), delivered: at(1), read: at(3) });
    // A read reported before the delivery bounds it too; a failure stands apart.
    expect(
      afterReports([
        ['read', 2],
        ['delivered', 4],
        ['failed', 1],
      ]).statusAt,
    ).toEqual({ delivered: at(2), read: at(2), failed: at(1) });
  });

  it('a failure for some recipients of a message only (a bounce for one Cc address) is partial: the status stays the others\' stage', () => {
    const email = (): Message => {
      const m = msg({ channel: 'email', pmid: 'e1', direction: 'outbound', minute: 0, customer: 'email:ana@x.com', email: { messageId: 'e1@shop' } });
      return { ...m, recipients: [ident('email:ana@x.com'), ident('email:old@y.com')] };
    };
    const bounceOld = statusEvent('e1', 'failed', { channel: 'email', minute: 2, actor: 'email:old@y.com', error: { code: '5.1.1' } });
    const delivered = statusEvent('e1', 'delivered', { channel: 'email', minute: 1 });
    const mailStore = () => createTimelineStore({ identities: createIdentityMap([['email:ana@x.com', 'ana']]) });
    for (const order of [[email(), delivered, bounceOld], [bounceOld, email(), delivered], [delivered, bounceOld, email()]]) {
      const s = mailStore();
      for (const item of order) s.ingest(item);
      const e = only(s);
      expect(e.status).toBe('delivered');
      expect(e.statusAt).toEqual({ delivered: at(1) });
      expect(e.failure).toEqual({ code: '5.1.1', at: at(2), partial: true, recipients: ['old@y.com'] });
    }
    // A bounce for the customer whose timeline shows the email is a failure, whoever else got it.
    const forAna = mailStore();
    forAna.ingest(email());
    forAna.ingest(statusEvent('e1', 'failed', { channel: 'email', minute: 2, actor: 'email:ana@x.com' }));
    expect(only(forAna).status).toBe('failed');
    // So is one naming an address the email was not sent to (an alias a server forwarded to): nobody can tell who got it.
    const alias = mailStore();
    alias.ingest(email());
    alias.ingest(statusEvent('e1', 'failed', { channel: 'email', minute: 2, actor: 'email:old@mail.y.com' }));
    expect(only(alias).status).toBe('failed');
    // The recipients as reported, one spelling each, the same in any order.
    const spellings = [statusEvent('e1', 'failed', { channel: 'email', minute: 2, actor: 'email:old@y.com' }), { ...statusEvent('e1', 'failed', { channel: 'email', minute: 3, id: 'again' }), actor: [{ ...ident('email:old@y.com'), value: 'Old@Y.com' }] }];
    for (const order of [spellings, [...spellings].reverse()]) {
      const t = mailStore();
      t.ingest(email());
      for (const ev of order) t.ingest(ev);
      expect(only(t).failure?.recipients).toEqual(['Old@Y.com']);
    }
    // Failed for every recipient: failed, as a whole.
    const s = mailStore();
    s.ingest(email());
    s.ingest(bounceOld);
    s.ingest(statusEvent('e1', 'failed', { channel: 'email', minute: 3, actor: 'email:ana@x.com', id: 'bounce-ana' }));
    expect(only(s).status).toBe('failed');
    expect(only(s).failure).toEqual({ code: '5.1.1', at: at(2) });
  });

  it('gives a redelivered reaction, or an event id reused by another kind of event, the same result in any arrival order', () => {
    const m = msg({ pmid: 'w1', minute: 0 });
    // One reaction delivered twice, its time spelled two ways (the same instant).
    const r1 = reactionEvent('w1', '👍', { minute: 6, id: 'r1' });
    const r2 = { ...r1, occurredAt: r1.occurredAt.replace('.000Z', 'Z') };
    // A delete and a reaction that reuse one event id.
    const del = deleteEvent('w1', { minute: 4, id: 'ev2' });
    const react = reactionEvent('w1', '🙏', { minute: 4, id: 'ev2', actor: 'phone:+5511900000001' });
    const views = [
      [m, r1, r2, del, react],
      [r2, r1, react, del, m],
      [del, m, r2, react, r1],
    ].map((order) => {
      const s = store();
      for (const item of order) s.ingest(item);
      return only(s);
    });
    for (const v of views) expect(v).toEqual(views[0]);
    // Two statuses reusing one id are two events too; the same one delivered twice is one.
    const o = msg({ pmid: 'o9', direction: 'outbound', minute: 0 });
    const delivered = statusEvent('o9', 'delivered', { minute: 1, id: 'st' });
    const read = statusEvent('o9', 'read', { minute: 2, id: 'st' });
    for (const order of [[o, delivered, read, read], [read, delivered, read, o]]) {
      const s = store();
      for (const item of order) s.ingest(item);
      expect(only(s).statusAt).toEqual({ delivered: at(1), read: at(2) });
      expect(s.stats().pendingEvents).toBe(0);
    }
    const held = store();
    for (const item of [delivered, read, read]) held.ingest(item);
    expect(held.stats().pendingEvents).toBe(2);
    // One actor's reactions, one id reused at two times among them: the latest shows, in any order.
    const ra = { ...reactionEvent('w1', '👍', { minute: 1, id: 'ev-b' }) };
    const rb = reactionEvent('w1', '❤️', { minute: 0, id: 'whatsapp:other' });
    const rc = { ...reactionEvent('w1', '👍', { minute: 0, id: 'ev-b' }) };
    const shown = [
      [m, ra, rb, rc],
      [rc, m, rb, ra],
      [rb, rc, ra, m],
    ].map((order) => {
      const s = store();
      for (const item of order) s.ingest(item);
      return only(s).reactions;
    });
    for (const r of shown) expect(r).toEqual(shown[0]);
    expect(views[0]!.deleted).toBe(true);
    expect(views[0]!.reactions?.map((x) => x.emoji).sort()).toEqual(['👍', '🙏']);
  });

  it('failed is terminal and carries the provider error', () => {
    const s = store();
    s.ingest(msg({ pmid: 'o1', direction: 'outbound', minute: 0 }));
    s.ingest(statusEvent('o1', 'failed', { minute: 2, error: { code: '131026', title: 'Message undeliverable' } }));
    s.ingest(statusEvent('o1', 'read', { minute: 3 }));
    const e = only(s);
    expect(e.status).toBe('failed');
    expect(e.failure).toEqual({ code: '131026', title: 'Message undeliverable', at: at(2) });
  });

  it('are held when they arrive before their message, then applied', () => {
    const s = store();
    s.ingest(statusEvent('o1', 'delivered', { minute: 1 }));
    s.ingest(editEvent('o1', 'fixed', { minute: 2 }));
    s.ingest(statusEvent('o1', 'delivered', { minute: 1 })); // redelivered: waits once
    expect(s.stats().pendingEvents).toBe(2);
    s.ingest(msg({ pmid: 'o1', direction: 'outbound', minute: 0, text: 'fxed' }));
    expect(s.stats().pendingEvents).toBe(0);
    expect(only(s)).toMatchObject({ status: 'delivered', text: 'fixed' });
  });

  it('target the provider id within the same channel only', () => {
    const s = store();
    s.ingest(msg({ channel: 'whatsapp', pmid: 'same', direction: 'outbound', minute: 0 }));
    s.ingest(msg({ channel: 'sms', pmid: 'same', direction: 'outbound', minute: 1 }));
    s.ingest(statusEvent('same', 'read', { channel: 'sms', minute: 2 }));
    const [wa, sms] = s.timelineOf('ana').entries;
    expect(wa?.status).toBe('sent');
    expect(sms?.status).toBe('read');
  });

  it('watermarks mark every outbound message of the conversation up to the watermark, including later arrivals', () => {
    const s = store();
    const conv = 'messenger:chat:42';
    const o = (pmid: string, minute: number) =>
      msg({ channel: 'messenger', pmid, customer: ANA, direction: 'outbound', minute, conversationId: conv });
    s.ingest(o('m1', 0));
    s.ingest(msg({ channel: 'messenger', pmid: 'in1', customer: ANA, minute: 0.5, conversationId: conv }));
    s.ingest(watermarkEvent(conv, 'read', 1, { channel: 'messenger', minute: 5 }));
    s.ingest(o('m2', 1)); // arrives after the receipt; occurredAt == watermark
    s.ingest(o('m3', 2)); // after the watermark
    s.ingest(watermarkEvent(conv, 'delivered', 2, { channel: 'messenger', minute: 3 }));
    const byId = new Map(s.timelineOf('ana').entries.map((e) => [e.providerMessageId, e]));
    expect(byId.get('m1')?.status).toBe('read');
    expect(byId.get('m1')?.statusAt).toEqual({ delivered: at(3), read: at(5) });
    expect(byId.get('m2')?.status).toBe('read');
    expect(byId.get('m3')?.status).toBe('delivered');
    expect(byId.get('in1')?.status).toBe('received'); // inbound messages are not ours to mark
  });

  it('a long conversation with a watermark per read reads in linear time', () => {
    // Each entry used to scan every receipt of its conversation: 4,000 messages and 4,000 receipts
    // took 7 s per read, 8,000 of each about a minute.
    const s = store();
    const conv = 'messenger:chat:42';
    const n = 8000;
    for (let i = 0; i < n; i++) s.ingest(msg({ channel: 'messenger', pmid: `m${i}`, customer: ANA, direction: 'outbound', minute: i, conversationId: conv }));
    for (let i = 0; i < n; i++) s.ingest(watermarkEvent(conv, i % 2 === 0 ? 'delivered' : 'read', i, { channel: 'messenger', minute: i + 1 }));
    const entries = s.timelineOf('ana').entries;
    expect(entries).toHaveLength(n);
    // Message i is delivered by receipt i (or i + 1) and read by the first odd receipt at or after it.
    expect(entries[0]?.statusAt).toEqual({ delivered: at(1), read: at(2) });
    expect(entries[n - 2]?.statusAt).toEqual({ delivered: at(n - 1), read: at(n) });
    expect(entries[n - 1]?.status).toBe('read');
  });

  it('a status event with neither target nor watermark is counted as ignored', () => {
    const s = store();
    s.ingest({ ...statusEvent('x', 'read'), targetMessageId: undefined } as never);
    expect(s.stats().ignoredEvents).toBe(1);
  });
});

describe('edits, unsends, reactions', () => {
  it('edits keep the history of earlier texts with their times, in event order whatever the arrival order', () => {
    const s = store();
    s.ingest(editEvent('m1', 'third', { minute: 3 }));
    s.ingest(msg({ pmid: 'm1', minute: 0, text: 'first' }));
    s.ingest(editEvent('m1', 'second', { minute: 1 }));
    s.ingest(editEvent('m1', 'second', { minute: 1 })); // redelivered edit
    const e = only(s);
    expect(e.text).toBe('third');
    expect(e.editedAt).toBe(at(3));
    expect(e.edits).toEqual([
      { text: 'first', at: at(0) },
      { text: 'second', at: at(1) },
    ]);
    expect(e.message.text).toBe('first');
  });

  it('an unsend hides the text and keeps the entry', () => {
    const s = store();
    s.ingest(msg({ pmid: 'm1', minute: 0, text: 'oops' }));
    s.ingest(editEvent('m1', 'oops!', { minute: 1 }));
    s.ingest(deleteEvent('m1', { minute: 2 }));
    const e = only(s);
    expect(e.deleted).toBe(true);
    expect(e.deletedAt).toBe(at(2));
    expect(e.text).toBeUndefined();
    expect(e.edits).toBeUndefined();
    expect(e.attachments).toEqual([]);
  });

  it('reactions: per actor the latest wins and a removal clears', () => {
    const s = store();
    s.ingest(msg({ pmid: 'o1', direction: 'outbound', minute: 0 }));
    s.ingest(reactionEvent('o1', '😀', { actor: ANA, minute: 1 }));
    s.ingest(reactionEvent('o1', '👍🏻', { actor: ANA, minute: 2 }));
    s.ingest(reactionEvent('o1', '❤️', { actor: 'phone:+15550000000', minute: 1 }));
    s.ingest(reactionEvent('o1', '😡', { actor: 'phone:+15550000001', minute: 1 }));
    s.ingest(reactionEvent('o1', undefined, { actor: 'phone:+15550000001', minute: 3 }));
    expect(only(s).reactions).toEqual([
      { actor: 'phone:+15550000000', emoji: '❤️', at: at(1) },
      { actor: ANA, emoji: '👍🏻', at: at(2) },
    ]);
  });

  it('reactions: an actor with several at once (Telegram) shows the whole latest set', () => {
    const s = store();
    s.ingest(msg({ pmid: 'o1', direction: 'outbound', minute: 0 }));
    s.ingest({ ...reactionEvent('o1', '👍', { actor: ANA, minute: 1 }), emojis: ['👍', '❤️'] });
    s.ingest(reactionEvent('o1', '🙏', { actor: 'phone:+15550000000', minute: 1 }));
    expect(only(s).reactions).toEqual([
      { actor: 'phone:+15550000000', emoji: '🙏', at: at(1) },
      { actor: ANA, emoji: '👍', at: at(1) },
      { actor: ANA, emoji: '❤️', at: at(1) },
    ]);
    s.ingest(reactionEvent('o1', '❤️', { actor: ANA, minute: 2 }));
    expect(only(s).reactions?.filter((r) => r.actor === ANA)).toEqual([{ actor: ANA, emoji: '❤️', at: at(2) }]);
  });

  it('reactions that all were removed leave no reactions field', () => {
    const s = store();
    s.ingest(msg({ pmid: 'o1', minute: 0 }));
    s.ingest(reactionEvent('o1', undefined, { actor: ANA, minute: 3 }));
    s.ingest(reactionEvent('o1', '😀', { actor: ANA, minute: 1 }));
    expect(only(s).reactions).toBeUndefined();
  });
});

describe('floods of events (untrusted senders)', () => {
  it('a receipt repeated with other observation times is one event', () => {
    // A web chat widget resends `read` for a message that never arrives: same id, same content,
    // only the time its actor was observed differs.
    const s = store();
    for (let i = 0; i < 50; i++) {
      const ev = statusEvent('ghost', 'read', { channel: 'webchat', id: 'webchat:ghost:read:visitor', actor: ANA });
      s.ingest({ ...ev, actor: [{ ...ident(ANA), provenance: { channel: 'webchat', source: 'webchat', observedAt: at(i) } }] });
    }
    expect(s.stats().pendingEvents).toBe(1);
  });

  it('many events on one message, one conversation or one missing target are all kept, in linear time', () => {
    // Each of these took a minute or more when every insert compared against every earlier event.
    const s = store();
    const n = 20_000;
    s.ingest(msg({ pmid: 'm1', minute: 0, text: 'first' }));
    for (let i = 1; i <= n; i++) {
      s.ingest(editEvent('m1', `text ${i}`, { minute: i }));
      s.ingest(statusEvent('ghost', 'read', { id: `read-${i}`, minute: i }));
    }
    const e = only(s);
    expect(e.text).toBe(`text ${n}`);
    expect(e.edits).toHaveLength(n);
    expect(s.stats().pendingEvents).toBe(n);
    expect(s.waitingEvents()).toHaveLength(n);
  });
});
