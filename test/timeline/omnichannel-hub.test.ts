import { describe, expect, it } from 'vitest';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';
import type { Message } from '../../src/model/message.js';
import { rec, testScorer } from '../resolve/_scorer.js';
import { restoreResolver, snapshotResolver } from '../../src/resolve/snapshot.js';
import { createOmnichannelHub } from '../../src/timeline/omnichannel-hub.js';

const at = (m: number) => new Date(Date.UTC(2026, 2, 2, 13, m)).toISOString();
function message(id: string, channel: 'whatsapp' | 'voice' | 'email', key: string, minute: number): Message {
  const [kind, value] = key.split(':') as ['phone' | 'email', string];
  return {
    id: `${channel}:${id}`,
    channel,
    provider: channel === 'voice' ? 'twilio' : channel,
    providerMessageId: id,
    conversation: { id: `${channel}:chat:${value}`, kind: 'private' },
    direction: 'inbound',
    kind: 'text',
    occurredAt: at(minute),
    receivedAt: at(minute),
    sender: [{ kind, value, key, verified: true }],
    recipients: [],
    text: id,
    attachments: [],
    status: 'received',
  };
}
const batch = (records: NormalizedBatch['records'], messages: Message[]): NormalizedBatch => ({ records, messages, events: [], unsupported: [], issues: [] });

