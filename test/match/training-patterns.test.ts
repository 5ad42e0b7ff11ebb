import { describe, expect, it } from 'vitest';
import { loadFake1000 } from '../../bench/_datasets.js';
import { block } from '../../src/match/block.js';
import { defaultBlockingRules } from '../../src/match/default-blocking-rules.js';
import { inferFields } from '../../src/match/infer-fields.js';
import { prepareRecords } from '../../src/match/prepare-records.js';
import { sampleU, trainPrepared, trainingPatterns } from '../../src/match/train-model.js';

const fake = loadFake1000();
const fields = inferFields(fake.records);
const rules = defaultBlockingRules(fields);
const prepared = prepareRecords(fake.records, fields);
const candidates = block(prepared, rules);

describe('trainingPatterns', () => {
  it('computed ahead and handed in, trains the same model as inside trainPrepared', () => {
    const inline = trainPrepared(prepared, { blocking: rules, candidates, seed: 7 });
    const patterns = trainingPatterns(prepared, candidates, { seed: 7 });
    const ahead = trainPrepared(prepared, { blocking: rules, candidates, seed: 7, patterns, sampledU: sampleU(prepared, { seed: 7 }) });
    expect(ahead).toEqual(inline);
  });
  it('samples the candidate pairs down to maxTrainingPairs, seeded', () => {
    const all = trainingPatterns(prepared, candidates);
    const few = trainingPatterns(prepared, candidates, { maxTrainingPairs: 100 });
    expect(all.rate).toBe(1);
    expect(few.rate).toBeLessThan(1);
    expect(few.sampled).toBeLessThan(all.sampled);
    expect(trainingPatterns(prepared, candidates, { maxTrainingPairs: 100 })).toEqual(few);
  });
});
