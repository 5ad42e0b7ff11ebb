/**
 * A Node worker pool for the matching engine: prepares records and scores candidate pairs on every
 * core. The core (src/match) stays pure and single-threaded; this module only splits the work into
 * the same pure calls (`prepareRecords` on shards joined by `mergePrepared`, `scoreCandidates` on
 * slices of the blocks) and runs them in `worker_threads`. Where workers cannot start (or with
 * `workers: 1`) everything runs inline, with the same results.
 *
 * Results are identical to the single-threaded path: shards are merged in input order and the
 * scored slices are concatenated in block order before links are sorted.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type BlockStructure, MODE_ALL } from '../match/_block-engine.js';
import { bindModel, logit2 } from '../match/_scorer.js';
import { block, type CandidatePairs } from '../match/block.js';
import type { FieldSpec } from '../match/field-spec.js';
import { type ScoredLink, toLinks } from '../match/find-matches.js';
import type { MatchModel } from '../match/match-model.js';
import { modelFields } from '../match/model-fields.js';
import type { PreparedRecords } from '../match/prepare-records.js';
import { type ScoredPairs, scoreCandidates } from '../match/score-pairs.js';
import { type TrainOptions, trainPrepared, trainingPatterns } from '../match/train-model.js';
import { inferFields } from '../match/infer-fields.js';
import type { ContactRecord } from '../model/contact-record.js';
import { defaultBlockingRules } from '../match/default-blocking-rules.js';
import type { BlockingRule } from '../match/blocking-rule.js';
import type { UEstimate } from '../match/_estimate-u.js';
import { type PreparedShard, type RecordSource, type SampleUOptions, type WorkerRequest, type WorkerResponse, prepareShard, transferablesOf } from './match-worker.js';
import { ShardJoiner } from './shard-joiner.js';

export type { PreparedShard, RecordSource } from './match-worker.js';

/** Options of {@link createMatchPool}. */
export interface MatchPoolOptions {
  /**
   * Worker threads. 1 runs everything inline on the calling thread.
   * @defaultValue the machine's available parallelism (at most 8)
   */
  readonly workers?: number;
  /**
   * Records below which work runs inline (starting workers and copying data costs more).
   * @defaultValue 20_000
   */
  readonly minRecords?: number;
  /**
   * The worker script (a built `match-worker.js`).
   * @defaultValue `match-worker.js` beside this module (`.ts` through tsx when running from sources)
   */
  readonly workerUrl?: URL;
}

/** Options of {@link MatchPool.prepare}. */
export interface PoolPrepareOptions {
  readonly defaultCountry?: string;
  readonly rules?: readonly BlockingRule[];
  /** Records per chunk sent to a worker. @defaultValue 25_000 */
  readonly chunk?: number;
}

/** Options of {@link MatchPool.preload}. */
export interface PoolPreloadOptions {
  /**
   * Whether {@link MatchPool.sampleU} will sample pairs across sources (linkage): only then do
   * the workers need each record's source.
   * @defaultValue true
   */
  readonly link?: boolean;
}

/** Scored candidate pairs, plus how many pairs were compared. */
export type ScoredCandidates = ScoredPairs & { readonly compared: number };

