import { type CompiledRule, type ParsedRule, bindRules, parseRules, ruleKeys } from '../match/_compile-rules.js';
import { type BoundComparison, type BoundModel, bindModel, levelsOf, probabilityOf, scoreRow } from '../match/_scorer.js';
import { explainRows } from '../match/explain.js';
import type { MatchModel } from '../match/match-model.js';
import { modelFields } from '../match/model-fields.js';
import { mergePrepared } from '../match/merge-prepared.js';
import { type PrepareOptions, type PreparedRecords, prepareRecords } from '../match/prepare-records.js';
import type { ContactRecord } from '../model/contact-record.js';
import { OmnilinkError } from '../model/errors.js';
import type { PairScorer } from './pair-scorer.js';

const NAME_TYPES: ReadonlySet<string> = new Set(['name', 'given_name', 'family_name']);
const LOCALITY_TYPES: ReadonlySet<string> = new Set(['city', 'postcode', 'address']);

/** Whether agreement at this level of a non-name comparison is evidence beyond the name. */
function counts(type: string, label: string): boolean {
  if (type === 'email') return label === 'exact' || label === 'loose';
  if (type === 'handle') return label === 'exact' || label === 'other_namespace';
  return true;
}

interface PreparedSet {
  readonly id: number;
  readonly prepared: PreparedRecords;
  /** Blocking rules bound to the set, compiled on demand and dropped once every row has its keys. */
  rules: readonly CompiledRule[] | undefined;
  /** Rows whose blocking keys were not asked for yet. */
  keysPending: number;
  /** The records of a small set (so it can be merged into a bigger one); undefined once merged or big. */
  records: readonly ContactRecord[] | undefined;
}

/**
 * Small prepared sets (one-record adds, small batches) are merged as they accumulate, so they do not
 * pile up: sets under LEVEL_ROWS[0] rows are merged once they hold that many rows together, and so
 * on up; a set of the last level's size or more stays as it is. Few levels with a wide first one
 * keep the merges rare (a merge costs about as much as preparing its records again).
 */
const LEVEL_ROWS: readonly number[] = [256, 4096];
/** Bindings of a set this small are not kept in the long-lived cache (they are cheap to redo). */
const CACHED_SET = 256;
/**
 * Most short-lived bindings (small sets) kept at once: one record added is scored against records
 * of many batches, and each binding is small.
 */
const RECENT_BINDINGS = 256;

/** The merge level of a set of `size` rows, or -1 for a set that is never merged. */
function levelOf(size: number): number {
  return LEVEL_ROWS.findIndex((rows) => size < rows);
}

/**
 * A binding re-pointed at another second side: the first side (its columns, level weights and
 * term-frequency weights, which with the model's term frequencies depend on that side alone) is
 * kept; only the comparators, which read both sides, are made again, as `bindModel` makes them.
 */
function rebind(bound: BoundModel, b: PreparedRecords): BoundModel {
  return {
    priorWeight: bound.priorWeight,
    comparisons: bound.comparisons.map((c): BoundComparison => {
      const column = b.fields.findIndex((f) => f.name === c.name);
      const colB = b.columns[column];
      if (colB === undefined) throw new OmnilinkError('invalid_argument', `records were not prepared with field "${c.name}"`);
      const { kind, type, colA } = c;
      const compare = kind.comparator?.(type, colA, colB) ?? ((i: number, j: number): number => kind.compare(type, colA, i, colB, j));
      const tfValue = (i: number, j: number): number => kind.tfValue(type, colA, i, colB, j);
      return { ...c, colB, compare, tfValue };
    }),
  };
}

interface Placement {
  readonly set: PreparedSet;
  readonly row: number;
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
  const disagreeing = model.comparisons.map((c) =>
    c.type === 'email' || c.type === 'phone' ? new Set(c.levels.flatMap((l, i) => (l.label === 'else' ? [i] : []))) : undefined,
  );
  const levels = new Uint8Array(model.comparisons.length);

