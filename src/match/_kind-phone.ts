import type { Identifier } from '../model/identifier.js';
import { defaultPhoneNormalizer } from '../normalize/default-phone.js';
import { isPlaceholderNumber } from '../normalize/_phone-rules.js';
import { appendPerValue, ColumnBuilder, firstId, type ValueColumn, ValueColumnMerger } from './_columns.js';
import { digitsOf } from './_fold.js';
import { withinOneEdit } from './_kernel.js';
import type { FieldType } from './field-spec.js';
import type { ColumnMerger, ColumnPreparer, FieldKind, PrepareContext, TfPool } from './_kind.js';
import { feedRows, rowSource } from './_sources.js';

/**
 * Phone numbers: the E.164 key, its variant spellings (Brazilian ninth digit, Mexico `+52 1`,
 * Argentina `+54 9`), and the digits for typo and last-digits agreement. A number that cannot be
 * read as E.164 (a national number without a default country) is kept as its digits. Placeholder
 * numbers are left out.
 *
 * @internal
 */
export interface PhoneColumn {
  readonly kind: 'phone';
  /** Keys per row: `+E164`, or `#digits` when the number could not be read. */
  readonly keys: ValueColumn;
  /** Per key id: the other keys of the same line (usually none). */
  readonly variantsOf: readonly (readonly string[])[];
  /** Per key id: the last 8 digits. */
  readonly tailOf: readonly string[];
  /** Per key id: an id of its last 8 digits (equal tails, equal ids within one column). */
  readonly tailId: Int32Array;
}

const LEVELS = ['null', 'else', 'typo', 'last_digits', 'variant', 'exact'] as const;
const L_ELSE = 1;
const L_TYPO = 2;
const L_TAIL = 3;
const L_VARIANT = 4;
const L_EXACT = 5;
const TAIL = 8;
const MIN_DIGITS = 6;

interface Parsed {
  readonly key: string;
  readonly variants: readonly string[];
}

function parseRaw(raw: string, ctx: PrepareContext): Parsed | undefined {
  const phones = ctx.phone ?? defaultPhoneNormalizer();
  const r = phones.normalize(raw, ctx.defaultCountry !== undefined ? { defaultCountry: ctx.defaultCountry } : {});
  if (r.success) {
    if (r.data.generic) return undefined;
    return { key: r.data.key, variants: [r.data.key, ...r.data.variantKeys] };
  }
  const digits = digitsOf(raw);
  if (digits.length < MIN_DIGITS) return undefined;
  // A placeholder written without its country ((11) 99999-9999, 123456789) is no phone either: its
  // digits alone would be an exact key that thousands of unrelated rows share.
  if (isPlaceholderNumber('', digits)) return undefined;
  return { key: `#${digits}`, variants: [`#${digits}`] };
}

function comparePhone(_type: FieldType, a: PhoneColumn, i: number, b: PhoneColumn, j: number): number {
  const ka = a.keys;
  const kb = b.keys;
  const aFrom = ka.start[i] ?? 0;
  const aTo = ka.start[i + 1] ?? 0;
  const bFrom = kb.start[j] ?? 0;
  const bTo = kb.start[j + 1] ?? 0;
  if (aFrom === aTo || bFrom === bTo) return 0;
  const same = a === b;
  let best = L_ELSE;
  for (let p = aFrom; p < aTo; p++) {
    const x = ka.ids[p] ?? 0;
    for (let q = bFrom; q < bTo; q++) {
      const y = kb.ids[q] ?? 0;
      if (same ? x === y : ka.values[x] === kb.values[y]) return L_EXACT;
      if (best >= L_VARIANT) continue;
      // Every variant spelling of a line keeps its last 8 digits: different tails can only be a typo.
      const sameTail = same ? a.tailId[x] === b.tailId[y] : a.tailOf[x] === b.tailOf[y];
      if (!sameTail) {
        if (best < L_TYPO) {
          const sa = ka.values[x] ?? '';
          const sb = kb.values[y] ?? '';
          if (sa.length === sb.length && withinOneEdit(sa, sb)) best = L_TYPO;
        }
        continue;
      }
      const va = a.variantsOf[x] ?? NONE;
      const vb = b.variantsOf[y] ?? NONE;
      let variant = false;
      if (va.length > 0 || vb.length > 0) {
        const xa = ka.values[x] ?? '';
        const yb = kb.values[y] ?? '';
        variant = vb.includes(xa) || va.includes(yb);
        for (const s of va) if (vb.includes(s)) variant = true;
      }
      if (variant) {
        best = L_VARIANT;
        continue;
      }
      if ((a.tailOf[x] ?? '').length >= MIN_DIGITS && best < L_TAIL) best = L_TAIL;
    }
  }
  return best;
}

const NONE: readonly string[] = Object.freeze([]);

function tailIds(tailOf: readonly string[]): Int32Array {
  const tails = new Map<string, number>();
  return Int32Array.from(tailOf, (t) => {
    let id = tails.get(t);
    if (id === undefined) {
      id = tails.size;
      tails.set(t, id);
    }
    return id;
  });
}

