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
  /** Per row, its first value id, or -1 (the fast path for single-valued fields). */
  readonly first: Int32Array;
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

  /** Add a value by the id {@link add} returned for it earlier (no string work). */
  addId(id: number): void {
    for (let i = this.rowFrom; i < this.length; i++) if (this.ids[i] === id) return;
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
    this.interner.count(id);
  }

  /** Close the current row. */
  endRow(): void {
    if (this.length > this.rowFrom) this.nonNull++;
    this.start.push(this.length);
    this.rowFrom = this.length;
  }

  finish(): ValueColumn {
    const values = this.interner.values;
    const start = Int32Array.from(this.start);
    const rows = start.length - 1;
    const first = new Int32Array(rows);
    for (let r = 0; r < rows; r++) first[r] = (start[r] ?? 0) < (start[r + 1] ?? 0) ? (this.ids[start[r] ?? 0] ?? -1) : -1;
    return {
      start,
      ids: this.ids.slice(0, this.length),
      values,
      counts: this.interner.counts.slice(0, values.length),
      nonNull: this.nonNull,
      first,
    };
  }
}

/** Id of the first value of `row`, or -1 when it has none. */
export function firstId(c: ValueColumn, row: number): number {
  return c.first[row] ?? -1;
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

/** {@link mergeValueColumns}'s result: the merged column and where B's values went. */
export interface MergedValues {
  readonly column: ValueColumn;
  /** B value id → merged value id. */
  readonly map: Int32Array;
  /** B value ids that were not in A, in the order they were appended to the pool. */
  readonly added: readonly number[];
}

/** Rows of A then rows of B, in one pool (A's ids unchanged, B's remapped). */
export function mergeValueColumns(a: ValueColumn, b: ValueColumn): MergedValues {
  const [first, second] = mergeManyValueColumns([a, b]);
  return second ?? (first as MergedValues);
}

/**
 * Rows of every part in order, in one pool: the first part's ids are unchanged, the others are
 * remapped. Result `k` tells where part k's values went (`added`: its values new to the pool);
 * every result carries the same merged column.
 */
export function mergeManyValueColumns(parts: readonly ValueColumn[]): MergedValues[] {
  const index = new Map<string, number>();
  const values: string[] = [];
  let rows = 0;
  let idCount = 0;
  let nonNull = 0;
  const maps = parts.map((part) => {
    rows += part.start.length - 1;
    idCount += part.ids.length;
    nonNull += part.nonNull;
    const map = new Int32Array(part.values.length);
    const added: number[] = [];
    part.values.forEach((v, id) => {
      let to = index.get(v);
      if (to === undefined) {
        to = values.length;
        index.set(v, to);
        values.push(v);
        added.push(id);
      }
      map[id] = to;
    });
    return { map, added };
  });
  const counts = new Int32Array(values.length);
  const start = new Int32Array(rows + 1);
  const ids = new Int32Array(idCount);
  const first = new Int32Array(rows);
  let rowAt = 0;
  let idAt = 0;
  parts.forEach((part, k) => {
    const map = maps[k]?.map ?? new Int32Array(0);
    part.counts.forEach((c, id) => {
      const to = map[id] ?? 0;
      counts[to] = (counts[to] ?? 0) + c;
    });
    const n = part.start.length - 1;
    for (let r = 0; r < n; r++) {
      start[rowAt + r] = idAt + (part.start[r] ?? 0);
      const f = part.first[r] ?? -1;
      first[rowAt + r] = f < 0 ? -1 : (map[f] ?? -1);
    }
    for (let q = 0; q < part.ids.length; q++) ids[idAt + q] = map[part.ids[q] ?? 0] ?? 0;
    rowAt += n;
    idAt += part.ids.length;
  });
  start[rows] = idAt;
  const column: ValueColumn = { start, ids, values, counts, nonNull, first };
  return maps.map(({ map, added }) => ({ column, map, added }));
}

/** Per-value entries of every part for the values it added to a {@link mergeManyValueColumns} pool. */
export function mergeManyPerValue<T>(lists: readonly (readonly T[])[], merged: readonly MergedValues[]): T[] {
  const out: T[] = [];
  lists.forEach((list, k) => {
    for (const id of merged[k]?.added ?? []) out.push(list[id] as T);
  });
  return out;
}