/** A pool of match workers. Close it when done. */
export interface MatchPool {
  readonly workers: number;
  /**
   * {@link prepareRecords} on chunks in parallel, merged in input order; with `rules`, the blocking
   * keys are hashed in the workers too (rows numbered in the merged order).
   */
  prepare(records: readonly ContactRecord[], fields: readonly FieldSpec[], options?: PoolPrepareOptions): Promise<PreparedShard>;
  /** Like `prepare`, but each worker reads its shard itself from a {@link RecordSource}. */
  prepareSources(sources: readonly RecordSource[], fields: readonly FieldSpec[], options?: PoolPrepareOptions): Promise<PreparedShard>;
  /**
   * Send prepared records to the scoring workers ahead of {@link MatchPool.score} (which then only
   * sends the model and the blocks): the workers receive them while the calling thread blocks and
   * trains. Does nothing where `score` would run inline.
   */
  preload(prepared: PreparedRecords, options?: PoolPreloadOptions): void;
  /**
   * `sampleU` (the random-pair step of training) on a worker holding records sent by
   * {@link MatchPool.preload}, or undefined when none does (then train computes it inline).
   */
  sampleU(prepared: PreparedRecords, options: SampleUOptions): Promise<UEstimate> | undefined;
  /** {@link scoreCandidates} on slices of the blocks in parallel, concatenated in block order. */
  score(prepared: PreparedRecords, model: MatchModel, candidates: CandidatePairs, minWeight: number): Promise<ScoredCandidates>;
  /** Stop the workers (they start again on the next call): returns their heaps to the system. */
  recycle(): Promise<void>;
  close(): Promise<void>;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

class WorkerHandle {
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private dead: Error | undefined = undefined;
  constructor(private readonly worker: Worker) {
    worker.on('message', (response: WorkerResponse) => {
      const p = this.pending.get(response.id);
      if (p === undefined) return;
      this.pending.delete(response.id);
      if (response.ok) p.resolve(response.result);
      else p.reject(new Error(response.error));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('messageerror', (error) => this.fail(error));
    // A worker that exits (terminated, or a module that calls process.exit) answers nothing more.
    worker.on('exit', (code) => this.fail(new Error(`match worker exited (code ${code})`)));
  }

  /** Reject every pending call, and every later one, with `error`. */
  private fail(error: Error): void {
    this.dead ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  call<T>(request: WithoutId<WorkerRequest>, transfer: readonly ArrayBuffer[] = []): Promise<T> {
    if (this.dead !== undefined) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id }, [...transfer]);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Preparing builds large pools of values that all survive: with V8's default young generation
 * (16 MiB semi-spaces) they are copied through many scavenges. 64 MiB semi-spaces cut the CPU of
 * preparing (GC threads included) by about 10%, for at most 128 MiB more per preparing worker.
 */
const PREPARE_LIMITS = { resourceLimits: { maxYoungGenerationSizeMb: 192 } } as const;

/** Start a worker; `preparing`: with the larger young generation (scoring workers keep V8's default). */
function startWorker(workerUrl: URL | undefined, preparing: boolean): Worker {
  const limits = preparing ? PREPARE_LIMITS : {};
  if (workerUrl !== undefined) return new Worker(workerUrl, limits);
  const dev = import.meta.url.endsWith('.ts');
  const url = new URL(dev ? './match-worker.ts' : './match-worker.js', import.meta.url);
  if (!dev) return new Worker(url, limits);
  // Running from TypeScript sources (tsx): register tsx in the worker first.
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, ...limits });
}

/** Pairs each block generates (for splitting the work evenly). */
function blockWeights(s: BlockStructure): Float64Array {
  const w = new Float64Array(s.blockCount);
  for (let k = 0; k < s.blockCount; k++) {
    const size = (s.blockStart[k + 1] ?? 0) - (s.blockStart[k] ?? 0);
    w[k] = s.blockMode[k] === MODE_ALL ? (size * (size - 1)) / 2 : size * (s.ruleWindow[s.blockRule[k] ?? 0] ?? 0);
  }
  return w;
}

/** Cut blocks into about `parts` contiguous slices of similar work. */
function slices(s: BlockStructure, parts: number): [number, number][] {
  const w = blockWeights(s);
  let total = 0;
  for (const x of w) total += x;
  const out: [number, number][] = [];
  const target = total / parts;
  let from = 0;
  let acc = 0;
  for (let k = 0; k < s.blockCount; k++) {
    acc += w[k] ?? 0;
    if (acc >= target && out.length < parts - 1) {
      out.push([from, k + 1]);
      from = k + 1;
      acc = 0;
    }
  }
  out.push([from, s.blockCount]);
  return out.filter(([a, b]) => b > a);
}

function concatScored(parts: readonly ScoredCandidates[]): ScoredCandidates {
  let length = 0;
  let compared = 0;
  for (const p of parts) {
    length += p.length;
    compared += p.compared;
  }
  const a = new Int32Array(length);
  const b = new Int32Array(length);
  const weight = new Float64Array(length);
  let at = 0;
  for (const p of parts) {
    a.set(p.a.subarray(0, p.length), at);
    b.set(p.b.subarray(0, p.length), at);
    weight.set(p.weight.subarray(0, p.length), at);
    at += p.length;
  }
  return { a, b, weight, length, compared };
}

function prepareBase(fields: readonly FieldSpec[], options: PoolPrepareOptions | undefined): { fields: readonly FieldSpec[]; defaultCountry?: string; rules?: readonly BlockingRule[] } {
  return {
    fields,
    ...(options?.defaultCountry !== undefined ? { defaultCountry: options.defaultCountry } : {}),
    ...(options?.rules !== undefined ? { rules: options.rules } : {}),
  };
}

function localShard(records: readonly ContactRecord[], base: ReturnType<typeof prepareBase>): PreparedShard {
  return prepareShard([records], base);
}

/** Shards in order: records merged, key entries concatenated with their rows moved. */
function joinShards(shards: readonly PreparedShard[]): PreparedShard {
  const joiner = new ShardJoiner(shards.length);
  shards.forEach((s, k) => joiner.add(k, s));
  return joiner.finish();
}

/**
 * Run tasks on the workers, each worker holding two tasks (the next one waits in its queue, so it
 * never idles while this thread is busy), and hand each result to `onResult` as it arrives: in
 * any order, with its task index. Every worker gets a first task before any gets a second. The
 * first failure rejects the run; no task starts after it, and the failures of tasks already
 * running are not left unhandled.
 */
async function runQueued<T>(workers: readonly WorkerHandle[], tasks: readonly ((w: WorkerHandle) => Promise<T>)[], onResult: (index: number, result: T) => void): Promise<void> {
  let next = 0;
  let failed = false;
  const queues = workers.map((): { index: number; result: Promise<T> }[] => []);
  const launch = (k: number): void => {
    if (failed || next >= tasks.length) return;
    const index = next++;
    const result = (tasks[index] as (w: WorkerHandle) => Promise<T>)(workers[k] as WorkerHandle);
    result.catch(() => undefined); // reported by the loop below that awaits it
    (queues[k] as { index: number; result: Promise<T> }[]).push({ index, result });
  };
  for (let round = 0; round < 2; round++) for (let k = 0; k < workers.length; k++) launch(k);
  await Promise.all(
    queues.map(async (queue, k) => {
      for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
        let result: T;
        try {
          result = await task.result;
        } catch (error) {
          failed = true;
          throw error;
        }
        if (failed) return;
        // Queue the next task before handling this result.
        launch(k);
        onResult(task.index, result);
      }
    }),
  );
}

/**
 * The records as the scoring workers need them: record ids are only read by `toLinks`, here, and
 * sources only by `sampleU` when linking (scoring reads the sides from the candidates).
 */
function forWorkers(prepared: PreparedRecords, sources: boolean): PreparedRecords {
  return { ...prepared, ids: [], ...(sources ? {} : { sources: [] }) };
}

/** A copy of `value` whose typed arrays live in shared memory (posted to workers without copying). */
function shareArrays<T>(value: T, seen: Map<object, unknown> = new Map()): T {
  if (typeof value !== 'object' || value === null) return value;
  const done = seen.get(value);
  if (done !== undefined) return done as T;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const view = value as unknown as Int32Array;
    const Ctor = view.constructor as new (buffer: SharedArrayBuffer) => Int32Array;
    const copy = new Ctor(new SharedArrayBuffer(view.byteLength));
    copy.set(view);
    seen.set(value, copy);
    return copy as unknown as T;
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && typeof value[0] !== 'object') return value;
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(shareArrays(v, seen));
    return out as T;
  }
  if (value instanceof Map) {
    // Maps of strings (phonetic keys, nicknames) hold no arrays to share.
    return value;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = shareArrays(v, seen);
  return out as T;
}

