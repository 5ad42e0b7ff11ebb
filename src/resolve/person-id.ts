import { sha256Hex } from '../internal/sha256.js';
import { OmnilinkError } from '../model/errors.js';

/**
 * The id of the person a set of records forms: derived from the smallest record id, so the same
 * records give the same id whatever the order or batching in which they arrived. When a record with
 * a smaller id joins, the person gets a new id and the old one redirects to it.
 *
 * @example
 * ```ts
 * personIdOf(['crm-2', 'crm-1']) === personIdOf(['crm-1', 'crm-2']); // true
 * ```
 */
export function personIdOf(recordIds: Iterable<string>): string {
  let min: string | undefined;
  for (const id of recordIds) if (min === undefined || id < min) min = id;
  if (min === undefined) throw new OmnilinkError('invalid_argument', 'a person has at least one record');
  return `p_${sha256Hex(min).slice(0, 24)}`;
}
