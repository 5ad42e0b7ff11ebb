// Identifier keys, memoized across deliveries. Normalizing a phone, email or handle is the costliest
// step of most adapters, and the same values come back all the time: the business's own numbers and
// bot ids are in every delivery, returning customers in many. Pure memoization: the same input always
// gives the same result, so a hit returns exactly what `toIdentifier` would (the shared Identifier
// objects are never modified).
//
// Most values of a busy webhook are seen once (a new customer), so a miss must cost next to nothing
// and must not keep anything alive: keeping every new value in a map costs more (hashing, cache
// misses in a big table, objects promoted to the old generation and later collected) than computing
// it. Three small fixed-size tables, made on first use, each indexed by a hash of the input:
// - `recent`: the last few results, whatever they were (a delivery names the same customer in its
//   contacts and in its message); overwritten within a few calls, so its objects die young;
// - `seen`: the hashes of inputs met once (numbers only, nothing kept alive): the doorkeeper;
// - the cache proper: a result is admitted on its input's second sighting (in a later delivery, or
//   a third time in one), so it holds the values that do come back, and one-off values never enter.
// A slot holds one input; a newcomer replaces it. Memory is bounded by the slot counts.
import { FNV_OFFSET, fnvFinish, fnvMix, fnvString } from '../internal/fnv.js';
import type { Identifier, IdentifierKind } from '../model/identifier.js';
import type { Result } from '../model/issue.js';
import { toIdentifier } from '../normalize/identifier.js';

/** Slots of the cache proper (a power of two). */
const CACHE_SLOTS = 1024;
/** Slots of the doorkeeper (a power of two). */
const SEEN_SLOTS = 4096;
/** Slots of the recent-results ring. */
const RECENT_SLOTS = 8;

/**
 * Longest value + namespace memoized: real ids, phones and emails are far shorter; longer (hostile)
 * inputs are normalized every time, so the memo's memory stays small whatever payloads hold.
 */
const MAX_MEMO_INPUT = 640;

/** One table: the inputs (value, namespace, shape), their hashes and their results, slot by slot. */
interface Table {
  readonly hashes: Int32Array;
  readonly values: (string | undefined)[];
  readonly namespaces: (string | undefined)[];
  readonly shapes: (string | undefined)[];
  readonly results: (Result<Identifier> | undefined)[];
}

function table(slots: number): Table {
  return {
    hashes: new Int32Array(slots),
    values: new Array<string | undefined>(slots).fill(undefined),
    namespaces: new Array<string | undefined>(slots).fill(undefined),
    shapes: new Array<string | undefined>(slots).fill(undefined),
    results: new Array<Result<Identifier> | undefined>(slots).fill(undefined),
  };
}

let cache: Table | undefined;
let recent: Table | undefined;
let seen: Int32Array | undefined;
/** Next slot of `recent` to overwrite. */
let recentNext = 0;

/** FNV-1a over the value's UTF-16 units, mixed with the namespace's and shape's lengths and first units; never 0. */
function hashOf(value: string, namespace: string | undefined, shape: string): number {
  let h = fnvMix(fnvString(FNV_OFFSET, value), shape.length ^ (shape.charCodeAt(0) << 8));
  if (namespace !== undefined) h = fnvMix(h, namespace.length ^ (namespace.charCodeAt(namespace.length - 1) << 16));
  return fnvFinish(h);
}

/** The result stored in `slot` of `t` for exactly this input, or undefined. */
function lookup(t: Table, slot: number, hash: number, value: string, namespace: string | undefined, shape: string): Result<Identifier> | undefined {
  if (t.hashes[slot] !== hash) return undefined;
  if (t.values[slot] !== value || t.namespaces[slot] !== namespace || t.shapes[slot] !== shape) return undefined;
  return t.results[slot];
}

function store(t: Table, slot: number, hash: number, value: string, namespace: string | undefined, shape: string, result: Result<Identifier>): void {
  t.hashes[slot] = hash;
  t.values[slot] = value;
  t.namespaces[slot] = namespace;
  t.shapes[slot] = shape;
  t.results[slot] = result;
}

/**
 * `toIdentifier({ kind, value, namespace?, verified }, { defaultCountry? })`, without provenance,
 * memoized. The default country only matters to phones, so it is only part of a phone's memo key.
 * A call that throws (an unsupported default country: misuse) is not memoized and throws every time.
 */
export function cachedToIdentifier(kind: IdentifierKind, value: string, namespace: string | undefined, verified: boolean, defaultCountry: string | undefined): Result<Identifier> {
  const country = kind === 'phone' ? defaultCountry : undefined;
  if (value.length + (namespace?.length ?? 0) > MAX_MEMO_INPUT) return compute(kind, value, namespace, verified, country);
  // kind, verified and country (a supported ISO code when a phone result exists) decode uniquely.
  const shape = country === undefined ? (verified ? kind : `${kind}?`) : `${kind}${verified ? '' : '?'}/${country}`;
  const hash = hashOf(value, namespace, shape);
  const r0 = (recent ??= table(RECENT_SLOTS));
  for (let i = 0; i < RECENT_SLOTS; i++) {
    const hit = lookup(r0, i, hash, value, namespace, shape);
    if (hit !== undefined) return hit;
  }
  const c = (cache ??= table(CACHE_SLOTS));
  const slot = hash & (CACHE_SLOTS - 1);
  const cached = lookup(c, slot, hash, value, namespace, shape);
  if (cached !== undefined) return cached;
  const r = compute(kind, value, namespace, verified, country);
  store(r0, recentNext, hash, value, namespace, shape, r);
  recentNext = (recentNext + 1) & (RECENT_SLOTS - 1);
  // Admitted on a second sighting; the doorkeeper slot is taken from other bits than the cache slot.
  const doorkeeper = (seen ??= new Int32Array(SEEN_SLOTS));
  const mark = (hash >>> 13) & (SEEN_SLOTS - 1);
  if (doorkeeper[mark] === hash) store(c, slot, hash, value, namespace, shape, r);
  else doorkeeper[mark] = hash;
  return r;
}

function compute(kind: IdentifierKind, value: string, namespace: string | undefined, verified: boolean, country: string | undefined): Result<Identifier> {
  return toIdentifier(namespace !== undefined ? { kind, value, namespace, verified } : { kind, value, verified }, country !== undefined ? { defaultCountry: country } : {});
}
