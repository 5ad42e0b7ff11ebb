import { describe, expect, it } from 'vitest';
import { parseSubject } from '../../src/timeline/_conversations.js';
import { createIdentityMap } from '../../src/timeline/identity-map.js';
import { DEFAULT_SESSION_GAP_MS } from '../../src/timeline/timeline-options.js';
import { createTimelineStore } from '../../src/timeline/timeline-store.js';
import type { EmailDetails } from '../../src/model/message.js';
import { type MsgSpec, msg } from './_build.js';

const ANA_PHONE = 'phone:+5511987654321';
const ANA_MAIL = 'email:ana@example.com';
const ANA_PSID = 'user_id:messenger:page:1:42';
const BEA_MAIL = 'email:bea@example.com';

const store = (gap?: number) =>
  createTimelineStore({
    identities: createIdentityMap([
      [ANA_PHONE, 'ana'],
      [ANA_MAIL, 'ana'],
      [ANA_PSID, 'ana'],
      [BEA_MAIL, 'bea'],
    ]),
    ...(gap !== undefined ? { sessionGapMs: gap } : {}),
  });

const mail = (pmid: string, minute: number, email: Partial<EmailDetails>, extra: MsgSpec = {}) =>
  msg({ channel: 'email', pmid, customer: ANA_MAIL, minute, email, conversationId: `email:thread:${pmid}`, ...extra });

const convOf = (s: ReturnType<typeof store>, person = 'ana') => s.timelineOf(person).entries.map((e) => [e.providerMessageId, e.conversationId]);

describe('email threads', () => {
  it('thread by Message-ID / In-Reply-To / References, and never cut by the gap', () => {
    const s = store();
    s.ingest(mail('m1', 0, { messageId: 'root@shop', subject: 'Order 1001' }));
    s.ingest(mail('m2', 60 * 24 * 3, { messageId: 'r1@ana', inReplyTo: ['root@shop'], references: ['root@shop'], subject: 'Re: Order 1001' }, { direction: 'inbound' }));
    // A client that drops In-Reply-To but keeps References.
    s.ingest(mail('m3', 60 * 24 * 4, { messageId: 'r2@ana', references: ['root@shop', 'r1@ana'], subject: 'Re: Order 1001' }));
    s.ingest(mail('m4', 10, { messageId: 'other@shop', subject: 'Newsletter' }));
    expect(convOf(s)).toEqual([
      ['m1', 'conv:email:m1'],
      ['m4', 'conv:email:m4'],
      ['m2', 'conv:email:m1'],
      ['m3', 'conv:email:m1'],
    ]);
    const [thread] = s.conversationsOf('ana');
    expect(thread).toMatchObject({ kind: 'thread', subject: 'Order 1001', messageCount: 3, channels: ['email'] });
  });

  it('joins threads through a shared root even when the root itself is missing, and accepts <bracketed> ids', () => {
    const s = store();
    s.ingest(mail('a', 0, { messageId: 'a@x', references: ['<gone@x>'] }));
    s.ingest(mail('b', 5, { messageId: 'b@x', inReplyTo: ['gone@x'] }));
    expect(new Set(convOf(s).map(([, c]) => c))).toEqual(new Set(['conv:email:a']));
  });

  it("joins an Outlook reply that names no parent to its original by the Thread-Index conversation", () => {
    const s = store();
    const threadIndex = (key: string): MsgSpec => ({ extra: { threadIndex: key } });
    s.ingest(mail('m1', 0, { messageId: 'a1@x', subject: 'Order 1001' }, threadIndex('AdqzTh8gMDEyMzQ1Njc4OTo7PD0+Pw==')));
    // Days later, no References or In-Reply-To, a subject of its own: only Thread-Index ties it.
    s.ingest(mail('m2', 60 * 24 * 3, { messageId: 'b1@x', subject: 'delivery address' }, { ...threadIndex('AdqzTh8gMDEyMzQ1Njc4OTo7PD0+Pw=='), direction: 'inbound' }));
    s.ingest(mail('m3', 60 * 24 * 3 + 5, { messageId: 'c1@x', subject: 'invoice' }, threadIndex('AdqzTh8gZWZnaGlqa2xtbm9wcXJzdA==')));
    expect(convOf(s)).toEqual([
      ['m1', 'conv:email:m1'],
      ['m2', 'conv:email:m1'],
      ['m3', 'conv:email:m3'],
    ]);
  });

  it('falls back on a reply subject only without threading headers, and only within the same person', () => {
    const s = store();
    s.ingest(mail('a1', 0, { messageId: 'a1@shop', subject: 'Refund request' }));
    s.ingest(mail('b1', 1, { messageId: 'b1@shop', subject: 'Refund request' }, { customer: BEA_MAIL }));
    s.ingest(mail('a2', 90, { messageId: 'a2@ana', subject: 'RE: AW: Refund  request' }));
    s.ingest(mail('b2', 95, { messageId: 'b2@bea', subject: 'Re: refund request' }, { customer: BEA_MAIL }));
    s.ingest(mail('a3', 100, { messageId: 'a3@ana', subject: 'Refund request' })); // not a reply: new thread
    expect(convOf(s)).toEqual([
      ['a1', 'conv:email:a1'],
      ['a2', 'conv:email:a1'],
      ['a3', 'conv:email:a3'],
    ]);
    expect(convOf(s, 'bea')).toEqual([
      ['b1', 'conv:email:b1'],
      ['b2', 'conv:email:b1'],
    ]);
  });

  it('auto-replies and bounces join the thread they answer, or stand alone as automatic', () => {
    const s = store();
    s.ingest(mail('out', 0, { messageId: 'out@shop', subject: 'Your invoice' }, { direction: 'outbound' }));
    s.ingest(mail('ooo', 1, { messageId: 'ooo@ana', inReplyTo: ['out@shop'], autoReply: true, subject: 'Out of office' }));
    s.ingest(mail('dsn', 2, { messageId: 'dsn@mx', references: ['lost@shop'], bounce: true }));
    s.ingest(mail('next', 3, { messageId: 'n@shop', references: ['lost@shop'] }, { direction: 'outbound' }));
    expect(convOf(s)).toEqual([
      ['out', 'conv:email:out'],
      ['ooo', 'conv:email:out'],
      ['dsn', 'conv:email:dsn'],
      ['next', 'conv:email:next'],
    ]);
    const kinds = s.conversationsOf('ana').map((c) => c.kind);
    expect(kinds).toEqual(['thread', 'automatic', 'thread']);
    const e = s.timelineOf('ana').entries;
    expect(e[1]?.autoReply).toBe(true);
    expect(e[2]?.bounce).toBe(true);
  });
});

