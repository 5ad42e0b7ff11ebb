import { appendPerValue, ColumnBuilder, firstId, type ValueColumn, ValueColumnMerger } from './_columns.js';
import { foldCompact, foldFreeText } from './_fold.js';
import { LazyMemo, PairMemo, alignTokens, jaroWinklerAtLeast, memoBits, memoFor, withinOneEdit } from './_kernel.js';
import type { ColumnMerger, ColumnPreparer, FieldKind, TfPool } from './_kind.js';
import type { FieldType } from './field-spec.js';
import { stringReader } from './_sources.js';

/**
 * Free text and codes: postcode, city, address line, categorical values, any other text. Values
 * are folded (accents, case, punctuation); postcodes also lose their spaces.
 *
 * @internal
 */
export interface TextColumn {
  readonly kind: 'text';
  /** Whether values were compacted (postcodes) rather than folded. */
  readonly compact: boolean;
  readonly values: ValueColumn;
  /** Per value: its tokens. */
  readonly tokensOf: readonly (readonly string[])[];
}

const LEVELS: Readonly<Record<string, readonly string[]>> = {
  postcode: ['null', 'else', 'prefix', 'typo', 'exact'],
  city: ['null', 'else', 'fuzzy', 'exact'],
  address: ['null', 'else', 'partial', 'fuzzy', 'exact'],
  categorical: ['null', 'else', 'exact'],
  text: ['null', 'else', 'jaro_winkler>=0.8', 'jaro_winkler>=0.92', 'exact'],
};

function levelsOf(type: FieldType): readonly string[] {
  return LEVELS[type] ?? LEVELS['text'] ?? [];
}

const jw = (x: string, y: string, min: number): number => jaroWinklerAtLeast(x, y, min);
const jw88 = (x: string, y: string): number => jaroWinklerAtLeast(x, y, 0.88);
const memos = new WeakMap<object, PairMemo[]>();

function tokenSet(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return alignTokens(a, b, jw88, 0.88) / Math.max(a.length, b.length);
}

function compareValues(type: FieldType, x: string, y: string, tx: readonly string[], ty: readonly string[]): number {
  switch (type) {
    case 'postcode':
      if (withinOneEdit(x, y)) return 3;
      // Same leading half (AU/US/UK/BR codes: region, sectional centre, outward code, sub-region).
      if (x.length >= 4 && x.length === y.length && x.slice(0, Math.ceil(x.length / 2)) === y.slice(0, Math.ceil(x.length / 2))) return 2;
      return 1;
    case 'city':
      return jw(x, y, 0.88) >= 0.88 ? 2 : 1;
    case 'address': {
      const s = tokenSet(tx, ty);
      if (s >= 0.85 || jw(x, y, 0.92) >= 0.92) return 3;
      return s >= 0.5 ? 2 : 1;
    }
    case 'categorical':
      return 1;
    default: {
      const s = jw(x, y, 0.8);
      return s >= 0.92 ? 3 : s >= 0.8 ? 2 : 1;
    }
  }
}

