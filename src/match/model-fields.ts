import type { FieldSpec } from './field-spec.js';
import type { MatchModel } from './match-model.js';

/**
 * The field specs a model compares: prepare records with them to score against the model.
 *
 * @example
 * ```ts
 * const prepared = prepareRecords(records, modelFields(model));
 * ```
 */
export function modelFields(model: MatchModel): FieldSpec[] {
  return model.comparisons.map((c) => ({ name: c.name, type: c.type, source: c.source, termFrequency: c.termFrequency !== undefined }));
}
