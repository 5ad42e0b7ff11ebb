import { radixSortKeys } from './_kernel.js';

/**
 * The batch blocking engine, independent of what records are: rows 0..n-1, rules that give each
 * row zero or more string keys, optional sides for linkage. Blocks are groups of rows sharing a
 * key of one rule; candidate pairs are pairs inside a block (for linkage, across sides only). A
 * pair found by several rules or several keys is emitted once: by the first block (in rule order,
 * then block order) that generates it. Every emitted pair carries the mask of the rules that
 * generate it (used to train each comparison on pairs not selected on its own column).
 *
 * Oversized blocks (more candidate pairs than `maxBlockPairs`) are never enumerated in full: they
 * are sub-blocked by a sorted neighbourhood (members sorted by a signature, each compared with the
 * next `window` members) when `window > 0` and the block has at most `maxWindowedBlockSize`
 * members, and skipped otherwise. Both are reported.
 *
 * @internal
 */

export interface BlockEngineInput {
  readonly rows: number;
  readonly ruleNames: readonly string[];
  /**
   * Push the hashed keys (53-bit) of `row` under `rule` onto `out`, after what it already holds
   * (duplicates are removed here).
   */
  readonly keysOf: (rule: number, row: number, out: number[]) => void;
  /** The keys already hashed (by shard, in workers); `keysOf` is then not called. */
  readonly entries?: KeyEntries;
  /** The same keys as strings, in the same order (only to name oversized blocks in the report). */
  readonly keyStringsOf: (rule: number, row: number, out: string[]) => void;
  /** Linkage: the side (source) of each row; pairs are only formed across different sides. */
  readonly side?: Int32Array;
  /** Order of the members of a windowed block. */
  /** Sort key of a row inside windowed blocks (similar records get close keys). */
  readonly signature?: (row: number) => number;
  readonly maxBlockPairs: number;
  readonly window: number;
  readonly maxWindowedBlockSize: number;
  /** A rule generating more candidate pairs than this (about) is dropped whole and reported. */
  readonly maxRulePairs: number;
}

export const MODE_ALL = 0;
export const MODE_WINDOW = 1;

/** An oversized block, for the report. */
export interface OversizedBlock {
  readonly rule: string;
  readonly key: string;
  readonly size: number;
  readonly handling: 'windowed' | 'skipped';
}

export interface BlockStructure {
  readonly rows: number;
  readonly ruleNames: readonly string[];
  readonly side: Int32Array | undefined;
  /** Sorted-neighbourhood window of each rule's oversized blocks. */
  readonly ruleWindow: Int32Array;
  readonly blockCount: number;
  readonly blockRule: Uint8Array;
  readonly blockMode: Uint8Array;
  /** CSR into `members`. */
  readonly blockStart: Int32Array;
  readonly members: Int32Array;
  /** Per row, the blocks it belongs to (ascending), and its rank in each block's member list. */
  readonly rowStart: Int32Array;
  readonly rowBlock: Int32Array;
  readonly rowRank: Int32Array;
  /** Candidate pairs each block generates, by rule (duplicates across blocks included). */
  readonly rulePairs: Float64Array;
  readonly ruleBlocks: Float64Array;
  readonly ruleLargest: Float64Array;
  readonly oversized: readonly OversizedBlock[];
  readonly oversizedCount: number;
  /** Rules dropped for exceeding `maxRulePairs`, with the pairs they would have generated. */
  readonly skippedRules: readonly { readonly rule: string; readonly comparisons: number }[];
  /** Rules kept within `maxRulePairs` by a smaller block cap and window. */
  readonly tightenedRules: readonly { readonly rule: string; readonly maxBlockPairs: number; readonly window: number }[];
}

function crossPairs(rows: ArrayLike<number>, from: number, to: number, side: Int32Array): number {
  const size = to - from;
  const bySide = new Map<number, number>();
  for (let p = from; p < to; p++) {
    const s = side[rows[p] ?? 0] ?? 0;
    bySide.set(s, (bySide.get(s) ?? 0) + 1);
  }
  let same = 0;
  for (const k of bySide.values()) same += (k * (k - 1)) / 2;
  return (size * (size - 1)) / 2 - same;
}

/** Blocking keys of rows, one entry per (row, rule, key): the input of {@link buildBlocks}. */
export interface KeyEntries {
  /** The key hash mixed with the rule index, as high 21 and low 32 bits. */
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly row: Int32Array;
  readonly rule: Uint8Array;
  readonly length: number;
}

/**
 * Hash the keys of rows `[0, rows)` under every rule (keys a row repeats under one rule count
 * once). Rows are numbered from `rowOffset`, so shards prepared apart can be concatenated.
 */
