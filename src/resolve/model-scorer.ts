import { type CompiledRule, type ParsedRule, bindRules, parseRules, ruleKeys, ruleKeysOnce } from '../match/_compile-rules.js';
import type { AnyColumn, FieldKind } from '../match/_kind.js';
import { kindOf } from '../match/_kinds.js';
import { PreparedMerger } from '../match/_prepared-merger.js';
import {
  type BoundComparison,
  type BoundModel,
  type BoundSide,
  type ModelTf,
  bindModel,
  bindSides,
  levelWeightsOf,
  levelsOf,
  logit2,
  modelTfOf,
  modelTfWeight,
  probabilityOf,
  scoreRowLevels,
} from '../match/_scorer.js';
import { type ExplanationStep, explainRows } from '../match/explain.js';
import type { MatchModel } from '../match/match-model.js';
import { modelFields } from '../match/model-fields.js';
import { type PrepareOptions, type PreparePlan, type PreparedRecords, RecordPreparer, planPrepare } from '../match/prepare-records.js';
import type { ContactRecord } from '../model/contact-record.js';
import { OmnilinkError } from '../model/errors.js';
import type { PairScorer } from './pair-scorer.js';

const NAME_TYPES: ReadonlySet<string> = new Set(['name', 'given_name', 'family_name']);
const LOCALITY_TYPES: ReadonlySet<string> = new Set(['postcode', 'address']);
const COARSE_TYPES: ReadonlySet<string> = new Set(['city', 'categorical']);

/** Whether agreement at this level of a non-name comparison is evidence beyond the name. */
function counts(type: string, label: string): boolean {
  if (type === 'email') return label === 'exact' || label === 'loose';
  if (type === 'handle') return label === 'exact';
  return true;
}

interface PreparedSet {
  readonly id: number;
  /** The key of the set's binding with itself in the bindings cache (made once: asked per pair scored). */
  readonly selfKey: string;
  readonly prepared: PreparedRecords;
  /** Blocking rules bound to the set, compiled on demand and dropped once every row has its keys. */
  rules: readonly CompiledRule[] | undefined;
  /** Rows whose blocking keys were not asked for yet. */
  keysPending: number;
  /** The records of a small set (so it can be merged into a bigger one); undefined once merged or big. */
  records: readonly ContactRecord[] | undefined;
  /** The model bound to the set as first side, re-pointed at each other set in turn (made on first use). */
  cross: CrossModel | undefined;
  /** Per comparison of the model, the set's column (found on first use). */
  columns: readonly AnyColumn[] | undefined;
}

/**
 * Small prepared sets (one-record adds, small batches) are merged as they accumulate, so they do not
 * pile up: sets under LEVEL_ROWS[0] rows are merged once they hold that many rows together, and so
 * on up; a set of the last level's size or more stays as it is. The first level is narrow: a
 * one-record set holds ~11 KB (a typed array or list per column), against ~1 KB per row once
 * merged, so one-record sets must die young. With a wide first level (256) each one outlived a
 * young-generation collection or two and was copied and promoted before dying in the old
 * generation (~15 KB per add survived each scavenge; ~5 KB now), which made scavenges during adds
 * long and fed the old generation garbage.
 */
const LEVEL_ROWS: readonly number[] = [16, 256, 4096];
/**
 * A merge is spread over the calls to `prepare` that follow the one filling its level (a whole
 * merge at once cost one add ~12 ms, or ~80 ms at the last level): each call feeds every merge under
 * way at least one part, and more while they come to fewer than MERGE_STEP_ROWS rows and
 * MERGE_STEP_PARTS parts. That outpaces the rows arriving, so a merge is done well before its level
 * fills again; the parts stay in use (scores never depend on which set a record sits in) until the
 * merged set replaces them.
 */
const MERGE_STEP_PARTS = 2;
const MERGE_STEP_ROWS = 256;

