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
  const [head] = parts;
  if (head === undefined) throw new OmnilinkError('invalid_argument', 'nothing to merge');
  if (parts.length === 1) return head;
  for (const part of parts) if (!sameFields(head, part)) throw new OmnilinkError('invalid_argument', 'prepared records to merge must have the same fields');
  // Fields sharing a column share the merged column too.
  const merged = new Map<AnyColumn, AnyColumn>();
  const columns = head.columns.map((column, k) => {
    const done = merged.get(column);
    if (done !== undefined) return done;
    const field = head.fields[k];
    if (field === undefined) throw new OmnilinkError('invalid_argument', 'malformed prepared records');
    const joined = kindOf(field.type).merge(parts.map((p) => p.columns[k] as AnyColumn));
    merged.set(column, joined);
    return joined;
  });
  const ids: string[] = [];
  const sources: string[] = [];
  let size = 0;
  for (const p of parts) {
    for (const id of p.ids) ids.push(id);
    for (const s of p.sources) sources.push(s);
    size += p.size;
  }
  return { size, ids, sources, fields: head.fields, columns };
}

function sameFields(a: PreparedRecords, b: PreparedRecords): boolean {
  return a.fields.length === b.fields.length && a.fields.every((f, k) => {
    const g = b.fields[k];
    return g !== undefined && f.name === g.name && f.type === g.type && f.source === g.source;
  });
}
