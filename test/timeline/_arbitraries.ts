// Generators of messages and events over a small universe, so that duplicates, collisions,
// early events and interleavings are frequent.
import fc from 'fast-check';
import type { Channel } from '../../src/model/channel.js';
import type { Message, MessageStatus } from '../../src/model/message.js';
import type { MessageEvent } from '../../src/model/message-event.js';
import { createIdentityMap } from '../../src/timeline/identity-map.js';
import type { TimelineOptions } from '../../src/timeline/timeline-options.js';
import { consentEvent, deleteEvent, editEvent, msg, reactionEvent, rotationEvent, statusEvent, watermarkEvent } from './_build.js';

const KEYS = ['phone:+1001', 'phone:+1002', 'email:c@x.io', 'user_id:wa:bsuid:A', 'user_id:wa:bsuid:B', 'phone:+1009'];
const CHANNELS: Channel[] = ['whatsapp', 'sms', 'messenger', 'email', 'voice', 'telegram'];
export const PERSONS: readonly string[] = ['p0', 'p1', 'p2'];
const SLOTS = 8;

/** Store options; with `personOf`, messages carrying `extra.crm` are placed by it. */
export function options(withPersonOf = true): TimelineOptions {
  const base: TimelineOptions = {
    identities: createIdentityMap([
      ['phone:+1001', 'p0'],
      ['phone:+1002', 'p1'],
      ['email:c@x.io', 'p1'],
      ['user_id:wa:bsuid:A', 'p2'],
    ]),
  };
  return withPersonOf ? { ...base, personOf: (m) => m.extra?.['crm'] } : base;
}

/** How a delivery writes its times: as toISOString does, with a -03:00 offset, or without milliseconds. */
type TimeForm = 'iso' | 'offset' | 'seconds';

/** The instant `iso` (as toISOString writes it, whole seconds) spelled in `form`. */
function spell(iso: string, form: TimeForm): string {
  if (form === 'seconds') return iso.replace('.000Z', 'Z');
  return new Date(Date.parse(iso) - 3 * 3_600_000).toISOString().replace('Z', '-03:00');
}

const slotChannel = (n: number): Channel => CHANNELS[n % CHANNELS.length] as Channel;
const pmidOf = (n: number) => `m${n}`;
const messageIdOf = (n: number) => `${n}@x`;
/** The email slots (their events may name them by Message-ID). */
const EMAIL_SLOTS = Array.from({ length: SLOTS }, (_, n) => n).filter((n) => slotChannel(n) === 'email');