export const phoneKind: FieldKind<PhoneColumn> = {
  kind: 'phone',
  levels: () => LEVELS,
  tfLevel: () => L_EXACT,
  builder(source: string, ctx: PrepareContext): ColumnPreparer<PhoneColumn> {
    const rows = rowSource(source);
    const builder = new ColumnBuilder();
    const variantsOf: (readonly string[])[] = [];
    const tailOf: string[] = [];
    // Raw spelling -> its key's value id (-1: unreadable or generic): a spelling seen before costs
    // one map lookup, and no parsed object outlives its first use. Made once a second record comes
    // (a one-record add has nothing to reuse).
    let cache: Map<string, number> | undefined;
    let rowCount = 0;
    const add = (p: Parsed): number => {
      const before = builder.interner.values.length;
      const id = builder.add(p.key);
      if (id >= before) {
        const extra = p.variants.filter((v) => v !== p.key);
        variantsOf[id] = extra.length > 0 ? extra : NONE;
        const d = digitsOf(p.key);
        tailOf[id] = d.length >= TAIL ? d.slice(d.length - TAIL) : d;
      }
      return id;
    };
    const fromRaw = (raw: string): void => {
      const known = cache?.get(raw);
      if (known !== undefined) {
        if (known >= 0) builder.addId(known);
        return;
      }
      const p = parseRaw(raw, ctx);
      const id = p !== undefined ? add(p) : -1;
      cache?.set(raw, id);
    };
    return {
      add(records): void {
        rowCount += records.length;
        if (cache === undefined && rowCount > 1) cache = new Map();
        const fromIdentifier = (id: Identifier): void => {
          if (id.key?.startsWith('phone:') === true) {
            const key = id.key.slice(6);
            const variants = [key];
            for (const v of id.variantKeys ?? []) if (v.startsWith('phone:')) variants.push(v.slice(6));
            add({ key, variants });
          } else fromRaw(id.value);
        };
        feedRows(records, rows, fromIdentifier, fromRaw, () => builder.endRow());
      },
      finish: (): PhoneColumn => ({ kind: 'phone', keys: builder.finish(), variantsOf, tailOf, tailId: tailIds(tailOf) }),
    };
  },
  merger(): ColumnMerger<PhoneColumn> {
    const keys = new ValueColumnMerger();
    const variantsOf: (readonly string[])[] = [];
    const tailOf: string[] = [];
    // Tail ids as tailIds(tailOf) numbers them (by first appearance), built as values arrive.
    const tails = new Map<string, number>();
    const tailId: number[] = [];
    return {
      add(c): void {
        const added = keys.add(c.keys);
        appendPerValue(variantsOf, c.variantsOf, added);
        for (let q = 0; q < added.length; q++) {
          const t = c.tailOf[added[q] ?? 0] as string;
          tailOf.push(t);
          let id = tails.get(t);
          if (id === undefined) {
            id = tails.size;
            tails.set(t, id);
          }
          tailId.push(id);
        }
      },
      finish: (): PhoneColumn => ({ kind: 'phone', keys: keys.finish(), variantsOf, tailOf, tailId: Int32Array.from(tailId) }),
    };
  },
  compare: comparePhone,
  comparator: (type, a, b) => (i, j) => comparePhone(type, a, i, b, j),
  tfValue(_type, a, i, b, j): number {
    const ka = a.keys;
    const kb = b.keys;
    for (let p = ka.start[i] ?? 0; p < (ka.start[i + 1] ?? 0); p++) {
      const x = ka.ids[p] ?? 0;
      for (let q = kb.start[j] ?? 0; q < (kb.start[j + 1] ?? 0); q++) {
        if (ka.values[x] === kb.values[kb.ids[q] ?? 0]) return x;
      }
    }
    return -1;
  },
  tfPool(_type, c): TfPool {
    return { values: c.keys.values, counts: c.keys.counts, total: c.keys.nonNull };
  },
  capturingTransform: (_type, level) => (level === L_EXACT || level === L_VARIANT || level === L_TAIL ? 'last_digits' : undefined),
  transforms: ['variants', 'key', 'last_digits'],
  keyBasis(_type, c, row, _transform, out): void {
    const k = c.keys;
    for (let p = k.start[row] ?? 0; p < (k.start[row + 1] ?? 0); p++) out.push(k.ids[p] ?? 0);
  },
  basisKeys(_type, c, id, transform, out): void {
    if (transform === 'key') out.push(c.keys.values[id] ?? '');
    else if (transform === 'last_digits') out.push(c.tailOf[id] ?? '');
    else {
      out.push(c.keys.values[id] ?? '');
      for (const v of c.variantsOf[id] ?? NONE) out.push(v);
    }
  },
  signature(_type, c, row): string {
    const id = firstId(c.keys, row);
    return id < 0 ? '' : (c.tailOf[id] ?? '');
  },
  display(_type, c, row): string | undefined {
    const k = c.keys;
    const from = k.start[row] ?? 0;
    const to = k.start[row + 1] ?? 0;
    if (from === to) return undefined;
    const out: string[] = [];
    for (let p = from; p < to; p++) out.push(k.values[k.ids[p] ?? 0] ?? '');
    return out.join(', ');
  },
};
