import { describe, expectTypeOf, it } from 'vitest';
import type {
  BlockingReport,
  ComparisonModel,
  Explanation,
  FieldSpec,
  FieldType,
  LevelComparator,
  MatchLevel,
  MatchModel,
  Matcher,
  PreparedRecords,
  ScoredLink,
} from '../../src/index.js';
import { createMatcher, createStringComparator, findMatches, loadModel, safeLoadModel, trainModel } from '../../src/index.js';

describe('match public types', () => {
  it('field types are a closed union and specs need a name and a type', () => {
    expectTypeOf<'given_name'>().toExtend<FieldType>();
    expectTypeOf<'shoe_size'>().not.toExtend<FieldType>();
    expectTypeOf<{ name: string; type: 'email' }>().toExtend<FieldSpec>();
    expectTypeOf<{ name: string }>().not.toExtend<FieldSpec>();
  });
  it('links carry ids, weight, probability and a three-way level', () => {
    expectTypeOf<ScoredLink['level']>().toEqualTypeOf<MatchLevel>();
    expectTypeOf<MatchLevel>().toEqualTypeOf<'match' | 'possible' | 'non_match'>();
    expectTypeOf(findMatches).returns.toEqualTypeOf<ScoredLink[]>();
  });
  it('models are plain JSON-shaped data, loaded with or without throwing', () => {
    expectTypeOf(trainModel).returns.toEqualTypeOf<MatchModel>();
    expectTypeOf<MatchModel['comparisons']>().toEqualTypeOf<readonly ComparisonModel[]>();
    expectTypeOf<MatchModel['version']>().toEqualTypeOf<1>();
    expectTypeOf(loadModel).returns.toEqualTypeOf<MatchModel>();
    expectTypeOf(safeLoadModel).returns.toExtend<{ success: boolean }>();
  });
  it('comparators answer with levels; the matcher explains', () => {
    expectTypeOf(createStringComparator).returns.toEqualTypeOf<LevelComparator<string>>();
    expectTypeOf<LevelComparator<string>['compare']>().returns.toEqualTypeOf<number>();
    expectTypeOf(createMatcher).returns.toEqualTypeOf<Matcher>();
    expectTypeOf<Matcher['explain']>().returns.toEqualTypeOf<Explanation>();
    expectTypeOf<PreparedRecords['size']>().toEqualTypeOf<number>();
    expectTypeOf<BlockingReport['rules'][number]['newComparisons']>().toEqualTypeOf<number>();
  });
});
