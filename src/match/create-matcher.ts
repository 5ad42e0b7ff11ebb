import type { ContactRecord } from '../model/contact-record.js';
import { OmnilinkError } from '../model/errors.js';
import { type Explanation, explain } from './explain.js';
import { block } from './block.js';
import { defaultBlockingRules } from './default-blocking-rules.js';
import { type FindMatchesOptions, type ScoredLink, findMatches, findMatchesPrepared } from './find-matches.js';
import { inferFields } from './infer-fields.js';
import type { MatchModel } from './match-model.js';
import { prepareRecords } from './prepare-records.js';
import { type TrainOptions, trainModel, trainPrepared } from './train-model.js';

/** Options of {@link createMatcher}: training options, plus a trained model to start from. */
export interface MatcherOptions extends TrainOptions {
  /**
   * A trained model; without one, the first {@link Matcher.dedupe} or {@link Matcher.link} trains
   * on its records.
   * @defaultValue undefined
   */
  readonly model?: MatchModel;
}

/** A matcher: a model (trained on first use when none is given) and the verbs that use it. */
export interface Matcher {
  /** The model, once trained or given. */
  readonly model: MatchModel | undefined;
  /** Train (or retrain) on records and keep the model. */
  train(records: readonly ContactRecord[]): MatchModel;
  /** Scored pairs of duplicates among records (trains first when there is no model). */
  dedupe(records: readonly ContactRecord[], options?: FindMatchesOptions): ScoredLink[];
  /** Scored pairs across two datasets, never within one (trains first when there is no model). */
  link(a: readonly ContactRecord[], b: readonly ContactRecord[], options?: FindMatchesOptions): ScoredLink[];
  /** The waterfall of one pair. Throws when there is no model yet. */
  explain(a: ContactRecord, b: ContactRecord): Explanation;
}

/**
 * Create a matcher with zero configuration: fields are inferred from the records, blocking rules
 * from the fields, and the model is trained unsupervised on the first records it sees.
 *
 * @example
 * ```ts
 * const matcher = createMatcher({ defaultCountry: 'BR' });
 * const links = matcher.dedupe(records);
 * matcher.explain(records[0], records[1]).steps;
 * ```
 */
export function createMatcher(options?: MatcherOptions): Matcher {
  let model = options?.model;
  const train = (records: readonly ContactRecord[], link = false): MatchModel => {
    model = trainModel(records, { ...options, link });
    return model;
  };
  // Train and match in one pass: records are prepared and blocked once.
  const trainAndMatch = (records: readonly ContactRecord[], link: boolean, findOptions: FindMatchesOptions | undefined): ScoredLink[] => {
    const exclude = [...(options?.excludeAttributes ?? []), ...(options?.truthColumn !== undefined ? [options.truthColumn] : [])];
    const fields = options?.fields ?? inferFields(records, { excludeAttributes: exclude });
    const prepared = prepareRecords(records, fields, options);
    const blocking = options?.blocking ?? defaultBlockingRules(prepared.fields);
    const candidates = block(prepared, blocking, { ...options, link });
    const trained = trainPrepared(prepared, { ...options, link, blocking, candidates });
    model = trained;
    return findMatchesPrepared(prepared, trained, findOptions, candidates);
  };
  // Linking pairs records of different sources: tag each side with its own.
  const withSource = (records: readonly ContactRecord[], source: string): ContactRecord[] => records.map((r) => ({ ...r, source }));
  return {
    get model() {
      return model;
    },
    train: (records) => train(records),
    dedupe(records, findOptions) {
      if (model === undefined && options?.truthColumn === undefined) return trainAndMatch(records, false, findOptions);
      const m = model ?? train(records);
      return findMatches(records, m, findOptions);
    },
    link(a, b, findOptions) {
      const all = [...withSource(a, 'a'), ...withSource(b, 'b')];
      if (model === undefined && options?.truthColumn === undefined) return trainAndMatch(all, true, findOptions);
      const m = model ?? train(all, true);
      return findMatches(all, m.mode === 'link' ? m : { ...m, mode: 'link' }, findOptions);
    },
    explain(a, b) {
      if (model === undefined) throw new OmnilinkError('invalid_argument', 'train the matcher (or give it a model) before explaining');
      return explain(a, b, model);
    },
  };
}
