import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outboundFromStatuses } from '../../src/timeline/outbound-from-statuses.js';
import { createOmnichannelHub } from '../../src/timeline/omnichannel-hub.js';
import { createTimelineStore } from '../../src/timeline/timeline-store.js';
import { toTimelineJson } from '../../src/timeline/to-timeline-json.js';
import { rec, testScorer } from '../resolve/_scorer.js';
import { at, editEvent, msg, statusEvent } from './_build.js';

const ANA = 'phone:+5511987654321';

describe('outboundFromStatuses', () => {
  it('makes one outbound message per target of waiting statuses: who it went to, when, where, with no text', () => {
    const events = [
      statusEvent('wamid.OUT1', 'read', { minute: 3, actor: ANA }),
      statusEvent('wamid.OUT1', 'sent', { minute: 1, actor: ANA }),
      statusEvent('SM1', 'failed', { channel: 'sms', minute: 2, actor: ANA }),
      editEvent('wamid.IN9', 'fixed', { minute: 2, actor: ANA }), // an edit says nothing of an outbound message
      statusEvent('wamid.IN8', 'received', { minute: 2, actor: ANA }),
    ];
    const batch = outboundFromStatuses(events);
    expect(batch.messages.map((m) => [m.id, m.providerMessageId, m.direction, m.occurredAt, m.recipients.map((r) => r.key), m.text, m.extra])).toEqual([
      ['sms:SM1', 'SM1', 'outbound', at(2), [ANA], undefined, { known_from: 'statuses' }],
      ['whatsapp:wamid.OUT1', 'wamid.OUT1', 'outbound', at(1), [ANA], undefined, { known_from: 'statuses' }],
    ]);
    expect(batch.records.map((r) => [r.id, r.identifiers.map((i) => i.key), r.observedAt])).toEqual([[`statuses:${ANA}`, [ANA], at(1)]]);
    expect(batch.events).toEqual([]);
  });

  it('makes nothing of statuses that name no recipient (an agent reading a customer\'s web-chat message)', () => {
    expect(outboundFromStatuses([statusEvent('m1', 'read', { channel: 'webchat', minute: 1 })]).messages).toEqual([]);
  });

  it('gives the same batch whatever the order of the events', () => {
    const events = [
      statusEvent('a', 'sent', { minute: 1, actor: ANA }),
      statusEvent('a', 'delivered', { minute: 2, actor: ANA }),
      statusEvent('a', 'read', { minute: 2, actor: 'phone:+5511900000000' }),
      statusEvent('b', 'read', { channel: 'sms', minute: 5, actor: ANA }),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (shuffled) => {
        expect(outboundFromStatuses(shuffled)).toEqual(outboundFromStatuses(events));
      }),
    );
  });

  it('in a store, the waiting receipts fold into the message it makes, and the real message later fills in its text', () => {
    const store = createTimelineStore();
    store.assign(ANA, 'ana');
    store.ingest([msg({ pmid: 'IN1', customer: ANA, minute: 0, text: 'oi' }), statusEvent('OUT1', 'delivered', { minute: 2, actor: ANA }), statusEvent('OUT1', 'read', { minute: 4, actor: ANA })]);
    expect(store.waitingEvents().map((e) => e.id)).toEqual(['whatsapp:status-delivered:OUT1:2', 'whatsapp:status-read:OUT1:4']);
    store.ingest(outboundFromStatuses(store.waitingEvents()).messages);
    expect(store.waitingEvents()).toEqual([]);
    const entries = store.timelineOf('ana').entries;
    expect(entries.map((e) => [e.id, e.direction, e.status, e.text])).toEqual([
      ['whatsapp:IN1', 'inbound', 'received', 'oi'],
      ['whatsapp:OUT1', 'outbound', 'read', undefined],
    ]);
    store.ingest(msg({ pmid: 'OUT1', customer: ANA, direction: 'outbound', minute: 2, receivedMinute: 9, text: 'Seu pedido saiu', status: 'sent' }));
    expect(store.timelineOf('ana').entries.map((e) => [e.id, e.status, e.text])).toEqual([
      ['whatsapp:IN1', 'received', 'oi'],
      ['whatsapp:OUT1', 'read', 'Seu pedido saiu'],
    ]);
  });

  it('in a hub, a customer the business wrote to and who never answered becomes a person', () => {
    const hub = createOmnichannelHub({ scorer: testScorer });
    hub.addContacts([rec('crm-1', 'Ana Souza', [['phone', '+5511987654321']])]);
    hub.ingest({ records: [], messages: [], events: [statusEvent('OUT1', 'read', { minute: 4, actor: ANA })], unsupported: [], issues: [] });
    expect(hub.timeline.persons()).toEqual([]);
    hub.ingest(outboundFromStatuses(hub.timeline.waitingEvents()));
    const person = hub.resolver.personOf('crm-1') as string;
    expect(toTimelineJson(hub.timeline, person).messages.map((m) => [m.id, m.direction, m.status])).toEqual([['whatsapp:OUT1', 'outbound', 'read']]);
  });
});
