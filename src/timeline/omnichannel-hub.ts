import type { ContactRecord } from '../model/contact-record.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { type Resolver, createResolver } from '../resolve/resolver.js';
import type { ResolveResult, ResolverChange, ResolverOptions } from '../resolve/resolver-types.js';
import { identifierKey } from './customer-keys.js';
import type { TimelineOptions } from './timeline-options.js';
import { type TimelineStore, createTimelineStore } from './timeline-store.js';

/** Options of {@link createOmnichannelHub}. */
export interface OmnichannelHubOptions extends ResolverOptions {
  /** Options of the timeline store (session gap, ...). @defaultValue {} */
  readonly timeline?: Omit<TimelineOptions, 'identities' | 'personOf'>;
  /**
   * A resolver to start from (one `restoreResolver` gave back from a snapshot) instead of a new
   * one made with these options. Its records whose channel is not `crm` or `store` are taken as
   * the channel records that place messages (see {@link createOmnichannelHub}); the timelines start
   * empty: ingest the message history again (`hub.timeline.ingest`). @defaultValue a new resolver
   */
  readonly resolver?: Resolver;
}

/**
 * The whole omnichannel engine in one object: contact records go to the identity graph, messages
 * and events to the timelines, and every merge or split of persons moves messages between
 * timelines at once.
 */
export interface OmnichannelHub {
  /**
   * The identity graph. The hub follows every change made on it (it subscribes), so a decision
   * taken on it directly (`hub.resolver.link(a, b)`) moves messages as `apply` does.
   */
  readonly resolver: Resolver;
  readonly timeline: TimelineStore;
  /** Take one normalized delivery: its records are resolved, then its messages and events placed. */
  ingest(batch: NormalizedBatch): ResolveResult;
  /** Add contact records that carry no messages (a CRM export, a store's loyalty list). */
  addContacts(records: readonly ContactRecord[]): ResolveResult;
  /**
   * Apply an agent's decision (link, unlink, split, unmerge) and move messages accordingly. When the
   * callback throws after a first decision, that decision stands and its messages move all the same.
   */
  apply(decision: (resolver: Resolver) => ResolveResult): ResolveResult;
}

/**
 * Create an omnichannel hub: persons from every channel's records, one timeline per person.
 *
 * Messages are placed by the identifier keys of the channel records that sent them. A key is
 * assigned to the person of the channel records holding it, never to a CRM row: a family landline
 * that a CRM lists for two people places the landline's calls with the landline's own caller
 * record, which the resolver keeps apart when it cannot tell who called. When channel records of
 * different persons hold a key, one that holds it verified (the sender the provider vouches for)
 * wins over one that only asserts it (a phone typed into a web chat form), then the smallest
 * record id: typing someone's number never brings their history along.
 *
 * @example
 * ```ts
 * const hub = createOmnichannelHub({ scorer });
 * hub.addContacts(crmRecords);
 * for (const delivery of deliveries) {
 *   const batch = await normalizeDelivery(delivery);
 *   if (batch.success) hub.ingest(batch.data);
 * }
 * for (const personId of hub.timeline.persons()) show(toTimelineJson(hub.timeline, personId));
 * ```
 */
