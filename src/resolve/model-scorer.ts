import { type CompiledRule, compileRules, ruleKeys } from '../match/_compile-rules.js';
import { type BoundModel, bindModel, levelsOf, probabilityOf, scoreRow } from '../match/_scorer.js';
import { explainRows } from '../match/explain.js';
import type { MatchModel } from '../match/match-model.js';
import { modelFields } from '../match/model-fields.js';
import { type PrepareOptions, type PreparedRecords, prepareRecords } from '../match/prepare-records.js';
import type { ContactRecord } from '../model/contact-record.js';
import type { PairScorer } from './pair-scorer.js';

const NAME_TYPES: ReadonlySet<string> = new Set(['name', 'given_name', 'family_name']);

interface PreparedSet {
  readonly id: number;
  readonly prepared: PreparedRecords;
  readonly rules: readonly CompiledRule[];
}

interface Placement {
  readonly set: PreparedSet;
  readonly row: number;
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
  const corroborating = model.comparisons.map((c) =>
    NAME_TYPES.has(c.type) ? undefined : new Set(c.levels.flatMap((l, i) => (i > 1 && (c.type !== 'email' || l.label === 'exact' || l.label === 'loose') ? [i] : []))),
  );
  const levels = new Uint8Array(model.comparisons.length);

  const prepare = (records: readonly ContactRecord[]): void => {
    const missing = records.filter((r) => !placements.has(r));
    if (missing.length === 0) return;
    const prepared = prepareRecords(missing, fields, prepareOptions);
    const set: PreparedSet = { id: nextSet++, prepared, rules: model.blocking.length > 0 ? compileRules(prepared, model.blocking) : [] };
    missing.forEach((record, row) => placements.set(record, { set, row }));
  };
  const place = (record: ContactRecord): Placement => {
    let p = placements.get(record);
    if (p === undefined) {
      prepare([record]);
      p = placements.get(record)!;
    }
    return p;
  };
  const bound = (a: PreparedSet, b: PreparedSet): BoundModel => {
    const key = `${a.id}:${b.id}`;
    let m = bindings.get(key);
    if (m === undefined) {
      // Scores use the model's term frequencies, never the batch's: the same pair scores the same
      // whichever batches its records came in.
      m = bindModel(model, a.prepared, b.prepared, 'model');
      if (bindings.size >= maxBindings * maxBindings) bindings.clear();
      bindings.set(key, m);
    }
    return m;
  };

  // The smaller prepared batch goes first: binding sizes its term-frequency caches by the first
  // side, so one new record scored against a million costs O(1), not O(n). Comparisons and model
  // term frequencies are symmetric, so the orientation never changes a score.
  const oriented = (pa: Placement, pb: Placement, aFirst: boolean): [Placement, Placement] => {
    if (pa.set !== pb.set) return pa.set.prepared.size < pb.set.prepared.size || (pa.set.prepared.size === pb.set.prepared.size && pa.set.id < pb.set.id) ? [pa, pb] : [pb, pa];
    return aFirst ? [pa, pb] : [pb, pa];
  };

  return {
    prepare,
    blockingKeys(record) {
      const { set, row } = place(record);
      const keys: string[] = [];
      set.rules.forEach((rule, index) => {
        const out: string[] = [];
        ruleKeys(rule, row, out);
        for (const k of out) keys.push(`${index}\u0001${k}`);
      });
      return keys;
    },
    score(a, b) {
      const [x, y] = oriented(place(a), place(b), a.id <= b.id);
      const bm = bound(x.set, y.set);
      const weight = scoreRow(bm, x.row, y.row);
      levelsOf(bm, x.row, y.row, levels, 0);
      let corroboration = 0;
      for (let k = 0; k < levels.length; k++) {
        const level = levels[k]!;
        if (corroborating[k]?.has(level) === true) corroboration += Math.max(0, bm.comparisons[k]!.weights[level] ?? 0);
      }
      return { weight, probability: probabilityOf(weight), corroboration };
    },
    sharesPersonalIdentifier(a, b) {
      if (!hasPersonal) return false;
      const [x, y] = oriented(place(a), place(b), a.id <= b.id);
      levelsOf(bound(x.set, y.set), x.row, y.row, levels, 0);
      return personal.some((p, k) => p !== undefined && p.has(levels[k]!));
    },
    explain(a, b) {
      const [x, y] = oriented(place(a), place(b), a.id <= b.id);
      return explainRows(x.set.prepared, model, x.row, y.row, y.set.prepared, 'model');
    },
  };
}
