// Identity-graph benchmark: batch resolution (records/s, peak memory, memory per resolved record)
// and incremental adds of one record against N already resolved records (p50/p99 latency), on
// seeded synthetic contacts. A baseline measured in the same run (building a Map of the same
// records) gives a machine-independent ratio, since these machines are shared and noisy.
//
//   npx tsx bench/resolve.bench.ts              # 10k and 100k
//   npx tsx bench/resolve.bench.ts 10000 1000000
import { syntheticContacts } from './_synthetic-contacts.js';
import { trainModel } from '../src/match/train-model.js';
import { createModelScorer } from '../src/resolve/model-scorer.js';
import { createResolver } from '../src/resolve/resolver.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const ADDS = 500;

function baselineMs(records: readonly { id: string }[]): number {
  const t = performance.now();
  const m = new Map<string, unknown>();
  for (const r of records) m.set(r.id, { ...r });
  return performance.now() - t;
}

const rows: Record<string, string | number>[] = [];
for (const n of sizes.length > 0 ? sizes : [10_000, 100_000]) {
  const { records } = syntheticContacts(n, 7);
  const model = trainModel(records.slice(0, Math.min(n, 50_000)));
  const base = baselineMs(records);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const resolver = createResolver({ scorer: createModelScorer(model) });
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += 10_000) {
    resolver.add(records.slice(i, i + 10_000));
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const batchMs = performance.now() - t0;
  global.gc?.();
  const heldMb = (process.memoryUsage().rss - rssBefore) / 1e6;
  const extra = syntheticContacts(ADDS, 99).records.map((r) => ({ ...r, id: `new-${r.id}` }));
  const latencies: number[] = [];
  for (const r of extra) {
    const t = performance.now();
    resolver.add(r);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const q = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  rows.push({
    records: n,
    persons: resolver.persons().length,
    'batch rec/s': Math.round(n / (batchMs / 1000)),
    'batch / Map baseline': Math.round(batchMs / base),
    'add p50 ms': q(0.5).toFixed(3),
    'add p99 ms': q(0.99).toFixed(3),
    'peak RSS MB': Math.round(peak / 1e6),
    'bytes/record': Math.round((heldMb * 1e6) / n),
  });
  console.log(rows[rows.length - 1]);
}
console.table(rows);
