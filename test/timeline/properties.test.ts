import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../src/timeline/build-timeline.js';
import { type IdentityMap, type MergeRecord, undoMergeAssignments } from '../../src/timeline/identity-map.js';
import { statusRank } from '../../src/timeline/status-order.js';
import { toTimelineJson } from '../../src/timeline/to-timeline-json.js';
import type { TimelineEntry } from '../../src/timeline/timeline-entry.js';
import { type TimelineStore, createTimelineStore } from '../../src/timeline/timeline-store.js';
import { type IdentityOp, type Item, PERSONS, arbIdentityOp, arbPermuted, options } from './_arbitraries.js';

function strip(entries: readonly TimelineEntry[]) {
  return entries.map(({ message: _m, ...rest }) => rest);
}

/** Everything a reader can see, as plain data. */
function snapshot(store: TimelineStore) {
  const persons = store.persons();
  return {
    persons: persons.map((p) => ({ json: toTimelineJson(store, p), usage: store.channelUsage(p) })),
    unassigned: strip(store.unassigned().entries),
    counts: { messages: store.stats().messages, persons: store.stats().persons, unassigned: store.stats().unassigned },
  };
}

function ingestAll(items: readonly Item[], withPersonOf: boolean): TimelineStore {
  const store = createTimelineStore(options(withPersonOf));
  for (const item of items) store.ingest(item);
  return store;
}

/** The documented order: occurredAt, then sequence (email depth for email; arrival after occurredAt, below any sequence, otherwise), then id. */
function seqOf(e: TimelineEntry): number {
  if (e.message.sequence !== undefined) return e.message.sequence;
  const em = e.message.email;
  if (em === undefined) return -(2 ** 30) + Math.max(0, Date.parse(e.receivedAt) - Date.parse(e.occurredAt));
  const refs = em.references?.length ?? 0;
  return refs > 0 ? refs : (em.inReplyTo?.length ?? 0) > 0 ? 1 : 0;
}

function expectStrictlySorted(entries: readonly TimelineEntry[]): void {
  for (let i = 1; i < entries.length; i++) {
    const a = entries[i - 1] as TimelineEntry;
    const b = entries[i] as TimelineEntry;
    // Times may carry an offset or no milliseconds (see the arbitrary): compared as instants.
    const ta = Date.parse(a.occurredAt);
    const tb = Date.parse(b.occurredAt);
    const before = ta < tb || (ta === tb && (seqOf(a) < seqOf(b) || (seqOf(a) === seqOf(b) && a.id < b.id)));
    expect(before, `${a.id} before ${b.id}`).toBe(true);
  }
}

/** Run an identity operation on a store or on identities alone: 'ok', or the error it was refused with. */
function runIdentityOp(target: TimelineStore | IdentityMap, op: IdentityOp, records: MergeRecord[]): string {
  const store = 'ingest' in target ? target : undefined;
  const ids = 'ingest' in target ? target.identities : target;
  try {
    switch (op.type) {
      case 'assign':
        if (store !== undefined) store.assign(op.key, op.person);
        else ids.assign(op.key, op.person);
        break;
      case 'unassign':
        if (store !== undefined) store.unassign(op.key);
        else ids.unassign(op.key);
        break;
      case 'merge':
        records.push(store !== undefined ? store.mergePersons(op.survivor, op.absorbed) : ids.merge(op.survivor, op.absorbed));
        break;
      case 'undo': {
        const record = records[op.nth % Math.max(1, records.length)];
        if (record === undefined) return 'no merge';
        if (store !== undefined) store.splitPerson(record.survivor, undoMergeAssignments(record));
        else ids.split(record.survivor, undoMergeAssignments(record));
        break;
      }
      case 'split':
        if (store !== undefined) store.splitPerson(op.person, { [op.key]: op.to });
        else ids.split(op.person, { [op.key]: op.to });
        break;
    }
    return 'ok';
  } catch (error) {
    return String(error);
  }
}

function allEntries(store: TimelineStore): TimelineEntry[] {
  return [...store.persons().flatMap((p) => store.timelineOf(p).entries), ...store.unassigned().entries];
}