describe('sessions and journeys', () => {
  it('cuts a chat after the inactivity gap (default 30 minutes)', () => {
    expect(DEFAULT_SESSION_GAP_MS).toBe(30 * 60_000);
    const s = store();
    s.ingest(msg({ pmid: 'w1', minute: 0 }));
    s.ingest(msg({ pmid: 'w2', minute: 30 })); // exactly the gap: continues
    s.ingest(msg({ pmid: 'w3', minute: 61 })); // 31 minutes later: new session
    expect(convOf(s)).toEqual([
      ['w1', 'conv:whatsapp:w1'],
      ['w2', 'conv:whatsapp:w1'],
      ['w3', 'conv:whatsapp:w3'],
    ]);
  });

  it('honours a configured gap', () => {
    const s = store(5 * 60_000);
    s.ingest(msg({ pmid: 'w1', minute: 0 }));
    s.ingest(msg({ pmid: 'w2', minute: 6 }));
    expect(s.conversationsOf('ana')).toHaveLength(2);
  });

  it('a private chat followed within the gap by a call and an SMS of the same person is one journey', () => {
    const s = store();
    s.ingest(msg({ channel: 'messenger', pmid: 'fb1', customer: ANA_PSID, minute: 0, text: 'my parcel is late' }));
    s.ingest(msg({ channel: 'messenger', pmid: 'fb2', customer: ANA_PSID, direction: 'outbound', minute: 2 }));
    s.ingest(msg({ channel: 'voice', pmid: 'CA1', customer: ANA_PHONE, minute: 12, call: { status: 'completed', durationSeconds: 240 } }));
    s.ingest(msg({ channel: 'sms', pmid: 'SM1', customer: ANA_PHONE, direction: 'outbound', minute: 20, text: 'tracking link' }));
    s.ingest(msg({ channel: 'sms', pmid: 'SM2', customer: ANA_PHONE, minute: 120, text: 'thanks' }));
    const convs = s.conversationsOf('ana');
    expect(convs).toHaveLength(2);
    expect(convs[0]).toMatchObject({
      id: 'conv:messenger:fb1',
      kind: 'session',
      group: false,
      channels: ['messenger', 'voice', 'sms'],
      messageCount: 4,
      inbound: 2,
      outbound: 2,
      lastMessageId: 'sms:SM1',
    });
    expect(convs[0]?.providerConversationIds).toHaveLength(3);
    const one = s.conversationOf('ana', 'conv:messenger:fb1');
    expect(one?.entries.map((e) => e.channel)).toEqual(['messenger', 'messenger', 'voice', 'sms']);
    expect(s.conversationOf('ana', 'conv:nope')).toBeUndefined();
  });

  it('group chats form their own sessions and never continue a private journey', () => {
    const s = store();
    s.ingest(msg({ channel: 'telegram', pmid: 'g1', minute: 0, conversationId: 'telegram:chat:-100', conversationKind: 'group' }));
    s.ingest(msg({ channel: 'telegram', pmid: 'p1', minute: 1 }));
    s.ingest(msg({ channel: 'telegram', pmid: 'g2', minute: 2, conversationId: 'telegram:chat:-100', conversationKind: 'group' }));
    s.ingest(msg({ channel: 'sms', pmid: 's1', minute: 3 }));
    expect(convOf(s)).toEqual([
      ['g1', 'conv:telegram:g1'],
      ['p1', 'conv:telegram:p1'],
      ['g2', 'conv:telegram:g1'],
      ['s1', 'conv:telegram:p1'],
    ]);
    expect(s.conversationsOf('ana').map((c) => c.group)).toEqual([true, false]);
  });

  it('a new email thread within the gap of a chat continues the journey, and so does a chat after it; two threads stay apart', () => {
    const s = store();
    s.ingest(msg({ pmid: 'w1', minute: 0 }));
    s.ingest(mail('e1', 1, { messageId: 'e1@ana' }));
    s.ingest(msg({ pmid: 'w2', minute: 2 }));
    s.ingest(mail('e2', 3, { messageId: 'e2@ana' })); // after a chat: continues
    s.ingest(mail('e3', 4, { messageId: 'e3@ana' })); // right after an email: another thread, another topic
    s.ingest(msg({ pmid: 'w3', minute: 5 })); // continues the latest email's conversation
    s.ingest(mail('e4', 200, { messageId: 'e4@ana' })); // after the gap: its own thread
    s.ingest(mail('e1r', 201, { messageId: 'e1r@ana', inReplyTo: ['e1@ana'] })); // a reply stays in its thread
    expect(convOf(s)).toEqual([
      ['w1', 'conv:whatsapp:w1'],
      ['e1', 'conv:whatsapp:w1'],
      ['w2', 'conv:whatsapp:w1'],
      ['e2', 'conv:whatsapp:w1'],
      ['e3', 'conv:email:e3'],
      ['w3', 'conv:email:e3'],
      ['e4', 'conv:email:e4'],
      ['e1r', 'conv:whatsapp:w1'],
    ]);
  });

  it('an auto-reply or bounce neither joins nor carries a journey', () => {
    const s = store();
    s.ingest(msg({ pmid: 'w1', minute: 0 }));
    s.ingest(mail('auto', 1, { messageId: 'auto@shop', autoReply: true }));
    s.ingest(mail('e1', 2, { messageId: 'e1@ana' }));
    expect(convOf(s)).toEqual([
      ['w1', 'conv:whatsapp:w1'],
      ['auto', 'conv:email:auto'],
      ['e1', 'conv:whatsapp:w1'],
    ]);
  });
});

describe('parseSubject', () => {
  it('strips reply and forward prefixes in several languages, folds case and spaces', () => {
    expect(parseSubject('Re: Re[2]: Hello  World')).toEqual({ base: 'hello world', reply: true });
    expect(parseSubject('AW: SV: VS: Antw: hej')).toEqual({ base: 'hej', reply: true });
    expect(parseSubject('Fwd: Invoice')).toEqual({ base: 'invoice', reply: false });
    expect(parseSubject('Meeting: 10:00')).toEqual({ base: 'meeting: 10:00', reply: false });
    expect(parseSubject('  ')).toEqual({ base: '', reply: false });
  });
});
