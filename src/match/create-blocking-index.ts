import { OmnilinkError } from '../model/errors.js';
import { type CompiledRule, compileRules, ruleKeys } from './_compile-rules.js';
import type { BlockingRule } from './blocking-rule.js';
import type { PreparedRecords } from './prepare-records.js';

/** Options of {@link createBlockingIndex}. */
export interface BlockingIndexOptions {
  /**
   * Blocks with more records than this give no candidates (a placeholder value, a very common
   * name): they are counted in {@link BlockingIndex.oversizedBlocks}.
   * @defaultValue 200
   */
  readonly maxBlockSize?: number;
  /**
   * Link mode: only records of another `source` are candidates.
   * @defaultValue false
   */
  readonly link?: boolean;
}

/**
 * An incremental blocking index: blocking keys → record ids, with add and remove, for scoring one
 * new record against the records already known (identity resolution as records arrive). Uses the
 * same rules and keys as {@link block}: a pair sharing a key is a candidate here exactly when it is
 * one there, except inside oversized blocks, which the batch sub-blocks by a sorted
 * neighbourhood and the index skips.
 */
export interface BlockingIndex {
  /** Records indexed. */
  readonly size: number;
  /** Index row `row` of `prepared` under its id (re-adding an id replaces its keys). */
  add(prepared: PreparedRecords, row: number): void;
  /** Remove a record; false when it was not indexed. */
  remove(id: string): boolean;
  has(id: string): boolean;
  /** Blocking keys of a prepared row (`<rule index>:<key>`). */
  keysOf(prepared: PreparedRecords, row: number): string[];
  /**
   * Ids of indexed records sharing a key with row `row` of `prepared` (never itself), sorted.
   * Blocks larger than `maxBlockSize` are skipped.
   */
  candidates(prepared: PreparedRecords, row: number): string[];
  /** Blocks currently larger than `maxBlockSize`. */
  oversizedBlocks(): number;
}

/**
 * Create an incremental {@link BlockingIndex} for records prepared with `fields` (the model's
 * comparisons) and blocked by `rules` (the model's blocking rules).
 *
 * @throws {@link OmnilinkError} `invalid_config` when a rule names an unknown field.
 * @example
 * ```ts
 * const index = createBlockingIndex(model.blocking);
 * const known = prepareRecords(records, fieldsOf(model));
 * for (let row = 0; row < known.size; row++) index.add(known, row);
 * const incoming = prepareRecords([newRecord], fieldsOf(model));
 * index.candidates(incoming, 0); // ids to score the new record against
 * ```
 */
export function createBlockingIndex(rules: readonly BlockingRule[], options?: BlockingIndexOptions): BlockingIndex {
  if (rules.length === 0) throw new OmnilinkError('invalid_config', 'blocking needs at least one rule');
  const maxBlockSize = options?.maxBlockSize ?? 200;
  const link = options?.link ?? false;
  const blocks = new Map<string, Set<string>>();
  const keysById = new Map<string, readonly string[]>();
  const sourceById = new Map<string, string>();
  const compiledFor = new WeakMap<PreparedRecords, CompiledRule[]>();
  const compiled = (prepared: PreparedRecords): CompiledRule[] => {
    let c = compiledFor.get(prepared);
    if (c === undefined) {
      c = compileRules(prepared, rules);
      compiledFor.set(prepared, c);
    }
    return c;
  };
  const keysOf = (prepared: PreparedRecords, row: number): string[] => {
    if (!(row >= 0 && row < prepared.size)) throw new OmnilinkError('invalid_argument', `row ${row} is out of range`);
    const out = new Set<string>();
    const buffer: string[] = [];
    compiled(prepared).forEach((rule, r) => {
      buffer.length = 0;
      ruleKeys(rule, row, buffer);
      for (const k of buffer) out.add(`${r}:${k}`);
    });
    return [...out];
  };
  const remove = (id: string): boolean => {
    const keys = keysById.get(id);
    if (keys === undefined) return false;
    for (const k of keys) {
      const set = blocks.get(k);
      if (set === undefined) continue;
      set.delete(id);
      if (set.size === 0) blocks.delete(k);
    }
    keysById.delete(id);
    sourceById.delete(id);
    return true;
  };
  return {
    get size() {
      return keysById.size;
    },
    add(prepared, row) {
      const id = prepared.ids[row];
      if (id === undefined) throw new OmnilinkError('invalid_argument', `row ${row} is out of range`);
      remove(id);
      const keys = keysOf(prepared, row);
      for (const k of keys) {
        let set = blocks.get(k);
        if (set === undefined) {
          set = new Set();
          blocks.set(k, set);
        }
        set.add(id);
      }
      keysById.set(id, keys);
      sourceById.set(id, prepared.sources[row] ?? '');
    },
    remove,
    has: (id) => keysById.has(id),
    keysOf,
    candidates(prepared, row) {
      const self = prepared.ids[row];
      const source = prepared.sources[row] ?? '';
      const out = new Set<string>();
      for (const k of keysOf(prepared, row)) {
        const set = blocks.get(k);
        if (set === undefined) continue;
        const size = set.size + (self !== undefined && !set.has(self) ? 1 : 0);
        if (size > maxBlockSize) continue;
        for (const id of set) {
          if (id === self) continue;
          if (link && sourceById.get(id) === source) continue;
          out.add(id);
        }
      }
      return [...out].sort();
    },
    oversizedBlocks() {
      let n = 0;
      for (const set of blocks.values()) if (set.size > maxBlockSize) n++;
      return n;
    },
  };
}
