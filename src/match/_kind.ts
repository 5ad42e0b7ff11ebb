import type { ContactRecord } from '../model/contact-record.js';
import type { PhoneNormalizer } from '../normalize/phone.js';
import type { FieldType } from './field-spec.js';

/**
 * What every field kind implements: how to build its column from records, its levels, how to
 * compare two rows, what value term frequencies apply to, and its blocking keys.
 *
 * @internal
 */

/** Options used while preparing records. */
export interface PrepareContext {
  readonly defaultCountry?: string;
  readonly phone?: PhoneNormalizer;
}

/** Term-frequency pool of a column for a field type. */
export interface TfPool {
  readonly values: readonly string[];
  readonly counts: Int32Array;
  readonly total: number;
}

/** A column of some kind; `kind` says which. */
export interface AnyColumn {
  readonly kind: string;
}

/** Builds a column from records handed in batch after batch. */
export interface ColumnPreparer<C extends AnyColumn> {
  add(records: readonly ContactRecord[]): void;
  /** The column of every record added (call once, after the last batch). */
  finish(): C;
}

/** Joins columns of one kind: rows of the first part added, then of the second, ... */
export interface ColumnMerger<C extends AnyColumn> {
  add(part: C): void;
  /** The joined column (call once, after the last part). */
  finish(): C;
}

export interface FieldKind<C extends AnyColumn> {
  readonly kind: C['kind'];
  /** Level labels for a field type (index 0 `null`, 1 `else`). */
  levels(type: FieldType): readonly string[];
  /** The level term frequencies adjust (the exact level), if the type supports it. */
  tfLevel(type: FieldType): number | undefined;
  /**
   * A preparer building the column from records handed in batch after batch, in order (the same
   * column as from all the records at once), reading field `source`.
   */
  builder(source: string, ctx: PrepareContext): ColumnPreparer<C>;
  /**
   * A merger joining columns part after part, in order, into one (records prepared in parallel,
   * then joined as the parts arrive).
   */
  merger(): ColumnMerger<C>;
  compare(type: FieldType, a: C, i: number, b: C, j: number): number;
  /** A comparator specialised for one type and pair of columns (faster than `compare`), when the kind has one. */
  comparator?(type: FieldType, a: C, b: C): (i: number, j: number) => number;
  /** Id (in `tfPool(type, a)`) of the value `i` and `j` agree on at the TF level, or -1. */
  tfValue(type: FieldType, a: C, i: number, b: C, j: number): number;
  tfPool(type: FieldType, c: C): TfPool | undefined;
  /**
   * The blocking transform whose keys every pair at `level` shares (a single-part rule on it finds
   * all of them), for levels defined by key equality: an exact email shares its loose key.
   */
  capturingTransform?(type: FieldType, level: number): string | undefined;
  /** Blocking key transforms this kind supports (the first is the default). */
  readonly transforms: readonly string[];
  /**
   * The value ids a row's blocking keys derive from (its keys are the union of each id's keys):
   * keys are computed, hashed and cached once per distinct value, not once per row.
   */
  keyBasis(type: FieldType, c: C, row: number, transform: string, out: number[]): void;
  /**
   * For kinds whose rows have at most one basis value: a getter of it (-1 for none), faster than
   * `keyBasis` in the hot loop of key hashing.
   */
  singleBasis?(type: FieldType, c: C, transform: string): (row: number) => number;
  /** The blocking keys of one value id. */
  basisKeys(type: FieldType, c: C, id: number, transform: string, out: string[]): void;
  /** A short string that sorts similar rows together (sorted-neighbourhood windows). */
  signature(type: FieldType, c: C, row: number): string;
  /** The display value of a row (explanations). */
  display(type: FieldType, c: C, row: number): string | undefined;
}