/** A merge under way: its parts in order, and the next to feed the merger. */
interface MergeJob {
  readonly parts: readonly PreparedSet[];
  readonly merger: PreparedMerger;
  next: number;
}
/** The merge level of a set of `size` rows, or -1 for a set that is never merged. */
function levelOf(size: number): number {
  return LEVEL_ROWS.findIndex((rows) => size < rows);
}

/**
 * A comparison of a set (first side) with whichever set its second column points at now: the first
 * side (its column, level weights and term-frequency weights, which with the model's term
 * frequencies depend on that side alone) is bound once per set; scoring a pair of another set only
 * re-points `colB`, so nothing is allocated per pair of sets. Levels are the kind's own `compare`,
 * which for two different columns is what its specialised comparator computes.
 */
class CrossComparison implements BoundComparison {
  readonly name: string;
  readonly type: BoundComparison['type'];
  readonly kind: FieldKind<AnyColumn>;
  readonly colA: AnyColumn;
  colB: AnyColumn;
  readonly levelCount: number;
  readonly weights: Float64Array;
  readonly tfLevel: number;
  readonly tfWeight: (v: number) => number;

  constructor(c: BoundSide) {
    this.name = c.name;
    this.type = c.type;
    this.kind = c.kind;
    this.colA = c.colA;
    this.colB = c.colA;
    this.levelCount = c.levelCount;
    this.weights = c.weights;
    this.tfLevel = c.tfLevel;
    this.tfWeight = c.tfWeight;
  }

  compare(i: number, j: number): number {
    return this.kind.compare(this.type, this.colA, i, this.colB, j);
  }

  tfValue(i: number, j: number): number {
    return this.kind.tfValue(this.type, this.colA, i, this.colB, j);
  }
}

interface CrossModel {
  readonly priorWeight: number;
  readonly comparisons: readonly CrossComparison[];
}

/**
 * A {@link CrossComparison} whose first side is re-pointed too, for small sets (a one-record add's
 * set is first side for all its candidates, then seldom again): binding each cost its first side,
 * per comparison, a term-frequency cache and closures. Term-frequency weights come from the model's
 * tables per value (what a binding caches), so scores are the same.
 */
class SmallSideComparison implements BoundComparison {
  readonly name: string;
  readonly type: BoundComparison['type'];
  readonly kind: FieldKind<AnyColumn>;
  colA: AnyColumn;
  colB: AnyColumn;
  readonly levelCount: number;
  readonly weights: Float64Array;
  readonly tfLevel: number;
  private readonly tf: ModelTf | undefined;
  /** `colA`'s term-frequency pool, when the comparison adjusts by term frequency and the kind has one. */
  private pool: readonly string[] | undefined;

  constructor(c: MatchModel['comparisons'][number], weights: Float64Array, column: AnyColumn) {
    this.name = c.name;
    this.type = c.type;
    this.kind = kindOf(c.type);
    this.colA = column;
    this.colB = column;
    this.levelCount = c.levels.length;
    this.weights = weights;
    this.tf = modelTfOf(c, weights);
    this.tfLevel = this.tf?.level ?? -1;
    this.pool = undefined;
  }

  /** Make `column` the first side. */
  point(column: AnyColumn): void {
    this.colA = column;
    this.pool = this.tf === undefined ? undefined : this.kind.tfPool(this.type, column)?.values;
  }

  compare(i: number, j: number): number {
    return this.kind.compare(this.type, this.colA, i, this.colB, j);
  }

  tfValue(i: number, j: number): number {
    return this.kind.tfValue(this.type, this.colA, i, this.colB, j);
  }

  tfWeight(v: number): number {
    const tf = this.tf;
    const pool = this.pool;
    // As bindSides: no pool, no adjustment; a value outside the pool, the level's own weight.
    if (tf === undefined || pool === undefined) return 0;
    if (!(v >= 0 && v < pool.length)) return tf.base;
    return modelTfWeight(tf, pool[v] ?? '');
  }
}

