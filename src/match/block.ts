import { OmnilinkError } from '../model/errors.js';
import { type BlockStructure, type KeyEntries, buildBlocks, collectKeyEntries, enumeratePairs } from './_block-engine.js';
import { compileRules, ruleKeyHashes, ruleKeys } from './_compile-rules.js';
import type { AnyColumn, FieldKind } from './_kind.js';
import { kindOf } from './_kinds.js';
import type { BlockingOptions, BlockingRule } from './blocking-rule.js';
import type { FieldType } from './field-spec.js';
import type { PreparedRecords } from './prepare-records.js';

/** Options of {@link block}. */
export interface BlockOptions extends BlockingOptions {
  /**
   * Link instead of deduplicate: only pairs of records with different `source` are candidates.
   * @defaultValue false
   */
  readonly link?: boolean;
}

/**
 * The candidate pairs blocking selected, held compactly (blocks and per-record block lists, not a
 * list of pairs): visit them with {@link forEachCandidatePair}, count them with
 * {@link blockingReport}. Plain data, so it can be posted to a worker.
 */
export interface CandidatePairs {
  readonly size: number;
  readonly ruleNames: readonly string[];
  /** Per rule, the indices of the fields its keys select on (used to train m without that bias). */
  readonly selects: readonly (readonly number[])[];
  readonly link: boolean;
  /** Per rule, its parts resolved to `field:transform` (the default transform spelled out). */
  readonly ruleParts: readonly (readonly string[])[];
  /** @internal */
  readonly structure: BlockStructure;
}

const DEFAULTS = { maxBlockPairs: 20_000, window: 10, maxWindowedBlockSize: 50_000 } as const;

/**
 * The hashed blocking keys of prepared records under rules, rows numbered from `rowOffset`: what
 * {@link block} computes first, exposed so that shards prepared in parallel can hash their own keys.
 *
 * @internal
 */
export function keyEntriesOf(prepared: PreparedRecords, rules: readonly BlockingRule[], rowOffset = 0): KeyEntries {
  const compiled = compileRules(prepared, rules);
  return collectKeyEntries(prepared.size, compiled.length, (rule, row, out) => {
    const r = compiled[rule];
    if (r !== undefined) ruleKeyHashes(r, row, out);
  }, rowOffset);
}

/**
 * Pack the letters, digits and spaces of `s` in base 37 after those already packed, up to 10 in all
 * (a signature that sorts like the first 10 such characters of the concatenated strings; below 2^53).
 */
function packInto(packer: { key: number; taken: number }, s: string): void {
  let key = packer.key;
  let taken = packer.taken;
  for (let i = 0; i < s.length && taken < 10; i++) {
    const c = s.charCodeAt(i);
    let d = 0;
    if (c >= 0x61 && c <= 0x7a) d = c - 0x60;
    else if (c >= 0x30 && c <= 0x39) d = 27 + c - 0x30;
    else if (c !== 0x20) continue;
    key = key * 37 + d;
    taken++;
  }
  packer.key = key;
  packer.taken = taken;
}


/**
 * Integer side per row from `sources` (link mode).
 *
 * @internal
 * @example
 * ```ts
 * sidesOf(['a', 'b', 'a']); // Int32Array [0, 1, 0]
 * ```
 */
export function sidesOf(sources: readonly string[]): Int32Array {
  const ids = new Map<string, number>();
  const side = new Int32Array(sources.length);
  sources.forEach((s, i) => {
    let id = ids.get(s);
    if (id === undefined) {
      id = ids.size;
      ids.set(s, id);
    }
    side[i] = id;
  });
  return side;
}

/**
 * Block prepared records with a union of rules. Never produces all pairs: every block is capped
 * (see {@link BlockingOptions}); a pair that several rules find is one candidate.
 *
 * @throws {@link OmnilinkError} `invalid_config` when a rule names an unknown field or transform.
 * @example
 * ```ts
 * const prepared = prepareRecords(records, fields);
 * const candidates = block(prepared, [{ on: ['email'] }, { on: ['family_name:phonetic', 'date:year'] }]);
 * blockingReport(candidates).candidatePairs; // how many pairs will be compared
 * forEachCandidatePair(candidates, (a, b, n) => { for (let k = 0; k < n; k++) score(a[k], b[k]); });
 * ```
 */
