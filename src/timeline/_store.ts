// The timeline store: deduplication, placement, event folding and views.

import { canonicalInstant, compareInstants, isZodIsoDateTime } from '../internal/instant.js';
import { KeyTable } from '../internal/key-table.js';
import type { Channel } from '../model/channel.js';
import { OmnilinkError } from '../model/errors.js';
import type { Message } from '../model/message.js';
import type { IdentityChangeEvent, MessageEvent, StatusEvent } from '../model/message-event.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { type ConversationIndex, buildConversations } from './_conversations.js';
import { type Entry, absorbEventState, allVersions, applyDelete, applyEdit, applyReaction, applyStatus, capVersions, latestEvent, newEntry, refreshOrder, versionsWith } from './_entry.js';
import { toEntryView } from './_entry-view.js';
import { WatermarkIndex } from './_watermarks.js';
import { addOncePerId, compareEventsFully, compareOrder, decodeCursor, encodeCursor, lowerBoundAt, upperBound } from './_order.js';
import { PersonTimeline } from './_person-timeline.js';
import { summarizeChannelUsage } from './_summarize-usage.js';
import { emailEventKeyOf, foldVersions, isProviderKey, messageKeysOf, sameContent } from './_versions.js';
import type { TimelineChannelUsage, ChannelUsageOptions } from './channel-usage.js';
import { customerKeysOf, identifierKey } from './customer-keys.js';
import { IdentityMap, type KeyAssignments, type MergeRecord, PERSON_KEY_PREFIX } from './identity-map.js';
import type { TimelineConversation, TimelineConversationView } from './timeline-conversation.js';
import type { TimelineEntry } from './timeline-entry.js';
import { DEFAULT_SESSION_GAP_MS, type PersonOf, type TimelineOptions } from './timeline-options.js';
import type { MessagePlacement, TimelineIdentity, TimelineInput, TimelineStats, TimelineStore } from './timeline-store.js';
import type { TimelinePage, TimelineView } from './timeline-view.js';

interface KeyInfo {
  readonly keys: readonly string[];
  /** The key itself (`keys[0]`). */
  readonly key: string;
  /** Undefined while the key has no person. */
  readonly timeline: PersonTimeline | undefined;
  /** `timeline.id`, kept here so the batch loop touches one object per key. */
  readonly person: string | undefined;
  /** The timeline's number in the batch build that made this info (see bulkLoad), else -1. */
  readonly slot: number;
}

function isEvent(x: Message | MessageEvent): x is MessageEvent {
  return (x as { type?: unknown }).type !== undefined;
}

function isBatch(x: TimelineInput): x is NormalizedBatch {
  return Array.isArray((x as NormalizedBatch).messages) && Array.isArray((x as NormalizedBatch).events);
}

/**
 * Batch build: fold a redelivery `m` of entry `e` (same id, no separate provider key) as
 * addVersion would, when that keeps `e` placed by the same key (its list is sorted at the end);
 * false, with `e` untouched, otherwise.
 */
