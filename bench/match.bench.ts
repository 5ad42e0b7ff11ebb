/**
 * Performance of the matching engine on seeded synthetic omnichannel contacts (bench/_synthetic-contacts.ts).
 *
 *   npx tsx bench/match.bench.ts                 # 10k, 100k, 1M
 *   npx tsx bench/match.bench.ts 10000 100000    # chosen sizes
 *
 * Reports, each measured in this run:
 * - comparator kernels: pairs/s of our Jaro–Winkler and bounded Levenshtein against fast-levenshtein
 *   (the baseline);
 * - end-to-end dedupe with zero configuration (read + prepare + blocking keys, block, train, score,
 *   links) on 2 worker threads, with the single-threaded path as the baseline (up to 100k):
 *   records/s, candidate pairs scored per second, peak RSS (VmHWM of a fresh process per run) and
 *   accuracy against the generator's truth. The input is generated once (not timed) into a JSONL
 *   file of contact records in the OS temp directory; the timed run reads it as a user's run
 *   would, each worker parsing its own byte range (the records never sit on the main thread);
 * - CPU seconds (load-independent, unlike wall time on a shared machine): of the whole process,
 *   of the main thread per phase, and of the workers while preparing (Linux only);
 * - the growth exponent of the wall time between sizes (1 = linear).
 * The worker and the generator are bundled with esbuild first, as the built package runs them.
 * Results also go to bench/results/match.json.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import levenshtein from 'fast-levenshtein';
import { type RecordSource, dedupeInParallel } from '../src/cli/worker-pool.js';
import { blockingReport } from '../src/match/block.js';
import { jaroWinkler, levenshteinAtMost } from '../src/match/_kernel.js';
import { evaluate } from './_metrics.js';
import { type JsonlShard, personOf, personsFor, syntheticContactChunks, syntheticContacts } from './_synthetic-contacts.js';

interface RunResult {
  readonly records: number;
  readonly workers: number;
  readonly seconds: number;
  readonly timings: Record<string, number>;
  /** Thread seconds summed over workers while preparing: reading the input, preparing, hashing keys (and `cpu`: their CPU seconds). */
  readonly prepareThreads: Record<string, number>;
  readonly compared: number;
  readonly links: number;
  /** CPU seconds of the whole process (every thread, GC included): the work done, whatever the load. */
  readonly processCpu: number;
  /** One-minute load average as the run started (the machine is shared). */
  readonly load: number;
  /** CPU seconds of the main thread in each phase. */
  readonly mainCpu: Record<string, number>;
  readonly peakRssMiB: number;
  readonly rssByPhaseMiB: Record<string, number>;
  readonly linkF1: number;
  readonly clusterF1: number;
  /** Per blocking rule: pairs its blocks generate / pairs it adds to the union, and how it was capped. */
  readonly blocking: readonly string[];
}

function vmHwmMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1] !== undefined) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 2 ** 20;
}

const cache = join(tmpdir(), 'omnilink-match-bench');