export function block(prepared: PreparedRecords, rules: readonly BlockingRule[], options?: BlockOptions & { readonly entries?: KeyEntries }): CandidatePairs {
  if (rules.length === 0) throw new OmnilinkError('invalid_config', 'blocking needs at least one rule');
  const compiled = compileRules(prepared, rules);
  const link = options?.link ?? false;
  const side = link ? sidesOf(prepared.sources) : undefined;
  const fields = prepared.fields;
  // The first characters of the record's main values, packed into a number: windows sort on it.
  const signatures = new Float64Array(prepared.size).fill(-1);
  // The signature of the first four fields joined by spaces, packed (see packInto): the
  // fields are read only until ten characters are taken (usually the name alone).
  const sigFields: { type: FieldType; kind: FieldKind<AnyColumn>; column: AnyColumn }[] = [];
  for (let f = 0; f < fields.length && sigFields.length < 4; f++) {
    const field = fields[f];
    const column = prepared.columns[f];
    if (field === undefined || column === undefined) continue;
    sigFields.push({ type: field.type, kind: kindOf(field.type), column });
  }
  const signature = (row: number): number => {
    const known = signatures[row] ?? -1;
    if (known >= 0) return known;
    const packer = { key: 0, taken: 0 };
    for (let f = 0; f < sigFields.length && packer.taken < 10; f++) {
      const x = sigFields[f] as (typeof sigFields)[number];
      if (f > 0) packInto(packer, ' ');
      packInto(packer, x.kind.signature(x.type, x.column, row));
    }
    let key = packer.key;
    for (let t = packer.taken; t < 10; t++) key *= 37;
    signatures[row] = key;
    return key;
  };
  const structure = buildBlocks({
    rows: prepared.size,
    ruleNames: compiled.map((r) => r.name),
    keysOf: (rule, row, out) => {
      const r = compiled[rule];
      if (r !== undefined) ruleKeyHashes(r, row, out);
    },
    keyStringsOf: (rule, row, out) => {
      const r = compiled[rule];
      if (r !== undefined) ruleKeys(r, row, out);
    },
    ...(side !== undefined ? { side } : {}),
    ...(options?.entries !== undefined ? { entries: options.entries } : {}),
    signature,
    maxBlockPairs: options?.maxBlockPairs ?? DEFAULTS.maxBlockPairs,
    window: options?.window ?? DEFAULTS.window,
    maxWindowedBlockSize: options?.maxWindowedBlockSize ?? DEFAULTS.maxWindowedBlockSize,
    maxRulePairs: options?.maxRulePairs ?? Math.max(250_000, 2 * prepared.size),
  });
  const ruleParts = compiled.map((r) => r.parts.map((p) => `${p.field}:${p.transform}`));
  return { size: prepared.size, ruleNames: structure.ruleNames, selects: compiled.map((r) => r.selects), link, ruleParts, structure };
}

/**
 * Visit candidate pairs in chunks: `a[k] < b[k]` are row indices into the prepared records, for
 * `k < length`; `mask[k]` has bit `r` set when a block of rule `r` compared in full finds the pair,
 * `windowMask[k]` when an oversized (sorted-neighbourhood) block of rule `r` does. The arrays are reused
 * between calls: copy what you keep. `fromBlock`/`toBlock` select a slice of the blocks (to split
 * the work); each pair is visited in exactly one slice.
 *
 * @example
 * ```ts
 * let n = 0;
 * forEachCandidatePair(candidates, (_a, _b, length) => { n += length; });
 * ```
 */
