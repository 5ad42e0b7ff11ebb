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

/** No value ids (shared, never written). */
const NO_VALUES: readonly number[] = [];

/** The empty id list, shared (a zero-length array cannot be written to). */
const NO_IDS: Int32Array = new Int32Array(0);

/** Values an {@link Interner} finds by scanning before it builds its map. */
const SCAN_VALUES = 8;

/** Interns strings to dense ids, counting rows per value. */
export class Interner {
  /**
   * Value -> id, built once the pool holds {@link SCAN_VALUES} values: a one-record add prepares a
   * column per field, each with a value or two, where a map cost more than scanning them.
   */
  private map: Map<string, number> | undefined;
  readonly values: string[] = [];
  // Empty to start with (then 1, grown by doubling): a one-record add prepares a column per field,
  // most of them empty, the others with a value or two (a full array needs no copy when finished).
  counts: Int32Array = NO_IDS;

  /** Id of `value`, adding it when new. */
  intern(value: string): number {
    let id = this.find(value);
    if (id < 0) {
      id = this.values.length;
      this.values.push(value);
      if (this.map !== undefined) this.map.set(value, id);
      else if (this.values.length >= SCAN_VALUES) this.map = new Map(this.values.map((v, i) => [v, i]));
      if (id >= this.counts.length) {
        const grown = new Int32Array(Math.max(1, this.counts.length * 2));
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
    return this.find(value);
  }

  private find(value: string): number {
    if (this.map !== undefined) return this.map.get(value) ?? -1;
    const values = this.values;
    for (let i = 0; i < values.length; i++) if (values[i] === value) return i;
    return -1;
  }
}

/** Builds a {@link ValueColumn} row by row. */
export class ColumnBuilder {
  readonly interner: Interner;
  private readonly start: number[] = [0];
  private ids: Int32Array = NO_IDS;
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
      const grown = new Int32Array(Math.max(1, this.ids.length * 2));
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
      const grown = new Int32Array(Math.max(1, this.ids.length * 2));
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
      // Full arrays as they are (the builder is done with them): a one-value row copies nothing.
      ids: this.length === 0 ? NO_IDS : this.length === this.ids.length ? this.ids : this.ids.slice(0, this.length),
      values,
      counts: values.length === 0 ? NO_IDS : values.length === this.interner.counts.length ? this.interner.counts : this.interner.counts.slice(0, values.length),
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

/**
 * Joins value columns part after part (rows of the first part, then of the second, ...) into one
 * pool: the first part's ids are unchanged, later parts' values are looked up and remapped. Parts
 * can arrive one at a time (merging shards as workers finish them); the result does not depend on
 * how the parts were handed in, only on their order.
 */
export class ValueColumnMerger {
  private readonly index: Map<string, number> = new Map();
  private readonly values: string[] = [];
  private counts: Int32Array = new Int32Array(16);
  // Rows' starts, first ids and ids, appended in place part after part (grown by doubling): many
  // small parts (one-record sets) cost no typed arrays of their own.
  private start: Int32Array = new Int32Array(16);
  private first: Int32Array = new Int32Array(16);
  private ids: Int32Array = new Int32Array(16);
  /** A part's value ids remapped to the pool's (scratch, reused from part to part). */
  private map: Int32Array = new Int32Array(16);
  private rows = 0;
  private idCount = 0;
  private nonNull = 0;

  /** The list {@link ValueColumnMerger.add} returns, reused from part to part. */
  private readonly added: number[] = [];

  /**
   * Append the rows of `part`. Returns the ids (in `part`) of its values new to the pool, in the
   * order they were appended: per-value data of the part follows them. The list is only good until
   * the next `add` (it is reused: a one-record part made a new one per column).
   */
  add(part: ValueColumn): readonly number[] {
    const index = this.index;
    const values = this.values;
    const partValues = part.values;
    if (partValues.length > this.map.length) this.map = new Int32Array(Math.max(partValues.length, this.map.length * 2));
    const map = this.map;
    const added = this.added;
    let newValues = 0;
    for (let id = 0; id < partValues.length; id++) {
      const v = partValues[id] as string;
      let to = index.get(v);
      if (to === undefined) {
        to = values.length;
        index.set(v, to);
        values.push(v);
        added[newValues++] = id;
      }
      map[id] = to;
    }
    // Emptying an array drops its storage: an empty answer is a shared empty list instead.
    if (newValues > 0) added.length = newValues;
    if (values.length > this.counts.length) {
      const grown = new Int32Array(Math.max(values.length, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    const counts = this.counts;
    const partCounts = part.counts;
    for (let id = 0; id < partCounts.length; id++) {
      const to = map[id] ?? 0;
      counts[to] = (counts[to] ?? 0) + (partCounts[id] ?? 0);
    }
    const n = part.start.length - 1;
    const idAt = this.idCount;
    const rowAt = this.rows;
    // Room for this part's rows (and the closing start) and ids.
    if (rowAt + n + 1 > this.start.length) {
      const size = Math.max(rowAt + n + 1, this.start.length * 2);
      this.start = grow(this.start, size);
      this.first = grow(this.first, size);
    }
    const partIds = part.ids;
    if (idAt + partIds.length > this.ids.length) this.ids = grow(this.ids, Math.max(idAt + partIds.length, this.ids.length * 2));
    const start = this.start;
    const first = this.first;
    const partStart = part.start;
    const partFirst = part.first;
    for (let r = 0; r < n; r++) {
      start[rowAt + r] = idAt + (partStart[r] ?? 0);
      const f = partFirst[r] ?? -1;
      first[rowAt + r] = f < 0 ? -1 : (map[f] ?? -1);
    }
    const ids = this.ids;
    for (let q = 0; q < partIds.length; q++) ids[idAt + q] = map[partIds[q] ?? 0] ?? 0;
    this.rows = rowAt + n;
    this.idCount = idAt + partIds.length;
    this.nonNull += part.nonNull;
    return newValues === 0 ? NO_VALUES : added;
  }

  /** The merged column (call once, after the last part). */
  finish(): ValueColumn {
    const start = this.start.slice(0, this.rows + 1);
    start[this.rows] = this.idCount;
    return { start, ids: this.ids.slice(0, this.idCount), values: this.values, counts: this.counts.slice(0, this.values.length), nonNull: this.nonNull, first: this.first.slice(0, this.rows) };
  }
}

/** `a` copied into a bigger array of `size`. */
function grow(a: Int32Array, size: number): Int32Array {
  const grown = new Int32Array(size);
  grown.set(a);
  return grown;
}

/** Append the entries of `list` for the value ids `added` (see {@link ValueColumnMerger.add}) to `out`. */
export function appendPerValue<T>(out: T[], list: readonly T[], added: readonly number[]): void {
  for (let q = 0; q < added.length; q++) out.push(list[added[q] ?? 0] as T);
}