export function createOmnichannelHub(options: OmnichannelHubOptions): OmnichannelHub {
  const resolver = options.resolver ?? createResolver(options);
  const timeline = createTimelineStore(options.timeline ?? {});
  const channelRecords = new Set<string>();
  /** Key -> the channel records holding it (`true`: verified there). */
  const holders = new Map<string, Map<string, boolean>>();
  /** Channel record -> the keys its latest version holds (`true`: verified), to forget those a new version drops. */
  const heldBy = new Map<string, Map<string, boolean>>();

  const keysOf = (record: ContactRecord): string[] => record.identifiers.map(identifierKey);

  const place = (keys: Iterable<string>): void => {
    for (const key of new Set(keys)) {
      // The person of the record holding the key verified, else of any record holding it (smallest id first).
      let best: string | undefined;
      let bestVerified = false;
      for (const [recordId, verified] of holders.get(key) ?? []) {
        const better = best === undefined || (verified !== bestVerified ? verified : recordId < best);
        if (!better || resolver.personOf(recordId) === undefined) continue;
        best = recordId;
        bestVerified = verified;
      }
      const person = best === undefined ? undefined : resolver.personOf(best);
      if (person === undefined) timeline.unassign(key);
      else if (timeline.identities.personOf(key) !== person) timeline.assign(key, person);
    }
  };

  const keysTouchedBy = (changes: readonly ResolverChange[]): Set<string> => {
    const keys = new Set<string>();
    const persons = new Set<string>();
    for (const c of changes) {
      persons.add(c.personId);
      if (c.type === 'split') for (const p of c.into) persons.add(p);
    }
    for (const p of persons) {
      for (const recordId of resolver.person(p)?.recordIds ?? []) {
        if (!channelRecords.has(recordId)) continue;
        for (const key of keysOf(resolver.record(recordId)!)) keys.add(key);
      }
    }
    return keys;
  };

  const forget = (key: string, recordId: string): void => {
    const records = holders.get(key);
    if (records?.delete(recordId) === true && records.size === 0) holders.delete(key);
  };

  /**
   * Note the keys the records now hold. A record added again replaces its earlier version in the
   * resolver, so the keys (or the verified claims) only the earlier one held are forgotten; they are
   * returned, to be placed again.
   */
  const remember = (records: readonly ContactRecord[], result: ResolveResult): string[] => {
    const rejected = new Set(result.rejected.map((r) => r.index));
    const dropped: string[] = [];
    records.forEach((record, index) => {
      if (rejected.has(index)) return;
      channelRecords.add(record.id);
      const held = new Map<string, boolean>();
      for (const id of record.identifiers) {
        const key = identifierKey(id);
        held.set(key, held.get(key) === true || id.verified);
      }
      for (const [key, verified] of heldBy.get(record.id) ?? []) {
        const now = held.get(key);
        if (now === undefined) forget(key, record.id);
        if (now === undefined || (verified && now !== true)) dropped.push(key);
      }
      heldBy.set(record.id, held);
      for (const [key, verified] of held) {
        let records = holders.get(key);
        if (!records) holders.set(key, (records = new Map()));
        records.set(record.id, verified);
      }
    });
    return dropped;
  };

  // Changes made on `resolver` outside the hub's own calls (hub.resolver.link(...)) move messages
  // as apply's do. Within a hub call they are collected and placed once the call is done, also
  // when it throws half-way (an apply callback whose second decision fails).
  // (Each call's changes are kept as one list: spreading a 150k-change add into push overflows the stack.)
  let collecting: (readonly ResolverChange[])[] | undefined;
  resolver.subscribe((changes) => {
    if (collecting !== undefined) collecting.push(changes);
    else place(keysTouchedBy(changes));
  });
  /**
   * Run a hub call, then place the keys of every change it made and the `keys` it adds (a call made
   * from within another one places its own).
   */
  const settle = <T>(run: (keys: string[]) => T): T => {
    const outer = collecting;
    const keys: string[] = [];
    collecting = [];
    try {
      return run(keys);
    } finally {
      const changes = collecting;
      collecting = outer;
      place([...keys, ...keysTouchedBy(changes.flat())]);
    }
  };

  if (options.resolver !== undefined) {
    // A restored resolver: its channel records place messages, as if ingested.
    const records = options.resolver.persons().flatMap((p) => p.recordIds.map((id) => options.resolver!.record(id)!));
    const channel = records.filter((r) => r.channel !== 'crm' && r.channel !== 'store');
    remember(channel, { changes: [], rejected: [] });
    place(channel.flatMap(keysOf));
  }

  return {
    resolver,
    timeline,
    ingest(batch) {
      const result = settle((keys) => {
        const added = resolver.add(batch.records);
        // Remembered before placing: keysTouchedBy reads which records are channel records.
        for (const record of batch.records) for (const key of keysOf(record)) keys.push(key);
        for (const key of remember(batch.records, added)) keys.push(key);
        return added;
      });
      timeline.ingest({ messages: batch.messages, events: batch.events, records: [], unsupported: [], issues: [] });
      return result;
    },
    addContacts(records) {
      return settle(() => resolver.add(records));
    },
    apply(decision) {
      return settle(() => decision(resolver));
    },
  };
}