/**
 * Create a pool of match workers (Node only).
 *
 * @example
 * ```ts
 * const pool = createMatchPool();
 * try {
 *   const prepared = await pool.prepare(records, fields, { defaultCountry: 'BR' });
 *   const scored = await pool.score(prepared, model, block(prepared, model.blocking), 0);
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
export function createMatchPool(options?: MatchPoolOptions): MatchPool {
  const wanted = Math.max(1, Math.min(8, options?.workers ?? availableParallelism()));
  const minRecords = options?.minRecords ?? 20_000;
  let handles: WorkerHandle[] | undefined;
  let failed = wanted <= 1;
  let preloaded: { prepared: PreparedRecords; workers: WorkerHandle[]; ready: Promise<unknown>; sources: boolean } | undefined;
  /** Scoring: the calling thread scores too, in place of one worker (which is then not started). */
  const mainScores = wanted >= 2;
  const scoring = mainScores ? wanted - 1 : wanted;
  /** The first `count` workers, started as needed; `preparing`: those started now get the larger young generation. */
  const pool = (preparing = false, count = wanted): WorkerHandle[] | undefined => {
    if (failed) return undefined;
    try {
      handles ??= [];
      while (handles.length < count) handles.push(new WorkerHandle(startWorker(options?.workerUrl, preparing)));
    } catch {
      failed = true;
      return undefined;
    }
    return handles.slice(0, count);
  };
  return {
    workers: wanted,
    async prepare(records, fields, prepareOptions) {
      const workers = records.length >= minRecords ? pool(true) : undefined;
      const base = prepareBase(fields, prepareOptions);
      if (workers === undefined) return joinShards([localShard(records, base)]);
      const chunk = Math.max(1000, prepareOptions?.chunk ?? 25_000);
      const tasks: ((w: WorkerHandle) => Promise<PreparedShard>)[] = [];
      for (let from = 0; from < records.length; from += chunk) {
        const end = from + chunk;
        const start = from;
        tasks.push((w) => w.call<PreparedShard>({ op: 'prepare', records: records.slice(start, end), ...base }));
      }
      // Shards are merged as they arrive, while the workers prepare the next ones.
      const joiner = new ShardJoiner(tasks.length);
      await runQueued(workers, tasks, (k, shard) => joiner.add(k, shard));
      return joiner.finish();
    },
    async prepareSources(sources, fields, prepareOptions) {
      const base = prepareBase(fields, prepareOptions);
      const workers = pool(true);
      if (workers === undefined) {
        const shards: PreparedShard[] = [];
        for (const source of sources) {
          const mod = (await import(source.module)) as Record<string, unknown>;
          const make = mod[source.exportName];
          if (typeof make !== 'function') throw new Error(`${source.module} has no function ${source.exportName}`);
          shards.push(prepareShard(make(source.args) as Iterable<readonly ContactRecord[]>, base));
        }
        return joinShards(shards);
      }
      const tasks = sources.map((source) => (w: WorkerHandle) => w.call<PreparedShard>({ op: 'prepareSource', source, ...base }));
      const joiner = new ShardJoiner(tasks.length);
      await runQueued(workers, tasks, (k, shard) => joiner.add(k, shard));
      return joiner.finish();
    },
    preload(prepared, preloadOptions) {
      const workers = prepared.size >= minRecords ? pool(false, scoring) : undefined;
      if (workers === undefined) return;
      // Typed arrays go over as shared memory (one copy for every worker); strings are cloned.
      const sources = preloadOptions?.link ?? true;
      const shared = shareArrays(forWorkers(prepared, sources));
      const ready = Promise.all(workers.map((w) => w.call({ op: 'loadRecords', prepared: shared })));
      // Failures surface when `score` awaits it.
      ready.catch(() => undefined);
      preloaded = { prepared, workers, ready, sources };
    },
    sampleU(prepared, sampleOptions) {
      const early = preloaded;
      // Sampling across sources needs the sources, which were not sent unless asked for.
      if (early === undefined || early.prepared !== prepared || (sampleOptions.link === true && !early.sources)) return undefined;
      const w = early.workers[0];
      if (w === undefined) return undefined;
      // Asked at once, not once the records are in: the worker answers requests in order, and this
      // thread is busy blocking when the records arrive (a callback would wait until it is done).
      // Its failure is the records' failure when they never arrived: report that one first.
      return Promise.all([early.ready, w.call<UEstimate>({ op: 'sampleU', options: sampleOptions })]).then(([, u]) => u);
    },
    async score(prepared, model, candidates, minWeight) {
      // The calling thread scores too, in place of one worker: it already holds the records, so
      // one copy of the value pools fewer is made.
      const workers = prepared.size >= minRecords ? pool(false, scoring) : undefined;
      if (workers === undefined) return scoreCandidates(prepared, model, candidates, { minWeight });
      const early = preloaded !== undefined && preloaded.prepared === prepared && preloaded.workers.every((w, k) => workers[k] === w) ? preloaded : undefined;
      preloaded = undefined;
      if (early !== undefined) {
        await early.ready;
        const sharedCandidates = shareArrays(candidates);
        await Promise.all(workers.map((w) => w.call({ op: 'load', model, candidates: sharedCandidates })));
      } else {
        // Typed arrays go over as shared memory (one copy for every worker); strings are cloned.
        const shared = shareArrays({ prepared: forWorkers(prepared, false), candidates });
        await Promise.all(workers.map((w) => w.call({ op: 'load', prepared: shared.prepared, model, candidates: shared.candidates })));
      }
      // Many small slices handed out as threads free up: a slow slice does not hold the others.
      const todo = slices(candidates.structure, 64);
      const results: ScoredCandidates[] = new Array<ScoredCandidates>(todo.length);
      let next = 0;
      const onWorker = async (w: WorkerHandle): Promise<void> => {
        // Two slices in flight, so a worker never waits while the main thread is busy scoring.
        const inFlight = new Set<Promise<void>>();
        const launch = (): void => {
          if (next >= todo.length) return;
          const k = next++;
          const [fromBlock, toBlock] = todo[k] as [number, number];
          const p: Promise<void> = w.call<ScoredCandidates>({ op: 'score', fromBlock, toBlock, minWeight }).then((r) => {
            results[k] = r;
            inFlight.delete(p);
          });
          inFlight.add(p);
        };
        launch();
        launch();
        while (inFlight.size > 0) {
          await Promise.race(inFlight);
          launch();
        }
      };
      const onMain = async (): Promise<void> => {
        if (!mainScores) return;
        const bound = bindModel(model, prepared);
        while (next < todo.length) {
          const k = next++;
          const [fromBlock, toBlock] = todo[k] as [number, number];
          results[k] = scoreCandidates(prepared, model, candidates, { fromBlock, toBlock, minWeight, bound });
          // Let the workers' answers in between slices.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      };
      await Promise.all([...workers.map(onWorker), onMain()]);
      await Promise.all(workers.map((w) => w.call({ op: 'unload' })));
      return concatScored(results);
    },
    async recycle() {
      const h = handles;
      handles = undefined;
      preloaded = undefined;
      if (h !== undefined) await Promise.all(h.map((w) => w.terminate()));
    },
    async close() {
      const h = handles;
      handles = undefined;
      preloaded = undefined;
      failed = true;
      if (h !== undefined) await Promise.all(h.map((w) => w.terminate()));
    },
  };
}

/** Options of {@link dedupeInParallel}. */
export interface ParallelDedupeOptions extends TrainOptions, MatchPoolOptions {
  /** Score with this model instead of training one. @defaultValue undefined */
  readonly model?: MatchModel;
  /** Return pairs at or above this probability. @defaultValue the model's `possible` threshold */
  readonly minProbability?: number;
  /** An existing pool (left open); otherwise one is created and closed. */
  readonly pool?: MatchPool;
  /**
   * Records to infer fields from when reading {@link RecordSource}s (with records in memory, they
   * are the sample).
   * @defaultValue none: `fields` (or `model`) is then required with sources
   */
  readonly sample?: readonly ContactRecord[];
  /** Called as each phase starts (`prepare`, `block`, `train`, `score`, `links`): for progress reports. */
  readonly onPhase?: (phase: 'prepare' | 'block' | 'train' | 'score' | 'links') => void;
}

/** What {@link dedupeInParallel} returns. */
export interface ParallelDedupeResult {
  readonly model: MatchModel;
  readonly prepared: PreparedRecords;
  readonly candidates: CandidatePairs;
  readonly links: ScoredLink[];
  /** Candidate pairs compared. */
  readonly compared: number;
  /** Wall seconds of each phase. */
  readonly timings: { readonly prepare: number; readonly block: number; readonly train: number; readonly score: number; readonly links: number };
  /** Thread seconds summed over the workers during `prepare`: reading the input, preparing, hashing keys. */
  readonly prepareThreadSeconds?: { readonly read: number; readonly prepare: number; readonly keys: number; readonly cpu?: number };
}

/**
 * Deduplicate (or link, with `link: true`) records on every core: prepare and hash blocking keys
 * in parallel, block once, train on the main thread (unless a model is given), score in parallel.
 * Same links as `findMatches(records, trainModel(records, options))`. `input` is the records, or
 * {@link RecordSource}s that the workers read themselves (the records then never sit in the main
 * thread's memory).
 *
 * @example
 * ```ts
 * const { links, model } = await dedupeInParallel(records, { defaultCountry: 'BR' });
 * ```
 */
export async function dedupeInParallel(input: readonly ContactRecord[] | { readonly sources: readonly RecordSource[] }, options?: ParallelDedupeOptions): Promise<ParallelDedupeResult> {
  const own = options?.pool === undefined;
  const pool = options?.pool ?? createMatchPool(options);
  const clock = (): number => performance.now() / 1000;
  const records = Array.isArray(input) ? (input as readonly ContactRecord[]) : undefined;
  const phase = options?.onPhase ?? ((): void => undefined);
  let recycled: Promise<void> | undefined;
  try {
    phase('prepare');
    let t = clock();
    const exclude = [...(options?.excludeAttributes ?? []), ...(options?.truthColumn !== undefined ? [options.truthColumn] : [])];
    const sample = options?.sample ?? records;
    const fields =
      options?.model !== undefined
        ? modelFields(options.model)
        : (options?.fields ?? (sample !== undefined ? inferFields(sample, { excludeAttributes: exclude }) : undefined));
    if (fields === undefined) throw new Error('dedupeInParallel: reading sources needs fields, a model or a sample');
    const rules = options?.model?.blocking ?? options?.blocking ?? defaultBlockingRules(fields);
    const defaultCountry = options?.defaultCountry ?? options?.model?.defaultCountry;
    const prepareOptions = { rules, ...(defaultCountry !== undefined ? { defaultCountry } : {}) };
    let shard: PreparedShard | undefined =
      records !== undefined ? await pool.prepare(records, fields, prepareOptions) : await pool.prepareSources((input as { sources: readonly RecordSource[] }).sources, fields, prepareOptions);
    const prepared = shard.prepared;
    const entries = shard.entries;
    const prepareThreadSeconds = shard.seconds;
    shard = undefined;
    // The workers' heaps still hold the shards' records and intermediate columns: start afresh.
    // They stop while this thread goes on (the scoring workers are new ones).
    recycled = own ? pool.recycle().catch(() => undefined) : undefined;
    const prepareSeconds = clock() - t;
    // The scoring workers receive the records while this thread blocks and trains; one of them
    // samples the random pairs of training (u) meanwhile.
    const link = options?.model !== undefined ? options.model.mode === 'link' : (options?.link ?? false);
    pool.preload(prepared, { link });
    const sampling =
      options?.model === undefined
        ? pool.sampleU(prepared, {
            link,
            ...(options?.seed !== undefined ? { seed: options.seed } : {}),
            ...(options?.uSamples !== undefined ? { uSamples: options.uSamples } : {}),
          })
        : undefined;
    phase('block');
    t = clock();
    const candidates = block(prepared, rules, { ...options, link, ...(entries !== undefined ? { entries } : {}) });
    const blockSeconds = clock() - t;
    phase('train');
    t = clock();
    let truth: (string | undefined)[] | undefined;
    if (options?.truthColumn !== undefined && records !== undefined) {
      const key = options.truthColumn;
      truth = records.map((r) => (r.attributes !== undefined && Object.prototype.hasOwnProperty.call(r.attributes, key) ? r.attributes[key] : undefined));
    }
    // The candidates' patterns are collected here while a worker samples the random pairs.
    const patterns = options?.model === undefined && sampling !== undefined ? trainingPatterns(prepared, candidates, { ...options, link }) : undefined;
    const sampledU = sampling !== undefined ? await sampling : undefined;
    const model =
      options?.model ??
      trainPrepared(prepared, {
        ...options,
        blocking: rules,
        candidates,
        ...(truth !== undefined ? { truth } : {}),
        ...(sampledU !== undefined ? { sampledU } : {}),
        ...(patterns !== undefined ? { patterns } : {}),
      });
    const trainSeconds = clock() - t;
    phase('score');
    t = clock();
    const thresholds = { ...model.thresholds, ...options?.thresholds };
    const minProbability = options?.minProbability ?? thresholds.possible;
    const scored = await pool.score(prepared, model, candidates, logit2(minProbability) - 1e-9);
    const scoreSeconds = clock() - t;
    phase('links');
    t = clock();
    const links = toLinks(prepared, scored, thresholds);
    return {
      model,
      prepared,
      candidates,
      links,
      compared: scored.compared,
      timings: { prepare: prepareSeconds, block: blockSeconds, train: trainSeconds, score: scoreSeconds, links: clock() - t },
      ...(prepareThreadSeconds !== undefined ? { prepareThreadSeconds } : {}),
    };
  } finally {
    await recycled;
    if (own) await pool.close();
  }
}

/** @internal Exposed for tests. */
export const _internal: { readonly slices: typeof slices; readonly transferablesOf: typeof transferablesOf } = { slices, transferablesOf };
