import { describe, expect, it } from 'vitest';
import { OmnilinkError } from '../../src/model/errors.js';
import { customerKeysOf, identifierKey } from '../../src/timeline/customer-keys.js';
import { createIdentityMap, undoMergeAssignments } from '../../src/timeline/identity-map.js';
import { toTimelineJson } from '../../src/timeline/to-timeline-json.js';
import { createTimelineStore } from '../../src/timeline/timeline-store.js';
import { BUSINESS, ident, msg, rotationEvent } from './_build.js';

const ANA_PHONE = 'phone:+5511987654321';
const ANA_MAIL = 'email:ana@example.com';

describe('customer keys', () => {
  it('are the sender of an inbound message and the recipients of an outbound one', () => {
    expect(customerKeysOf(msg({ customer: ANA_PHONE }))).toEqual([ANA_PHONE]);
    expect(customerKeysOf(msg({ customer: ANA_PHONE, direction: 'outbound' }))).toEqual([ANA_PHONE]);
    const group = { ...msg({ direction: 'outbound' }), recipients: [ident(ANA_PHONE), ident(ANA_MAIL), ident(ANA_PHONE)] };
    expect(customerKeysOf(group)).toEqual([ANA_PHONE, ANA_MAIL]);
    expect(customerKeysOf({ ...msg({}), sender: [] })).toEqual([]);
    expect(identifierKey(BUSINESS)).toBe('phone:+15550000000');
    expect(identifierKey({ kind: 'user_id', value: '42', namespace: 'telegram', verified: true })).toBe('raw:user_id:telegram:42');
  });
});

describe('unassigned bucket', () => {
  it('keeps messages whose person is unknown and attaches them when their identifier gets a person', () => {
    const store = createTimelineStore();
    store.ingest(msg({ pmid: 'w1', minute: 0, customer: ANA_PHONE }));
    store.ingest(msg({ pmid: 'w2', minute: 1, customer: ANA_PHONE }));
    expect(store.unassigned().entries.map((e) => e.id)).toEqual(['whatsapp:w1', 'whatsapp:w2']);
    expect(store.unassigned().entries[0]?.conversationId).toBeUndefined();
    expect(store.persons()).toEqual([]);
    store.assign(ANA_PHONE, 'ana');
    expect(store.unassigned().entries).toEqual([]);
    expect(store.timelineOf('ana').entries.map((e) => [e.id, e.placedBy])).toEqual([
      ['whatsapp:w1', ANA_PHONE],
      ['whatsapp:w2', ANA_PHONE],
    ]);
    store.unassign(ANA_PHONE);
    expect(store.stats().unassigned).toBe(2);
    expect(store.timelineOf('ana').entries).toEqual([]);
  });

  it('places by the first customer key (in message order) that has a person', () => {
    const store = createTimelineStore({ identities: createIdentityMap([[ANA_MAIL, 'ana-by-mail']]) });
    const m = { ...msg({ pmid: 'x', customer: ANA_PHONE }), sender: [ident(ANA_PHONE), ident(ANA_MAIL)] };
    store.ingest(m);
    expect(store.locate('whatsapp:x')).toEqual({ messageId: 'whatsapp:x', personId: 'ana-by-mail', placedBy: ANA_MAIL });
    store.assign(ANA_PHONE, 'ana-by-phone');
    expect(store.locate('whatsapp:x')).toEqual({ messageId: 'whatsapp:x', personId: 'ana-by-phone', placedBy: ANA_PHONE });
  });
});