/** One delivery of message slot `n`: the slot fixes who and where; the delivery varies the rest. */
export const arbMessage: fc.Arbitrary<Message> = fc
  .record({
    n: fc.integer({ min: 0, max: SLOTS - 1 }),
    idForm: fc.constantFrom(0, 0, 0, 1, 2),
    status: fc.constantFrom<MessageStatus>('pending', 'sent', 'sent', 'sent', 'delivered', 'failed'),
    text: fc.constantFrom(undefined, 'a', 'a', 'b'),
    receivedDelta: fc.integer({ min: 0, max: 5 }),
    minuteDelta: fc.constantFrom(0, 0, 0, 0, 1),
    sequence: fc.constantFrom(undefined, 1, 2),
    callStatus: fc.constantFrom('ringing', 'in-progress', 'completed'),
    duration: fc.constantFrom(undefined, 30, 95),
    refs: fc.boolean(),
    auto: fc.constantFrom(false, false, false, true),
    crm: fc.constantFrom(undefined, undefined, undefined, 'p1', 'crm-9'),
    timeForm: fc.constantFrom<TimeForm>('iso', 'iso', 'iso', 'offset', 'seconds'),
    // An email slot only: another email reusing the slot's Message-ID (a client bug), with the
    // adapter's digest in its id or built without it (its id then is `email:<Message-ID>`).
    // Or the adapter's digest id with the Message-ID as provider id (its provider key then spells
    // the Message-ID key).
    twin: fc.constantFrom(undefined, undefined, undefined, undefined, 'digest', 'plain', 'pmid'),
  })
  .map((d) => {
    const channel = slotChannel(d.n);
    const direction = d.n % 3 === 0 ? 'outbound' : 'inbound';
    const minute = ((d.n * 17) % 90) + d.minuteDelta;
    const email =
      channel === 'email'
        ? {
            messageId: messageIdOf(d.n),
            ...(d.refs && d.n > 5 ? { references: [`${d.n - 6}@x`] } : {}),
            subject: d.n % 2 === 0 ? 'Re: order' : 'order',
            autoReply: d.auto,
          }
        : undefined;
    const twin = email !== undefined ? d.twin : undefined;
    const m = msg({
      channel,
      ...(twin !== undefined ? { id: `email:${messageIdOf(d.n)}${twin === 'plain' ? '' : '#twin'}` } : {}),
      ...(twin === 'pmid' ? { pmid: messageIdOf(d.n) } : {}),
      ...(twin === undefined && d.idForm !== 2 ? { pmid: pmidOf(d.n) } : {}),
      ...(twin === undefined && d.idForm !== 0 ? { id: `outbox:${d.n}` } : {}),
      customer: KEYS[d.n % KEYS.length] as string,
      direction,
      minute,
      receivedMinute: minute + d.receivedDelta,
      ...(d.text !== undefined ? { text: d.text } : {}),
      status: direction === 'inbound' ? 'received' : d.status,
      ...(d.sequence !== undefined && channel === 'telegram' ? { sequence: d.sequence } : {}),
      ...(d.n % 5 === 4 ? { conversationKind: 'group' as const, conversationId: `${channel}:group:1` } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(channel === 'voice' ? { call: { status: d.callStatus, ...(d.duration !== undefined ? { durationSeconds: d.duration } : {}) } } : {}),
      ...(d.crm !== undefined && d.n % 4 === 1 ? { extra: { crm: d.crm } } : {}),
    });
    return d.timeForm === 'iso' ? m : { ...m, occurredAt: spell(m.occurredAt, d.timeForm), receivedAt: spell(m.receivedAt, d.timeForm) };
  });

const target = fc.integer({ min: 0, max: SLOTS }); // slot SLOTS never arrives: its events are held forever
const minute = fc.integer({ min: 0, max: 120 });
const arbBaseEvent: fc.Arbitrary<MessageEvent> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ n: target, status: fc.constantFrom<MessageStatus>('sent', 'delivered', 'read', 'failed'), minute })
      .map((d) => statusEvent(pmidOf(d.n), d.status, { channel: slotChannel(d.n), minute: d.minute })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ n: target, text: fc.constantFrom('e1', 'e2', undefined), minute })
      .map((d) => editEvent(pmidOf(d.n), d.text, { channel: slotChannel(d.n), minute: d.minute })),
  },
  { weight: 1, arbitrary: fc.record({ n: target, minute }).map((d) => deleteEvent(pmidOf(d.n), { channel: slotChannel(d.n), minute: d.minute })) },
  {
    weight: 3,
    arbitrary: fc
      .record({ n: target, emoji: fc.constantFrom('👍', '❤️', undefined, '👍❤️'), actor: fc.constantFrom('phone:+1001', 'phone:+1002'), minute })
      .map((d) =>
        // '👍❤️' stands for a set of two at once (Telegram).
        d.emoji === '👍❤️'
          ? { ...reactionEvent(pmidOf(d.n), '👍', { channel: slotChannel(d.n), actor: d.actor, minute: d.minute }), emojis: ['👍', '❤️'] }
          : reactionEvent(pmidOf(d.n), d.emoji, { channel: slotChannel(d.n), actor: d.actor, minute: d.minute }),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ key: fc.integer({ min: 0, max: KEYS.length - 1 }), status: fc.constantFrom<MessageStatus>('delivered', 'read'), wm: minute })
      .map((d) => watermarkEvent(`messenger:chat:${(KEYS[d.key] as string).slice((KEYS[d.key] as string).indexOf(':') + 1)}`, d.status, d.wm, { channel: 'messenger', minute: d.wm + 1 })),
  },
  {
    // A bounce (or an edit) naming an email by its Message-ID, which several emails may share.
    weight: 2,
    arbitrary: fc
      .record({ n: fc.constantFrom(...EMAIL_SLOTS), status: fc.constantFrom<MessageStatus | 'edit'>('failed', 'delivered', 'edit'), minute })
      .map((d) =>
        d.status === 'edit'
          ? editEvent(messageIdOf(d.n), 'e3', { channel: 'email', minute: d.minute })
          : statusEvent(messageIdOf(d.n), d.status, { channel: 'email', minute: d.minute }),
      ),
  },
  {
    // An opt-out or opt-in by a customer key on one of the slots' channels (channel usage shows it).
    weight: 1,
    arbitrary: fc
      .record({ key: fc.integer({ min: 0, max: KEYS.length - 1 }), n: target, change: fc.constantFrom<'followed' | 'unfollowed'>('followed', 'unfollowed'), minute })
      .map((d) => consentEvent(d.change, { channel: slotChannel(d.n), actor: KEYS[d.key] as string, minute: d.minute })),
  },
  { weight: 1, arbitrary: fc.constant(rotationEvent('user_id:wa:bsuid:A', 'user_id:wa:bsuid:B', { minute: 50 })) },
  // A second change onto the same current id, later: the latest decides, whatever arrives last.
  { weight: 1, arbitrary: fc.constant(rotationEvent('phone:+1009', 'user_id:wa:bsuid:B', { minute: 70 })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ n: target, actor: fc.constantFrom('phone:+1001', 'email:c@x.io'), minute })
      .map((d) => statusEvent(pmidOf(d.n), 'failed', { channel: slotChannel(d.n), actor: d.actor, minute: d.minute })),
  },
);