export const textKind: FieldKind<TextColumn> = {
  kind: 'text',
  levels: levelsOf,
  tfLevel: (type) => levelsOf(type).length - 1,
  builder(source: string): ColumnPreparer<TextColumn> {
    const read = stringReader(source);
    const compact = source === 'address.postcode';
    const builder = new ColumnBuilder();
    const tokensOf: (readonly string[])[] = [];
    // Raw -> folded, once a second record comes (a one-record add has nothing to reuse).
    let cache: Map<string, string> | undefined;
    let rows = 0;
    return {
      add(records): void {
        rows += records.length;
        if (cache === undefined && rows > 1) cache = new Map();
        for (const record of records) {
          const raw = read(record);
          if (raw !== undefined) {
            let v = cache?.get(raw);
            if (v === undefined) {
              v = compact ? foldCompact(raw) : foldFreeText(raw);
              cache?.set(raw, v);
            }
            if (v.length > 0) {
              const before = builder.interner.values.length;
              const id = builder.add(v);
              if (id >= before) tokensOf[id] = v.split(' ');
            }
          }
          builder.endRow();
        }
      },
      finish: (): TextColumn => ({ kind: 'text', compact, values: builder.finish(), tokensOf }),
    };
  },
  merger(): ColumnMerger<TextColumn> {
    const values = new ValueColumnMerger();
    const tokensOf: (readonly string[])[] = [];
    let compact: boolean | undefined;
    return {
      add(c): void {
        compact ??= c.compact;
        appendPerValue(tokensOf, c.tokensOf, values.add(c.values));
      },
      finish: (): TextColumn => ({ kind: 'text', compact: compact ?? false, values: values.finish(), tokensOf }),
    };
  },
  compare(type, a, i, b, j): number {
    const x = firstId(a.values, i);
    const y = firstId(b.values, j);
    if (x < 0 || y < 0) return 0;
    const top = levelsOf(type).length - 1;
    if (a === b ? x === y : a.values.values[x] === b.values.values[y]) return top;
    if (a !== b || type === 'categorical') return compareValues(type, a.values.values[x] ?? '', b.values.values[y] ?? '', a.tokensOf[x] ?? [], b.tokensOf[y] ?? []);
    const memo = memoFor(a, 0, memos);
    let level = memo.get(x, y);
    if (level < 0) {
      level = compareValues(type, a.values.values[x] ?? '', b.values.values[y] ?? '', a.tokensOf[x] ?? [], b.tokensOf[y] ?? []);
      memo.set(x, y, level);
    }
    return level;
  },
  comparator(type, a, b): (i: number, j: number) => number {
    const top = levelsOf(type).length - 1;
    const va = a.values;
    const vb = b.values;
    const same = a === b;
    // Created only once enough comparisons are made (binding for one explanation allocates nothing).
    const lazy = same && type !== 'categorical' ? new LazyMemo(() => new PairMemo(memoBits(va.values.length))) : undefined;
    return (i, j) => {
      const x = firstId(va, i);
      const y = firstId(vb, j);
      if (x < 0 || y < 0) return 0;
      if (same ? x === y : va.values[x] === vb.values[y]) return top;
      const memo = lazy?.get();
      if (memo === undefined) return compareValues(type, va.values[x] ?? '', vb.values[y] ?? '', a.tokensOf[x] ?? [], b.tokensOf[y] ?? []);
      let level = memo.get(x, y);
      if (level < 0) {
        level = compareValues(type, va.values[x] ?? '', vb.values[y] ?? '', a.tokensOf[x] ?? [], b.tokensOf[y] ?? []);
        memo.set(x, y, level);
      }
      return level;
    };
  },
  tfValue(_type, a, i, b, j): number {
    const x = firstId(a.values, i);
    const y = firstId(b.values, j);
    if (x < 0 || y < 0) return -1;
    return a.values.values[x] === b.values.values[y] ? x : -1;
  },
  tfPool(_type, c): TfPool {
    return { values: c.values.values, counts: c.values.counts, total: c.values.nonNull };
  },
  transforms: ['exact', 'prefix3', 'initial', 'first_token'],
  keyBasis(_type, c, row, _transform, out): void {
    const id = firstId(c.values, row);
    if (id >= 0) out.push(id);
  },
  singleBasis(_type, c): (row: number) => number {
    const first = c.values.first;
    return (row) => first[row] ?? -1;
  },
  basisKeys(_type, c, id, transform, out): void {
    const v = c.values.values[id] ?? '';
    switch (transform) {
      case 'prefix3':
        if (v.length >= 3) out.push(v.slice(0, 3));
        break;
      case 'initial':
        out.push(v.slice(0, 1));
        break;
      case 'first_token':
        out.push(c.tokensOf[id]?.[0] ?? v);
        break;
      default:
        out.push(v);
    }
  },
  signature(_type, c, row): string {
    const id = firstId(c.values, row);
    return id < 0 ? '' : (c.values.values[id] ?? '');
  },
  display(_type, c, row): string | undefined {
    const id = firstId(c.values, row);
    return id < 0 ? undefined : c.values.values[id];
  },
};
