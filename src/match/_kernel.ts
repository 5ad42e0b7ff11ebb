/**
 * Hot loops of the matching engine. Everything that indexes typed arrays in a tight loop lives here,
 * so the `!` assertions that `noUncheckedIndexedAccess` asks for stay in one small file. Every
 * function is pure; scratch buffers are allocated on first use (nothing runs at import time) and
 * never escape.
 *
 * @internal
 */

let flagsA: Uint8Array = new Uint8Array(0);
let flagsB: Uint8Array = new Uint8Array(0);
let rowA: Int32Array = new Int32Array(0);
let rowB: Int32Array = new Int32Array(0);
let rowC: Int32Array = new Int32Array(0);
let peq: Int32Array | undefined;

function ensureFlags(n: number): void {
  if (flagsA.length < n) {
    const size = Math.max(64, n * 2);
    flagsA = new Uint8Array(size);
    flagsB = new Uint8Array(size);
  }
}

function ensureRows(n: number): void {
  if (rowA.length < n) {
    const size = Math.max(64, n * 2);
    rowA = new Int32Array(size);
    rowB = new Int32Array(size);
    rowC = new Int32Array(size);
  }
}

/** Jaro similarity of two strings already put in canonical order by the caller. */
function jaroOrdered(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la <= 31 && lb <= 31) return jaroBits(a, b, la, lb);
  const range = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  ensureFlags(Math.max(la, lb));
  const fa = flagsA;
  const fb = flagsB;
  fa.fill(0, 0, la);
  fb.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = i > range ? i - range : 0;
    const hi = i + range + 1 < lb ? i + range + 1 : lb;
    const c = a.charCodeAt(i);
    for (let j = lo; j < hi; j++) {
      if (fb[j] === 0 && b.charCodeAt(j) === c) {
        fa[i] = 1;
        fb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let half = 0;
  for (let i = 0; i < la; i++) {
    if (fa[i] === 0) continue;
    while (fb[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) half++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - half / 2) / m) / 3;
}

/** Jaro for strings of at most 31 units, match flags kept in two integers. */
function jaroBits(a: string, b: string, la: number, lb: number): number {
  const range = Math.max(0, ((la > lb ? la : lb) >> 1) - 1);
  let fa = 0;
  let fb = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = i > range ? i - range : 0;
    const hi = i + range + 1 < lb ? i + range + 1 : lb;
    const c = a.charCodeAt(i);
    for (let j = lo; j < hi; j++) {
      if ((fb & (1 << j)) === 0 && b.charCodeAt(j) === c) {
        fa |= 1 << i;
        fb |= 1 << j;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let half = 0;
  for (let i = 0; i < la; i++) {
    if ((fa & (1 << i)) === 0) continue;
    while ((fb & (1 << k)) === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) half++;
    k++;
  }
  return (matches / la + matches / lb + (matches - half / 2) / matches) / 3;
}

/**
 * Jaro–Winkler similarity in [0, 1]. Symmetric by construction: the pair is put in a canonical
 * order first (the greedy Jaro matching is not symmetric in rare cases otherwise).
 */
export function jaroWinkler(a: string, b: string, prefixScale: number, boostThreshold: number): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const x = a < b ? a : b;
  const y = a < b ? b : a;
  const jaro = jaroOrdered(x, y);
  if (jaro <= boostThreshold) return jaro;
  const limit = Math.min(4, x.length, y.length);
  let prefix = 0;
  while (prefix < limit && x.charCodeAt(prefix) === y.charCodeAt(prefix)) prefix++;
  return jaro + prefix * prefixScale * (1 - jaro);
}

/**
 * Jaro–Winkler similarity when it may reach `min`, else a number below `min` (0). A cheap bound
 * first: matches cannot exceed the characters of one string whose letter occurs in the other,
 * and the prefix boost needs a common prefix; most unrelated pairs stop there.
 */
export function jaroWinklerAtLeast(a: string, b: string, min: number): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  let maskA = 0;
  let maskB = 0;
  for (let i = 0; i < la; i++) maskA |= 1 << (a.charCodeAt(i) & 31);
  for (let i = 0; i < lb; i++) maskB |= 1 << (b.charCodeAt(i) & 31);
  let inB = 0;
  for (let i = 0; i < la; i++) if ((maskB & (1 << (a.charCodeAt(i) & 31))) !== 0) inB++;
  let inA = 0;
  for (let i = 0; i < lb; i++) if ((maskA & (1 << (b.charCodeAt(i) & 31))) !== 0) inA++;
  const m = inA < inB ? inA : inB;
  if (m === 0) return 0;
  const limit = Math.min(4, la, lb);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  const jaroBound = (m / la + m / lb + 1) / 3;
  const bound = jaroBound > 0.7 ? jaroBound + prefix * 0.1 * (1 - jaroBound) : jaroBound;
  if (bound < min) return 0;
  return jaroWinkler(a, b, 0.1, 0.7);
}

/** Plain Jaro similarity in [0, 1], symmetric. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  return a < b ? jaroOrdered(a, b) : jaroOrdered(b, a);
}

/**
 * Levenshtein distance, capped: returns the exact distance when it is at most `max`, and `max + 1`
 * otherwise. Myers' bit-parallel algorithm for strings up to 32 UTF-16 units, a banded dynamic
 * programme beyond.
 */
export function levenshteinAtMost(a: string, b: string, max: number): number {
  if (a === b) return 0;
  let la = a.length;
  let lb = b.length;
  const diff = la > lb ? la - lb : lb - la;
  if (diff > max) return max + 1;
  if (la === 0) return lb <= max ? lb : max + 1;
  if (lb === 0) return la <= max ? la : max + 1;
  // Put the shorter string first as the pattern.
  let p = a;
  let t = b;
  if (la > lb) {
    p = b;
    t = a;
    const tmp = la;
    la = lb;
    lb = tmp;
  }
  if (la <= 32) {
    const d = myers32(p, t, la, lb);
    return d <= max ? d : max + 1;
  }
  return bandedLevenshtein(p, t, la, lb, max);
}

/** Pattern bitmasks of ASCII characters for the bit-parallel Levenshtein (reset after each use). */
const PEQ_ASCII = new Int32Array(128);

function myers32(p: string, t: string, m: number, n: number): number {
  for (let i = 0; i < m; i++) if (p.charCodeAt(i) >= 128) return myers32Wide(p, t, m, n);
  const table = PEQ_ASCII;
  for (let i = 0; i < m; i++) {
    const c = p.charCodeAt(i);
    table[c] = table[c]! | (1 << i);
  }
  let pv = -1;
  let mv = 0;
  let score = m;
  const last = 1 << (m - 1);
  for (let j = 0; j < n; j++) {
    const c = t.charCodeAt(j);
    const eq = c < 128 ? table[c]! : 0;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    if (mh & last) score--;
    ph = (ph << 1) | 1;
    mh = mh << 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  for (let i = 0; i < m; i++) table[p.charCodeAt(i)] = 0;
  return score;
}

function myers32Wide(p: string, t: string, m: number, n: number): number {
  if (peq === undefined) peq = new Int32Array(65536);
  const table = peq;
  for (let i = 0; i < m; i++) {
    const c = p.charCodeAt(i);
    table[c] = table[c]! | (1 << i);
  }
  let pv = -1;
  let mv = 0;
  let score = m;
  const last = 1 << (m - 1);
  for (let j = 0; j < n; j++) {
    const eq = table[t.charCodeAt(j)]!;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    if (mh & last) score--;
    ph = (ph << 1) | 1;
    mh = mh << 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  for (let i = 0; i < m; i++) table[p.charCodeAt(i)] = 0;
  return score;
}

function bandedLevenshtein(a: string, b: string, la: number, lb: number, max: number): number {
  ensureRows(lb + 1);
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let v = prev[j - 1]! + cost;
      const del = prev[j]! + 1;
      if (del < v) v = del;
      const ins = cur[j - 1]! + 1;
      if (ins < v) v = ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  const d = prev[lb]!;
  return d <= max ? d : max + 1;
}

/**
 * Optimal string alignment distance (restricted Damerau–Levenshtein: insertions, deletions,
 * substitutions and transpositions of adjacent characters, no substring edited twice), capped like
 * {@link levenshteinAtMost}. Pass `Infinity` for the exact distance.
 */
export function osaAtMost(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  const diff = la > lb ? la - lb : lb - la;
  if (diff > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  ensureRows(lb + 1);
  let prev2 = rowC;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    const caPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = prev[j - 1]! + cost;
      const del = prev[j]! + 1;
      if (del < v) v = del;
      const ins = cur[j - 1]! + 1;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && caPrev === cb) {
        const tr = prev2[j - 2]! + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const swap = prev2;
    prev2 = prev;
    prev = cur;
    cur = swap;
  }
  const d = prev[lb]!;
  return d <= max ? d : max + 1;
}

/**
 * Greedy token alignment: for every token of the smaller list, the best similarity to a token of
 * the other list not used yet; returns the sum of those best similarities that reach `minimum`.
 * The lists are put in canonical order first so the result is symmetric.
 */
export function alignTokens(
  a: readonly string[],
  b: readonly string[],
  similarity: (x: string, y: string) => number,
  minimum: number,
): number {
  let x = a;
  let y = b;
  if (a.length > b.length || (a.length === b.length && compareLists(a, b) > 0)) {
    x = b;
    y = a;
  }
  const ly = y.length;
  ensureFlags(ly);
  const used = flagsB;
  used.fill(0, 0, ly);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const tx = x[i]!;
    let best = -1;
    let bestJ = -1;
    for (let j = 0; j < ly; j++) {
      if (used[j] !== 0) continue;
      const s = similarity(tx, y[j]!);
      if (s > best) {
        best = s;
        bestJ = j;
      }
    }
    if (bestJ >= 0 && best >= minimum) {
      used[bestJ] = 1;
      total += best;
    }
  }
  return total;
}

function compareLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Whether the optimal-string-alignment distance of `a` and `b` is at most 1 (one insertion,
 * deletion, substitution, or swap of two adjacent units), in one linear pass.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  const d = la - lb;
  if (d > 1 || d < -1) return false;
  const short = la < lb ? la : lb;
  let i = 0;
  while (i < short && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let ea = la - 1;
  let eb = lb - 1;
  while (ea >= i && eb >= i && a.charCodeAt(ea) === b.charCodeAt(eb)) {
    ea--;
    eb--;
  }
  // Unmatched middle: a[i..ea], b[i..eb].
  const ma = ea - i + 1;
  const mb = eb - i + 1;
  if (ma <= 1 && mb <= 1) return true;
  return ma === 2 && mb === 2 && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i);
}

/**
 * 53-bit string hash (cyrb53 construction), returned as a non-negative safe integer. Used for
 * blocking keys: a collision only adds candidate pairs, it never loses one.
 */
export function hash53(s: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Number of values two ascending Int32 runs have in common. */
export function countCommonSorted(a: Int32Array, aFrom: number, aTo: number, b: Int32Array, bFrom: number, bTo: number): number {
  let i = aFrom;
  let j = bFrom;
  let n = 0;
  while (i < aTo && j < bTo) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/**
 * Stable LSD radix sort of 53-bit keys given as (hi 21 bits, lo 32 bits). Returns the permutation
 * (indices into the input) in ascending key order; equal keys keep their input order.
 */
export function radixSortKeys(hi: Uint32Array, lo: Uint32Array, n: number): Uint32Array {
  let kHi = hi.slice(0, n);
  let kLo = lo.slice(0, n);
  let perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let tHi = new Uint32Array(n);
  let tLo = new Uint32Array(n);
  let tPerm = new Uint32Array(n);
  const counts = new Int32Array(2049);
  // passes: [source 0 = lo / 1 = hi, shift, bits]
  const passes: readonly (readonly [number, number, number])[] = [
    [0, 0, 11],
    [0, 11, 11],
    [0, 22, 10],
    [1, 0, 11],
    [1, 11, 10],
  ];
  for (const [which, shift, bits] of passes) {
    const mask = (1 << bits) - 1;
    const src = which === 0 ? kLo : kHi;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const d = (src[i]! >>> shift) & mask;
      counts[d + 1] = counts[d + 1]! + 1;
    }
    // Skip a pass whose digit is the same everywhere.
    let nonZeroBuckets = 0;
    for (let d = 1; d <= mask + 1; d++) if (counts[d]! > 0) nonZeroBuckets++;
    if (nonZeroBuckets <= 1) continue;
    for (let d = 1; d <= mask + 1; d++) counts[d] = counts[d]! + counts[d - 1]!;
    for (let i = 0; i < n; i++) {
      const d = (src[i]! >>> shift) & mask;
      const at = counts[d]!;
      counts[d] = at + 1;
      tHi[at] = kHi[i]!;
      tLo[at] = kLo[i]!;
      tPerm[at] = perm[i]!;
    }
    let swap = kHi;
    kHi = tHi;
    tHi = swap;
    swap = kLo;
    kLo = tLo;
    tLo = swap;
    swap = perm;
    perm = tPerm;
    tPerm = swap;
  }
  return perm;
}

/** Below this many pairs a comparator sort is faster than eight radix passes over 65,536 counters. */
export const RADIX_SORT_FROM = 4096;

/**
 * The order of scored pairs by weight descending, then `a`, then `b` ascending (what a comparator
 * sort gives; -0 counts as 0), stable. From `radixFrom` pairs on, by an LSD radix sort on 16-bit
 * digits: b, then a, then the weight's bits made sortable. Rows are non-negative; weights finite.
 */
export function sortByWeightDescending(a: Int32Array, b: Int32Array, weight: Float64Array, n: number, radixFrom: number = RADIX_SORT_FROM): Uint32Array {
  if (n < radixFrom) {
    const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => weight[y]! - weight[x]! || a[x]! - a[y]! || b[x]! - b[y]!);
    return Uint32Array.from(order);
  }
  // The weight as two 32-bit halves that sort descending as unsigned integers.
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const little = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;
  const wHi = new Uint32Array(n);
  const wLo = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const w = weight[k]!;
    bits[0] = w === 0 ? 0 : w;
    let hi = words[little ? 1 : 0]!;
    let lo = words[little ? 0 : 1]!;
    // Ascending order of doubles as unsigned: flip all bits of negatives, the sign bit of others.
    if (hi >>> 31 === 1) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    // Descending: the complement.
    wHi[k] = ~hi >>> 0;
    wLo[k] = ~lo >>> 0;
  }
  let order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  let next = new Uint32Array(n);
  const counts = new Int32Array(65537);
  const pass = (key: (k: number) => number): void => {
    counts.fill(0);
    for (let q = 0; q < n; q++) {
      const d = key(order[q]!);
      counts[d + 1] = counts[d + 1]! + 1;
    }
    // A digit that is the same everywhere leaves the order as it is.
    let used = 0;
    for (let d = 1; d <= 65536; d++) if (counts[d]! > 0) used++;
    if (used <= 1) return;
    for (let d = 1; d <= 65536; d++) counts[d] = counts[d]! + counts[d - 1]!;
    for (let q = 0; q < n; q++) {
      const k = order[q]!;
      const d = key(k);
      const at = counts[d]!;
      counts[d] = at + 1;
      next[at] = k;
    }
    const swap = order;
    order = next;
    next = swap;
  };
  pass((k) => b[k]! & 0xffff);
  pass((k) => b[k]! >>> 16);
  pass((k) => a[k]! & 0xffff);
  pass((k) => a[k]! >>> 16);
  pass((k) => wLo[k]! & 0xffff);
  pass((k) => wLo[k]! >>> 16);
  pass((k) => wHi[k]! & 0xffff);
  pass((k) => wHi[k]! >>> 16);
  return order;
}