  /** Small sets by merge level, with their total rows. */
  const pending: { sets: PreparedSet[]; rows: number }[] = LEVEL_ROWS.map(() => ({ sets: [], rows: 0 }));
  const recent = new Map<string, BoundModel>();
  /** Per first-side set: a binding to re-point at other sets (small sets, kept briefly; larger sets). */
  const templates = new Map<number, BoundModel>();
  const bigTemplates = new Map<number, BoundModel>();
  let nextOrigin = 0;
  let parsedRules: ParsedRule[] | undefined;
  const forgetBindings = (sets: ReadonlySet<number>): void => {
    recent.clear();
    templates.clear();
    if (sets.size === 0) return;
    for (const id of sets) bigTemplates.delete(id);
    for (const key of [...bindings.keys()]) {
      const colon = key.indexOf(':');
      if (sets.has(Number(key.slice(0, colon))) || sets.has(Number(key.slice(colon + 1)))) bindings.delete(key);
    }
  };
  const track = (set: PreparedSet): void => {
    for (let current = set; current.records !== undefined; ) {
      const level = pending[levelOf(current.prepared.size)]!;
      level.sets.push(current);
      level.rows += current.prepared.size;
      if (level.rows < LEVEL_ROWS[levelOf(current.prepared.size)]!) return;
      // Merge the level into one set; scores never depend on which set a record sits in.
      const parts = level.sets;
      level.sets = [];
      level.rows = 0;
      const records = parts.flatMap((x) => x.records!);
      const prepared = mergePrepared(parts.map((x) => x.prepared));
      const keysPending = parts.reduce((n, x) => n + Math.max(0, x.keysPending), 0);
      const merged: PreparedSet = { id: nextSet++, prepared, rules: undefined, keysPending, records: levelOf(prepared.size) >= 0 ? records : undefined };
      records.forEach((record, row) => {
        const p = placements.get(record)!;
        placements.set(record, { set: merged, row, origin: p.origin, originSize: p.originSize });
      });
      for (const x of parts) {
        x.records = undefined;
        x.rules = undefined;
      }
      forgetBindings(new Set(parts.map((x) => x.id)));
      current = merged;
    }
  };
  const prepare = (records: readonly ContactRecord[]): void => {
    const missing = records.filter((r) => !placements.has(r));
    if (missing.length === 0) return;
    const prepared = prepareRecords(missing, fields, prepareOptions);
    const set: PreparedSet = { id: nextSet++, prepared, rules: undefined, keysPending: prepared.size, records: levelOf(prepared.size) >= 0 ? missing : undefined };
    const origin = nextOrigin++;
    missing.forEach((record, row) => placements.set(record, { set, row, origin, originSize: prepared.size }));
    if (set.records !== undefined) track(set);
  };
  const placement = (record: ContactRecord): Placement => {
    let p = placements.get(record);
    if (p === undefined) {
      prepare([record]);
      p = placements.get(record)!;
    }
    return p;
  };
  const bound = (a: PreparedSet, b: PreparedSet): BoundModel => {
    const key = `${a.id}:${b.id}`;
    // A set bound with itself is kept (its comparators memoize pairs in large tables: never redo them).
    const small = a !== b && (a.prepared.size <= CACHED_SET || b.prepared.size <= CACHED_SET);
    const cache = small ? recent : bindings;
    let m = cache.get(key);
    if (m === undefined) {
      // Scores use the model's term frequencies, never the batch's: the same pair scores the same
      // whichever batches its records came in. A record is scored against records of many
      // batches: the first side of a binding (level weights, and term-frequency weights: a table
      // per column as large as its distinct values) is made once per set and shared; only the
      // comparators are re-pointed at each other set.
      const templatesOfA = a.prepared.size <= CACHED_SET ? templates : bigTemplates;
      const template = templatesOfA.get(a.id);
      m = template !== undefined ? rebind(template, b.prepared) : bindModel(model, a.prepared, b.prepared, 'model');
      if (template === undefined) templatesOfA.set(a.id, m);
      if (small ? recent.size >= RECENT_BINDINGS : bindings.size >= maxBindings * maxBindings) {
        cache.clear();
        if (small) templates.clear();
      }
      cache.set(key, m);
    }
    return m;
  };

  // The record of the smaller prepared batch goes first: binding sizes its term-frequency caches by
  // the first side, so one new record scored against a million costs O(1), not O(n). Comparisons and
  // model term frequencies are symmetric, so the orientation never changes a score; it is taken from
  // the batches records arrived in (not the sets they were merged into later), so explanations read
  // the same however small sets were merged.
  const oriented = (pa: Placement, pb: Placement, aFirst: boolean): [Placement, Placement] => {
    if (pa.origin !== pb.origin) return pa.originSize < pb.originSize || (pa.originSize === pb.originSize && pa.origin < pb.origin) ? [pa, pb] : [pb, pa];
    return aFirst ? [pa, pb] : [pb, pa];
  };

  return {
    prepare,
    blockingKeys(record) {
      const { set, row } = placement(record);
      const keys: string[] = [];
      // Keys are asked for once per record: the rules' key caches go once every row has its keys.
      // Every set is prepared with the same fields: the rules are parsed once, then bound per set.
      parsedRules ??= parseRules(set.prepared.fields, model.blocking);
      const rules = set.rules ?? bindRules(set.prepared, parsedRules);
      set.rules = --set.keysPending > 0 ? rules : undefined;
      rules.forEach((rule, index) => {
        const out: string[] = [];
        ruleKeys(rule, row, out);
        for (const k of out) keys.push(`${index}\u0001${k}`);
      });
      return keys;
    },
    score(a, b) {
      const [x, y] = oriented(placement(a), placement(b), a.id <= b.id);
      const bm = bound(x.set, y.set);
      const weight = scoreRow(bm, x.row, y.row);
      let corroboration = 0;
      let place = 0;
      let disagree = false;
      // Only the corroborating comparisons are compared again (names, the costly ones, never are).
      for (let k = 0; k < corroborating.length; k++) {
        const levelsOfK = corroborating[k];
        if (levelsOfK === undefined) continue;
        const c = bm.comparisons[k]!;
        const level = c.compare(x.row, y.row);
        if (disagreeing[k]?.has(level) === true) disagree = true;
        if (!levelsOfK.has(level)) continue;
        const bits = Math.max(0, c.weights[level] ?? 0);
        if (locality[k] === true) place += bits;
        else corroboration += bits;
      }
      return { weight, probability: probabilityOf(weight), corroboration: disagree ? corroboration : corroboration + place };
    },
    sharesPersonalIdentifier(a, b) {
      if (!hasPersonal) return false;
      const [x, y] = oriented(placement(a), placement(b), a.id <= b.id);
      levelsOf(bound(x.set, y.set), x.row, y.row, levels, 0);
      return personal.some((p, k) => p !== undefined && p.has(levels[k]!));
    },
    explain(a, b) {
      const [x, y] = oriented(placement(a), placement(b), a.id <= b.id);
      return explainRows(x.set.prepared, model, x.row, y.row, y.set.prepared, 'model');
    },
  };
}
