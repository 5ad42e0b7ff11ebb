import { appendPerValue, ColumnBuilder, firstId, Interner, type ValueColumn, ValueColumnMerger } from './_columns.js';
import { LazyMemo, type PairMemo, alignTokens, jaroWinklerAtLeast, memoBits, memoFor, withinOneEdit } from './_kernel.js';
import type { ColumnMerger, ColumnPreparer, FieldKind, TfPool } from './_kind.js';
import { nicknamesOf, phoneticOf, readName } from './_name-reader.js';
import type { FieldType } from './field-spec.js';

/**
 * Person names, normalized once per record: given and family parts (folded, particles apart),
 * their tokens, and per distinct token its phonetic key and nickname groups.
 *
 * @internal
 */
export interface NameColumn {
  readonly kind: 'name';
  /** Given part (tokens joined by a space) per row. */
  readonly given: ValueColumn;
  readonly family: ValueColumn;
  /** Given + family per row. */
  readonly full: ValueColumn;
  /** Per given / family / full value: its tokens. */
  readonly givenTokens: readonly (readonly string[])[];
  readonly familyTokens: readonly (readonly string[])[];
  readonly fullTokens: readonly (readonly string[])[];
  /** Per given value: phonetic key and nickname groups of its first token. */
  readonly givenPhonetic: readonly string[];
  readonly givenNicknames: readonly (readonly string[])[];
  /** Per family value: phonetic keys of its tokens. */
  readonly familyPhonetic: readonly (readonly string[])[];
  /** Per distinct token: phonetic key and nickname groups. */
  readonly phonetic: ReadonlyMap<string, string>;
  readonly nicknames: ReadonlyMap<string, readonly string[]>;
}

/** The per-value lists of a name column, filled while preparing or merging. */
interface NameLists {
  givenTokens: (readonly string[])[];
  familyTokens: (readonly string[])[];
  fullTokens: (readonly string[])[];
  givenPhonetic: string[];
  givenNicknames: (readonly string[])[];
  familyPhonetic: (readonly string[])[];
  phonetic: Map<string, string>;
  nicknames: Map<string, readonly string[]>;
}

function newNameLists(): NameLists {
  return { givenTokens: [], familyTokens: [], fullTokens: [], givenPhonetic: [], givenNicknames: [], familyPhonetic: [], phonetic: new Map(), nicknames: new Map() };
}

const GIVEN_LEVELS = ['null', 'else', 'weak', 'initial', 'nickname_or_phonetic', 'fuzzy', 'swapped', 'exact'] as const;
const FAMILY_LEVELS = ['null', 'else', 'weak', 'phonetic', 'fuzzy', 'swapped', 'exact'] as const;
const NAME_LEVELS = ['null', 'else', 'partial', 'initials', 'token_set', 'same_tokens', 'exact'] as const;

const jw = (x: string, y: string, min: number): number => jaroWinklerAtLeast(x, y, min);
const memos = new WeakMap<object, PairMemo[]>();

function poolOf(type: FieldType, c: NameColumn): ValueColumn {
  return type === 'given_name' ? c.given : type === 'family_name' ? c.family : c.full;
}

function tokensOf(type: FieldType, c: NameColumn, id: number): readonly string[] {
  const lists = type === 'given_name' ? c.givenTokens : type === 'family_name' ? c.familyTokens : c.fullTokens;
  return lists[id] ?? [];
}

function valueOf(v: ValueColumn, row: number): string {
  const id = firstId(v, row);
  return id < 0 ? '' : (v.values[id] ?? '');
}

function isInitial(t: string): boolean {
  return t.length === 1;
}

function nicknamesIn(a: NameColumn, b: NameColumn, t: string): readonly string[] | undefined {
  return a.nicknames.get(t) ?? b.nicknames.get(t);
}

/** Nickname-compatible tokens (order-free: either token may come from either column). */
function nicknameMatch(a: NameColumn, x: string, b: NameColumn, y: string): boolean {
  const na = nicknamesIn(a, b, x);
  const nb = nicknamesIn(a, b, y);
  if (na === undefined || nb === undefined || na.length === 0 || nb.length === 0) return false;
  for (const g of na) if (nb.includes(g)) return true;
  return false;
}

