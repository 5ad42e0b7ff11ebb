/**
 * Accuracy of the matching engine with its zero-configuration defaults: pairwise precision,
 * recall and F1 of the links at probability >= 0.5 (pairs blocking never compared count as false
 * negatives), and the same metrics on the connected components of those links (clusters).
 *
 *   npm run bench:accuracy            # table + JSON summary (bench/results/accuracy.json)
 *
 * Data: febrl4 (link 4a↔4b), febrl3 (dedupe), Splink's fake_1000 (dedupe, truth in `cluster`),
 * and seeded synthetic omnichannel contacts (dedupe, default country BR). The bar is Splink's
 * published F1 at 0.5 (febrl4 0.9992, febrl3 0.993, fake_1000 0.806).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { trainModel, findMatches, type ContactRecord, type TrainOptions } from '../src/index.js';
import { type LabelledData, loadFake1000, loadFebrl3, loadFebrl4 } from './_datasets.js';
import { type Evaluation, evaluate } from './_metrics.js';
import { syntheticContacts } from './_synthetic-contacts.js';

interface Case {
  readonly data: LabelledData;
  readonly options: TrainOptions;
  readonly splink?: number;
  readonly goal?: number;
}

function synthetic(n: number): LabelledData {
  const { records, truth } = syntheticContacts(n, 7);
  return { name: `synthetic_contacts_${n / 1000}k`, records, truth, link: false };
}

const cases: Case[] = [
  { data: loadFebrl4(), options: { link: true }, splink: 0.9992, goal: 0.9995 },
  { data: loadFebrl3(), options: {}, splink: 0.993, goal: 0.995 },
  { data: loadFake1000(), options: {}, splink: 0.806, goal: 0.9 },
  { data: synthetic(5000), options: { defaultCountry: 'BR' } },
];

interface Row {
  readonly dataset: string;
  readonly records: number;
  readonly splinkF1?: number;
  readonly goalF1?: number;
  readonly seconds: number;
  readonly prior: number;
  readonly expectedMatches: number;
  readonly evaluation: Evaluation;
}

const rows: Row[] = [];
for (const c of cases) {
  const records: readonly ContactRecord[] = c.data.records;
  const t0 = performance.now();
  const model = trainModel(records, c.options);
  const links = findMatches(records, model, { minProbability: 0.01 });
  const seconds = (performance.now() - t0) / 1000;
  rows.push({
    dataset: c.data.name,
    records: records.length,
    ...(c.splink !== undefined ? { splinkF1: c.splink } : {}),
    ...(c.goal !== undefined ? { goalF1: c.goal } : {}),
    seconds,
    prior: model.prior,
    expectedMatches: model.training?.expectedMatches ?? 0,
    evaluation: evaluate(records, c.data.truth, links, 0.5, c.data.link),
  });
}

const f = (x: number): string => x.toFixed(4);
console.log('');
console.log('dataset                   records  splink  goal    | links P   R       F1      | clusters P  R       F1      (pred/true)  | s');
for (const r of rows) {
  const l = r.evaluation.links;
  const c = r.evaluation.clusters;
  console.log(
    `${r.dataset.padEnd(25)} ${String(r.records).padStart(7)}  ${r.splinkF1 !== undefined ? f(r.splinkF1) : '  -   '}  ${r.goalF1 !== undefined ? f(r.goalF1) : '  -   '}  | ${f(l.precision)}  ${f(l.recall)}  ${f(l.f1)}  | ${f(c.precision)}  ${f(c.recall)}  ${f(c.f1)}  (${c.predictedClusters}/${c.trueClusters})  | ${r.seconds.toFixed(1)}`,
  );
}
const summary = {
  threshold: 0.5,
  results: rows.map((r) => ({
    ...r,
    splinkF1: r.splinkF1,
    goalF1: r.goalF1,
    linkF1: r.evaluation.links.f1,
    clusterF1: r.evaluation.clusters.f1,
    meetsGoal: r.goalF1 === undefined ? undefined : r.evaluation.links.f1 >= r.goalF1,
  })),
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/accuracy.json', import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
console.log('');
console.log(JSON.stringify(summary.results.map((r) => ({ dataset: r.dataset, linkF1: r.linkF1, clusterF1: r.clusterF1, splinkF1: r.splinkF1, goalF1: r.goalF1 }))));
