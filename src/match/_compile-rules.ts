import { OmnilinkError } from '../model/errors.js';
import { hash53 } from './_kernel.js';
import type { AnyColumn, FieldKind } from './_kind.js';
import { kindOf } from './_kinds.js';
import { type BlockingRule, blockingRuleName } from './blocking-rule.js';
import type { FieldType } from './field-spec.js';
import type { PreparedRecords, ResolvedField } from './prepare-records.js';

/**
 * Blocking rules bound to prepared columns.
 *
 * @internal
 */
interface Part {
  /** The field's name. */
  readonly field: string;
  readonly kind: FieldKind<AnyColumn>;
  readonly type: FieldType;
  readonly column: AnyColumn;
  readonly transform: string;
  /** The basis value of a row when the kind has at most one (fast path), else undefined. */
  readonly single: ((row: number) => number) | undefined;
  /** Per basis value id: its keys and their hashes, computed on first use. */
  readonly cache: KeyCache;
}

export interface CompiledRule {
  readonly name: string;
  readonly parts: readonly Part[];
  /** Indices of the fields whose agreement the rule selects on (directly or by correlation). */
  readonly selects: readonly number[];
}

const LOCATION: ReadonlySet<FieldType> = new Set(['postcode', 'city', 'address']);
const NAMES: ReadonlySet<FieldType> = new Set(['name', 'given_name', 'family_name']);

/** Parse `field[:transform]` against the fields. */
function parsePart(part: string, fields: readonly ResolvedField[]): { field: number; transform: string } {
  const colon = part.indexOf(':');
  const name = colon >= 0 ? part.slice(0, colon) : part;
  const field = fields.findIndex((f) => f.name === name);
  if (field < 0) throw new OmnilinkError('invalid_config', `blocking part "${part}": no field named "${name}"`);
  const f = fields[field] as ResolvedField;
  const kind = kindOf(f.type);
  const transform = colon >= 0 ? part.slice(colon + 1) : (kind.transforms[0] ?? '');
  if (!kind.transforms.includes(transform)) {
    throw new OmnilinkError('invalid_config', `blocking part "${part}": ${f.type} fields support ${kind.transforms.join(', ')}`);
  }
  return { field, transform };
}

/** A rule parsed against a list of fields, ready to bind to any records prepared with them. */
export interface ParsedRule {
  readonly name: string;
  readonly parts: readonly { readonly field: number; readonly transform: string }[];
  readonly selects: readonly number[];
}

/** Parse rules against the fields (no columns needed). Parts naming fields the data lacks throw. */
export function parseRules(fields: readonly ResolvedField[], rules: readonly BlockingRule[]): ParsedRule[] {
  return rules.map((rule) => {
    if (rule.on.length === 0) throw new OmnilinkError('invalid_config', `blocking rule "${blockingRuleName(rule)}" has no parts`);
    const parsed = rule.on.map((p) => parsePart(p, fields));
    const selects = new Set<number>();
    for (const { field, transform } of parsed) {
      selects.add(field);
      const type = (fields[field] as ResolvedField).type;
      // Whole-name keys read given and family names alike.
      const wholeName = NAMES.has(type) && (transform === 'any_phonetic' || transform === 'token_set');
      fields.forEach((g, k) => {
        if (LOCATION.has(type) && LOCATION.has(g.type)) selects.add(k);
        if ((type === 'name' || wholeName) && NAMES.has(g.type)) selects.add(k);
        if (NAMES.has(type) && g.type === 'name') selects.add(k);
      });
    }
    return { name: blockingRuleName(rule), parts: parsed, selects: [...selects].sort((x, y) => x - y) };
  });
}

/**
 * Bind parsed rules to the prepared columns (records prepared with the fields they were parsed
 * against). A resolver binds the same parsed rules to each small batch it prepares.
 */
