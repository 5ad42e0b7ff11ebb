import type { Identifier } from '../model/identifier.js';
import { toIdentifier } from '../normalize/identifier.js';
import { appendPerValue, ColumnBuilder, firstId, type ValueColumn, ValueColumnMerger } from './_columns.js';
import { digitsOf, foldCompact } from './_fold.js';
import { withinOneEdit } from './_kernel.js';
import type { FieldType } from './field-spec.js';
import type { ColumnMerger, ColumnPreparer, FieldKind, PrepareContext, TfPool } from './_kind.js';
import { feedRows, rowSource } from './_sources.js';

/**
 * Ids and handles: external/loyalty ids, usernames and provider user ids. Keys are namespaced
 * (`external_id:crm:123`); agreement across namespaces only counts for handles (the same
 * `@ana_souza` on Instagram and Telegram).
 *
 * @internal
 */
export interface IdColumn {
  readonly kind: 'id';
  /** Keys `<namespace>\u0001<value>` per row. */
  readonly keys: ValueColumn;
  readonly namespaceOf: readonly string[];
  readonly bareOf: readonly string[];
}

/** external_id: exact, one edit (typo), else. handle: exact, same handle on another platform, typo, else. */
const ID_LEVELS = ['null', 'else', 'typo', 'exact'] as const;
const HANDLE_LEVELS = ['null', 'else', 'typo', 'other_namespace', 'exact'] as const;

function splitKey(id: Identifier, ctx: PrepareContext): { ns: string; bare: string } | undefined {
  let key = id.key;
  if (key === undefined) {
    const r = toIdentifier(
      { kind: id.kind, value: id.value, verified: id.verified, ...(id.namespace !== undefined ? { namespace: id.namespace } : {}) },
      { ...(ctx.defaultCountry !== undefined ? { defaultCountry: ctx.defaultCountry } : {}), ...(ctx.phone !== undefined ? { phone: ctx.phone } : {}) },
    );
    if (!r.success || r.data.key === undefined) {
      const bare = id.value.trim();
      return bare.length > 0 ? { ns: `${id.kind}:${id.namespace ?? 'default'}`, bare } : undefined;
    }
    key = r.data.key;
  }
  const at = key.lastIndexOf(':');
  return at > 0 ? { ns: key.slice(0, at), bare: key.slice(at + 1) } : { ns: id.kind, bare: key };
}

function compareId(type: FieldType, a: IdColumn, i: number, b: IdColumn, j: number): number {
  const ka = a.keys;
  const kb = b.keys;
  const aFrom = ka.start[i] ?? 0;
  const aTo = ka.start[i + 1] ?? 0;
  const bFrom = kb.start[j] ?? 0;
  const bTo = kb.start[j + 1] ?? 0;
  if (aFrom === aTo || bFrom === bTo) return 0;
  const handle = type === 'handle';
  const exact = handle ? 4 : 3;
  const same = a === b;
  let best = 1;
  let comparable = false;
  for (let p = aFrom; p < aTo; p++) {
    const x = ka.ids[p] ?? 0;
    for (let q = bFrom; q < bTo; q++) {
      const y = kb.ids[q] ?? 0;
      if (same ? x === y : ka.values[x] === kb.values[y]) return exact;
      const sameNs = a.namespaceOf[x] === b.namespaceOf[y];
      const ba = a.bareOf[x] ?? '';
      const bb = b.bareOf[y] ?? '';
      if (handle) {
        comparable = true;
        if (ba === bb) best = Math.max(best, 3);
        // A typo, not a similar handle: similar names make similar handles for different people.
        else if (sameNs && ba.length >= 4 && withinOneEdit(ba, bb) && digitsOf(ba) === digitsOf(bb)) best = Math.max(best, 2);
      } else if (sameNs) {
        comparable = true;
        if (withinOneEdit(ba, bb)) best = 2;
      }
    }
  }
  // Ids of different namespaces say nothing about each other.
  return comparable ? best : 0;
}

export const idKind: FieldKind<IdColumn> = {
  kind: 'id',
  levels: (type) => (type === 'handle' ? HANDLE_LEVELS : ID_LEVELS),
  tfLevel: (type) => (type === 'handle' ? 4 : 3),
  builder(source: string, ctx: PrepareContext): ColumnPreparer<IdColumn> {
    const rows = rowSource(source);
    const builder = new ColumnBuilder();
    const namespaceOf: string[] = [];
    const bareOf: string[] = [];
    const add = (ns: string, bare: string): void => {
      const before = builder.interner.values.length;
      const id = builder.add(`${ns}\u0001${bare}`);
      if (id >= before) {
        namespaceOf[id] = ns;
        bareOf[id] = bare;
      }
    };
    return {
      add(records): void {
        const fromIdentifier = (id: Identifier): void => {
          const k = splitKey(id, ctx);
          if (k !== undefined) add(k.ns, k.bare);
        };
        const fromString = (v: string): void => {
          const bare = foldCompact(v);
          if (bare.length > 0) add(source, bare);
        };
        feedRows(records, rows, fromIdentifier, fromString, () => builder.endRow());
      },
      finish: (): IdColumn => ({ kind: 'id', keys: builder.finish(), namespaceOf, bareOf }),
    };
  },
  merger(): ColumnMerger<IdColumn> {
    const keys = new ValueColumnMerger();
    const namespaceOf: string[] = [];
    const bareOf: string[] = [];
    return {
      add(c): void {
        const added = keys.add(c.keys);
        appendPerValue(namespaceOf, c.namespaceOf, added);
        appendPerValue(bareOf, c.bareOf, added);
      },
      finish: (): IdColumn => ({ kind: 'id', keys: keys.finish(), namespaceOf, bareOf }),
    };
  },
  compare: compareId,
  comparator: (type, a, b) => (i, j) => compareId(type, a, i, b, j),
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
  capturingTransform: (type, level) => (type === 'handle' ? (level >= 3 ? 'bare' : undefined) : level === 3 ? 'key' : undefined),
  transforms: ['key', 'bare'],
  keyBasis(_type, c, row, _transform, out): void {
    const k = c.keys;
    for (let p = k.start[row] ?? 0; p < (k.start[row + 1] ?? 0); p++) out.push(k.ids[p] ?? 0);
  },
  basisKeys(_type, c, id, transform, out): void {
    out.push(transform === 'bare' ? (c.bareOf[id] ?? '') : (c.keys.values[id] ?? ''));
  },
  signature(_type, c, row): string {
    const id = firstId(c.keys, row);
    return id < 0 ? '' : (c.bareOf[id] ?? '');
  },
  display(_type, c, row): string | undefined {
    const k = c.keys;
    const from = k.start[row] ?? 0;
    const to = k.start[row + 1] ?? 0;
    if (from === to) return undefined;
    const out: string[] = [];
    for (let p = from; p < to; p++) out.push(c.bareOf[k.ids[p] ?? 0] ?? '');
    return out.join(', ');
  },
};