function foldRedelivery(e: Entry, m: Message): boolean {
  const next = versionsWith(e, m);
  if (next === undefined) return true; // a plain redelivery
  const message = next.length > 1 ? foldVersions(next) : m;
  const ids = message.direction === 'inbound' ? message.sender : message.recipients;
  if (ids.length !== 1 || identifierKey(ids[0] as (typeof ids)[number]) !== e.keys[0]) return false;
  e.versions = next.length > 1 ? next : undefined;
  e.message = message;
  refreshOrder(e);
  return true;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function checkView(view: TimelineView | undefined): void {
  if (view?.limit !== undefined && !(Number.isInteger(view.limit) && view.limit > 0)) {
    throw new OmnilinkError('invalid_argument', `limit must be a positive integer, got ${view.limit}`);
  }
  for (const bound of ['from', 'to'] as const) {
    const at = view?.[bound];
    // A bound without a zone would be read in the host's time zone: refused, like any other non-date.
    if (at !== undefined && !(typeof at === 'string' && isZodIsoDateTime(at))) {
      const got = (at as unknown) instanceof Date ? 'a Date (pass date.toISOString())' : typeof at === 'string' ? JSON.stringify(at) : `a ${typeof at}`;
      throw new OmnilinkError('invalid_argument', `${bound} must be an ISO-8601 date-time string with its zone (Z or ±hh:mm), got ${got}`);
    }
  }
}

export class TimelineStoreImpl implements TimelineStore {
  readonly identities: IdentityMap;
  private readonly personOf: PersonOf | undefined;
  private readonly gapMs: number;
  /** Batch mode: inserts append and each timeline is sorted once (buildTimeline ends it). */
  private bulk: boolean;
  /** id and `<channel>:<providerMessageId>` of every version -> entry (see lookup). */
  private readonly byKey = new Map<string, Entry>();
  /**
   * The ids of the messages a batch build loaded on its fast path, -> entry. `byKey` wins over it
   * (later changes are written there; nothing is ever deleted from either), so `lookup` reads both.
   */
  private bulkIndex: KeyTable<Entry> | undefined = undefined;
  /**
   * `email:<Message-ID>` -> every email holding it (see emailEventKeyOf): two distinct emails can
   * share a Message-ID (a client bug), and events naming it reach both. A batch build's emails are
   * indexed on first need (see mailHolders).
   */
  private readonly byMailKey = new Map<string, Entry[]>();
  /**
   * Emails a batch build loaded on its fast path that byMailKey does not index yet: keying them
   * during the build cost it 18%, and finding them afterwards among all entries 14%. Indexed on the
   * first event or lookup that needs them (see mailHolders).
   */
  private unindexedMail: Entry[] | undefined = undefined;
  /** Entries of unindexedMail merged into another entry since (see mergeEntries): not indexed. */
  private mergedAway: Set<Entry> | undefined = undefined;
  /**
   * Email-channel events by the key they name, kept after they apply: an email that arrives later
   * holding that key (its id, provider key or Message-ID) takes them too, so which of two emails
   * sharing a Message-ID came first does not matter.
   */
  private readonly mailEvents = new Map<string, MessageEvent[]>();
  /**
   * placement key -> entries that carry it; built on the first identity change (a batch that
   * never sees one never pays for it), then kept up to date.
   */
  private byPlacementKey: Map<string, Entry[]> | undefined = undefined;
  private readonly timelines = new Map<string, PersonTimeline>();
  /** While a batch build loads: its timelines, numbered (see KeyInfo.slot). */
  private bulkSlots: Map<PersonTimeline, number> | undefined = undefined;
  /**
   * Per single placement key (most messages have exactly one): a shared `[key]` array and where
   * the key places messages. One lookup instead of three on the hot path; cleared whenever
   * identities change or a timeline is dropped.
   */
  private readonly keyInfo = new Map<string, KeyInfo>();
  private readonly unassignedSet = new Set<Entry>();
  /** `<channel>:<target provider id>` -> events waiting for their message. */
  private readonly pending = new Map<string, MessageEvent[]>();
  private pendingCount = 0;
  /** Current id -> the identity change that decides which earlier id it follows (see applyIdentityChange). */
  private readonly rotations = new Map<string, MessageEvent>();
  /** Identifier key -> channel -> its opt-outs and opt-ins (`unfollowed` / `followed`), each once; the latest decides. */
  private readonly consent = new Map<string, Map<Channel, IdentityChangeEvent[]>>();
  /** conversation id -> watermark receipts. */
  private readonly watermarks = new Map<string, StatusEvent[]>();
  /** conversation id -> its watermarks indexed for reading (built on first read, dropped when one arrives). */
  private readonly watermarkIndexes = new Map<string, WatermarkIndex>();
  private entryCount = 0;
  private deliveries = 0;
  private eventCount = 0;
  private ignored = 0;
  private readonly unsubscribe: () => void;

  constructor(options: TimelineOptions, bulk: boolean) {
    const gap = options.sessionGapMs ?? DEFAULT_SESSION_GAP_MS;
    if (!(gap >= 0) || !Number.isFinite(gap)) throw new OmnilinkError('invalid_config', `sessionGapMs must be a finite number >= 0, got ${gap}`);
    this.gapMs = gap;
    this.personOf = options.personOf;
    this.identities = options.identities ?? new IdentityMap();
    this.bulk = bulk;
    this.unsubscribe = this.identities.subscribe((change) => this.replaceKeys(change.keys));
  }

  // ---- ingestion -------------------------------------------------------------------------

  ingest(input: TimelineInput): void {
    if (isBatch(input)) {
      for (const m of input.messages) this.ingestMessage(m);
      for (const ev of input.events) this.ingestEvent(ev);
    } else if (Symbol.iterator in input) {
      for (const item of input) {
        if (isEvent(item)) this.ingestEvent(item);
        else this.ingestMessage(item);
      }
    } else if (isEvent(input)) this.ingestEvent(input);
    else this.ingestMessage(input);
  }

  /** The entry a message key (its id or `<channel>:<providerMessageId>`) belongs to. */
  private lookup(key: string): Entry | undefined {
    return this.byKey.get(key) ?? this.bulkIndex?.get(key);
  }

  /**
   * The entries an event's target key names: the message with that key and, for an email key, every
   * email holding it as its Message-ID. Message-ID keys are kept apart from message keys: a message
   * whose id is another email's Message-ID key (`email:<Message-ID>`, an email built without the
   * adapter's digest) is not that email, though events naming the key reach both.
   */
  private targetsOf(key: string, channel: string): readonly Entry[] {
    const direct = this.lookup(key);
    const holders = channel === 'email' ? this.mailHolders(key) : undefined;
    if (holders === undefined) return direct === undefined ? [] : [direct];
    return direct === undefined || holders.includes(direct) ? holders : [direct, ...holders];
  }

  /** The emails holding a `email:<Message-ID>` key (see emailEventKeyOf). */
  private mailHolders(key: string): readonly Entry[] | undefined {
    if (this.unindexedMail !== undefined) this.indexBulkMail();
    return this.byMailKey.get(key);
  }

  /** Note that `e` holds a Message-ID key; true when it did not before. */
  private addMailHolder(key: string, e: Entry): boolean {
    const list = this.byMailKey.get(key);
    if (list === undefined) this.byMailKey.set(key, [e]);
    else if (!list.includes(e)) list.push(e);
    else return false;
    return true;
  }

  private removeMailHolder(key: string, e: Entry): void {
    const list = this.byMailKey.get(key);
    const i = list?.indexOf(e) ?? -1;
    if (i < 0) return;
    if (list!.length === 1) this.byMailKey.delete(key);
    else list!.splice(i, 1);
  }

  /** Index the Message-ID keys of the emails a batch build loaded on its fast path. */
  private indexBulkMail(): void {
    const entries = this.unindexedMail!;
    const gone = this.mergedAway;
    this.unindexedMail = undefined;
    this.mergedAway = undefined;
    for (const e of entries) {
      if (gone?.has(e) === true) continue;
      for (const v of allVersions(e)) {
        const k = emailEventKeyOf(v);
        if (k !== undefined) this.addMailHolder(k, e);
      }
    }
  }

  /**
   * Give a new or grown entry the events that wait for, or were kept for, one of its keys. (Email
   * events waiting for a key are among those kept for it: they are applied once, from the kept list.)
   */
  private catchUp(e: Entry, key: string): void {
    const kept = this.mailEvents.size > 0 ? this.mailEvents.get(key) : undefined;
    if (this.pendingCount > 0) this.drain(key, kept === undefined ? e : undefined);
    if (kept !== undefined) for (const ev of kept) this.apply(e, ev);
  }

  ingestMessage(m: Message): void {
    this.deliveries++;
    const pmid = m.providerMessageId;
    const pk = pmid !== undefined && !isProviderKey(m.id, m.channel, pmid) ? `${m.channel}:${pmid}` : undefined;
    let e = this.lookup(m.id);
    if (pk !== undefined) {
      const other = this.lookup(pk);
      if (other !== undefined) e = e === undefined || e === other ? other : this.mergeEntries(e, other);
    }
    if (e === undefined) {
      this.createEntry(m, pk);
      return;
    }
    this.addVersion(e, m);
  }

  /** The key info of a message with exactly one placement key, else undefined. */
  private singleKeyInfo(m: Message): KeyInfo | undefined {
    if (this.personOf !== undefined) return undefined;
    const ids = m.direction === 'inbound' ? m.sender : m.recipients;
    if (ids.length !== 1) return undefined;
    const key = identifierKey(ids[0] as (typeof ids)[number]);
    let info = this.keyInfo.get(key);
    if (info === undefined) {
      const person = this.identities.personOf(key);
      const t = person === undefined ? undefined : this.timelineFor(person);
      info = { keys: [key], key, timeline: t, person: t?.id, slot: t === undefined ? -1 : this.bulkSlotOf(t) };
      this.keyInfo.set(key, info);
    }
    return info;
  }

  /** The timeline's number in the batch build under way (numbered on first use), else -1. */
  private bulkSlotOf(t: PersonTimeline): number {
    const slots = this.bulkSlots;
    if (slots === undefined) return -1;
    let slot = slots.get(t);
    if (slot === undefined) slots.set(t, (slot = slots.size));
    return slot;
  }

  private timelineFor(person: string): PersonTimeline {
    let t = this.timelines.get(person);
    if (t === undefined) this.timelines.set(person, (t = new PersonTimeline(person)));
    return t;
  }

  private placementKeys(m: Message): readonly string[] {
    const single = this.singleKeyInfo(m);
    if (single !== undefined) return single.keys;
    const personOf = this.personOf;
    const keys = customerKeysOf(m);
    if (personOf === undefined) return keys;
    const p = personOf(m);
    return p === undefined || p === '' ? keys : [PERSON_KEY_PREFIX + p, ...keys];
  }

  private createEntry(m: Message, pk: string | undefined): void {
    const info = this.singleKeyInfo(m);
    const e = newEntry(m, pk ?? m.id, info !== undefined ? info.keys : this.placementKeys(m));
    this.entryCount++;
    this.byKey.set(m.id, e);
    if (pk !== undefined) this.byKey.set(pk, e);
    const mail = emailEventKeyOf(m);
    if (mail !== undefined) this.addMailHolder(mail, e);
    this.indexKeys(e);
    if (info === undefined) this.place(e);
    else {
      const t = info.timeline;
      e.placedBy = t === undefined ? undefined : (info.keys[0] as string);
      if (t === undefined) {
        e.person = undefined;
        this.unassignedSet.add(e);
      } else {
        e.person = t.id;
        t.insert(e, this.bulk);
      }
    }
    if (this.pendingCount > 0 || this.mailEvents.size > 0) {
      this.catchUp(e, m.id);
      if (pk !== undefined) this.catchUp(e, pk);
      if (mail !== undefined) this.catchUp(e, mail);
    }
  }

  private addVersion(e: Entry, m: Message): void {
    const versions = versionsWith(e, m);
    if (versions !== undefined) this.refresh(e, versions); // else a plain redelivery
  }

  /** Re-fold an entry from its versions and put it back in its place. */
  private refresh(e: Entry, versions: Message[]): void {
    const before = e.person;
    this.unplace(e, false);
    this.unindexKeys(e);
    e.versions = versions.length > 1 ? versions : undefined;
    e.message = versions.length > 1 ? foldVersions(versions) : (versions[0] as Message);
    refreshOrder(e);
    const keys = this.placementKeys(e.message);
    if (!sameKeys(keys, e.keys)) e.keys = keys;
    this.indexKeys(e);
    this.place(e);
    if (before !== undefined && before !== e.person) this.dropIfEmpty(before);
    for (const v of versions) {
      for (const k of messageKeysOf(v)) {
        if (this.lookup(k) === e) continue;
        this.byKey.set(k, e);
        this.catchUp(e, k);
      }
      const mail = emailEventKeyOf(v);
      if (mail !== undefined && this.addMailHolder(mail, e)) this.catchUp(e, mail);
    }
  }

  /** Two entries turned out to be one message (an id and a provider id that met later). */
  private mergeEntries(a: Entry, b: Entry): Entry {
    const versions = allVersions(a).slice();
    for (const v of allVersions(b)) {
      const i = versions.findIndex((x) => sameContent(x, v));
      if (i < 0) versions.push(v);
      else if (compareInstants(v.receivedAt, (versions[i] as Message).receivedAt) < 0) versions[i] = v;
    }
    this.unplace(b);
    this.unindexKeys(b);
    if (this.unindexedMail !== undefined) (this.mergedAway ??= new Set()).add(b);
    this.entryCount--;
    absorbEventState(a, b);
    for (const v of allVersions(b)) {
      for (const k of messageKeysOf(v)) this.byKey.set(k, a);
      const mail = emailEventKeyOf(v);
      if (mail !== undefined) this.removeMailHolder(mail, b); // refresh below adds a
    }
    this.refresh(a, capVersions(versions));
    return a;
  }

  // ---- batch build ---------------------------------------------------------------------

  /**
   * Load a batch into this empty store (buildTimeline): the same store as ingesting every message
   * and then every event one at a time, with far less work per message. A message with one
   * customer key whose id is its provider key (almost all) skips the incremental machinery: it is
   * deduplicated on the spot against a {@link KeyTable} of ids sized for the batch (a redelivery
   * folds into the entry already there) and appended to its person's list, and each list is
   * sorted once at the end. What that cannot settle alone goes through the incremental path
   * afterwards, which gives the same result in any order: messages with several customer keys, a
   * `personOf` function or a provider id apart from their id, and deliveries that meet an entry
   * placed by another key.
   */
  bulkLoad(messages: Iterable<Message>, events: Iterable<MessageEvent>): void {
    if (this.deliveries !== 0 || this.eventCount !== 0) throw new OmnilinkError('invalid_argument', 'bulkLoad needs an empty store');
    const list = Array.isArray(messages) ? (messages as readonly Message[]) : [...messages];
    const table = new KeyTable<Entry>(list.length);
    this.bulkIndex = table;
    const mail: Entry[] = [];
    this.unindexedMail = mail;
    const slow: Message[] = [];
    const unassigned: Entry[] = [];
    let created = 0;
    // Per entry made here (numbered as the table numbers them), its timeline's slot, -1 for none.
    // Appending each entry to its person's list on the spot touched a random list per message (a
    // third of the loop's time); the lists are filled after the loop, one person at a time.
    const slotOf = new Int32Array(list.length);
    this.bulkSlots = new Map();
    // In chunks, the key lookups first: a short loop of independent lookups lets the processor
    // overlap their cache misses, where one long loop body would wait for each in turn.
    const CHUNK = 256;
    const infos: (KeyInfo | undefined)[] = new Array<KeyInfo | undefined>(CHUNK).fill(undefined);
    for (let start = 0; start < list.length; start += CHUNK) {
      const end = Math.min(list.length, start + CHUNK);
      for (let i = start; i < end; i++) infos[i - start] = this.singleKeyInfo(list[i] as Message);
      for (let i = start; i < end; i++) {
        const m = list[i] as Message;
        const info = infos[i - start];
        const pmid = m.providerMessageId;
        if (info === undefined || (pmid !== undefined && !isProviderKey(m.id, m.channel, pmid))) {
          slow.push(m);
          continue;
        }
        const e = table.get(m.id);
        if (e === undefined) {
          const slot = info.slot;
          const entry = slot < 0 ? newEntry(m, m.id, info.keys) : newEntry(m, m.id, info.keys, info.person, info.key);
          slotOf[created++] = slot;
          table.add(m.id, entry);
          if (slot < 0) unassigned.push(entry);
          if (m.channel === 'email') mail.push(entry);
        } else if (e.keys !== info.keys || !foldRedelivery(e, m)) slow.push(m);
      }
    }
    this.fillTimelines(table, slotOf, created);
    for (const t of this.timelines.values()) t.appended();
    for (const e of unassigned) this.unassignedSet.add(e);
    this.entryCount = created;
    for (const m of slow) this.ingestMessage(m);
    // A key seen only on deliveries that went the slow way may have left its person an empty list.
    for (const [person, t] of this.timelines) if (t.size === 0) this.dropIfEmpty(person);
    this.deliveries = list.length;
    for (const ev of events) this.ingestBulkEvent(ev, table);
    this.finishBulk();
  }

  /**
   * Append the batch's first `count` entries to their timelines' lists (each list is sorted later):
   * a counting sort of the entry numbers by slot, then one timeline at a time.
   */
  private fillTimelines(table: KeyTable<Entry>, slotOf: Int32Array, count: number): void {
    const slots = this.bulkSlots!;
    this.bulkSlots = undefined;
    const start = new Int32Array(slots.size + 1);
    for (let i = 0; i < count; i++) if (slotOf[i]! >= 0) start[slotOf[i]! + 1]!++;
    for (let s = 0; s < slots.size; s++) start[s + 1]! += start[s]!;
    const next = start.slice(0, slots.size);
    const order = new Int32Array(start[slots.size]!);
    for (let i = 0; i < count; i++) if (slotOf[i]! >= 0) order[next[slotOf[i]!]!++] = i;
    for (const [t, s] of slots) {
      const items = t.raw();
      for (let k = start[s]!; k < start[s + 1]!; k++) items.push(table.valueAt(order[k]!));
    }
  }

  /** ingestEvent, finding the target of a batch event without building its key when it can. */
  private ingestBulkEvent(ev: MessageEvent, table: KeyTable<Entry>): void {
    // Identity changes and watermark receipts have no target: ingestEvent takes them.
    const target = ev.type === 'identity_change' ? undefined : ev.targetMessageId;
    // (Email events may name a Message-ID that several emails hold: ingestEvent finds them all.)
    if (target !== undefined && this.byKey.size === 0 && ev.channel !== 'email') {
      const e = table.getJoined(ev.channel, target);
      if (e !== undefined) {
        this.eventCount++;
        this.apply(e, ev);
        return;
      }
    }
    this.ingestEvent(ev);
  }

  ingestEvent(ev: MessageEvent): void {
    this.eventCount++;
    let target: string | undefined;
    switch (ev.type) {
      case 'identity_change':
        this.applyIdentityChange(ev);
        return;
      case 'status':
        if (ev.targetMessageId === undefined) {
          if (ev.watermark !== undefined && ev.conversationId !== undefined) this.addWatermark(ev, ev.conversationId);
          else this.ignored++;
          return;
        }
        target = ev.targetMessageId;
        break;
      default:
        target = ev.targetMessageId;
    }
    const key = `${ev.channel}:${target}`;
    if (ev.channel === 'email') {
      let kept = this.mailEvents.get(key);
      if (kept === undefined) this.mailEvents.set(key, (kept = []));
      addOncePerId(kept, ev);
    }
    const targets = this.targetsOf(key, ev.channel);
    if (targets.length > 0) {
      for (const e of targets) this.apply(e, ev);
      return;
    }
    let list = this.pending.get(key);
    if (list === undefined) this.pending.set(key, (list = []));
    // A redelivered event waits once.
    if (addOncePerId(list, ev)) this.pendingCount++;
  }

  private apply(e: Entry, ev: MessageEvent): void {
    switch (ev.type) {
      case 'status':
        applyStatus(e, ev);
        return;
      case 'edit':
        applyEdit(e, ev);
        return;
      case 'delete':
        applyDelete(e, ev);
        return;
      case 'reaction':
        applyReaction(e, ev);
        return;
      case 'identity_change':
        return;
    }
  }

  /** Stop holding the events waiting for `key`, applying them to `e` when given. */
  private drain(key: string, e: Entry | undefined): void {
    const list = this.pending.get(key);
    if (list === undefined) return;
    this.pending.delete(key);
    this.pendingCount -= list.length;
    if (e !== undefined) for (const ev of list) this.apply(e, ev);
  }

  private addWatermark(ev: StatusEvent, conversationId: string): void {
    let list = this.watermarks.get(conversationId);
    if (list === undefined) this.watermarks.set(conversationId, (list = []));
    addOncePerId(list, ev);
    this.watermarkIndexes.delete(conversationId);
  }

  private watermarkIndex(conversationId: string): WatermarkIndex | undefined {
    let index = this.watermarkIndexes.get(conversationId);
    if (index === undefined) {
      const list = this.watermarks.get(conversationId);
      if (list === undefined) return undefined;
      this.watermarkIndexes.set(conversationId, (index = new WatermarkIndex(list)));
    }
    return index;
  }

  private applyIdentityChange(ev: MessageEvent & { type: 'identity_change' }): void {
    if (ev.change === 'followed' || ev.change === 'unfollowed') {
      this.noteConsent(ev);
      return;
    }
    if (ev.change !== 'user_id_rotated' && ev.change !== 'number_changed') {
      this.ignored++;
      return;
    }
    const previous = ev.previous ?? [];
    const current = ev.current ?? [];
    const first = previous[0];
    if (first === undefined || current.length === 0) {
      this.ignored++;
      return;
    }
    for (let i = 0; i < current.length; i++) {
      const to = identifierKey(previous.length === current.length ? (previous[i] ?? first) : first);
      const key = identifierKey(current[i] as (typeof current)[number]);
      if (key === to) continue; // an id "changed" into itself says nothing
      // Two changes that move ids onto one current id: the latest (by compareEventsFully) decides,
      // whichever arrived last.
      const before = this.rotations.get(key);
      if (before !== undefined && compareEventsFully(before, ev) > 0) continue;
      this.rotations.set(key, ev);
      this.identities.alias(key, to);
    }
  }

  /**
   * Keep an actor's opt-outs and opt-ins per channel. All of them, each once (a redelivered STOP,
   * stamped with its arrival time, is the same STOP and must not overturn a START between), so the
   * latest by compareEventsFully decides in any arrival order.
   */
  private noteConsent(ev: IdentityChangeEvent): void {
    const who = ev.actor.length > 0 ? ev.actor : [...(ev.previous ?? []), ...(ev.current ?? [])];
    if (who.length === 0) {
      this.ignored++;
      return;
    }
    for (const id of who) {
      const key = identifierKey(id);
      let byChannel = this.consent.get(key);
      if (byChannel === undefined) this.consent.set(key, (byChannel = new Map()));
      let list = byChannel.get(ev.channel);
      if (list === undefined) byChannel.set(ev.channel, (list = []));
      addOncePerId(list, ev);
    }
  }

  /** When an identifier opted out of a channel and has not opted back in. */
  private optedOutAt(key: string, channel: Channel): string | undefined {
    const list = this.consent.get(key)?.get(channel);
    const ev = list === undefined ? undefined : latestEvent(list);
    return ev?.change === 'unfollowed' ? ev.occurredAt : undefined;
  }

  // ---- placement -------------------------------------------------------------------------

  private indexKeys(e: Entry): void {
    const index = this.byPlacementKey;
    if (index === undefined) return;
    for (const k of e.keys) {
      const list = index.get(k);
      if (list === undefined) index.set(k, [e]);
      else list.push(e);
    }
  }

  private unindexKeys(e: Entry): void {
    const index = this.byPlacementKey;
    if (index === undefined) return;
    for (const k of e.keys) {
      const list = index.get(k);
      if (list === undefined) continue;
      const i = list.indexOf(e);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) index.delete(k);
    }
  }

  private placementIndex(): Map<string, Entry[]> {
    if (this.byPlacementKey === undefined) {
      this.byPlacementKey = new Map();
      for (const t of this.timelines.values()) for (const e of t.entries()) this.indexKeys(e);
      for (const e of this.unassignedSet) this.indexKeys(e);
    }
    return this.byPlacementKey;
  }

  /** Find the entry's person (first key with one, in the message's order) and insert it there. */
  private place(e: Entry): void {
    const ids = this.identities;
    let person: string | undefined;
    let by: string | undefined;
    for (const k of e.keys) {
      const p = ids.personOf(k);
      if (p !== undefined) {
        person = p;
        by = k;
        break;
      }
    }
    e.person = person;
    e.placedBy = by;
    if (person === undefined) {
      this.unassignedSet.add(e);
      return;
    }
    this.timelineFor(person).insert(e, this.bulk);
  }

  /** Take an entry out of its timeline; an emptied timeline is dropped unless `drop` is false (the caller re-places it at once). */
  private unplace(e: Entry, drop = true): void {
    if (e.person === undefined) {
      this.unassignedSet.delete(e);
      return;
    }
    const t = this.timelines.get(e.person);
    if (t === undefined) return;
    t.remove(e);
    if (drop) this.dropIfEmpty(e.person);
  }

  /** Forget a person's timeline once it has no entries (and the cached key placements pointing at it). */
  private dropIfEmpty(person: string): void {
    if (this.timelines.get(person)?.size !== 0) return;
    this.timelines.delete(person);
    this.keyInfo.clear();
  }

  /** Re-place the entries carrying keys whose person may have changed. */
  private replaceKeys(keys: readonly string[]): void {
    this.keyInfo.clear();
    const index = this.placementIndex();
    for (const k of keys) {
      const list = index.get(k);
      if (list === undefined) continue;
      for (const e of list.slice()) {
        let person: string | undefined;
        let by: string | undefined;
        for (const key of e.keys) {
          const p = this.identities.personOf(key);
          if (p !== undefined) {
            person = p;
            by = key;
            break;
          }
        }
        if (person === e.person) {
          e.placedBy = by;
          continue;
        }
        this.unplace(e);
        this.place(e);
      }
    }
  }

  // ---- identity operations -------------------------------------------------------------

  assign(key: string, personId: string): void {
    this.identities.assign(key, personId);
  }

  unassign(key: string): void {
    this.identities.unassign(key);
  }

  mergePersons(survivor: string, absorbed: string): MergeRecord {
    return this.identities.merge(survivor, absorbed);
  }

  splitPerson(personId: string, assignments: KeyAssignments): void {
    this.identities.split(personId, assignments);
  }

  detach(): void {
    this.unsubscribe();
  }

  /** Sort every timeline and leave batch mode (buildTimeline ends with this; later ingests insert in place). */
  finishBulk(): void {
    for (const t of this.timelines.values()) t.entries();
    this.bulk = false;
  }

  // ---- views -----------------------------------------------------------------------------

  private timeline(personId: string): PersonTimeline | undefined {
    return this.timelines.get(this.identities.resolvePerson(personId));
  }

  private conversationIndex(t: PersonTimeline): ConversationIndex {
    if (t.cacheVersion !== t.version || t.cache === undefined) {
      t.cache = buildConversations(t.entries(), this.gapMs);
      t.cacheVersion = t.version;
    }
    return t.cache as ConversationIndex;
  }

  private view(e: Entry, conversationId: string | undefined): TimelineEntry {
    return toEntryView(e, conversationId, this.watermarks.size === 0 ? undefined : this.watermarkIndex(e.message.conversation.id));
  }

  private page(entries: readonly Entry[], index: ConversationIndex | undefined, view: TimelineView | undefined, personId: string | undefined): TimelinePage {
    checkView(view);
    let start = 0;
    if (view?.cursor !== undefined) {
      const key = decodeCursor(view.cursor);
      if (key === undefined) throw new OmnilinkError('invalid_argument', `not a timeline cursor: ${view.cursor}`);
      start = upperBound(entries, key);
    }
    if (view?.from !== undefined) start = Math.max(start, lowerBoundAt(entries, canonicalInstant(view.from)));
    const end = view?.to !== undefined ? lowerBoundAt(entries, canonicalInstant(view.to)) : entries.length;
    const limit = view?.limit ?? Number.POSITIVE_INFINITY;
    const wanted = view?.conversationId !== undefined && index !== undefined ? index.byId.get(view.conversationId) : undefined;
    if (view?.conversationId !== undefined && wanted === undefined) return personId !== undefined ? { personId, entries: [] } : { entries: [] };
    const out: TimelineEntry[] = [];
    let last: Entry | undefined;
    let more = false;
    for (let i = start; i < end; i++) {
      if (wanted !== undefined && index?.of[i] !== wanted) continue;
      if (out.length >= limit) {
        more = true;
        break;
      }
      const e = entries[i] as Entry;
      const c = index !== undefined ? (index.conversations[index.of[i] as number] as TimelineConversation).id : undefined;
      out.push(this.view(e, c));
      last = e;
    }
    return {
      ...(personId !== undefined ? { personId } : {}),
      entries: out,
      ...(more && last !== undefined ? { nextCursor: encodeCursor(last) } : {}),
    };
  }

  timelineOf(personId: string, view?: TimelineView): TimelinePage {
    const resolved = this.identities.resolvePerson(personId);
    const t = this.timelines.get(resolved);
    if (t === undefined) {
      checkView(view);
      return { personId: resolved, entries: [] };
    }
    return this.page(t.entries(), this.conversationIndex(t), view, resolved);
  }

  unassigned(view?: TimelineView): TimelinePage {
    const entries = [...this.unassignedSet].sort(compareOrder);
    return this.page(entries, undefined, view, undefined);
  }

  conversationsOf(personId: string): readonly TimelineConversation[] {
    const t = this.timeline(personId);
    return t === undefined ? [] : this.conversationIndex(t).conversations;
  }

  conversationOf(personId: string, conversationId: string): TimelineConversationView | undefined {
    const t = this.timeline(personId);
    if (t === undefined) return undefined;
    const index = this.conversationIndex(t);
    const c = index.byId.get(conversationId);
    if (c === undefined) return undefined;
    const entries = t.entries();
    const out: TimelineEntry[] = [];
    for (let i = 0; i < entries.length; i++) if (index.of[i] === c) out.push(this.view(entries[i] as Entry, conversationId));
    return { conversation: index.conversations[c] as TimelineConversation, entries: out };
  }

  channelUsage(personId: string, options?: ChannelUsageOptions): TimelineChannelUsage {
    const resolved = this.identities.resolvePerson(personId);
    const t = this.timelines.get(resolved);
    return summarizeChannelUsage(resolved, t === undefined ? [] : t.entries(), options, this.consent.size === 0 ? undefined : (key, channel) => this.optedOutAt(key, channel));
  }

  identitiesOf(personId: string): readonly TimelineIdentity[] {
    const resolved = this.identities.resolvePerson(personId);
    const found = new Map<string, { kind?: string; value?: string; namespace?: string; placed: number }>();
    for (const key of this.identities.keysOf(resolved)) if (!key.startsWith(PERSON_KEY_PREFIX)) found.set(key, { placed: 0 });
    const t = this.timelines.get(resolved);
    for (const e of t?.entries() ?? []) {
      const m = e.message;
      for (const id of m.direction === 'inbound' ? m.sender : m.recipients) {
        const key = identifierKey(id);
        let row = found.get(key);
        if (row === undefined) found.set(key, (row = { placed: 0 }));
        if (row.kind === undefined) {
          row.kind = id.kind;
          row.value = id.value;
          if (id.namespace !== undefined) row.namespace = id.namespace;
        }
      }
      if (e.placedBy !== undefined) {
        const row = found.get(e.placedBy);
        if (row !== undefined) row.placed++;
      }
    }
    return [...found.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([key, r]) => ({
        key,
        ...(r.kind !== undefined ? { kind: r.kind } : {}),
        ...(r.value !== undefined ? { value: r.value } : {}),
        ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
        placed: r.placed,
      }));
  }

  persons(): readonly string[] {
    return [...this.timelines.keys()].sort();
  }

  locate(messageKey: string): MessagePlacement | undefined {
    // Of several emails sharing a Message-ID, the first in timeline order.
    const e = this.lookup(messageKey) ?? (messageKey.startsWith('email:') ? this.mailHolders(messageKey)?.reduce((a, b) => (compareOrder(b, a) < 0 ? b : a)) : undefined);
    if (e === undefined) return undefined;
    return {
      messageId: e.id,
      ...(e.person !== undefined ? { personId: e.person } : {}),
      ...(e.placedBy !== undefined ? { placedBy: e.placedBy } : {}),
    };
  }

  waitingEvents(): readonly MessageEvent[] {
    const out: MessageEvent[] = [];
    for (const list of this.pending.values()) for (const ev of list) out.push(ev);
    return out.sort(compareEventsFully);
  }

  stats(): TimelineStats {
    return {
      deliveries: this.deliveries,
      messages: this.entryCount,
      duplicates: this.deliveries - this.entryCount,
      events: this.eventCount,
      pendingEvents: this.pendingCount,
      ignoredEvents: this.ignored,
      persons: this.timelines.size,
      unassigned: this.unassignedSet.size,
    };
  }
}