export function collectKeyEntries(rows: number, ruleCount: number, keysOf: (rule: number, row: number, out: number[]) => void, rowOffset = 0): KeyEntries {
  if (ruleCount > 31) throw new RangeError('at most 31 blocking rules');
  let cap = Math.max(16, rows * 2);
  let hi: Uint32Array = new Uint32Array(cap);
  let lo: Uint32Array = new Uint32Array(cap);
  let entryRow: Int32Array = new Int32Array(cap);
  let entryRule = new Uint8Array(cap);
  let n = 0;
  // Each row's keys are pushed after the previous rows' (the array is emptied only now and then:
  // emptying it for every row and rule costs more than hashing).
  const keys: number[] = [];
  for (let r = 0; r < ruleCount; r++) {
    for (let row = 0; row < rows; row++) {
      if (keys.length > 4096) keys.length = 0;
      const from = keys.length;
      keysOf(r, row, keys);
      for (let q = from; q < keys.length; q++) {
        const h = keys[q] ?? 0;
        let dup = false;
        for (let e = from; e < q; e++) if (keys[e] === h) dup = true;
        if (dup) continue;
        if (n === cap) {
          cap *= 2;
          hi = grow32(hi, cap);
          lo = grow32(lo, cap);
          entryRow = growI32(entryRow, cap);
          const er = new Uint8Array(cap);
          er.set(entryRule);
          entryRule = er;
        }
        const x = combineRule(h, r);
        hi[n] = Math.floor(x / 4294967296);
        lo[n] = x >>> 0;
        entryRow[n] = row + rowOffset;
        entryRule[n] = r;
        n++;
      }
    }
  }
  return { hi: hi.slice(0, n), lo: lo.slice(0, n), row: entryRow.slice(0, n), rule: entryRule.slice(0, n), length: n };
}

/** A key hash made specific to its rule (the same key under two rules is two blocks). */
function combineRule(h: number, rule: number): number {
  let lo = (h >>> 0) ^ Math.imul(rule + 1, 0x9e3779b1);
  lo = Math.imul(lo ^ (lo >>> 16), 0x85ebca6b) >>> 0;
  const hi = (Math.floor(h / 4294967296) ^ Math.imul(rule + 1, 0x7feb352d)) & 0x1fffff;
  return hi * 4294967296 + lo;
}