describe('merge and split', () => {
  it('merged timelines interleave; the split puts every message back exactly, with its provenance', () => {
    const identities = createIdentityMap([
      [ANA_PHONE, 'p-phone'],
      [ANA_MAIL, 'p-mail'],
    ]);
    const store = createTimelineStore({ identities });
    store.ingest(msg({ pmid: 'w1', minute: 0, customer: ANA_PHONE }));
    store.ingest(msg({ channel: 'email', pmid: 'e1', minute: 1, customer: ANA_MAIL, email: { messageId: 'e1@x' } }));
    store.ingest(msg({ pmid: 'w2', minute: 2, customer: ANA_PHONE }));
    const before = [toTimelineJson(store, 'p-phone'), toTimelineJson(store, 'p-mail')];

    const record = store.mergePersons('p-phone', 'p-mail');
    expect(record).toEqual({ survivor: 'p-phone', absorbed: 'p-mail', keys: [ANA_MAIL, 'person:p-mail'] });
    expect(store.timelineOf('p-phone').entries.map((e) => [e.id, e.placedBy])).toEqual([
      ['whatsapp:w1', ANA_PHONE],
      ['email:e1', ANA_MAIL],
      ['whatsapp:w2', ANA_PHONE],
    ]);
    expect(store.timelineOf('p-mail').personId).toBe('p-phone'); // the absorbed id redirects
    expect(store.persons()).toEqual(['p-phone']);
    expect(store.identitiesOf('p-phone').map((i) => [i.key, i.placed])).toEqual([
      [ANA_MAIL, 1],
      [ANA_PHONE, 2],
    ]);

    store.splitPerson('p-phone', undoMergeAssignments(record));
    expect([toTimelineJson(store, 'p-phone'), toTimelineJson(store, 'p-mail')]).toEqual(before);
    expect(store.persons()).toEqual(['p-mail', 'p-phone']);
  });

  it('merging a person with itself does nothing; splitting a key of another person is misuse', () => {
    const store = createTimelineStore({ identities: createIdentityMap([[ANA_PHONE, 'a'], [ANA_MAIL, 'b']]) });
    expect(store.mergePersons('a', 'a')).toEqual({ survivor: 'a', absorbed: 'a', keys: [] });
    expect(() => store.splitPerson('a', { [ANA_MAIL]: 'c' })).toThrow(OmnilinkError);
    expect(() => store.assign('', 'a')).toThrow(/non-empty/);
  });

  it('merges follow chains: a person absorbed earlier follows its survivor into the next merge', () => {
    const ids = createIdentityMap([['k:a', 'a'], ['k:b', 'b'], ['k:c', 'c']]);
    ids.merge('b', 'a');
    ids.merge('c', 'b');
    expect(ids.resolvePerson('a')).toBe('c');
    expect(ids.personOf('k:a')).toBe('c');
    expect(ids.keysOf('a')).toEqual(['k:a', 'k:b', 'k:c']);
  });

  it('personOf places messages by a person: key that merges and splits like the others', () => {
    const store = createTimelineStore({ personOf: (m) => m.extra?.['crmId'] });
    store.ingest(msg({ pmid: 'w1', minute: 0, extra: { crmId: 'crm-1' } }));
    store.ingest(msg({ pmid: 'w2', minute: 1, customer: 'phone:+4930123', extra: { crmId: 'crm-2' } }));
    store.ingest(msg({ pmid: 'w3', minute: 2, customer: 'phone:+4930999' }));
    expect(store.locate('whatsapp:w1')).toMatchObject({ personId: 'crm-1', placedBy: 'person:crm-1' });
    expect(store.stats().unassigned).toBe(1);
    const before = [toTimelineJson(store, 'crm-1'), toTimelineJson(store, 'crm-2')];
    const record = store.mergePersons('crm-1', 'crm-2');
    expect(store.timelineOf('crm-1').entries.map((e) => e.id)).toEqual(['whatsapp:w1', 'whatsapp:w2']);
    store.splitPerson('crm-1', undoMergeAssignments(record));
    expect([toTimelineJson(store, 'crm-1'), toTimelineJson(store, 'crm-2')]).toEqual(before);
  });

  it('hears changes made on the identity map directly (the resolver drives it), until detached', () => {
    const identities = createIdentityMap();
    const store = createTimelineStore({ identities });
    store.ingest(msg({ pmid: 'w1', customer: ANA_PHONE }));
    identities.assign(ANA_PHONE, 'ana');
    expect(store.persons()).toEqual(['ana']);
    store.detach();
    identities.assign(ANA_PHONE, 'other');
    expect(store.persons()).toEqual(['ana']);
  });
});