describe('OmnichannelHub', () => {
  it('places each channel message with its person, and interleaves timelines when a record links them', () => {
    const hub = createOmnichannelHub({ scorer: testScorer });
    hub.ingest(batch([{ ...rec('wa', 'Ana Souza', [['phone', '+5511987654321']]), channel: 'whatsapp' }], [message('m1', 'whatsapp', 'phone:+5511987654321', 0)]));
    hub.ingest(batch([{ ...rec('mail', 'Ana Souza', [['email', 'ana@x.com']]), channel: 'email' }], [message('m2', 'email', 'email:ana@x.com', 5)]));
    expect(hub.resolver.persons()).toHaveLength(2);
    expect(hub.timeline.persons()).toHaveLength(2);

    const { changes } = hub.addContacts([rec('crm', 'Ana Souza', [['phone', '+5511987654321'], ['email', 'ana@x.com']])]);
    expect(changes.map((c) => c.type)).toEqual(['merged']);
    const person = hub.resolver.personOf('wa')!;
    expect(hub.timeline.persons()).toEqual([person]);
    expect(hub.timeline.timelineOf(person).entries.map((e) => e.text)).toEqual(['m1', 'm2']);

    // An agent splits the email record out again: the email goes back to its own timeline.
    hub.apply((r) => r.split(person, ['mail']));
    expect(hub.timeline.timelineOf(hub.resolver.personOf('wa')!).entries.map((e) => e.text)).toEqual(['m1']);
    expect(hub.timeline.timelineOf(hub.resolver.personOf('mail')!).entries.map((e) => e.text)).toEqual(['m2']);
  });

  it('moves messages for every resolver change: made on hub.resolver directly, or by an apply that throws half-way', () => {
    const hub = createOmnichannelHub({ scorer: testScorer });
    hub.ingest(batch([{ ...rec('wa', 'Ana Souza', [['phone', '+5511987654321']]), channel: 'whatsapp' }], [message('m1', 'whatsapp', 'phone:+5511987654321', 0)]));
    hub.ingest(batch([{ ...rec('mail', 'Bia Lima', [['email', 'bia@x.com']]), channel: 'email' }], [message('m2', 'email', 'email:bia@x.com', 5)]));
    const texts = (record: string) => hub.timeline.timelineOf(hub.resolver.personOf(record)!).entries.map((e) => e.text);

    hub.resolver.link('wa', 'mail'); // not through hub.apply
    expect(texts('wa')).toEqual(['m1', 'm2']);
    hub.resolver.unlink('wa', 'mail');
    expect([texts('wa'), texts('mail')]).toEqual([['m1'], ['m2']]);

    // The first decision holds (the resolver made it) and its messages move, though the second throws.
    expect(() =>
      hub.apply((r) => {
        r.link('wa', 'mail');
        return r.unmerge('no-such-person');
      }),
    ).toThrow();
    expect(hub.resolver.personOf('wa')).toBe(hub.resolver.personOf('mail'));
    expect(texts('wa')).toEqual(['m1', 'm2']);
  });

  it('takes a contact list of 160,000 rows in one call (its changes are not spread onto the stack)', () => {
    const hub = createOmnichannelHub({ scorer: testScorer });
    const rows = Array.from({ length: 160_000 }, (_, i) => rec(`crm-${i}`, undefined, [['email', `c${i}@x.com`]]));
    expect(hub.addContacts(rows).changes).toHaveLength(160_000);
    // The customer writes in: the email joins the CRM row's person, and so does the message.
    hub.ingest(batch([{ ...rec('mail', undefined, [['email', 'c159999@x.com']]), channel: 'email' }], [message('m1', 'email', 'email:c159999@x.com', 1)]));
    expect(hub.resolver.personOf('mail')).toBe(hub.resolver.personOf('crm-159999'));
    expect(hub.timeline.timelineOf(hub.resolver.personOf('crm-159999')!).entries.map((e) => e.text)).toEqual(['m1']);
  }, 60_000);

  it('Resolver.subscribe reports the changes of every call until unsubscribed', () => {
    const hub = createOmnichannelHub({ scorer: testScorer });
    const seen: string[] = [];
    const stop = hub.resolver.subscribe((changes) => seen.push(...changes.map((c) => c.type)));
    const { changes } = hub.addContacts([rec('a', 'Ana', [['email', 'a@x.com']]), rec('b', 'Bia', [['email', 'b@x.com']])]);
    hub.resolver.link('a', 'b');
    stop();
    hub.resolver.unlink('a', 'b');
    expect(seen).toEqual([...changes.map((c) => c.type), 'merged']);
  });

  it('keeps calls from a landline two family members share apart from both', () => {
    const hub = createOmnichannelHub({ scorer: testScorer });
    hub.addContacts([rec('c-ana', 'Ana Souza', [['phone', '+551133334444'], ['phone', '+5511987654321']]), rec('c-pedro', 'Pedro Souza', [['phone', '+551133334444']])]);
    hub.ingest(batch([{ ...rec('wa', 'Ana Souza', [['phone', '+5511987654321']]), channel: 'whatsapp' }], [message('m1', 'whatsapp', 'phone:+5511987654321', 0)]));
    hub.ingest(batch([{ ...rec('call', undefined, [['phone', '+551133334444']]), channel: 'voice' }], [message('c1', 'voice', 'phone:+551133334444', 9)]));
    const ana = hub.resolver.personOf('c-ana')!;
    expect(hub.resolver.personOf('wa')).toBe(ana);
    expect(hub.resolver.personOf('call')).not.toBe(ana);
    expect(hub.resolver.personOf('call')).not.toBe(hub.resolver.personOf('c-pedro'));
    expect(hub.timeline.timelineOf(ana).entries.map((e) => e.text)).toEqual(['m1']);
    expect(hub.timeline.timelineOf(hub.resolver.personOf('call')!).entries.map((e) => e.text)).toEqual(['c1']);
  });

  it('starts from a restored resolver: the same persons, and the message history placed as before', () => {
    const deliveries = [
      batch([{ ...rec('wa', 'Ana Souza', [['phone', '+5511987654321']]), channel: 'whatsapp' }], [message('m1', 'whatsapp', 'phone:+5511987654321', 0)]),
      batch([{ ...rec('mail', 'Ana Souza', [['email', 'ana@x.com']]), channel: 'email' }], [message('m2', 'email', 'email:ana@x.com', 5)]),
      batch([{ ...rec('call', undefined, [['phone', '+551133334444']]), channel: 'voice' }], [message('c1', 'voice', 'phone:+551133334444', 9)]),
    ];
    const hub = createOmnichannelHub({ scorer: testScorer });
    for (const d of deliveries) hub.ingest(d);
    // The CRM row links WhatsApp and email; it places no message itself.
    hub.addContacts([rec('crm', 'Ana Souza', [['phone', '+5511987654321'], ['email', 'ana@x.com'], ['phone', '+551133334444']])]);
    const timelines = (h: typeof hub) => h.timeline.persons().map((p) => [p, h.timeline.timelineOf(p).entries.map((e) => e.text)]);

    const restored = restoreResolver(JSON.parse(JSON.stringify(snapshotResolver(hub.resolver))), { scorer: testScorer });
    if (!restored.success) throw new Error('restore failed');
    const again = createOmnichannelHub({ scorer: testScorer, resolver: restored.data });
    expect(again.resolver.persons()).toEqual(hub.resolver.persons());
    for (const d of deliveries) again.timeline.ingest({ ...d, records: [] });
    expect(timelines(again)).toEqual(timelines(hub));
    // And it goes on as the first would: an agent's split moves the email out.
    const person = again.resolver.personOf('wa')!;
    again.apply((r) => r.split(person, ['mail']));
    expect(again.timeline.timelineOf(again.resolver.personOf('mail')!).entries.map((e) => e.text)).toEqual(['m2']);
  });

  it('keeps a verified sender\'s messages with its person when another person only typed its number', () => {
    const verifiedPhone = { kind: 'phone' as const, value: '5511987654321', key: 'phone:+5511987654321', verified: true };
    const hub = createOmnichannelHub({ scorer: testScorer });
    hub.ingest(batch([{ id: 'whatsapp:5511987654321', channel: 'whatsapp', name: { full: 'Ana Souza' }, identifiers: [verifiedPhone] }], [message('m1', 'whatsapp', 'phone:+5511987654321', 0)]));
    // A web chat visitor types Ana's number into a form (asserted, not verified); the resolver keeps
    // the two apart (the names disagree), and the web chat record's id sorts first.
    hub.ingest(
      batch(
        [{ ...rec('webchat:v_mallory', 'Mallory Jones', [['phone', '+5511987654321'], ['email', 'mallory@evil.io']]), channel: 'webchat' }],
        [message('w1', 'email', 'email:mallory@evil.io', 5)],
      ),
    );
    const ana = hub.resolver.personOf('whatsapp:5511987654321')!;
    const mallory = hub.resolver.personOf('webchat:v_mallory')!;
    expect(ana).not.toBe(mallory);
    expect(hub.timeline.timelineOf(ana).entries.map((e) => e.text)).toEqual(['m1']);
    expect(hub.timeline.timelineOf(mallory).entries.map((e) => e.text)).toEqual(['w1']);
  });

  it('stops placing by a key a record no longer holds once it is ingested again without it', () => {
    const hub = createOmnichannelHub({ scorer: testScorer });
    // A visitor types a wrong number (Carla's), then corrects it: the record's latest version holds only the right one.
    hub.ingest(batch([{ ...rec('webchat:v1', 'Bob Lee', [['phone', '+5511911112222']]), channel: 'webchat' }], []));
    hub.ingest(batch([{ ...rec('webchat:v1', 'Bob Lee', [['phone', '+5511933334444']]), channel: 'webchat' }], []));
    // Carla calls from her number: nobody the hub knows holds it now.
    hub.ingest(batch([], [message('c1', 'voice', 'phone:+5511911112222', 3), message('b1', 'voice', 'phone:+5511933334444', 4)]));
    const bob = hub.resolver.personOf('webchat:v1')!;
    expect(hub.timeline.timelineOf(bob).entries.map((e) => e.text)).toEqual(['b1']);
    expect(hub.timeline.identities.personOf('phone:+5511911112222')).toBeUndefined();
    // And a key a record stops holding verified no longer wins as verified.
    const verified = { kind: 'phone' as const, value: '+5511955556666', key: 'phone:+5511955556666', verified: true };
    hub.ingest(batch([{ id: 'whatsapp:a', channel: 'whatsapp', name: { full: 'Ana Souza' }, identifiers: [verified] }], []));
    hub.ingest(batch([{ ...rec('webchat:v2', 'Davi Rocha', [['phone', '+5511955556666']]), channel: 'webchat' }], []));
    hub.ingest(batch([{ id: 'whatsapp:a', channel: 'whatsapp', name: { full: 'Ana Souza' }, identifiers: [{ ...verified, verified: false }] }], []));
    hub.ingest(batch([], [message('a1', 'voice', 'phone:+5511955556666', 5)]));
    // Both hold it unverified now: the smallest record id places it, as for any asserted key.
    expect(hub.timeline.identities.personOf('phone:+5511955556666')).toBe(hub.resolver.personOf('webchat:v2'));
  });
});