async function bundle(): Promise<{ worker: URL; generator: URL }> {
  mkdirSync(cache, { recursive: true });
  const root = fileURLToPath(new URL('../', import.meta.url));
  const worker = join(cache, 'match-worker.mjs');
  const generator = join(cache, 'synthetic-contacts.mjs');
  await build({ entryPoints: [join(root, 'src/cli/match-worker.ts')], outfile: worker, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
  await build({ entryPoints: [join(root, 'bench/_synthetic-contacts.ts')], outfile: generator, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
  return { worker: pathToFileURL(worker), generator: pathToFileURL(generator) };
}

/** Shards of the generated input file for about `n` records (written once, reused by later runs). */
function inputFile(n: number): JsonlShard[] {
  const persons = personsFor(n);
  const path = join(cache, `contacts-${persons}-seed1.jsonl`);
  const index = `${path}.shards.json`;
  if (existsSync(path) && existsSync(index)) return JSON.parse(readFileSync(index, 'utf8')) as JsonlShard[];
  // The same shards as the generator makes them (persons in ranges, each range shuffled whole).
  const count = Math.max(8, Math.ceil(persons / 25_000));
  const shards: JsonlShard[] = [];
  const fd = openSync(`${path}.tmp`, 'w');
  let at = 0;
  for (let k = 0; k < count; k++) {
    const start = at;
    const range = { seed: 1, from: Math.floor((k * persons) / count), to: Math.floor(((k + 1) * persons) / count), chunk: 1 << 30 };
    for (const chunk of syntheticContactChunks(range)) {
      let text = '';
      for (const r of chunk) text += `${JSON.stringify(r)}\n`;
      at += writeSync(fd, text);
    }
    shards.push({ path, start, end: at });
  }
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
  writeFileSync(index, JSON.stringify(shards));
  return shards;
}

/** CPU seconds of the calling thread (Linux), or NaN. */
function threadCpu(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function child(n: number, workers: number): Promise<void> {
  const load = loadavg()[0] ?? 0;
  const worker = pathToFileURL(join(cache, 'match-worker.mjs'));
  const generator = pathToFileURL(join(cache, 'synthetic-contacts.mjs')).href;
  // Each worker reads its byte ranges in chunks of 4096 records, prepared one after the other (the
  // records of a chunk die young).
  const sources: RecordSource[] = inputFile(n).map((shard) => ({ module: generator, exportName: 'contactsFromJsonl', args: { ...shard, chunk: 4096 } }));
  const sample = syntheticContacts(5000, 99).records;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const rss: Record<string, number> = {};
  const mainCpu: Record<string, number> = {};
  let phase = '';
  let phaseCpu = threadCpu();
  const mib = (): number => Math.round(process.memoryUsage().rss / 2 ** 20);
  const onPhase = (p: string): void => {
    rss[`before ${p}`] = mib();
    const c = threadCpu();
    if (phase !== '') mainCpu[phase] = c - phaseCpu;
    phase = p;
    phaseCpu = c;
  };
  const r = await dedupeInParallel({ sources }, { defaultCountry: 'BR', workers, minRecords: 0, workerUrl: worker, sample, onPhase });
  onPhase('end');
  rss['end'] = mib();
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  const processCpu = (used.user + used.system) / 1e6;
  const report = blockingReport(r.candidates);
  const capped = new Map(report.tightenedRules.map((t) => [t.rule, ` (cap ${t.maxBlockPairs}, window ${t.window})`]));
  const blocking = [
    ...report.rules.map((x) => `${x.name}: ${x.comparisons}/${x.newComparisons}${capped.get(x.name) ?? ''}`),
    ...report.skippedRules.map((x) => `${x.rule}: dropped (${x.comparisons})`),
  ];
  const ids = r.prepared.ids.map((id) => ({ id }));
  const e = evaluate(ids, personOf, r.links, 0.5, false);
  const result: RunResult = {
    records: r.prepared.size,
    workers,
    seconds,
    timings: r.timings,
    prepareThreads: r.prepareThreadSeconds ?? {},
    compared: r.compared,
    links: r.links.length,
    processCpu,
    load,
    mainCpu,
    peakRssMiB: vmHwmMiB(),
    rssByPhaseMiB: rss,
    linkF1: e.links.f1,
    clusterF1: e.clusters.f1,
    blocking,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function run(n: number, workers: number): RunResult {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...process.execArgv, '--max-old-space-size=4096', self, '--child', String(n), String(workers)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = out.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as RunResult;
}

function kernels(): Record<string, number> {
  const words = ['mitchell', 'harley', 'madeline', 'isabelle', 'courtney', 'vanessa', 'charles', 'michaela', 'elton', 'jackson', 'thomas', 'emily'];
  const rate = (f: (a: string, b: string) => number): number => {
    const n = 1_000_000;
    let sink = 0;
    const t = performance.now();
    for (let i = 0; i < n; i++) sink += f(words[i % 12] ?? '', words[(i * 7 + 3) % 12] ?? '');
    if (sink === Number.MIN_VALUE) process.stdout.write('');
    return n / ((performance.now() - t) / 1000);
  };
  const long = ['12 wallaby place delmar', '12 wallaby pl delmar', 'hoseason street milton', '54 hoseason st lakefront'];
  const rateLong = (f: (a: string, b: string) => number): number => {
    const n = 300_000;
    let sink = 0;
    const t = performance.now();
    for (let i = 0; i < n; i++) sink += f(long[i % 4] ?? '', long[(i * 3 + 1) % 4] ?? '');
    if (sink === Number.MIN_VALUE) process.stdout.write('');
    return n / ((performance.now() - t) / 1000);
  };
  return {
    'fast-levenshtein, names (baseline)': rate((a, b) => levenshtein.get(a, b)),
    'levenshtein <= 2 kernel, names': rate((a, b) => levenshteinAtMost(a, b, 2)),
    'fast-levenshtein, addresses (baseline)': rateLong((a, b) => levenshtein.get(a, b)),
    'levenshtein <= 2 kernel, addresses': rateLong((a, b) => levenshteinAtMost(a, b, 2)),
    'jaro-winkler kernel, names': rate((a, b) => jaroWinkler(a, b, 0.1, 0.7)),
  };
}

/** How much faster two threads burn a fixed CPU task than one, right now (other tenants share the cores). */
async function parallelCapacity(): Promise<number> {
  const { Worker } = await import('node:worker_threads');
  const code = `const { parentPort } = require('node:worker_threads'); parentPort.on('message', (n) => { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i); parentPort.postMessage(s); });`;
  const time = async (k: number): Promise<number> => {
    const ws = Array.from({ length: k }, () => new Worker(code, { eval: true }));
    const t = performance.now();
    await Promise.all(ws.map((w) => new Promise((r) => { w.once('message', r); w.postMessage(2e8); })));
    const dt = performance.now() - t;
    await Promise.all(ws.map((w) => w.terminate()));
    return dt;
  };
  const one = await time(1);
  const two = await time(2);
  return (2 * one) / two;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await child(Number(args[1]), Number(args[2]));
    return;
  }
  const sizes = args.length > 0 ? args.map(Number) : [10_000, 100_000, 1_000_000];
  await bundle();
  const k = kernels();
  console.log('comparator kernels (pairs/s, same run):');
  for (const [name, r] of Object.entries(k)) console.log(`  ${name.padEnd(40)} ${Math.round(r).toLocaleString('en')}`);
  const capacity = await parallelCapacity();
  const { availableParallelism } = await import('node:os');
  console.log(`\nmachine: ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)}; two threads did ${capacity.toFixed(2)}x the work of one (2.00 = two free cores)`);
  const parallel: RunResult[] = [];
  const single: RunResult[] = [];
  for (const n of sizes) {
    inputFile(n);
    if (n <= 100_000) single.push(run(n, 1));
    parallel.push(run(n, 2));
  }
  const fmt = (r: RunResult): string =>
    `${String(r.records).padStart(8)}  ${String(r.workers).padStart(2)}  ${r.seconds.toFixed(1).padStart(6)} s  ${Math.round(r.records / r.seconds).toLocaleString('en').padStart(8)} rec/s  ` +
    `${Math.round(r.compared / Math.max(r.timings['score'] ?? 1, 1e-3)).toLocaleString('en').padStart(10)} pairs/s  ${r.compared.toLocaleString('en').padStart(11)} pairs  ` +
    `peak ${r.peakRssMiB.toFixed(0).padStart(5)} MiB  F1 ${r.linkF1.toFixed(3)}/${r.clusterF1.toFixed(3)}  ` +
    `[prepare ${r.timings['prepare']?.toFixed(1)} (threads: input ${r.prepareThreads['read']?.toFixed(1)} + prepare ${r.prepareThreads['prepare']?.toFixed(1)} + keys ${r.prepareThreads['keys']?.toFixed(1)}) block ${r.timings['block']?.toFixed(1)} train ${r.timings['train']?.toFixed(1)} score ${r.timings['score']?.toFixed(1)} links ${r.timings['links']?.toFixed(1)}]\n` +
    `            load ${r.load.toFixed(1)}; CPU s: process ${r.processCpu.toFixed(1)}; workers preparing ${r.prepareThreads['cpu']?.toFixed(1)}; main thread ${Object.entries(r.mainCpu).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`;
  console.log('\nend-to-end dedupe (records, workers, wall, records/s, scoring pairs/s, candidate pairs, peak RSS, link/cluster F1, phases in s):');
  for (const r of single) console.log(`  ${fmt(r)}   (single-threaded baseline)`);
  for (const r of parallel) console.log(`  ${fmt(r)}`);
  const growth: { from: number; to: number; exponent: number }[] = [];
  for (let i = 1; i < parallel.length; i++) {
    const a = parallel[i - 1] as RunResult;
    const b = parallel[i] as RunResult;
    growth.push({ from: a.records, to: b.records, exponent: Math.log(b.seconds / a.seconds) / Math.log(b.records / a.records) });
  }
  const largest = parallel[parallel.length - 1];
  if (largest !== undefined) {
    console.log(`\nblocking at ${largest.records} records (rule: comparisons/new pairs):`);
    for (const line of largest.blocking) console.log(`  ${line}`);
  }
  console.log('\ngrowth exponent of wall time (1 = linear; n log n from 10k to 1M is about 1.1):');
  for (const g of growth) console.log(`  ${g.from} -> ${g.to}: ${g.exponent.toFixed(2)}`);
  const summary = { kernels: k, parallelCapacity: capacity, single, parallel, growth, cpus: availableParallelism() };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/match.json', import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
}

await main();
