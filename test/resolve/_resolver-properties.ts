import fc from 'fast-check';
import { expect } from 'vitest';
import type { ContactRecord } from '../../src/model/contact-record.js';
import type { Resolver } from '../../src/resolve/resolver.js';

/** What two resolvers must agree on: every person's id and records. */
export const personsState = (r: Resolver): { id: string; recordIds: readonly string[] }[] => r.persons().map((p) => ({ id: p.id, recordIds: p.recordIds }));

/** Property: removing records gives the same persons as never adding them. */
export function assertRemovalIsNeverAdding(make: () => Resolver, records: fc.Arbitrary<readonly ContactRecord[]>, options: { maxRemoved: number; numRuns: number }): void {
  fc.assert(
    fc.property(records, fc.array(fc.nat(), { maxLength: options.maxRemoved }), (list, picks) => {
      const removed = new Set(picks.map((p) => list[p % list.length]!.id));
      const r = make();
      r.add(list);
      r.remove([...removed]);
      const fresh = make();
      fresh.add(list.filter((x) => !removed.has(x.id)));
      expect(personsState(r)).toEqual(personsState(fresh));
    }),
    { numRuns: options.numRuns },
  );
}
