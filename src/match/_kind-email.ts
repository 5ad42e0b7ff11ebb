import type { Identifier } from '../model/identifier.js';
import { normalizeEmail } from '../normalize/email.js';
import { appendPerValue, ColumnBuilder, firstId, Interner, type ValueColumn, ValueColumnMerger } from './_columns.js';
import { digitsOf } from './_fold.js';
import { withinOneEdit } from './_kernel.js';
import type { FieldType } from './field-spec.js';
import type { ColumnMerger, ColumnPreparer, FieldKind, TfPool } from './_kind.js';
import { feedRows, rowSource } from './_sources.js';

/**
 * Email addresses: strict key, loose key (Gmail dots, +tags), local part and domain. Generic
 * addresses (`info@`, `noreply@`, placeholders) are left out: they are weak evidence, so they
 * neither block nor agree.
 *
 * @internal
 */
export interface EmailColumn {
  readonly kind: 'email';
  /** Strict keys `local@domain` per row. */
  readonly keys: ValueColumn;
  /** Per strict-key id: its loose key, local part, domain. */
  readonly looseOf: readonly string[];
  readonly localOf: readonly string[];
  readonly domainOf: readonly string[];
}

const LEVELS = ['null', 'else', 'local_fuzzy', 'local_exact', 'loose', 'exact'] as const;
const L_ELSE = 1;
const L_LOCAL_FUZZY = 2;
const L_LOCAL_EXACT = 3;
const L_LOOSE = 4;
const L_EXACT = 5;

interface Parsed {
  readonly key: string;
  readonly loose: string;
}

function parseIdentifierKey(key: string, variants: readonly string[] | undefined): Parsed | undefined {
  if (!key.startsWith('email:')) return undefined;
  const strict = key.slice(6);
  let loose = strict;
  for (const v of variants ?? []) if (v.startsWith('email~:')) loose = v.slice(7);
  // One string when both keys are equal (most addresses): half the memory.
  return { key: strict, loose: loose === strict ? strict : loose };
}

function parseRaw(raw: string): Parsed | undefined {
  const r = normalizeEmail(raw);
  if (!r.success || r.data.generic) return undefined;
  return { key: r.data.key, loose: r.data.looseKey === r.data.key ? r.data.key : r.data.looseKey };
}

function compareEmail(_type: FieldType, a: EmailColumn, i: number, b: EmailColumn, j: number): number {
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
      if (best >= L_LOOSE) continue;
      if (a.looseOf[x] === b.looseOf[y]) {
        best = L_LOOSE;
        continue;
      }
      const la = a.localOf[x] ?? '';
      const lb = b.localOf[y] ?? '';
      if (la === lb) {
        if (best < L_LOCAL_EXACT) best = L_LOCAL_EXACT;
        continue;
      }
      // A typo in the local part at the same domain; a different number is a different person.
      if (best < L_LOCAL_FUZZY && la.length >= 3 && lb.length >= 3 && a.domainOf[x] === b.domainOf[y] && withinOneEdit(la, lb) && digitsOf(la) === digitsOf(lb)) {
        best = L_LOCAL_FUZZY;
      }
    }
  }
  return best;
}

export const emailKind: FieldKind<EmailColumn> = {
  kind: 'email',
  levels: () => LEVELS,
  tfLevel: () => L_EXACT,
  builder(source: string): ColumnPreparer<EmailColumn> {
    const rows = rowSource(source);
    const builder = new ColumnBuilder(new Interner());
    const looseOf: string[] = [];
    const localOf: string[] = [];
    const domainOf: string[] = [];
    // Raw address -> its key's value id (-1: unreadable or generic): an address seen before costs
    // one map lookup, and no parsed object outlives its first use. Made once a second record comes
    // (a one-record add has nothing to reuse).
    let cache: Map<string, number> | undefined;
    let rowCount = 0;
    const add = (p: Parsed): number => {
      const before = builder.interner.values.length;
      const id = builder.add(p.key);
      if (id >= before) {
        const at = p.key.lastIndexOf('@');
        looseOf[id] = p.loose;
        localOf[id] = at >= 0 ? p.key.slice(0, at) : p.key;
        domainOf[id] = at >= 0 ? p.key.slice(at + 1) : '';
      }
      return id;
    };
    const fromRaw = (raw: string): void => {
      const known = cache?.get(raw);
      if (known !== undefined) {
        if (known >= 0) builder.addId(known);
        return;
      }
      const p = parseRaw(raw);
      const id = p !== undefined ? add(p) : -1;
      cache?.set(raw, id);
    };
    return {
      add(records): void {
        rowCount += records.length;
        if (cache === undefined && rowCount > 1) cache = new Map();
        const fromIdentifier = (id: Identifier): void => {
          const parsed = id.key !== undefined ? parseIdentifierKey(id.key, id.variantKeys) : undefined;
          if (parsed !== undefined) add(parsed);
          else fromRaw(id.value);
        };
        feedRows(records, rows, fromIdentifier, fromRaw, () => builder.endRow());
      },
      finish: (): EmailColumn => ({ kind: 'email', keys: builder.finish(), looseOf, localOf, domainOf }),
    };
  },
  merger(): ColumnMerger<EmailColumn> {
    const keys = new ValueColumnMerger();
    const looseOf: string[] = [];
    const localOf: string[] = [];
    const domainOf: string[] = [];
    return {
      add(c): void {
        const added = keys.add(c.keys);
        appendPerValue(looseOf, c.looseOf, added);
        appendPerValue(localOf, c.localOf, added);
        appendPerValue(domainOf, c.domainOf, added);
      },
      finish: (): EmailColumn => ({ kind: 'email', keys: keys.finish(), looseOf, localOf, domainOf }),
    };
  },
  compare: compareEmail,
  comparator: (type, a, b) => (i, j) => compareEmail(type, a, i, b, j),
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
  capturingTransform: (_type, level) => (level === L_EXACT || level === L_LOOSE ? 'loose' : level === L_LOCAL_EXACT ? 'local' : undefined),
  transforms: ['loose', 'strict', 'local', 'domain'],
  keyBasis(_type, c, row, _transform, out): void {
    const k = c.keys;
    for (let p = k.start[row] ?? 0; p < (k.start[row + 1] ?? 0); p++) out.push(k.ids[p] ?? 0);
  },
  basisKeys(_type, c, id, transform, out): void {
    switch (transform) {
      case 'strict':
        out.push(c.keys.values[id] ?? '');
        break;
      case 'local':
        out.push(c.localOf[id] ?? '');
        break;
      case 'domain':
        out.push(c.domainOf[id] ?? '');
        break;
      default:
        out.push(c.looseOf[id] ?? '');
    }
  },
  signature(_type, c, row): string {
    const id = firstId(c.keys, row);
    return id < 0 ? '' : (c.looseOf[id] ?? '');
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
