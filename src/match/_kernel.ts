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

function myers32(p: string, t: string, m: number, n: number): number {
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
  if (a.length > b.length || (a.length === b.length && a.join('\u0000') > b.join('\u0000'))) {
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