export function forEachCandidatePair(
  candidates: CandidatePairs,
  visit: (a: Int32Array, b: Int32Array, length: number, mask: Int32Array, windowMask: Int32Array) => void,
  fromBlock = 0,
  toBlock: number = candidates.structure.blockCount,
): Float64Array {
  return enumeratePairs(candidates.structure, fromBlock, toBlock, (a, b, mask, length, windowMask) => visit(a, b, length, mask, windowMask)).newPairs;
}

/** How many comparisons one blocking rule generates. */
export interface BlockingRuleReport {
  readonly name: string;
  /** Blocks with at least one candidate pair. */
  readonly blocks: number;
  readonly largestBlock: number;
  /** Pairs the rule's blocks generate (a pair in two of its blocks counts twice). */
  readonly comparisons: number;
  /** Pairs the rule adds to the union (not found by an earlier rule). */
  readonly newComparisons: number;
}

/** What blocking did. */
export interface BlockingReport {
  readonly records: number;
  readonly rules: readonly BlockingRuleReport[];
  /** Distinct candidate pairs (the union of the rules). */
  readonly candidatePairs: number;
  /** Pairs without blocking (`n(n-1)/2`, or across sources when linking). */
  readonly allPairs: number;
  /** `1 - candidatePairs / allPairs`. */
  readonly reductionRatio: number;
  /** Oversized blocks (up to 50 listed), and how they were handled. */
  readonly oversized: readonly { readonly rule: string; readonly key: string; readonly size: number; readonly handling: 'windowed' | 'skipped' }[];
  readonly oversizedBlocks: number;
  /** Rules dropped whole: even tightened they would generate more than `maxRulePairs` pairs. */
  readonly skippedRules: readonly { readonly rule: string; readonly comparisons: number }[];
  /** Broad rules kept within `maxRulePairs` by a smaller block cap and sorted-neighbourhood window. */
  readonly tightenedRules: readonly { readonly rule: string; readonly maxBlockPairs: number; readonly window: number }[];
}

/**
 * Number of pairs without blocking (`n(n-1)/2`, or across sides when linking).
 *
 * @internal
 * @example
 * ```ts
 * allPairsOf(4, undefined); // 6
 * allPairsOf(4, Int32Array.of(0, 0, 1, 1)); // 4
 * ```
 */
export function allPairsOf(size: number, side: Int32Array | undefined): number {
  const all = (size * (size - 1)) / 2;
  if (side === undefined) return all;
  const counts = new Map<number, number>();
  for (const s of side) counts.set(s, (counts.get(s) ?? 0) + 1);
  let same = 0;
  for (const k of counts.values()) same += (k * (k - 1)) / 2;
  return all - same;
}

/**
 * Count the comparisons each rule generates and the union after removing duplicates. Enumerates
 * the pairs (no comparison is made); pass the counts from an earlier enumeration to skip that.
 *
 * @example
 * ```ts
 * const report = blockingReport(block(prepared, rules));
 * for (const r of report.rules) show(r.name, r.comparisons, r.newComparisons);
 * ```
 */
export function blockingReport(candidates: CandidatePairs, newPairs?: Float64Array): BlockingReport {
  const s = candidates.structure;
  const counts = newPairs ?? forEachCandidatePair(candidates, () => undefined);
  const rules = s.ruleNames.map((name, r) => ({
    name,
    blocks: s.ruleBlocks[r] ?? 0,
    largestBlock: s.ruleLargest[r] ?? 0,
    comparisons: s.rulePairs[r] ?? 0,
    newComparisons: counts[r] ?? 0,
  }));
  const candidatePairs = rules.reduce((t, r) => t + r.newComparisons, 0);
  const allPairs = allPairsOf(candidates.size, s.side);
  return {
    records: candidates.size,
    rules,
    candidatePairs,
    allPairs,
    reductionRatio: allPairs > 0 ? 1 - candidatePairs / allPairs : 0,
    oversized: s.oversized,
    oversizedBlocks: s.oversizedCount,
    skippedRules: s.skippedRules,
    tightenedRules: s.tightenedRules,
  };
}