/** Build the block structure. Cost: O(total keys) plus O(k log k) per windowed block. */
export function buildBlocks(input: BlockEngineInput): BlockStructure {
  const { rows, ruleNames, side } = input;
  const linkage = side !== undefined;
  const ruleCount = ruleNames.length;
  const entries = input.entries ?? collectKeyEntries(rows, ruleCount, input.keysOf);
  const { hi, lo, length: n } = entries;
  const entryRow = entries.row;
  const entryRule = entries.rule;
  const perm = radixSortKeys(hi, lo, n);

  // Group runs of equal (hash, rule) into raw blocks, in hash order.
  const rawStart: number[] = [];
  const rawRule: number[] = [];
  for (let p = 0; p < n; p++) {
    const e = perm[p] ?? 0;
    if (p === 0) {
      rawStart.push(0);
      rawRule.push(entryRule[e] ?? 0);
      continue;
    }
    const prev = perm[p - 1] ?? 0;
    if (hi[e] !== hi[prev] || lo[e] !== lo[prev] || entryRule[e] !== entryRule[prev]) {
      rawStart.push(p);
      rawRule.push(entryRule[e] ?? 0);
    }
  }
  rawStart.push(n);

  // Pairs of every raw block (across sides when linking).
  const rawCount = rawStart.length - 1;
  const rawPairs = new Float64Array(rawCount);
  for (let b = 0; b < rawCount; b++) {
    const from = rawStart[b] ?? 0;
    const to = rawStart[b + 1] ?? 0;
    const size = to - from;
    let pairs = (size * (size - 1)) / 2;
    if (linkage && pairs > 0) {
      const rowsOfBlock: number[] = [];
      for (let p = from; p < to; p++) rowsOfBlock.push(entryRow[perm[p] ?? 0] ?? 0);
      pairs = crossPairs(rowsOfBlock, 0, size, side);
    }
    rawPairs[b] = pairs;
  }
  // Per rule, the block cap and window that keep it within the pair budget: a broad rule is
  // tightened (smaller blocks compared in full, narrower sorted-neighbourhood windows) before it is
  // dropped.
  const ruleCap = new Float64Array(ruleCount).fill(input.maxBlockPairs);
  const ruleWindow = new Int32Array(ruleCount).fill(input.window);
  const rawOfRule: number[][] = ruleNames.map(() => []);
  for (let b = 0; b < rawCount; b++) if ((rawPairs[b] ?? 0) > 0) rawOfRule[rawRule[b] ?? 0]?.push(b);
  const estimate = (r: number, cap: number, window: number): number => {
    let e = 0;
    for (const b of rawOfRule[r] ?? []) {
      const pairs = rawPairs[b] ?? 0;
      if (pairs <= cap) e += pairs;
      else if (window > 0) {
        const size = (rawStart[b + 1] ?? 0) - (rawStart[b] ?? 0);
        if (size <= input.maxWindowedBlockSize) e += size * window;
      }
    }
    return e;
  };
  const skippedRules: { rule: string; comparisons: number }[] = [];
  const droppedRule = new Uint8Array(ruleCount);
  const tightenedRules: { rule: string; maxBlockPairs: number; window: number }[] = [];
  for (let r = 0; r < ruleCount; r++) {
    let cap = input.maxBlockPairs;
    let window = input.window;
    let e = estimate(r, cap, window);
    const first = e;
    for (let round = 0; round < 8 && e > input.maxRulePairs; round++) {
      const scale = input.maxRulePairs / e;
      cap = Math.max(45, Math.floor(cap * scale * 0.9));
      window = Math.max(1, Math.floor(window * scale));
      e = estimate(r, cap, window);
      if (cap === 45 && window === 1) break;
    }
    if (e > input.maxRulePairs) {
      droppedRule[r] = 1;
      skippedRules.push({ rule: ruleNames[r] ?? '', comparisons: first });
    } else if (cap !== input.maxBlockPairs || window !== input.window) {
      tightenedRules.push({ rule: ruleNames[r] ?? '', maxBlockPairs: cap, window });
    }
    ruleCap[r] = cap;
    ruleWindow[r] = window;
  }

  // Classify blocks; order the kept ones by rule (stable), which is the canonical emission order.
  const rulePairs = new Float64Array(ruleCount);
  const ruleBlocks = new Float64Array(ruleCount);
  const ruleLargest = new Float64Array(ruleCount);
  const oversized: OversizedBlock[] = [];
  let oversizedCount = 0;
  const keptByRule: number[][] = ruleNames.map(() => []);
  const modeOfRaw = new Uint8Array(rawCount);
  for (let b = 0; b < rawCount; b++) {
    const from = rawStart[b] ?? 0;
    const to = rawStart[b + 1] ?? 0;
    const size = to - from;
    const pairs = rawPairs[b] ?? 0;
    if (pairs <= 0) continue;
    const r = rawRule[b] ?? 0;
    if (droppedRule[r] === 1) continue;
    ruleBlocks[r] = (ruleBlocks[r] ?? 0) + 1;
    if (size > (ruleLargest[r] ?? 0)) ruleLargest[r] = size;
    let mode = MODE_ALL;
    if (pairs > (ruleCap[r] ?? 0)) {
      oversizedCount++;
      const windowed = (ruleWindow[r] ?? 0) > 0 && size <= input.maxWindowedBlockSize;
      if (oversized.length < 50) {
        const row = entryRow[perm[from] ?? 0] ?? 0;
        oversized.push({ rule: ruleNames[r] ?? '', key: findKey(input, r, row, hi[perm[from] ?? 0] ?? 0, lo[perm[from] ?? 0] ?? 0), size, handling: windowed ? 'windowed' : 'skipped' });
      }
      if (!windowed) continue;
      mode = MODE_WINDOW;
    }
    modeOfRaw[b] = mode;
    (keptByRule[r] ?? []).push(b);
  }

  const order: number[] = [];
  for (const list of keptByRule) for (const b of list) order.push(b);
  const blockCount = order.length;
  const blockRule = new Uint8Array(blockCount);
  const blockMode = new Uint8Array(blockCount);
  const blockStart = new Int32Array(blockCount + 1);
  let total = 0;
  for (let k = 0; k < blockCount; k++) {
    const b = order[k] ?? 0;
    blockStart[k] = total;
    total += (rawStart[b + 1] ?? 0) - (rawStart[b] ?? 0);
  }
  blockStart[blockCount] = total;
  const members = new Int32Array(total);
  const rowCount = new Int32Array(rows + 1);
  for (let k = 0; k < blockCount; k++) {
    const b = order[k] ?? 0;
    const from = rawStart[b] ?? 0;
    const to = rawStart[b + 1] ?? 0;
    const r = rawRule[b] ?? 0;
    blockRule[k] = r;
    const mode = modeOfRaw[b] ?? 0;
    blockMode[k] = mode;
    const at = blockStart[k] ?? 0;
    for (let p = from; p < to; p++) members[at + p - from] = entryRow[perm[p] ?? 0] ?? 0;
    if (mode === MODE_WINDOW) sortBySignature(members, at, at + to - from, input.signature);
    for (let p = from; p < to; p++) {
      const row = members[at + p - from] ?? 0;
      rowCount[row + 1] = (rowCount[row + 1] ?? 0) + 1;
    }
    rulePairs[r] = (rulePairs[r] ?? 0) + windowPairCount(members, at, at + to - from, mode, ruleWindow[r] ?? 0, side);
  }
  for (let i = 0; i < rows; i++) rowCount[i + 1] = (rowCount[i + 1] ?? 0) + (rowCount[i] ?? 0);
  const rowStart = rowCount.slice();
  const fill = rowCount.slice(0, rows);
  const rowBlock = new Int32Array(total);
  const rowRank = new Int32Array(total);
  for (let k = 0; k < blockCount; k++) {
    const from = blockStart[k] ?? 0;
    const to = blockStart[k + 1] ?? 0;
    for (let p = from; p < to; p++) {
      const row = members[p] ?? 0;
      const at = fill[row] ?? 0;
      fill[row] = at + 1;
      rowBlock[at] = k;
      rowRank[at] = p - from;
    }
  }
  return {
    rows,
    ruleNames,
    side,
    ruleWindow,
    blockCount,
    blockRule,
    blockMode,
    blockStart,
    members,
    rowStart,
    rowBlock,
    rowRank,
    rulePairs,
    ruleBlocks,
    ruleLargest,
    oversized,
    oversizedCount,
    skippedRules,
    tightenedRules,
  };
}