interface Placement {
  /** Re-pointed in place when the set is merged into another. */
  set: PreparedSet;
  row: number;
  /** The batch the record was prepared in (its number and size), which orients pairs. */
  readonly origin: number;
  readonly originSize: number;
}

/** Options of {@link createModelScorer}. */
export interface ModelScorerOptions extends PrepareOptions {
  /** Most prepared batches whose pairwise bindings are cached. @defaultValue 64 */
  readonly maxCachedBindings?: number;
}

/**
 * A {@link PairScorer} over a trained Fellegi–Sunter model, for the resolver. Records are prepared
 * once (a batch at a time, through `prepare`), scored pair by pair with the model's own term
 * frequencies (so a score never depends on which batch a record arrived in), and blocked with the
 * model's blocking rules.
 *
 * @example
 * ```ts
 * const model = trainModel(records);
 * const resolver = createResolver({ scorer: createModelScorer(model) });
 * resolver.add(records);
 * ```
 */
export function createModelScorer(model: MatchModel, options: ModelScorerOptions = {}): PairScorer & { prepare(records: readonly ContactRecord[]): void } {
  const fields = modelFields(model);
  const prepareOptions: PrepareOptions = {
    ...(options.defaultCountry !== undefined || model.defaultCountry !== undefined ? { defaultCountry: (options.defaultCountry ?? model.defaultCountry)! } : {}),
    ...(options.phone !== undefined ? { phone: options.phone } : {}),
  };
  const placements = new WeakMap<ContactRecord, Placement>();
  const bindings = new Map<string, BoundModel>();
  const maxBindings = options.maxCachedBindings ?? 64;
  let nextSet = 0;
  // Comparisons whose exact agreement names one person: ids (national, customer) and handles.
  // Emails and phones are not among them: families share those. A near miss is not enough either:
  // sequential customer ids (C-1001, C-1002) are one typo apart.
  const personal = model.comparisons.map((c) =>
    c.type === 'external_id' || c.type === 'handle' ? new Set(c.levels.flatMap((l, i) => (l.label === 'exact' ? [i] : []))) : undefined,
  );
  const hasPersonal = personal.some((p) => p !== undefined && p.size > 0);
  // Levels whose agreement is evidence beyond the name: never a name comparison, and for emails only
  // the whole address (exact or loose), since the local part of firstname.lastname@ is the name again.
  // Handles likewise count only when equal: joao_alves and joaoalves are two accounts, and a handle
  // is usually the name again.
  const corroborating = model.comparisons.map((c) =>
    NAME_TYPES.has(c.type) ? undefined : new Set(c.levels.flatMap((l, i) => (i > 1 && counts(c.type, l.label) ? [i] : []))),
  );
  // Where a person lives is household evidence: a father and a son with his name share it. It
  // corroborates a name only when no phone or email on the two records disagrees.
  const locality = model.comparisons.map((c) => LOCALITY_TYPES.has(c.type));
  // A city, region, country or gender is shared by millions: the same common name in the same city
  // is two people as often as one. Their agreement is no evidence beyond the name (their
  // disagreement still contradicts a name-only link).
  const coarse = model.comparisons.map((c) => COARSE_TYPES.has(c.type));
  const disagreeing = model.comparisons.map((c) =>
    c.type === 'email' || c.type === 'phone' ? new Set(c.levels.flatMap((l, i) => (l.label === 'else' ? [i] : []))) : undefined,
  );
  // Levels at which both records hold a value and the values differ, for links whose evidence is
  // (almost) all names: a different email address (even with the same local part: jgarcia@gmail.com
  // and jgarcia@hotmail.com are two mailboxes), phone, birth date, handle, place. Customer ids are
  // left out: a person's CRM duplicates carry different row ids (unique ids are the resolver's rule).
  // A near agreement the model weighs against a match (birth dates a year apart) contradicts too.
  const contradicting = model.comparisons.map((c, k) => {
    const agreeing = corroborating[k];
    if (agreeing === undefined || c.type === 'external_id') return undefined;
    return new Set(c.levels.flatMap((l, i) => (i > 0 && (!agreeing.has(i) || !(l.m > l.u)) ? [i] : [])));
  });
  const levels = new Uint8Array(model.comparisons.length);
  // Level weights depend on the model alone: made once, shared by every set's bindings (read only).
  const levelWeights = model.comparisons.map(levelWeightsOf);

  /** Small sets by merge level, with their total rows. */
  const pending: { sets: PreparedSet[]; rows: number }[] = LEVEL_ROWS.map(() => ({ sets: [], rows: 0 }));
  let nextOrigin = 0;
  let parsedRules: ParsedRule[] | undefined;
  let plan: PreparePlan | undefined;
  /** The first side of pairs whose first set is small (see LEVEL_ROWS), re-pointed at each such set in turn, and the set it points at. */
  let smallSide: { readonly priorWeight: number; readonly comparisons: readonly SmallSideComparison[] } | undefined;
  let smallSideSet: PreparedSet | undefined;
  /** Drop the bindings of sets merged into another (a set's binding with itself is cached). */
  const forgetBindings = (sets: readonly PreparedSet[]): void => {
    for (const x of sets) bindings.delete(x.selfKey);
  };
  /** Per merge level, the merge under way. */
  const merging: (MergeJob | undefined)[] = LEVEL_ROWS.map(() => undefined);
  /** Feed a merge up to `rows` rows and `parts` parts (at least one part); when all are in, put the merged set in place of its parts. */
  const advance = (level: number, rows: number, parts: number): void => {
    const job = merging[level];
    if (job === undefined) return;
    for (let fedRows = 0, fedParts = 0; job.next < job.parts.length && (fedParts === 0 || (fedRows < rows && fedParts < parts)); fedParts++) {
      const part = job.parts[job.next++]!;
      job.merger.add(part.prepared);
      fedRows += part.prepared.size;
    }
    if (job.next < job.parts.length) return;
    merging[level] = undefined;
    const prepared = job.merger.finish();
    let keysPending = 0;
    for (const x of job.parts) keysPending += Math.max(0, x.keysPending);
    const records: ContactRecord[] = [];
    const id = nextSet++;
    const merged: PreparedSet = { id, selfKey: `${id}:${id}`, prepared, rules: undefined, keysPending, records: undefined, cross: undefined, columns: undefined };
    for (const x of job.parts) {
      for (const record of x.records!) {
        const p = placements.get(record)!;
        p.set = merged;
        p.row = records.length;
        records.push(record);
      }
      x.records = undefined;
      x.rules = undefined;
      x.cross = undefined;
      x.columns = undefined;
    }
    forgetBindings(job.parts);
    if (levelOf(prepared.size) >= 0) {
      merged.records = records;
      track(merged);
    }
  };
  /** Put a small set in its level; a full level starts merging (finishing the level's merge before, if still under way). */
  const track = (set: PreparedSet): void => {
    const index = levelOf(set.prepared.size);
    const level = pending[index]!;
    level.sets.push(set);
    level.rows += set.prepared.size;
    if (level.rows < LEVEL_ROWS[index]!) return;
    // Scores never depend on which set a record sits in.
    if (merging[index] !== undefined) advance(index, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    merging[index] = { parts: level.sets, merger: new PreparedMerger(), next: 0 };
    level.sets = [];
    level.rows = 0;
  };
  const prepare = (records: readonly ContactRecord[]): void => {
    const missing = records.filter((r) => !placements.has(r));
    if (missing.length === 0) return;
    // The fields are resolved once (planPrepare), not per one-record add.
    const preparer = new RecordPreparer((plan ??= planPrepare(fields, prepareOptions)));
    preparer.add(missing);
    const prepared = preparer.finish();
    const id = nextSet++;
    const set: PreparedSet = { id, selfKey: `${id}:${id}`, prepared, rules: undefined, keysPending: prepared.size, records: levelOf(prepared.size) >= 0 ? missing : undefined, cross: undefined, columns: undefined };
    const origin = nextOrigin++;
    missing.forEach((record, row) => placements.set(record, { set, row, origin, originSize: prepared.size }));
    if (set.records !== undefined) track(set);
    for (let level = 0; level < merging.length; level++) advance(level, MERGE_STEP_ROWS, MERGE_STEP_PARTS);
  };
  const placement = (record: ContactRecord): Placement => {
    let p = placements.get(record);
    if (p === undefined) {
      prepare([record]);
      p = placements.get(record)!;
    }
    return p;
  };
  const columnsOf = (set: PreparedSet): readonly AnyColumn[] =>
    (set.columns ??= model.comparisons.map((c) => {
      const column = set.prepared.columns[set.prepared.fields.findIndex((f) => f.name === c.name)];
      if (column === undefined) throw new OmnilinkError('invalid_argument', `records were not prepared with field "${c.name}"`);
      return column;
    }));
  // Scores use the model's term frequencies, never the batch's: the same pair scores the same
  // whichever batches its records came in.
  const bound = (a: PreparedSet, b: PreparedSet): BoundModel => {
    if (a !== b) {
      const columns = columnsOf(b);
      if (levelOf(a.prepared.size) === 0) {
        // A small set (a one-record add's) is first side for all its candidates, then seldom again:
        // one first side is re-pointed at it, nothing is bound per set.
        const own = columnsOf(a);
        const side = (smallSide ??= {
          priorWeight: logit2(model.prior),
          comparisons: model.comparisons.map((c, k) => new SmallSideComparison(c, levelWeights[k]!, own[k]!)),
        });
        const cs = side.comparisons;
        if (smallSideSet !== a) {
          for (let k = 0; k < cs.length; k++) cs[k]!.point(own[k]!);
          smallSideSet = a;
        }
        for (let k = 0; k < cs.length; k++) cs[k]!.colB = columns[k]!;
        return side;
      }
      // A record is scored against records of many sets: the first side is bound once per set and
      // re-pointed at the other set (used at once, before any other pair is bound).
      const m = (a.cross ??= { priorWeight: logit2(model.prior), comparisons: bindSides(model, a.prepared, false, levelWeights).map((c) => new CrossComparison(c)) });
      const cs = m.comparisons;
      for (let k = 0; k < cs.length; k++) cs[k]!.colB = columns[k]!;
      return m;
    }
    // A set bound with itself is kept (its comparators memoize pairs in large tables: never redo them).
    const key = a.selfKey;
    let m = bindings.get(key);
    if (m === undefined) {
      m = bindModel(model, a.prepared, a.prepared, 'model');
      if (bindings.size >= maxBindings * maxBindings) bindings.clear();
      bindings.set(key, m);
    }
    return m;
  };

  // The record of the smaller prepared batch goes first: binding sizes its term-frequency caches by
  // the first side, so one new record scored against a million costs O(1), not O(n). Comparisons and
  // model term frequencies are symmetric, so the orientation never changes a score; it is taken from
  // the batches records arrived in (not the sets they were merged into later), so explanations read
  // the same however small sets were merged. `swapped` says whether `pb` goes first (a flag, not a
  // pair: it runs per candidate pair, and allocates nothing).
  const swapped = (pa: Placement, pb: Placement, aFirst: boolean): boolean => {
    if (pa.origin !== pb.origin) return !(pa.originSize < pb.originSize || (pa.originSize === pb.originSize && pa.origin < pb.origin));
    return !aFirst;
  };

  /** `${index}\u0001`, the prefix of a rule's keys (made once per rule, not per key). */
  const prefixes: string[] = [];
  /** A rule's keys for one row (scratch, emptied before each rule). */
  const keyScratch: string[] = [];
  const rulePrefix = (index: number): string => (prefixes[index] ??= `${index}\u0001`);

  return {
    prepare,
    blockingKeys(record) {
      const { set, row } = placement(record);
      const keys: string[] = [];
      // Keys are asked for once per record: the rules' key caches go once every row has its keys.
      // Every set is prepared with the same fields: the rules are parsed once, then bound per set.
      parsedRules ??= parseRules(set.prepared.fields, model.blocking);
      const out = keyScratch;
      if (set.rules === undefined && set.keysPending <= 1) {
        // The set's last row to key (a one-record add): the same keys, without binding the rules' caches.
        set.keysPending--;
        for (let index = 0; index < parsedRules.length; index++) {
          out.length = 0;
          ruleKeysOnce(set.prepared, parsedRules[index]!, row, out);
          for (let q = 0; q < out.length; q++) keys.push(rulePrefix(index) + out[q]!);
        }
        return keys;
      }
      const rules = set.rules ?? bindRules(set.prepared, parsedRules);
      set.rules = --set.keysPending > 0 ? rules : undefined;
      rules.forEach((rule, index) => {
        out.length = 0;
        ruleKeys(rule, row, out);
        for (let q = 0; q < out.length; q++) keys.push(rulePrefix(index) + out[q]!);
      });
      return keys;
    },
    score(a, b) {
      const pa = placement(a);
      const pb = placement(b);
      const swap = swapped(pa, pb, a.id <= b.id);
      const x = swap ? pb : pa;
      const y = swap ? pa : pb;
      const bm = bound(x.set, y.set);
      const weight = scoreRowLevels(bm, x.row, y.row, levels);
      let corroboration = 0;
      let place = 0;
      let disagree = false;
      let contradiction = false;
      // The corroborating comparisons' levels, as scoring found them.
      for (let k = 0; k < corroborating.length; k++) {
        const levelsOfK = corroborating[k];
        if (levelsOfK === undefined) continue;
        const c = bm.comparisons[k]!;
        const level = levels[k]!;
        if (disagreeing[k]?.has(level) === true) disagree = true;
        if (contradicting[k]?.has(level) === true) contradiction = true;
        if (!levelsOfK.has(level) || coarse[k] === true) continue;
        const bits = Math.max(0, c.weights[level] ?? 0);
        if (locality[k] === true) place += bits;
        else corroboration += bits;
      }
      // Two literals, not a spread: one object per pair scored.
      const probability = probabilityOf(weight);
      if (!disagree && place > 0) return { weight, probability, corroboration: corroboration + place, placeCorroboration: place, contradiction };
      return { weight, probability, corroboration: disagree ? corroboration : corroboration + place, contradiction };
    },
    sharesPersonalIdentifier(a, b) {
      if (!hasPersonal) return false;
      const pa = placement(a);
      const pb = placement(b);
      const swap = swapped(pa, pb, a.id <= b.id);
      const x = swap ? pb : pa;
      const y = swap ? pa : pb;
      levelsOf(bound(x.set, y.set), x.row, y.row, levels, 0);
      return personal.some((p, k) => p !== undefined && p.has(levels[k]!));
    },
    explain(a, b) {
      const pa = placement(a);
      const pb = placement(b);
      const swap = swapped(pa, pb, a.id <= b.id);
      const x = swap ? pb : pa;
      const y = swap ? pa : pb;
      const explanation = explainRows(x.set.prepared, model, x.row, y.row, y.set.prepared, 'model');
      if (x === pa) return explanation;
      // Scored `b` first (see swapped): the weights are the same, the values are told back as asked,
      // `a`'s first, so an explanation reads the same after a restore re-batches the records.
      return { ...explanation, steps: explanation.steps.map(flipSides) };
    },
  };
}

/** A step with its two records' values the other way round (its fields in the same order). */
function flipSides(step: ExplanationStep): ExplanationStep {
  const out: Record<string, unknown> = {};
  let done = false;
  for (const [key, value] of Object.entries(step)) {
    if (key !== 'valueA' && key !== 'valueB') out[key] = value;
    else if (!done) {
      done = true;
      if (step.valueB !== undefined) out['valueA'] = step.valueB;
      if (step.valueA !== undefined) out['valueB'] = step.valueA;
    }
  }
  return out as unknown as ExplanationStep;
}
