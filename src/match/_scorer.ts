import { OmnilinkError } from '../model/errors.js';
import type { AnyColumn, FieldKind } from './_kind.js';
import { kindOf } from './_kinds.js';
import type { FieldType } from './field-spec.js';
import type { MatchModel, TermFrequencyModel } from './match-model.js';
import type { PreparedRecords } from './prepare-records.js';

/**
 * A model bound to prepared records: per comparison its columns on both sides, level weights and
 * term-frequency weights. Pure; built in each worker from the serialisable model and records.
 *
 * @internal
 */
export interface BoundComparison {
  readonly name: string;
  readonly type: FieldType;
  readonly kind: FieldKind<AnyColumn>;
  readonly colA: AnyColumn;
  readonly colB: AnyColumn;
  /** Level of rows `i` (of A) and `j` (of B). */
  readonly compare: (i: number, j: number) => number;
  /** Value id the rows agree on at the TF level, or -1. */
  readonly tfValue: (i: number, j: number) => number;
  readonly levelCount: number;
  /** log2(m/u) per level (0 for `null`). */
  readonly weights: Float64Array;
  /** Level that term frequencies adjust, or -1. */
  readonly tfLevel: number;
  /** Weight of an exact agreement on value id `v` (a value of `colA`'s TF pool). */
  readonly tfWeight: (v: number) => number;
}

export interface BoundModel {
  readonly priorWeight: number;
  readonly comparisons: readonly BoundComparison[];
}

/** Where term frequencies come from when scoring. */
export type TfSource = 'data' | 'model';

// A model's term-frequency table as a Map, built once per model (binding happens per scored batch
// pair, and incremental resolution binds once per added record).
const tfTables = new WeakMap<TermFrequencyModel, ReadonlyMap<string, number>>();
function tfTableOf(tf: TermFrequencyModel): ReadonlyMap<string, number> {
  let table = tfTables.get(tf);
  if (table === undefined) {
    table = new Map(tf.values);
    tfTables.set(tf, table);
  }
  return table;
}

/** log2(m/u) with both floored away from 0, so weights stay finite. */
export function bayesWeight(m: number, u: number): number {
  return Math.log2(Math.max(m, 1e-12) / Math.max(u, 1e-12));
}

export function logit2(p: number): number {
  const q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
  return Math.log2(q / (1 - q));
}

/**
 * Bind `model` to prepared records `a` (and `b`, default `a`). TF weights come from the data of
 * `a` (`'data'`, batch scoring of one dataset) or from the model's TF tables (`'model'`,
 * incremental scoring of new records).
 */
export function bindModel(model: MatchModel, a: PreparedRecords, b: PreparedRecords = a, tfSource: TfSource = 'data'): BoundModel {
  const sides = bindSides(model, a, tfSource === 'data' && a === b);
  const comparisons = model.comparisons.map((c, k): BoundComparison => {
    const fb = b.fields.findIndex((f) => f.name === c.name);
    if (fb < 0) throw new OmnilinkError('invalid_argument', `records were not prepared with field "${c.name}"`);
    const { kind, type, colA, weights, tfLevel, tfWeight } = sides[k]!;
    const colB = b.columns[fb] as AnyColumn;
    const compare = kind.comparator?.(type, colA, colB) ?? ((i: number, j: number): number => kind.compare(type, colA, i, colB, j));
    const tfValue = (i: number, j: number): number => kind.tfValue(type, colA, i, colB, j);
    return { name: c.name, type, kind, colA, colB, compare, tfValue, levelCount: c.levels.length, weights, tfLevel, tfWeight };
  });
  return { priorWeight: logit2(model.prior), comparisons };
}

/** What a {@link BoundComparison} holds of its first side alone. @internal */
export type BoundSide = Pick<BoundComparison, 'name' | 'type' | 'kind' | 'colA' | 'levelCount' | 'weights' | 'tfLevel' | 'tfWeight'>;

const NO_TF_WEIGHT = (): number => 0;

/**
 * The weight of each level of a comparison (level 0, no data, weighs 0). Read only once made: a
 * caller binding the same model to many sets makes them once and hands them to {@link bindSides}.
 */
export function levelWeightsOf(c: MatchModel['comparisons'][number]): Float64Array {
  const weights = new Float64Array(c.levels.length);
  for (let l = 1; l < c.levels.length; l++) {
    const level = c.levels[l];
    if (level !== undefined) weights[l] = bayesWeight(level.m, level.u);
  }
  return weights;
}

/** Where and how much a comparison adjusts by term frequency (its model's part, no side's). */
interface TfAdjustment {
  readonly level: number;
  readonly base: number;
  /** Never below the next weaker level (keeps weights monotone in agreement). */
  readonly floor: number;
  readonly reference: number;
}

/** The {@link TfAdjustment} of comparison `c` with its level weights, or undefined when it adjusts nothing. */
function tfAdjustmentOf(c: MatchModel['comparisons'][number], weights: Float64Array): TfAdjustment | undefined {
  const tf = c.termFrequency;
  if (tf === undefined || !(tf.level > 1 && tf.level < c.levels.length)) return undefined;
  let floor = Number.NEGATIVE_INFINITY;
  for (let l = 1; l < tf.level; l++) floor = Math.max(floor, weights[l] ?? 0);
  return { level: tf.level, base: weights[tf.level] ?? 0, floor, reference: tf.referenceU };
}

