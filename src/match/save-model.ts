import * as z from 'zod/mini';
import { lazy } from '../internal/lazy.js';
import { boundedArray, boundedString, opt } from '../internal/schema.js';
import { safeParseWith } from '../internal/zod-result.js';
import { ValidationError } from '../model/errors.js';
import { type Issue, type Result, fail, issue, ok } from '../model/issue.js';
import { defaultSourceOf } from './_field-defaults.js';
import { kindOf } from './_kinds.js';
import { isKnownSource } from './_sources.js';
import { FIELD_TYPES, type FieldType } from './field-spec.js';
import type { MatchModel } from './match-model.js';

const probability = (): z.ZodMiniNumber<number> => z.number().check(z.gte(0), z.lte(1));

/** @internal */
export const matchModelSchema: () => z.ZodMiniType<MatchModel> = lazy(() => {
  const level = z.strictObject({ label: boundedString(1, 128), m: probability(), u: probability() });
  const tf = z.strictObject({
    level: z.number().check(z.int(), z.gte(1)),
    total: z.number().check(z.gte(0)),
    values: boundedArray(z.readonly(z.tuple([z.string().check(z.maxLength(4096)), z.number().check(z.gte(0))])), 1_000_000),
    defaultCount: z.number().check(z.gte(0)),
    referenceU: z.number().check(z.gt(0), z.lte(1)),
  });
  const comparison = z.strictObject({
    name: boundedString(1, 256),
    type: z.enum(FIELD_TYPES as readonly FieldType[] as [FieldType, ...FieldType[]]),
    source: boundedString(1, 1024),
    levels: boundedArray(level, 64, 2),
    termFrequency: opt(tf),
  });
  const rule = z.strictObject({ name: opt(boundedString(1, 256)), on: boundedArray(boundedString(1, 512), 8, 1) });
  return z.strictObject({
    version: z.literal(1),
    mode: z.enum(['dedupe', 'link']),
    comparisons: boundedArray(comparison, 64, 1),
    prior: z.number().check(z.gt(0), z.lt(1)),
    thresholds: z.strictObject({ match: probability(), possible: probability() }),
    blocking: boundedArray(rule, 31),
    defaultCountry: opt(boundedString(2, 2)),
    training: opt(
      z.strictObject({
        records: z.number(),
        candidatePairs: z.number(),
        sampledPairsForU: z.number(),
        pairsForM: z.number(),
        emIterations: z.number(),
        mSource: z.enum(['em', 'labels', 'default']),
        expectedMatches: z.number(),
        notes: boundedArray(z.string(), 1000),
      }),
    ),
  }) as unknown as z.ZodMiniType<MatchModel>;
});

/** What the schema cannot say: levels agree with the field type, names are unique, rules name fields. */
function semanticIssues(model: MatchModel): Issue[] {
  const issues: Issue[] = [];
  const names = new Set<string>();
  model.comparisons.forEach((c, k) => {
    if (names.has(c.name)) issues.push(issue('invalid_value', ['comparisons', k, 'name'], `duplicate comparison "${c.name}"`));
    names.add(c.name);
    if (!isKnownSource(c.source)) issues.push(issue('invalid_value', ['comparisons', k, 'source'], `unknown source "${c.source}"`));
    if ((c.type === 'name' || c.type === 'given_name' || c.type === 'family_name') && c.source !== 'name') {
      issues.push(issue('invalid_value', ['comparisons', k, 'source'], 'name comparisons read the source "name"'));
    }
    if (defaultSourceOf(c.type) === undefined && c.source.length === 0) issues.push(issue('required', ['comparisons', k, 'source'], 'source is required'));
    const labels = kindOf(c.type).levels(c.type);
    if (labels.length !== c.levels.length || labels.some((l, i) => c.levels[i]?.label !== l)) {
      issues.push(issue('invalid_value', ['comparisons', k, 'levels'], `a ${c.type} comparison has the levels ${labels.join(', ')}`));
    }
    const tf = c.termFrequency;
    if (tf !== undefined && tf.level >= c.levels.length) issues.push(issue('too_big', ['comparisons', k, 'termFrequency', 'level'], 'no such level'));
  });
  if (model.thresholds.possible > model.thresholds.match) {
    issues.push(issue('invalid_value', ['thresholds', 'possible'], 'the possible threshold is above the match threshold'));
  }
  model.blocking.forEach((rule, r) => {
    rule.on.forEach((part, p) => {
      const name = part.includes(':') ? part.slice(0, part.indexOf(':')) : part;
      const c = model.comparisons.find((x) => x.name === name);
      if (c === undefined) {
        issues.push(issue('invalid_value', ['blocking', r, 'on', p], `no comparison named "${name}"`));
        return;
      }
      const transform = part.includes(':') ? part.slice(part.indexOf(':') + 1) : undefined;
      if (transform !== undefined && !kindOf(c.type).transforms.includes(transform)) {
        issues.push(issue('invalid_value', ['blocking', r, 'on', p], `${c.type} fields have no transform "${transform}"`));
      }
    });
  });
  return issues;
}

/**
 * Serialise a model to JSON text.
 *
 * @example
 * ```ts
 * await writeFile('model.json', saveModel(model));
 * ```
 */
export function saveModel(model: MatchModel): string {
  return JSON.stringify(model, null, 1);
}

/**
 * Validate a model (JSON text or parsed value), returning issues instead of throwing: the shape
 * (zod), then that levels fit the field types and blocking rules name comparisons.
 *
 * @example
 * ```ts
 * const r = safeLoadModel(text);
 * if (!r.success) report(r.issues);
 * ```
 */
export function safeLoadModel(input: unknown): Result<MatchModel> {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      return fail(issue('invalid_format', [], `not JSON: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
  const parsed = safeParseWith(matchModelSchema(), value);
  if (!parsed.success) return parsed;
  const [first, ...rest] = semanticIssues(parsed.data);
  return first === undefined ? ok(parsed.data) : fail(first, ...rest);
}

/**
 * Load a model saved with {@link saveModel}; throws {@link ValidationError} when it is invalid.
 *
 * @example
 * ```ts
 * const model = loadModel(await readFile('model.json', 'utf8'));
 * ```
 */
export function loadModel(input: unknown): MatchModel {
  const r = safeLoadModel(input);
  if (!r.success) throw new ValidationError(r.issues, 'match model');
  return r.data;
}
