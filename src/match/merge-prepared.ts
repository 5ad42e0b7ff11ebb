import { OmnilinkError } from '../model/errors.js';
import type { AnyColumn } from './_kind.js';
import { kindOf } from './_kinds.js';
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
  const [head, ...rest] = parts;
  if (head === undefined) throw new OmnilinkError('invalid_argument', 'nothing to merge');
  let acc = head;
  for (const part of rest) acc = mergeTwo(acc, part);
  return acc;
}

function sameFields(a: PreparedRecords, b: PreparedRecords): boolean {
  return a.fields.length === b.fields.length && a.fields.every((f, k) => {
    const g = b.fields[k];
    return g !== undefined && f.name === g.name && f.type === g.type && f.source === g.source;
  });
}

function mergeTwo(a: PreparedRecords, b: PreparedRecords): PreparedRecords {
  if (!sameFields(a, b)) throw new OmnilinkError('invalid_argument', 'prepared records to merge must have the same fields');
  // Fields sharing a column share the merged column too.
  const merged = new Map<AnyColumn, AnyColumn>();
  const columns = a.columns.map((colA, k) => {
    const done = merged.get(colA);
    if (done !== undefined) return done;
    const field = a.fields[k];
    const colB = b.columns[k];
    if (field === undefined || colB === undefined) throw new OmnilinkError('invalid_argument', 'malformed prepared records');
    const column = kindOf(field.type).merge(colA, colB);
    merged.set(colA, column);
    return column;
  });
  return { size: a.size + b.size, ids: [...a.ids, ...b.ids], sources: [...a.sources, ...b.sources], fields: a.fields, columns };
}