export function bindRules(prepared: Pick<PreparedRecords, 'fields' | 'columns'>, parsed: readonly ParsedRule[]): CompiledRule[] {
  const fields = prepared.fields;
  // Parts shared by several rules (a phonetic surname in four of them) share their key caches.
  const caches = new Map<string, KeyCache>();
  return parsed.map((rule) => ({
    name: rule.name,
    parts: rule.parts.map(({ field, transform }) => {
      const f = fields[field] as ResolvedField;
      const kind = kindOf(f.type);
      const column = prepared.columns[field] as AnyColumn;
      const key = `${field}:${transform}`;
      let cache = caches.get(key);
      if (cache === undefined) caches.set(key, (cache = new KeyCache()));
      return { field: f.name, kind, type: f.type, column, transform, single: kind.singleBasis?.(f.type, column, transform), cache };
    }),
    selects: rule.selects,
  }));
}

/** Bind rules to the prepared columns. Parts naming fields the data lacks throw. */
export function compileRules(prepared: Pick<PreparedRecords, 'fields' | 'columns'>, rules: readonly BlockingRule[]): CompiledRule[] {
  return bindRules(prepared, parseRules(prepared.fields, rules));
}

const MAX_COMBINATIONS = 16;

/**
 * Hashed keys per basis value id, computed on first use. Most values have exactly one key: its hash
 * sits in a flat array (no object per value); values with none or several keep an array in a map.
 * The maps are made on first use: rules are bound for every one-record add, whose keys are read
 * once, as strings.
 */
class KeyCache {
  single: Float64Array = NO_HASHES;
  other: Map<number, Float64Array> | undefined = undefined;
  strings: Map<number, readonly string[]> | undefined = undefined;
}

const NO_HASHES = new Float64Array(0);

const UNKNOWN = -1;
const SEVERAL = -2;

/** The non-empty keys of `out`, each once, in order (most values have exactly one). */
function distinctKeys(out: string[]): string[] {
  if (out.length === 1) return (out[0] as string).length > 0 ? out : [];
  const keys: string[] = [];
  for (const k of out) if (k.length > 0 && !keys.includes(k)) keys.push(k);
  return keys;
}

function keysOfBasis(part: Part, id: number): readonly string[] {
  const strings = (part.cache.strings ??= new Map());
  let keys = strings.get(id);
  if (keys === undefined) {
    const out: string[] = [];
    part.kind.basisKeys(part.type, part.column, id, part.transform, out);
    keys = distinctKeys(out);
    strings.set(id, keys);
  }
  return keys;
}

/** One-key results are returned in a scratch array per slot (0 or 1): read it before the next call on that slot. */
const scratch: readonly Float64Array[] = [new Float64Array(1), new Float64Array(1)];

function hashesOfBasis(part: Part, id: number, slot = 0): Float64Array {
  const scratchHash = scratch[slot] as Float64Array;
  const cache = part.cache;
  if (id >= cache.single.length) {
    const grown = new Float64Array(Math.max(1024, (id + 1) * 2)).fill(UNKNOWN);
    grown.set(cache.single);
    cache.single = grown;
  }
  const h = cache.single[id] ?? UNKNOWN;
  if (h >= 0) {
    scratchHash[0] = h;
    return scratchHash;
  }
  if (h === SEVERAL) return cache.other?.get(id) ?? new Float64Array(0);
  const out: string[] = [];
  part.kind.basisKeys(part.type, part.column, id, part.transform, out);
  const keys = distinctKeys(out);
  if (keys.length === 1) {
    const x = hash53(keys[0] ?? '');
    cache.single[id] = x;
    scratchHash[0] = x;
    return scratchHash;
  }
  const hashes = new Float64Array(keys.length);
  for (let q = 0; q < keys.length; q++) hashes[q] = hash53(keys[q] ?? '');
  cache.single[id] = SEVERAL;
  (cache.other ??= new Map()).set(id, hashes);
  return hashes;
}