/** Two name tokens that plausibly are the same name: equal, close spelling, nickname. */
function tokensAgree(a: NameColumn, x: string, b: NameColumn, y: string): boolean {
  if (x === y) return true;
  if (isInitial(x) || isInitial(y)) return false;
  return jw(x, y, 0.9) >= 0.9 || nicknameMatch(a, x, b, y);
}

/**
 * Given and family names swapped between two records: A's given is B's family and A's family is
 * B's given (one of them may be missing, or differ by a typo). One crossed agreement alone, with
 * both other parts present and different, is a coincidence, not a swap.
 */
function isSwap(ga: string, fa: string, gb: string, fb: string): boolean {
  // The given and the family comparison of one pair ask the same question: answer it once.
  if (ga === swapGa && fa === swapFa && gb === swapGb && fb === swapFb) return swapResult;
  swapGa = ga;
  swapFa = fa;
  swapGb = gb;
  swapFb = fb;
  swapResult = computeSwap(ga, fa, gb, fb);
  return swapResult;
}

let swapGa = '';
let swapFa = '';
let swapGb = '';
let swapFb = '';
let swapResult = false;

function computeSwap(ga: string, fa: string, gb: string, fb: string): boolean {
  // One side has a single part: only an exact crossed agreement counts.
  if (fa.length === 0 || gb.length === 0) return ga.length > 1 && ga === fb;
  if (fb.length === 0 || ga.length === 0) return gb.length > 1 && gb === fa;
  // Necessary (and cheap): one crossed pair is equal or one edit apart.
  if (!withinOneEdit(ga, fb) && !withinOneEdit(gb, fa)) return false;
  const c1 = nameSimilarity(ga, fb);
  const c2 = nameSimilarity(gb, fa);
  if (Math.min(c1, c2) < 0.85 || Math.max(c1, c2) < 0.95) return false;
  // Crossed parts must agree better than the parts in place.
  return c1 + c2 > nameSimilarity(ga, gb) + nameSimilarity(fa, fb);
}

/** 1 for equal, 0.95 for one edit, else Jaro–Winkler when at least 0.85, else 0. */
function nameSimilarity(x: string, y: string): number {
  if (x === y) return x.length > 1 ? 1 : 0;
  if (x.length < 2 || y.length < 2) return 0;
  if (withinOneEdit(x, y)) return 0.95;
  const s = jw(x, y, 0.85);
  return s >= 0.85 ? Math.min(s, 0.95) : 0;
}

function compareGiven(a: NameColumn, i: number, b: NameColumn, j: number, lazy?: LazyMemo): number {
  const x = firstId(a.given, i);
  const y = firstId(b.given, j);
  if (x < 0 || y < 0) return 0;
  const sa = a.given.values[x] ?? '';
  const sb = b.given.values[y] ?? '';
  if (a === b ? x === y : sa === sb) return 7;
  const fa = valueOf(a.family, i);
  const fb = valueOf(b.family, j);
  if (isSwap(sa, fa, sb, fb)) return 6;
  if (a !== b) return givenFuzzy(a, x, b, y);
  const m = lazy !== undefined ? lazy.get() : memoFor(a, 0, memos);
  if (m === undefined) return givenFuzzy(a, x, b, y);
  let level = m.get(x, y);
  if (level < 0) {
    level = givenFuzzy(a, x, b, y);
    m.set(x, y, level);
  }
  return level;
}

function givenFuzzy(a: NameColumn, x: number, b: NameColumn, y: number): number {
  const sa = a.given.values[x] ?? '';
  const sb = b.given.values[y] ?? '';
  const a0 = a.givenTokens[x]?.[0] ?? '';
  const b0 = b.givenTokens[y]?.[0] ?? '';
  const initial = isInitial(a0) || isInitial(b0);
  if (!initial) {
    if (a0 === b0 || (sa.length >= 4 && sb.length >= 4 && withinOneEdit(sa, sb))) return 5;
    const s = jw(sa, sb, 0.8);
    if (s >= 0.92) return 5;
    const pa = a.givenPhonetic[x] ?? '';
    if ((pa.length > 0 && pa === b.givenPhonetic[y]) || sharesGroup(a.givenNicknames[x], b.givenNicknames[y])) return 4;
    return s >= 0.8 ? 2 : 1;
  }
  if (a0[0] === b0[0]) return 3;
  return jw(sa, sb, 0.8) >= 0.8 ? 2 : 1;
}