/** The weight of an exact agreement on a value seen `count` times in `total`. */
function adjustedWeight(a: TfAdjustment, count: number, total: number): number {
  const u = Math.max(count, 1) / Math.max(total, 1);
  return Math.max(a.floor, a.base + Math.log2(a.reference / u));
}

/**
 * A comparison's term-frequency adjustment from the model's own tables, which needs no side: what
 * {@link bindSides} computes per value without `dataTf`, for callers that re-point one first side
 * at set after set (a resolver's one-record adds) instead of binding each.
 *
 * @internal
 */
export interface ModelTf extends TfAdjustment {
  readonly table: ReadonlyMap<string, number>;
  readonly defaultCount: number;
  readonly total: number;
}

/** The {@link ModelTf} of comparison `c` with its level weights, or undefined when it adjusts nothing. @internal */
export function modelTfOf(c: MatchModel['comparisons'][number], weights: Float64Array): ModelTf | undefined {
  const a = tfAdjustmentOf(c, weights);
  const tf = c.termFrequency;
  return a === undefined || tf === undefined ? undefined : { ...a, table: tfTableOf(tf), defaultCount: tf.defaultCount, total: tf.total };
}

/** The weight of an exact agreement on `value` (as {@link bindSides} gives it with the model's tables). @internal */
export function modelTfWeight(tf: ModelTf, value: string): number {
  return adjustedWeight(tf, tf.table.get(value) ?? tf.defaultCount, tf.total);
}

/**
 * The first side of a binding of `model` to `a`, per comparison: its column, level weights and
 * term-frequency weights (from `a`'s own counts when `dataTf`, else the model's tables); the second
 * side only adds the comparators. `levelWeights`, per comparison, are its {@link levelWeightsOf}
 * made once (made here when not given).
 */
export function bindSides(model: MatchModel, a: PreparedRecords, dataTf: boolean, levelWeights?: readonly Float64Array[]): BoundSide[] {
  return model.comparisons.map((c, k): BoundSide => {
    const fa = a.fields.findIndex((f) => f.name === c.name);
    if (fa < 0) throw new OmnilinkError('invalid_argument', `records were not prepared with field "${c.name}"`);
    const kind = kindOf(c.type);
    const colA = a.columns[fa] as AnyColumn;
    const weights = levelWeights?.[k] ?? levelWeightsOf(c);
    const tf = c.termFrequency;
    const adjustment = tfAdjustmentOf(c, weights);
    let tfWeight: (v: number) => number = NO_TF_WEIGHT;
    const pool = adjustment !== undefined && tf !== undefined ? kind.tfPool(c.type, colA) : undefined;
    if (adjustment !== undefined && tf !== undefined && pool !== undefined) {
      const cache = new Float64Array(pool.values.length).fill(Number.NaN);
      let countOf: (v: number) => number;
      let total: number;
      if (dataTf) {
        countOf = (v) => pool.counts[v] ?? 1;
        total = pool.total;
      } else {
        const table = tfTableOf(tf);
        countOf = (v) => table.get(pool.values[v] ?? '') ?? tf.defaultCount;
        total = tf.total;
      }
      tfWeight = (v: number): number => {
        let w = cache[v];
        if (w === undefined) return adjustment.base;
        if (Number.isNaN(w)) {
          w = adjustedWeight(adjustment, countOf(v), total);
          cache[v] = w;
        }
        return w;
      };
    }
    const tfLevel = adjustment?.level ?? -1;
    return { name: c.name, type: c.type, kind, colA, levelCount: c.levels.length, weights, tfLevel, tfWeight };
  });
}

/** The weight of comparison `c` at `level` for rows `i` and `j`: term-frequency adjusted at its TF level. */
function levelWeight(c: BoundComparison, level: number, i: number, j: number): number {
  if (level === 0) return 0;
  if (level !== c.tfLevel) return c.weights[level] ?? 0;
  const v = c.tfValue(i, j);
  return v >= 0 ? c.tfWeight(v) : (c.weights[level] ?? 0);
}

/** Match weight of rows `i` (of `a`) and `j` (of `b`). */
export function scoreRow(bound: BoundModel, i: number, j: number): number {
  let w = bound.priorWeight;
  const cs = bound.comparisons;
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k] as BoundComparison;
    w += levelWeight(c, c.compare(i, j), i, j);
  }
  return w;
}

/** {@link scoreRow}, writing the level of every comparison at `out[k]` as well. */
export function scoreRowLevels(bound: BoundModel, i: number, j: number, out: Uint8Array): number {
  let w = bound.priorWeight;
  const cs = bound.comparisons;
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k] as BoundComparison;
    const level = c.compare(i, j);
    out[k] = level;
    w += levelWeight(c, level, i, j);
  }
  return w;
}

/** Levels of rows `i` and `j` for every comparison, written at `out[offset + k]`. */
export function levelsOf(bound: BoundModel, i: number, j: number, out: Uint8Array, offset: number): void {
  const cs = bound.comparisons;
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k] as BoundComparison;
    out[offset + k] = c.compare(i, j);
  }
}

/** Probability from a match weight. */
export function probabilityOf(weight: number): number {
  if (weight > 60) return 1;
  if (weight < -60) return 0;
  const odds = 2 ** weight;
  return odds / (1 + odds);
}