/** Mix two 53-bit hashes into one (order matters). */
export function combineHashes(a: number, b: number): number {
  const alo = a >>> 0;
  const ahi = Math.floor(a / 4294967296) >>> 0;
  const blo = b >>> 0;
  const bhi = Math.floor(b / 4294967296) >>> 0;
  let lo = Math.imul(alo ^ 0x9e3779b9, 0x85ebca6b) ^ blo;
  lo = Math.imul(lo ^ (lo >>> 15), 0xc2b2ae35) ^ ahi;
  let hi = Math.imul(ahi ^ 0x7f4a7c15, 0x27d4eb2f) ^ bhi;
  hi = Math.imul(hi ^ (hi >>> 13), 0x165667b1) ^ alo;
  lo = (lo ^ (lo >>> 16)) >>> 0;
  hi = (hi ^ (hi >>> 16)) & 0x1fffff;
  return hi * 4294967296 + lo;
}

const basis: number[] = [];

/** Push the keys of `row` under a compiled rule (the cartesian product of its parts' keys). */
export function ruleKeys(rule: CompiledRule, row: number, out: string[]): void {
  let acc: string[] = [''];
  for (let p = 0; p < rule.parts.length; p++) {
    const part = rule.parts[p] as Part;
    basis.length = 0;
    part.kind.keyBasis(part.type, part.column, row, part.transform, basis);
    const partKeys: string[] = [];
    for (const id of basis) for (const k of keysOfBasis(part, id)) if (!partKeys.includes(k)) partKeys.push(k);
    if (partKeys.length === 0) return;
    const next: string[] = [];
    for (const a of acc) {
      for (const k of partKeys) {
        if (next.length >= MAX_COMBINATIONS) break;
        next.push(p === 0 ? k : `${a}\u0002${k}`);
      }
    }
    acc = next;
  }
  for (const k of acc) out.push(k);
}

/**
 * Basis ids, basis keys and key lists of {@link ruleKeysOnce}: scratch arrays kept between calls,
 * written from an offset and emptied only now and then (`length = 0` drops an array's storage, so
 * emptying them per call allocated more than the keys).
 */
const onceBasis: number[] = [];
const onceKeys: string[] = [];
const oncePart: string[] = [];
const onceAcc: string[] = [];
const onceNext: string[] = [];

/**
 * Push the keys of `row` under a parsed rule, exactly as {@link ruleKeys} gives them for the rule
 * bound to `prepared` by {@link bindRules}, without binding it: no key caches, for a row whose keys
 * are asked for once (a one-record add), where building the caches cost more than the keys. Only
 * the keys themselves are allocated.
 */
export function ruleKeysOnce(prepared: Pick<PreparedRecords, 'fields' | 'columns'>, rule: ParsedRule, row: number, out: string[]): void {
  if (onceBasis.length > 1024) onceBasis.length = 0;
  if (onceKeys.length > 1024) onceKeys.length = 0;
  let acc = onceAcc;
  let accLength = 1;
  acc[0] = '';
  for (let p = 0; p < rule.parts.length; p++) {
    const { field, transform } = rule.parts[p] as ParsedRule['parts'][number];
    const f = prepared.fields[field] as ResolvedField;
    const kind = kindOf(f.type);
    const column = prepared.columns[field] as AnyColumn;
    const basisFrom = onceBasis.length;
    kind.keyBasis(f.type, column, row, transform, onceBasis);
    const basisTo = onceBasis.length;
    // The distinct non-empty keys of the basis values, in order (what keysOfBasis and ruleKeys keep).
    const partKeys = oncePart;
    let partLength = 0;
    for (let b = basisFrom; b < basisTo; b++) {
      const keysFrom = onceKeys.length;
      kind.basisKeys(f.type, column, onceBasis[b] as number, transform, onceKeys);
      for (let q = keysFrom; q < onceKeys.length; q++) {
        const k = onceKeys[q] as string;
        if (k.length > 0 && !holds(partKeys, partLength, k)) partKeys[partLength++] = k;
      }
    }
    if (partLength === 0) return;
    const next = acc === onceAcc ? onceNext : onceAcc;
    let nextLength = 0;
    if (p === 0) {
      for (let q = 0; q < partLength && q < MAX_COMBINATIONS; q++) next[nextLength++] = partKeys[q] as string;
    } else {
      for (let i = 0; i < accLength; i++) {
        for (let q = 0; q < partLength; q++) {
          if (nextLength >= MAX_COMBINATIONS) break;
          next[nextLength++] = `${acc[i] as string}\u0002${partKeys[q] as string}`;
        }
      }
    }
    acc = next;
    accLength = nextLength;
  }
  for (let i = 0; i < accLength; i++) out.push(acc[i] as string);
}