function findKey(input: BlockEngineInput, rule: number, row: number, h: number, l: number): string {
  const hashes: number[] = [];
  const keys: string[] = [];
  input.keysOf(rule, row, hashes);
  input.keyStringsOf(rule, row, keys);
  for (let q = 0; q < hashes.length; q++) {
    const x = combineRule(hashes[q] ?? 0, rule);
    if (Math.floor(x / 4294967296) === h && x >>> 0 === l) return keys[q] ?? '';
  }
  return keys[0] ?? '';
}

function sortBySignature(members: Int32Array, from: number, to: number, signature: ((row: number) => number) | undefined): void {
  if (signature === undefined) return;
  // Members in (signature, row) order: positions sorted over typed arrays (no map lookups).
  const size = to - from;
  const rows = members.slice(from, to);
  const keys = new Float64Array(size);
  for (let p = 0; p < size; p++) keys[p] = signature(rows[p] ?? 0);
  if (size >= 256 && radixSortable(rows, keys)) {
    // Rows ascending and keys integers below 2^53: a stable radix sort on the keys alone gives
    // the (signature, row) order, faster than a comparator on large blocks.
    const hi = new Uint32Array(size);
    const lo = new Uint32Array(size);
    for (let p = 0; p < size; p++) {
      const k = keys[p] ?? 0;
      hi[p] = Math.floor(k / 4294967296);
      lo[p] = k >>> 0;
    }
    const perm = radixSortKeys(hi, lo, size);
    for (let p = 0; p < size; p++) members[from + p] = rows[perm[p] ?? 0] ?? 0;
    return;
  }
  const order = new Uint32Array(size);
  for (let p = 0; p < size; p++) order[p] = p;
  order.sort((x, y) => (keys[x] ?? 0) - (keys[y] ?? 0) || (rows[x] ?? 0) - (rows[y] ?? 0));
  for (let p = 0; p < size; p++) members[from + p] = rows[order[p] ?? 0] ?? 0;
}

/** Rows strictly ascending (as blocks list them) and keys integers in [0, 2^53). */
function radixSortable(rows: Int32Array, keys: Float64Array): boolean {
  for (let p = 0; p < rows.length; p++) {
    const k = keys[p] ?? -1;
    if (!(k >= 0 && k < 9007199254740992 && Math.floor(k) === k)) return false;
    if (p > 0 && (rows[p] ?? 0) <= (rows[p - 1] ?? 0)) return false;
  }
  return true;
}

function windowPairCount(members: Int32Array, from: number, to: number, mode: number, window: number, side: Int32Array | undefined): number {
  const size = to - from;
  if (mode === MODE_ALL) return side === undefined ? (size * (size - 1)) / 2 : crossPairs(members, from, to, side);
  let count = 0;
  for (let p = from; p < to; p++) {
    const last = Math.min(to - 1, p + window);
    if (side === undefined) count += last - p;
    else {
      const s = side[members[p] ?? 0];
      for (let q = p + 1; q <= last; q++) if (side[members[q] ?? 0] !== s) count++;
    }
  }
  return count;
}

