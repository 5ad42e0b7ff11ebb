import { PreparedMerger } from './_prepared-merger.js';
import type { PreparedRecords } from './prepare-records.js';

/**
 * Join records prepared separately (in parallel, or in batches as they arrived) into one
 * {@link PreparedRecords}: rows of the first part, then of the second, ... Value pools are merged
 * and counts added, so the result equals preparing all the records at once (same levels, same
 * term frequencies), up to the numbering of values.
 *
 * @throws {@link OmnilinkError} `invalid_argument` when the parts were prepared with different fields.
 * @example
 * ```ts
 * const all = mergePrepared([prepareRecords(first, fields), prepareRecords(second, fields)]);
 * all.size; // first.length + second.length
 * ```
 */
export function mergePrepared(parts: readonly PreparedRecords[]): PreparedRecords {
  const merger = new PreparedMerger();
  for (const part of parts) merger.add(part);
  return merger.finish();
}