/** True when one of the first `length` items of `list` is `k`. */
function holds(list: readonly string[], length: number, k: string): boolean {
  for (let i = 0; i < length; i++) if (list[i] === k) return true;
  return false;
}

const NO_BASIS = -2;
/** Basis ids of the fast path, pushed after those of earlier rows (emptied now and then only). */
const scratchBasis: number[] = [];

/** The one basis value of `row` in a part, -1 when it has several, {@link NO_BASIS} when none. */
function onlyBasis(part: Part, row: number): number {
  if (scratchBasis.length > 1024) scratchBasis.length = 0;
  const from = scratchBasis.length;
  part.kind.keyBasis(part.type, part.column, row, part.transform, scratchBasis);
  const n = scratchBasis.length - from;
  return n === 0 ? NO_BASIS : n === 1 ? (scratchBasis[from] ?? 0) : -1;
}

/**
 * Push the hashed keys of `row` under a compiled rule, in the order {@link ruleKeys} gives the
 * keys: key strings are built and hashed once per distinct value, never per row.
 */
export function ruleKeyHashes(rule: CompiledRule, row: number, out: number[]): void {
  const parts = rule.parts;
  if (parts.length <= 2) {
    // Fast path: one or two parts, each with one basis value (most rules, most rows).
    const p1 = parts[0] as Part;
    let id1: number;
    if (p1.single !== undefined) {
      id1 = p1.single(row);
      if (id1 < 0) return;
    } else {
      id1 = onlyBasis(p1, row);
      if (id1 === NO_BASIS) return;
    }
    if (id1 >= 0) {
      const h1 = hashesOfBasis(p1, id1);
      if (parts.length === 1) {
        for (let q = 0; q < h1.length && q < MAX_COMBINATIONS; q++) out.push(h1[q] ?? 0);
        return;
      }
      const p2 = parts[1] as Part;
      let id2: number;
      if (p2.single !== undefined) {
        id2 = p2.single(row);
        if (id2 < 0) return;
      } else {
        id2 = onlyBasis(p2, row);
        if (id2 === NO_BASIS) return;
      }
      if (id2 >= 0) {
        const h2 = hashesOfBasis(p2, id2, 1);
        const end = out.length + MAX_COMBINATIONS;
        for (let x = 0; x < h1.length; x++) {
          for (let y = 0; y < h2.length; y++) {
            if (out.length >= end) return;
            out.push(combineHashes(h1[x] ?? 0, h2[y] ?? 0));
          }
        }
        return;
      }
    }
  }
  ruleKeyHashesGeneral(rule, row, out);
}

function ruleKeyHashesGeneral(rule: CompiledRule, row: number, out: number[]): void {
  const parts = rule.parts;
  if (parts.length === 1) {
    const part = parts[0] as Part;
    basis.length = 0;
    part.kind.keyBasis(part.type, part.column, row, part.transform, basis);
    const start = out.length;
    for (const id of basis) {
      for (const h of hashesOfBasis(part, id)) {
        let dup = false;
        for (let q = start; q < out.length; q++) if (out[q] === h) dup = true;
        if (!dup && out.length - start < MAX_COMBINATIONS) out.push(h);
      }
    }
    return;
  }
  let acc: number[] = [0];
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as Part;
    basis.length = 0;
    part.kind.keyBasis(part.type, part.column, row, part.transform, basis);
    const partHashes: number[] = [];
    for (const id of basis) for (const h of hashesOfBasis(part, id)) if (!partHashes.includes(h)) partHashes.push(h);
    if (partHashes.length === 0) return;
    const next: number[] = [];
    for (const a of acc) {
      for (const h of partHashes) {
        if (next.length >= MAX_COMBINATIONS) break;
        next.push(p === 0 ? h : combineHashes(a, h));
      }
    }
    acc = next;
  }
  for (const h of acc) out.push(h);
}