/**
 * An event as delivered: its times spelled as toISOString writes them, with an offset or without
 * milliseconds (a redelivery of one event may spell them otherwise), and now and then an id that
 * another event with other content reuses.
 */
export const arbEvent: fc.Arbitrary<MessageEvent> = fc
  .record({ ev: arbBaseEvent, timeForm: fc.constantFrom<TimeForm>('iso', 'iso', 'iso', 'offset', 'seconds'), reuse: fc.constantFrom(undefined, undefined, undefined, undefined, 'ev-a', 'ev-b') })
  .map(({ ev, timeForm, reuse }) => {
    const spelled = timeForm === 'iso' ? ev : { ...ev, occurredAt: spell(ev.occurredAt, timeForm), receivedAt: spell(ev.receivedAt, timeForm) };
    return reuse === undefined ? spelled : { ...spelled, id: reuse };
  });

export type Item = Message | MessageEvent;
const arbItems = fc.tuple(fc.array(arbMessage, { maxLength: 30, size: 'max' }), fc.array(arbEvent, { maxLength: 30, size: 'max' }));
/** Items and a permutation of them (messages and events interleaved, events often first). */
export const arbPermuted: fc.Arbitrary<[Message[], MessageEvent[], Item[]]> = arbItems.chain(([messages, events]) => {
  const items: Item[] = [...messages, ...events];
  return fc.tuple(fc.constant(messages), fc.constant(events), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }));
});


/** An identity operation a CRM applies to the timeline (see runIdentityOp in properties.test.ts). */
export type IdentityOp =
  | { readonly type: 'assign'; readonly key: string; readonly person: string }
  | { readonly type: 'unassign'; readonly key: string }
  | { readonly type: 'merge'; readonly survivor: string; readonly absorbed: string }
  | { readonly type: 'undo'; readonly nth: number }
  | { readonly type: 'split'; readonly person: string; readonly key: string; readonly to: string };

const OP_KEYS = [...KEYS, 'person:p1', 'person:crm-9'];
const OP_PERSONS = [...PERSONS, 'p3', 'crm-9'];
export const arbIdentityOp: fc.Arbitrary<IdentityOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('assign' as const), key: fc.constantFrom(...OP_KEYS), person: fc.constantFrom(...OP_PERSONS) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('unassign' as const), key: fc.constantFrom(...OP_KEYS) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('merge' as const), survivor: fc.constantFrom(...OP_PERSONS), absorbed: fc.constantFrom(...OP_PERSONS) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('undo' as const), nth: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('split' as const), person: fc.constantFrom(...OP_PERSONS), key: fc.constantFrom(...OP_KEYS), to: fc.constantFrom(...OP_PERSONS) }) },
);