function sharesGroup(x: readonly string[] | undefined, y: readonly string[] | undefined): boolean {
  if (x === undefined || y === undefined || x.length === 0 || y.length === 0) return false;
  for (const g of x) if (y.includes(g)) return true;
  return false;
}

function compareFamily(a: NameColumn, i: number, b: NameColumn, j: number, lazy?: LazyMemo): number {
  const x = firstId(a.family, i);
  const y = firstId(b.family, j);
  if (x < 0 || y < 0) return 0;
  const sa = a.family.values[x] ?? '';
  const sb = b.family.values[y] ?? '';
  if (a === b ? x === y : sa === sb) return 6;
  const ga = valueOf(a.given, i);
  const gb = valueOf(b.given, j);
  if (isSwap(ga, sa, gb, sb)) return 5;
  if (a !== b) return familyFuzzy(a, x, b, y);
  const m = lazy !== undefined ? lazy.get() : memoFor(a, 1, memos);
  if (m === undefined) return familyFuzzy(a, x, b, y);
  let level = m.get(x, y);
  if (level < 0) {
    level = familyFuzzy(a, x, b, y);
    m.set(x, y, level);
  }
  return level;
}

function familyFuzzy(a: NameColumn, x: number, b: NameColumn, y: number): number {
  const sa = a.family.values[x] ?? '';
  const sb = b.family.values[y] ?? '';
  if (sa.length >= 4 && sb.length >= 4 && withinOneEdit(sa, sb)) return 4;
  const s = jw(sa, sb, 0.8);
  if (s >= 0.92) return 4;
  const ta = a.familyTokens[x] ?? [];
  const tb = b.familyTokens[y] ?? [];
  if (ta.length > 1 || tb.length > 1) {
    for (const p of ta) if (p.length >= 3 && tb.includes(p)) return 4;
  }
  const pa = a.familyPhonetic[x] ?? [];
  const pb = b.familyPhonetic[y] ?? [];
  for (const p of pa) if (p.length > 0 && pb.includes(p)) return 3;
  return s >= 0.8 ? 2 : 1;
}

function compareFull(a: NameColumn, i: number, b: NameColumn, j: number, lazy?: LazyMemo): number {
  const x = firstId(a.full, i);
  const y = firstId(b.full, j);
  if (x < 0 || y < 0) return 0;
  const sa = a.full.values[x] ?? '';
  const sb = b.full.values[y] ?? '';
  if (a === b ? x === y : sa === sb) return 6;
  if (a !== b) return fullFuzzy(a, i, x, b, j, y);
  const m = lazy !== undefined ? lazy.get() : memoFor(a, 2, memos);
  if (m === undefined) return fullFuzzy(a, i, x, b, j, y);
  let level = m.get(x, y);
  if (level < 0) {
    level = fullFuzzy(a, i, x, b, j, y);
    m.set(x, y, level);
  }
  return level;
}

function fullFuzzy(a: NameColumn, i: number, x: number, b: NameColumn, j: number, y: number): number {
  const ta = a.fullTokens[x] ?? [];
  const tb = b.fullTokens[y] ?? [];
  if (ta.length === tb.length && [...ta].sort().join(' ') === [...tb].sort().join(' ')) return 5;
  const sim = (p: string, q: string): number => (tokensAgree(a, p, b, q) ? Math.max(jw(p, q, 0.9), 0.9) : 0);
  const aligned = alignTokens(ta, tb, sim, 0.9);
  const smaller = Math.min(ta.length, tb.length);
  if (smaller > 0 && aligned >= 0.9 * smaller && aligned / Math.max(ta.length, tb.length) >= 0.6) return 4;
  // Family agrees and the given names are compatible initials.
  const fa = valueOf(a.family, i);
  const fb = valueOf(b.family, j);
  const ga = valueOf(a.given, i);
  const gb = valueOf(b.given, j);
  if (fa.length > 0 && fb.length > 0 && jw(fa, fb, 0.92) >= 0.92 && ga.length > 0 && gb.length > 0 && ga[0] === gb[0]) return 3;
  return aligned > 0 ? 2 : 1;
}

function compareName(type: FieldType, a: NameColumn, i: number, b: NameColumn, j: number): number {
  if (type === 'given_name') return compareGiven(a, i, b, j);
  if (type === 'family_name') return compareFamily(a, i, b, j);
  return compareFull(a, i, b, j);
}

