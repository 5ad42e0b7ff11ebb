import { describe, expect, it } from 'vitest';
import { findMatches, trainModel } from '../../src/index.js';
import { createMatchPool, dedupeInParallel } from '../../src/cli/worker-pool.js';
import { loadFake1000 } from '../../bench/_datasets.js';

const fake = loadFake1000();

describe('worker pool', () => {
  it('gives the same model and links as the single-threaded path', async () => {
    const model = trainModel(fake.records);
    const single = findMatches(fake.records, model);
    const parallel = await dedupeInParallel(fake.records, { workers: 2, minRecords: 0 });
    expect(parallel.model).toEqual(model);
    expect(parallel.links).toEqual(single);
    expect(parallel.compared).toBeGreaterThan(single.length);
  });
  it('reads record sources in the workers, with the same result', async () => {
    const model = trainModel(fake.records);
    const module = new URL('./_fake-source.ts', import.meta.url).href;
    const sources = [
      { module, exportName: 'fakeSlice', args: { from: 0, to: 500 } },
      { module, exportName: 'fakeSlice', args: { from: 500, to: 1000 } },
    ];
    const parallel = await dedupeInParallel({ sources }, { workers: 2, minRecords: 0, sample: fake.records });
    expect(parallel.model).toEqual(model);
    expect(parallel.links).toEqual(findMatches(fake.records, model));
  });
  it('rejects with a failing source\'s error and leaves no rejection unhandled when several tasks fail', async () => {
    const module = new URL('./_fake-source.ts', import.meta.url).href;
    const sources = [0, 200, 400, 600].map((from) => ({ module, exportName: 'failingSlice', args: { from, to: from + 200 } }));
    const pool = createMatchPool({ workers: 2, minRecords: 0 });
    try {
      // An unhandled rejection would fail this test run (vitest reports them as errors).
      await expect(pool.prepareSources(sources, [{ name: 'given_name', type: 'given_name' }])).rejects.toThrow(/source at \d+ is unreadable/);
      // Give the tasks still queued in the workers time to fail too.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await pool.close();
    }
  });
  it('links across sources with the same model and links as the single-threaded path', async () => {
    const records = fake.records.map((r, k) => ({ ...r, source: k % 3 === 0 ? 'crm' : 'web' }));
    const model = trainModel(records, { link: true });
    const parallel = await dedupeInParallel(records, { workers: 2, minRecords: 0, link: true });
    expect(parallel.model).toEqual(model);
    expect(parallel.links).toEqual(findMatches(records, model));
  });
  it('samples u inline when the workers were not sent the sources it needs', async () => {
    const pool = createMatchPool({ workers: 2, minRecords: 0 });
    try {
      const { prepared } = await pool.prepare(fake.records, [{ name: 'given_name', type: 'given_name' }]);
      pool.preload(prepared, { link: false });
      expect(pool.sampleU(prepared, { link: true })).toBeUndefined();
      const u = pool.sampleU(prepared, { link: false });
      expect(u).toBeDefined();
      await u;
    } finally {
      await pool.close();
    }
  });
  it('runs inline with one worker and scores with a given model', async () => {
    const model = trainModel(fake.records);
    const pool = createMatchPool({ workers: 1 });
    const r = await dedupeInParallel(fake.records.slice(0, 300), { model, pool });
    expect(r.model).toBe(model);
    expect(r.links).toEqual(findMatches(fake.records.slice(0, 300), model));
    await pool.close();
  });
});