/**
 * A direct-mapped memo of small results (levels) keyed by a pair of value ids: the same two names
 * meet again and again across candidate pairs. A miss returns -1; a colliding entry is replaced.
 */
export class PairMemo {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly v: Int8Array;
  private readonly shift: number;

  constructor(bits = 18) {
    const size = 1 << bits;
    this.a = new Int32Array(size).fill(-1);
    this.b = new Int32Array(size);
    this.v = new Int8Array(size);
    this.shift = 32 - bits;
  }

  get(x: number, y: number): number {
    const h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) >>> this.shift;
    return this.a[h] === x && this.b[h] === y ? this.v[h]! : -1;
  }

  set(x: number, y: number, value: number): void {
    const h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) >>> this.shift;
    this.a[h] = x;
    this.b[h] = y;
    this.v[h] = value;
  }
}

/**
 * Memo size (bits) for pairs of values of a pool of `values` values: no larger than the pairs
 * there can be (a batch of one record needs a few entries, not 2^18).
 */
export function memoBits(values: number): number {
  const pairs = Math.max(values, 2) ** 2;
  return Math.max(4, Math.min(18, Math.ceil(Math.log2(pairs))));
}

/**
 * A memo a comparator creates only once it has computed `after` results without one: a model
 * bound for a few comparisons (an explanation, one incremental record) allocates nothing.
 */
export class LazyMemo {
  memo: PairMemo | undefined = undefined;
  misses = 0;
  constructor(
    private readonly make: () => PairMemo,
    private readonly after = 64,
  ) {}

  /** The memo, or undefined while too few results were computed to be worth one. */
  get(): PairMemo | undefined {
    if (this.memo !== undefined) return this.memo;
    if (++this.misses <= this.after) return undefined;
    this.memo = this.make();
    return this.memo;
  }
}

/** A {@link PairMemo} per object (column) and slot, created on first use. */
export function memoFor(owner: object, slot: number, cache: WeakMap<object, PairMemo[]>, bits = 18): PairMemo {
  let list = cache.get(owner);
  if (list === undefined) {
    list = [];
    cache.set(owner, list);
  }
  let memo = list[slot];
  if (memo === undefined) {
    memo = new PairMemo(bits);
    list[slot] = memo;
  }
  return memo;
}