describe.each([
  ['identity map only', false],
  ['with a personOf function', true],
])('timeline properties (%s)', (_name, withPersonOf) => {
  it('every timeline is sorted by occurredAt, sequence, id (a total order)', () => {
    fc.assert(
      fc.property(arbPermuted, ([, , items]) => {
        const store = ingestAll(items, withPersonOf);
        for (const p of store.persons()) expectStrictlySorted(store.timelineOf(p).entries);
        expectStrictlySorted(store.unassigned().entries);
      }),
    );
  });

  it('nothing is lost: every message ingested appears exactly once, in a timeline or unassigned', () => {
    fc.assert(
      fc.property(arbPermuted, ([messages, , items]) => {
        const store = ingestAll(items, withPersonOf);
        const all = allEntries(store);
        const counts = new Map<string, number>();
        for (const e of all) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
        for (const m of messages) {
          const at = store.locate(m.id);
          expect(at).toBeDefined();
          expect(counts.get(at?.messageId as string)).toBe(1);
          const where = at?.personId === undefined ? store.unassigned().entries : store.timelineOf(at.personId).entries;
          expect(where.some((e) => e.id === at?.messageId)).toBe(true);
        }
        expect(all.length).toBe(store.stats().messages);
        expect(new Set(messages.map((m) => store.locate(m.id)?.messageId)).size).toBe(all.length);
      }),
    );
  });

  it('is independent of arrival order (events before messages included) and batch equals incremental', () => {
    fc.assert(
      fc.property(arbPermuted, ([messages, events, items]) => {
        const inOrder = snapshot(ingestAll([...messages, ...events], withPersonOf));
        expect(snapshot(ingestAll(items, withPersonOf))).toEqual(inOrder);
        expect(snapshot(ingestAll([...events, ...messages].reverse(), withPersonOf))).toEqual(inOrder);
        expect(snapshot(buildTimeline(messages, events, options(withPersonOf)))).toEqual(inOrder);
      }),
    );
  });

  it('is idempotent: ingesting every delivery twice equals once', () => {
    fc.assert(
      fc.property(arbPermuted, ([messages, events, items]) => {
        const once = snapshot(ingestAll(items, withPersonOf));
        expect(snapshot(ingestAll([...items, ...items], withPersonOf))).toEqual(once);
        expect(snapshot(ingestAll([...messages, ...events, ...items], withPersonOf))).toEqual(once);
      }),
    );
  });

  it('merge then split round-trips, and the merged timeline interleaves both', () => {
    fc.assert(
      fc.property(arbPermuted, fc.constantFrom(...PERSONS), fc.constantFrom(...PERSONS, 'crm-9'), ([, , items], survivor, absorbed) => {
        fc.pre(survivor !== absorbed);
        const store = ingestAll(items, withPersonOf);
        const before = snapshot(store);
        const ids = new Set([...store.timelineOf(survivor).entries, ...store.timelineOf(absorbed).entries].map((e) => e.id));
        const record = store.mergePersons(survivor, absorbed);
        const merged = store.timelineOf(survivor).entries;
        expectStrictlySorted(merged);
        expect(new Set(merged.map((e) => e.id))).toEqual(ids);
        expect(store.timelineOf(absorbed).personId).toBe(survivor);
        store.splitPerson(survivor, undoMergeAssignments(record));
        expect(snapshot(store)).toEqual(before);
      }),
    );
  });

  it('identity changes commute with ingestion: wherever they fall among the deliveries, the store equals a batch build with the final identities', () => {
    fc.assert(
      fc.property(arbPermuted, fc.array(arbIdentityOp, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 6 }), ([messages, events, items], ops, cuts) => {
        // Operation k runs before delivery at[k] (after the last when at[k] = items.length), in order.
        const at = ops.map((_, k) => (cuts[k] ?? 0) % (items.length + 1)).sort((a, b) => a - b);
        const interleaved = createTimelineStore(options(withPersonOf));
        const log: string[] = [];
        const records: MergeRecord[] = [];
        let k = 0;
        for (let i = 0; i <= items.length; i++) {
          for (; k < ops.length && at[k] === i; k++) log.push(runIdentityOp(interleaved, ops[k]!, records));
          if (i < items.length) interleaved.ingest(items[i]!);
        }
        // The same operations on the identities alone, in their order (an operation refused, such
        // as a split of a key the person does not hold yet, must be refused there too).
        const opts = options(withPersonOf);
        const finalRecords: MergeRecord[] = [];
        const finalLog = ops.map((op) => runIdentityOp(opts.identities!, op, finalRecords));
        fc.pre(finalLog.join() === log.join());
        expect(snapshot(interleaved)).toEqual(snapshot(buildTimeline(messages, events, opts)));
      }),
    );
  });

  it('statuses never regress, delivery by delivery', () => {
    fc.assert(
      fc.property(arbPermuted, ([, , items]) => {
        const store = createTimelineStore(options(withPersonOf));
        const seen = new Map<string, number>();
        for (const item of items) {
          store.ingest(item);
          for (const e of allEntries(store)) {
            const rank = statusRank(e.status);
            expect(rank).toBeGreaterThanOrEqual(seen.get(e.id) ?? -1);
            seen.set(e.id, rank);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
