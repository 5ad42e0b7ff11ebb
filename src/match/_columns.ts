/**
 * Columnar storage of prepared record features. A column holds, per row, zero or more value ids
 * (CSR: `start[row]..start[row+1]` into `ids`), a pool of the distinct values and how many rows
 * carry each value (the term frequencies). Everything is typed arrays, strings and plain arrays so
 * a column can be posted to a worker as is.
 *
 * @internal
 */

/** Values of one feature for every row. */
export interface ValueColumn {
  /** `rows + 1` offsets into `ids`. */
  readonly start: Int32Array;
  readonly ids: Int32Array;
  /** Distinct values (the pool). */
  readonly values: readonly string[];
  /** Rows carrying each value. */
  readonly counts: Int32Array;
  /** Rows carrying at least one value. */
  readonly nonNull: number;
}

/** Interns strings to dense ids, counting rows per value. */
export class Interner {
  readonly map: Map<string, number> = new Map();
  readonly values: string[] = [];
  counts: Int32Array = new Int32Array(64);

  /** Id of `value`, adding it when new. */
  intern(value: string): number {
    let id = this.map.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.map.set(value, id);
      this.values.push(value);
      if (id >= this.counts.length) {
        const grown = new Int32Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
    }
    return id;
  }

  /** Count one more row for `id`. */
  count(id: number): void {
    this.counts[id] = (this.counts[id] ?? 0) + 1;
  }

  /** Id of `value`, or -1. */
  lookup(value: string): number {
    return this.map.get(value) ?? -1;
  }
}

/** Builds a {@link ValueColumn} row by row. */
export class ColumnBuilder {
  readonly interner: Interner;
  private readonly start: number[] = [0];
  private ids: Int32Array = new Int32Array(256);
  private length = 0;
  private rowFrom = 0;
  private nonNull = 0;

  constructor(interner: Interner = new Interner()) {
    this.interner = interner;
  }

  /** Add a value to the current row (a value already in the row is ignored). */
  add(value: string): number {
    const id = this.interner.intern(value);
    for (let i = this.rowFrom; i < this.length; i++) if (this.ids[i] === id) return id;
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
    this.interner.count(id);
    return id;
  }

  /** Close the current row. */
  endRow(): void {
    if (this.length > this.rowFrom) this.nonNull++;
    this.start.push(this.length);
    this.rowFrom = this.length;
  }

  finish(): ValueColumn {
    const values = this.interner.values;
    return {
      start: Int32Array.from(this.start),
      ids: this.ids.slice(0, this.length),
      values,
      counts: this.interner.counts.slice(0, values.length),
      nonNull: this.nonNull,
    };
  }
}

/** Id of the first value of `row`, or -1 when it has none. */
export function firstId(c: ValueColumn, row: number): number {
  const from = c.start[row] ?? 0;
  return from < (c.start[row + 1] ?? 0) ? (c.ids[from] ?? -1) : -1;
}

/** Per-value derived ids as CSR over a pool (nickname groups of a token, variants of a phone). */
export interface ValueLists {
  readonly start: Int32Array;
  readonly ids: Int32Array;
}

/** Build {@link ValueLists} from one list per value. */
export function toValueLists(lists: readonly (readonly number[])[]): ValueLists {
  const start = new Int32Array(lists.length + 1);
  let total = 0;
  for (let i = 0; i < lists.length; i++) {
    start[i] = total;
    total += lists[i]?.length ?? 0;
  }
  start[lists.length] = total;
  const ids = new Int32Array(total);
  let at = 0;
  for (const list of lists) for (const v of list) ids[at++] = v;
  return { start, ids };
}
