import type { ContactRecord } from '../model/contact-record.js';
import { OmnilinkError } from '../model/errors.js';
import type { PhoneNormalizer } from '../normalize/phone.js';
import { defaultSourceOf, defaultTermFrequencyOf } from './_field-defaults.js';
import type { AnyColumn } from './_kind.js';
import { columnKeyOf, kindOf } from './_kinds.js';
import { isKnownSource } from './_sources.js';
import type { FieldSpec, FieldType } from './field-spec.js';

/** A field with every default filled in. */
export interface ResolvedField {
  readonly name: string;
  readonly type: FieldType;
  readonly source: string;
  readonly termFrequency: boolean;
}

/** Options of {@link prepareRecords}. */
export interface PrepareOptions {
  /**
   * Country used to read national phone numbers (`(11) 98765-4321`).
   * @defaultValue undefined: only international numbers are read as E.164; others keep their digits
   */
  readonly defaultCountry?: string;
  /**
   * Phone normalizer (e.g. bound to `libphonenumber-js/max/metadata`).
   * @defaultValue defaultPhoneNormalizer()
   */
  readonly phone?: PhoneNormalizer;
}

/**
 * Records normalized once into columns, ready to be blocked and compared many times: per field,
 * the normalized keys, folded strings, tokens and phonetic codes, with values interned and
 * counted (the counts are the term frequencies). Plain data (typed arrays, strings, arrays,
 * maps), so it can be posted to a worker.
 */
export interface PreparedRecords {
  readonly size: number;
  /** `record.id` per row. */
  readonly ids: readonly string[];
  /** `record.source` per row (`''` when absent). */
  readonly sources: readonly string[];
  readonly fields: readonly ResolvedField[];
  /** One column per field (fields reading the same source share a column object). */
  readonly columns: readonly AnyColumn[];
}

/**
 * Fill in the defaults of field specs and check them.
 *
 * @throws {@link OmnilinkError} `invalid_config` on duplicate names, a missing or unknown source.
 * @example
 * ```ts
 * resolveFields([{ name: 'email', type: 'email' }]);
 * // [{ name: 'email', type: 'email', source: 'identifiers:email', termFrequency: true }]
 * ```
 */
export function resolveFields(fields: readonly FieldSpec[]): ResolvedField[] {
  const seen = new Set<string>();
  return fields.map((f) => {
    if (typeof f.name !== 'string' || f.name.length === 0) throw new OmnilinkError('invalid_config', 'a field needs a name');
    if (seen.has(f.name)) throw new OmnilinkError('invalid_config', `duplicate field name "${f.name}"`);
    seen.add(f.name);
    const source = f.source ?? defaultSourceOf(f.type);
    if (source === undefined) throw new OmnilinkError('invalid_config', `field "${f.name}" of type ${f.type} needs a source`);
    if (!isKnownSource(source)) throw new OmnilinkError('invalid_config', `field "${f.name}": unknown source "${source}"`);
    if ((f.type === 'name' || f.type === 'given_name' || f.type === 'family_name') && source !== 'name') {
      throw new OmnilinkError('invalid_config', `field "${f.name}": name fields read the source "name"`);
    }
    return { name: f.name, type: f.type, source, termFrequency: f.termFrequency ?? defaultTermFrequencyOf(f.type) };
  });
}

/**
 * Normalize records once for matching (see {@link PreparedRecords}).
 *
 * @example
 * ```ts
 * const prepared = prepareRecords(records, [
 *   { name: 'given_name', type: 'given_name' },
 *   { name: 'email', type: 'email' },
 * ], { defaultCountry: 'BR' });
 * prepared.size; // records.length
 * ```
 */
export function prepareRecords(records: readonly ContactRecord[], fields: readonly FieldSpec[], options?: PrepareOptions): PreparedRecords {
  const resolved = resolveFields(fields);
  const ctx = {
    ...(options?.defaultCountry !== undefined ? { defaultCountry: options.defaultCountry } : {}),
    ...(options?.phone !== undefined ? { phone: options.phone } : {}),
  };
  const built = new Map<string, AnyColumn>();
  const columns = resolved.map((f) => {
    const key = columnKeyOf(f.type, f.source);
    let column = built.get(key);
    if (column === undefined) {
      column = kindOf(f.type).build(records, f.source, ctx);
      built.set(key, column);
    }
    return column;
  });
  return {
    size: records.length,
    ids: records.map((r) => r.id),
    sources: records.map((r) => r.source ?? ''),
    fields: resolved,
    columns,
  };
}