function grow32(a: Uint32Array, cap: number): Uint32Array {
  const b = new Uint32Array(cap);
  b.set(a);
  return b;
}

function growI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/**
 * Receives candidate pairs in chunks. `a < b` are rows; `mask` has bit r set when a block of rule r
 * compared in full generates the pair (the pair was selected on the rule's key only);
 * `windowMask` when an oversized, sorted-neighbourhood block of rule r does (selected on the key
 * and on the similarity order too).
 */
export type PairSink = (a: Int32Array, b: Int32Array, mask: Int32Array, length: number, windowMask: Int32Array) => void;

/** Candidate pairs per rule found while enumerating (each pair counted once, by its first rule). */
export interface EnumerationCounts {
  readonly newPairs: Float64Array;
}

const CHUNK = 8192;

/**
 * Emit the candidate pairs of blocks `[fromBlock, toBlock)`, each pair once over the whole
 * structure (a pair is emitted by the first block that generates it), in chunks.
 */
export function enumeratePairs(
  s: BlockStructure,
  fromBlock: number,
  toBlock: number,
  sink: PairSink,
  selected?: (block: number) => boolean,
  withMasks = true,
): EnumerationCounts {
  const { blockStart, members, blockMode, blockRule, rowStart, rowBlock, rowRank, side, ruleWindow } = s;
  const outA = new Int32Array(CHUNK);
  const outB = new Int32Array(CHUNK);
  const outM = new Int32Array(CHUNK);
  const outW = new Int32Array(CHUNK);
  const newPairs = new Float64Array(s.ruleNames.length);
  let len = 0;
  const flush = (): void => {
    if (len > 0) sink(outA, outB, outM, len, outW);
    len = 0;
  };
  // Rule masks of (x, y) (full blocks in `ownedFull`, windows in the return value's companion),
  // or false when `block` is not the first block generating it.
  let ownedFull = 0;
  let ownedWindow = 0;
  const owned = (x: number, y: number, block: number): boolean => {
    let i = rowStart[x] ?? 0;
    const iEnd = rowStart[x + 1] ?? 0;
    let j = rowStart[y] ?? 0;
    const jEnd = rowStart[y + 1] ?? 0;
    let full = 0;
    let windowed = 0;
    while (i < iEnd && j < jEnd) {
      const bi = rowBlock[i] ?? 0;
      const bj = rowBlock[j] ?? 0;
      // Without masks, only blocks before this one matter (is another block first?).
      if (!withMasks && (bi >= block || bj >= block)) break;
      if (bi === bj) {
        const rule = blockRule[bi] ?? 0;
        if (blockMode[bi] === MODE_ALL) {
          if (bi < block) return false;
          full |= 1 << rule;
        } else if (Math.abs((rowRank[i] ?? 0) - (rowRank[j] ?? 0)) <= (ruleWindow[rule] ?? 0)) {
          if (bi < block) return false;
          windowed |= 1 << rule;
        }
        i++;
        j++;
      } else if (bi < bj) i++;
      else j++;
    }
    ownedFull = full;
    ownedWindow = windowed;
    return true;
  };
  const emit = (x: number, y: number, block: number, rule: number): void => {
    if (side !== undefined && side[x] === side[y]) return;
    const a = x < y ? x : y;
    const b = x < y ? y : x;
    if (!owned(a, b, block)) return;
    newPairs[rule] = (newPairs[rule] ?? 0) + 1;
    outA[len] = a;
    outB[len] = b;
    outM[len] = ownedFull;
    outW[len] = ownedWindow;
    len++;
    if (len === CHUNK) flush();
  };
  for (let k = fromBlock; k < toBlock; k++) {
    if (selected !== undefined && !selected(k)) continue;
    const from = blockStart[k] ?? 0;
    const to = blockStart[k + 1] ?? 0;
    const rule = blockRule[k] ?? 0;
    if (blockMode[k] === MODE_ALL) {
      for (let p = from; p < to; p++) {
        const x = members[p] ?? 0;
        for (let q = p + 1; q < to; q++) emit(x, members[q] ?? 0, k, rule);
      }
    } else {
      const window = ruleWindow[rule] ?? 0;
      for (let p = from; p < to; p++) {
        const x = members[p] ?? 0;
        const last = Math.min(to - 1, p + window);
        for (let q = p + 1; q <= last; q++) emit(x, members[q] ?? 0, k, rule);
      }
    }
  }
  flush();
  return { newPairs };
}