export const nameKind: FieldKind<NameColumn> = {
  kind: 'name',
  levels: (type) => (type === 'given_name' ? GIVEN_LEVELS : type === 'family_name' ? FAMILY_LEVELS : NAME_LEVELS),
  tfLevel: (type) => (type === 'given_name' ? 7 : 6),
  builder(): ColumnPreparer<NameColumn> {
    const given = new ColumnBuilder(new Interner());
    const family = new ColumnBuilder(new Interner());
    const full = new ColumnBuilder(new Interner());
    const lists = newNameLists();
    const { givenTokens, familyTokens, fullTokens, givenPhonetic, givenNicknames, familyPhonetic, phonetic, nicknames } = lists;
    const noteTokens = (tokens: readonly string[]): void => {
      for (const t of tokens) {
        if (phonetic.has(t)) continue;
        phonetic.set(t, t.length > 1 ? phoneticOf(t) : '');
        const groups = nicknamesOf(t);
        if (groups.length > 0) nicknames.set(t, groups);
      }
    };
    const addTo = (builder: ColumnBuilder, lists: (readonly string[])[], tokens: readonly string[]): number => {
      if (tokens.length === 0) return -1;
      const before = builder.interner.values.length;
      const id = builder.add(tokens.join(' '));
      if (id >= before) {
        lists[id] = tokens;
        noteTokens(tokens);
      }
      return id;
    };
    // A name seen before reuses its value ids: one map lookup per record. Made once a second record
    // comes (a one-record add has nothing to reuse).
    let seen: Map<string, Int32Array | null> | undefined;
    let rows = 0;
    return {
      add(records): void {
        rows += records.length;
        if (seen === undefined && rows > 1) seen = new Map();
        for (const record of records) {
          const name = record.name;
          if (name !== undefined) {
            const cacheKey =
              seen === undefined
                ? ''
                : name.given === undefined && name.family === undefined
                  ? (name.full ?? '')
                  : `${name.full ?? ''}\u0001${name.given ?? ''}\u0001${name.family ?? ''}`;
            const ids = seen?.get(cacheKey);
            if (ids === undefined) {
              const parts = readName(name);
              if (parts === undefined) seen?.set(cacheKey, null);
              else {
                const before = given.interner.values.length;
                const g = addTo(given, givenTokens, parts.given);
                if (g >= before) {
                  const t0 = parts.given[0] ?? '';
                  givenPhonetic[g] = t0.length > 1 ? (phonetic.get(t0) ?? '') : '';
                  givenNicknames[g] = nicknames.get(t0) ?? [];
                }
                const beforeFamily = family.interner.values.length;
                const f = addTo(family, familyTokens, parts.family);
                if (f >= beforeFamily) familyPhonetic[f] = parts.family.map((t) => phonetic.get(t) ?? '');
                const all = addTo(full, fullTokens, [...parts.given, ...parts.family]);
                seen?.set(cacheKey, Int32Array.of(g, f, all));
              }
            } else if (ids !== null) {
              if (ids[0] !== -1) given.addId(ids[0] ?? 0);
              if (ids[1] !== -1) family.addId(ids[1] ?? 0);
              if (ids[2] !== -1) full.addId(ids[2] ?? 0);
            }
          }
          given.endRow();
          family.endRow();
          full.endRow();
        }
      },
      finish: (): NameColumn => ({ kind: 'name', given: given.finish(), family: family.finish(), full: full.finish(), ...lists }),
    };
  },
  merger(): ColumnMerger<NameColumn> {
    const given = new ValueColumnMerger();
    const family = new ValueColumnMerger();
    const full = new ValueColumnMerger();
    const lists = newNameLists();
    const { givenTokens, familyTokens, fullTokens, givenPhonetic, givenNicknames, familyPhonetic, phonetic, nicknames } = lists;
    return {
      add(c): void {
        const g = given.add(c.given);
        appendPerValue(givenTokens, c.givenTokens, g);
        appendPerValue(givenPhonetic, c.givenPhonetic, g);
        appendPerValue(givenNicknames, c.givenNicknames, g);
        const f = family.add(c.family);
        appendPerValue(familyTokens, c.familyTokens, f);
        appendPerValue(familyPhonetic, c.familyPhonetic, f);
        appendPerValue(fullTokens, c.fullTokens, full.add(c.full));
        for (const [k, v] of c.phonetic) phonetic.set(k, v);
        for (const [k, v] of c.nicknames) nicknames.set(k, v);
      },
      finish: (): NameColumn => ({ kind: 'name', given: given.finish(), family: family.finish(), full: full.finish(), ...lists }),
    };
  },
  compare: compareName,
  comparator(type, a, b): (i: number, j: number) => number {
    // One specialised closure per type, its memo looked up once (not once per pair), and only once
    // enough names were compared (binding for one explanation or one new record allocates none).
    if (type === 'given_name') {
      const lazy = new LazyMemo(() => memoFor(a, 0, memos, memoBits(a.given.values.length)));
      return a === b ? (i, j) => compareGiven(a, i, b, j, lazy) : (i, j) => compareGiven(a, i, b, j);
    }
    if (type === 'family_name') {
      const lazy = new LazyMemo(() => memoFor(a, 1, memos, memoBits(a.family.values.length)));
      return a === b ? (i, j) => compareFamily(a, i, b, j, lazy) : (i, j) => compareFamily(a, i, b, j);
    }
    const lazy = new LazyMemo(() => memoFor(a, 2, memos, memoBits(a.full.values.length)));
    return a === b ? (i, j) => compareFull(a, i, b, j, lazy) : (i, j) => compareFull(a, i, b, j);
  },
  tfValue(type, a, i, b, j): number {
    const pa = poolOf(type, a);
    const pb = poolOf(type, b);
    const x = firstId(pa, i);
    const y = firstId(pb, j);
    if (x < 0 || y < 0) return -1;
    return pa.values[x] === pb.values[y] ? x : -1;
  },
  tfPool(type, c): TfPool {
    const p = poolOf(type, c);
    return { values: p.values, counts: p.counts, total: p.nonNull };
  },
  transforms: ['exact', 'phonetic', 'initial', 'first_token', 'tokens', 'any_phonetic', 'token_set'],
  keyBasis(type, c, row, transform, out): void {
    // The whole-name transforms read the full name; the others the field's own part.
    const pool = transform === 'any_phonetic' || transform === 'token_set' ? c.full : poolOf(type, c);
    const id = firstId(pool, row);
    if (id >= 0) out.push(id);
  },
  singleBasis(type, c, transform): (row: number) => number {
    const first = (transform === 'any_phonetic' || transform === 'token_set' ? c.full : poolOf(type, c)).first;
    return (row) => first[row] ?? -1;
  },
  basisKeys(type, c, id, transform, out): void {
    switch (transform) {
      case 'any_phonetic':
        // Every token of the whole name, given or family: survives swapped name parts.
        for (const t of c.fullTokens[id] ?? []) {
          const p = c.phonetic.get(t);
          if (p !== undefined && p.length > 1) out.push(p);
        }
        break;
      case 'token_set': {
        // The phonetic codes of the whole name, sorted: the same key whatever the order of parts.
        const all = c.fullTokens[id] ?? [];
        if (all.length < 2) break;
        const codes: string[] = [];
        for (const t of all) codes.push(c.phonetic.get(t) ?? t);
        out.push(codes.sort().join(' '));
        break;
      }
      case 'phonetic':
        for (const t of tokensOf(type, c, id)) {
          const p = c.phonetic.get(t);
          if (p !== undefined && p.length > 0) out.push(p);
        }
        break;
      case 'initial': {
        const t = tokensOf(type, c, id)[0];
        if (t !== undefined) out.push(t.slice(0, 1));
        break;
      }
      case 'first_token': {
        const t = tokensOf(type, c, id)[0];
        if (t !== undefined) out.push(t);
        break;
      }
      case 'tokens':
        for (const t of tokensOf(type, c, id)) if (t.length > 1) out.push(t);
        break;
      default:
        out.push(poolOf(type, c).values[id] ?? '');
    }
  },
  signature(_type, c, row): string {
    return `${valueOf(c.family, row)} ${valueOf(c.given, row)}`;
  },
  display(type, c, row): string | undefined {
    const pool = poolOf(type, c);
    const id = firstId(pool, row);
    return id < 0 ? undefined : pool.values[id];
  },
};
