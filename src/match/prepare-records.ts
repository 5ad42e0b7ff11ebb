import type { ContactRecord } from '../model/contact-record.js';
import { OmnilinkError } from '../model/errors.js';
import type { PhoneNormalizer } from '../normalize/phone.js';
import { defaultSourceOf, defaultTermFrequencyOf } from './_field-defaults.js';
import type { AnyColumn, ColumnPreparer, PrepareContext } from './_kind.js';
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

function isPlan(fields: readonly FieldSpec[] | PreparePlan): fields is PreparePlan {
  return !Array.isArray(fields);
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
  const preparer = new RecordPreparer(fields, options);
  preparer.add(records);
  return preparer.finish();
}

/**
 * Fields resolved and given their columns once, for preparing many small batches with the same
 * fields and options (a resolver's one-record adds): {@link RecordPreparer} built from a plan skips
 * resolving the fields and the options each time.
 *
 * @internal
 */
export interface PreparePlan {
  readonly fields: readonly ResolvedField[];
  /** Per field, the index of its column. */
  readonly slotOf: readonly number[];
  /** Per column, the field whose kind and source build it. */
  readonly columnFields: readonly ResolvedField[];
  readonly ctx: PrepareContext;
}

/**
 * The {@link PreparePlan} of fields and options.
 *
 * @internal
 * @throws {@link OmnilinkError} `invalid_config` on bad fields (see {@link resolveFields}).
 * @example
 * ```ts
 * const plan = planPrepare(fields, { defaultCountry: 'BR' });
 * const preparer = new RecordPreparer(plan);
 * ```
 */
export function planPrepare(fields: readonly FieldSpec[], options?: PrepareOptions): PreparePlan {
  const resolved = resolveFields(fields);
  const ctx: PrepareContext = {
    ...(options?.defaultCountry !== undefined ? { defaultCountry: options.defaultCountry } : {}),
    ...(options?.phone !== undefined ? { phone: options.phone } : {}),
  };
  const slots = new Map<string, number>();
  const slotOf: number[] = [];
  const columnFields: ResolvedField[] = [];
  for (const f of resolved) {
    const key = columnKeyOf(f.type, f.source);
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = columnFields.length;
      slots.set(key, slot);
      columnFields.push(f);
    }
    slotOf.push(slot);
  }
  return { fields: resolved, slotOf, columnFields, ctx };
}

/**
 * {@link prepareRecords} on records handed in batch after batch, in order: the result equals
 * preparing all of them at once, and no batch needs to be kept once added (a worker reading a large
 * file prepares it chunk by chunk, its records dying young).
 *
 * @internal
 * @example
 * ```ts
 * const preparer = new RecordPreparer(fields);
 * for (const chunk of chunks) preparer.add(chunk);
 * const prepared = preparer.finish();
 * ```
 */
export class RecordPreparer {
  private readonly fields: readonly ResolvedField[];
  /** Per field, the index of its preparer (fields reading the same source share one column). */
  private readonly slotOf: readonly number[];
  private readonly preparers: ColumnPreparer<AnyColumn>[] = [];
  private readonly ids: string[] = [];
  private readonly sources: string[] = [];

  /**
   * From field specs and options, or from their {@link PreparePlan} (made once for many batches).
   *
   * @throws {@link OmnilinkError} `invalid_config` on bad fields (see {@link resolveFields}).
   */
  constructor(fields: readonly FieldSpec[] | PreparePlan, options?: PrepareOptions) {
    const plan = isPlan(fields) ? fields : planPrepare(fields, options);
    this.fields = plan.fields;
    this.slotOf = plan.slotOf;
    for (const f of plan.columnFields) this.preparers.push(kindOf(f.type).builder(f.source, plan.ctx));
  }

  /** Prepare the next records (rows after those added before). */
  add(records: readonly ContactRecord[]): void {
    for (const p of this.preparers) p.add(records);
    for (const r of records) {
      this.ids.push(r.id);
      this.sources.push(r.source ?? '');
    }
  }

  /** The prepared records (call once, after the last batch). */
  finish(): PreparedRecords {
    const columns = this.preparers.map((p) => p.finish());
    return { size: this.ids.length, ids: this.ids, sources: this.sources, fields: this.fields, columns: this.slotOf.map((slot) => columns[slot] as AnyColumn) };
  }
}