describe('identity changes', () => {
  it('two changes onto one current id: the latest decides which id it follows, whichever arrived last', () => {
    const NEW = 'user_id:whatsapp:bsuid:US.333';
    const earlier = rotationEvent('email:a@x.io', NEW, { minute: 43 });
    const later = rotationEvent('phone:+5511955554444', NEW, { minute: 65 });
    for (const order of [[earlier, later], [later, earlier]]) {
      const store = createTimelineStore({ identities: createIdentityMap([['email:a@x.io', 'ana'], ['phone:+5511955554444', 'bea']]) });
      store.ingest(msg({ pmid: 'm1', minute: 70, customer: NEW }));
      for (const ev of order) store.ingest(ev);
      expect(store.identities.aliasTargetOf(NEW)).toBe('phone:+5511955554444');
      expect(store.timelineOf('bea').entries.map((e) => e.id)).toEqual(['whatsapp:m1']);
    }
  });

  it('a WhatsApp user-id rotation keeps one timeline, whichever arrives first', () => {
    const OLD = 'user_id:whatsapp:bsuid:US.111';
    const NEW = 'user_id:whatsapp:bsuid:US.222';
    for (const order of [0, 1]) {
      const store = createTimelineStore({ identities: createIdentityMap([[OLD, 'ana']]) });
      const items = [msg({ pmid: 'before', minute: 0, customer: OLD }), rotationEvent(OLD, NEW, { minute: 1 }), msg({ pmid: 'after', minute: 2, customer: NEW })];
      store.ingest(order === 0 ? items : items.reverse());
      expect(store.timelineOf('ana').entries.map((e) => [e.id, e.placedBy])).toEqual([
        ['whatsapp:before', OLD],
        ['whatsapp:after', NEW],
      ]);
      expect(store.identities.aliasTargetOf(NEW)).toBe(OLD);
      // The rotated key follows the old one through a merge.
      store.assign('email:x@y.z', 'bea');
      store.mergePersons('bea', 'ana');
      expect(store.timelineOf('bea').entries).toHaveLength(2);
    }
  });

  it('an explicit assignment of the new key wins over the alias; other identity changes are ignored', () => {
    const store = createTimelineStore({ identities: createIdentityMap([['k:old', 'ana']]) });
    store.ingest(rotationEvent('k:old', 'k:new'));
    store.ingest({ ...rotationEvent('k:a', 'k:b'), change: 'security_code_changed' });
    store.ingest(msg({ pmid: 'n', customer: 'k:new' }));
    expect(store.locate('whatsapp:n')?.personId).toBe('ana');
    store.assign('k:new', 'bea');
    expect(store.locate('whatsapp:n')?.personId).toBe('bea');
    expect(store.stats().ignoredEvents).toBe(1);
  });
});

describe('long rotation chains', () => {
  it('a chain of rotations arriving newest first places like one arriving oldest first, in linear time', () => {
    // 4,000 rotations newest first took 16 s when each re-walked every later id of the chain.
    const n = 4000;
    const rotations = Array.from({ length: n }, (_, i) => rotationEvent(`user_id:wa:k${i}`, `user_id:wa:k${i + 1}`, { minute: i % 60, id: `rot${i}` }));
    const messages = Array.from({ length: n / 50 + 1 }, (_, j) => msg({ pmid: `m${j * 50}`, customer: `user_id:wa:k${j * 50}`, minute: j % 60 }));
    const placed = (order: typeof rotations) => {
      const s = createTimelineStore({ identities: createIdentityMap([['user_id:wa:k0', 'ana']]) });
      for (const m of messages) s.ingest(m);
      for (const r of order) s.ingest(r);
      return [s.timelineOf('ana').entries.map((e) => e.id), s.stats().unassigned];
    };
    const oldestFirst = placed(rotations);
    expect(placed([...rotations].reverse())).toEqual(oldestFirst);
    // An id follows at most 64 others: the first 64 rotations keep their messages with Ana.
    expect(oldestFirst[0]).toEqual(['whatsapp:m0', 'whatsapp:m50']);
  });
});
