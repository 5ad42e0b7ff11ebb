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
import { logit2 } from '../match/_scorer.js';
import { block, type CandidatePairs } from '../match/block.js';
import type { FieldSpec } from '../match/field-spec.js';
import { type ScoredLink, toLinks } from '../match/find-matches.js';
import type { MatchModel } from '../match/match-model.js';
import { mergePrepared } from '../match/merge-prepared.js';
import { modelFields } from '../match/model-fields.js';
import { type PreparedRecords, prepareRecords } from '../match/prepare-records.js';
import { type ScoredPairs, scoreCandidates } from '../match/score-pairs.js';
import { type TrainOptions, trainPrepared } from '../match/train-model.js';
import { inferFields } from '../match/infer-fields.js';
import type { ContactRecord } from '../model/contact-record.js';
import { type WorkerRequest, type WorkerResponse, transferablesOf } from './match-worker.js';

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
}

/** Scored candidate pairs, plus how many pairs were compared. */
export type ScoredCandidates = ScoredPairs & { readonly compared: number };

/** A pool of match workers. Close it when done. */
export interface MatchPool {
  readonly workers: number;
  /** {@link prepareRecords} on shards in parallel, merged in input order. */
  prepare(records: readonly ContactRecord[], fields: readonly FieldSpec[], options?: { readonly defaultCountry?: string }): Promise<PreparedRecords>;
  /** {@link scoreCandidates} on slices of the blocks in parallel, concatenated in block order. */
  score(prepared: PreparedRecords, model: MatchModel, candidates: CandidatePairs, minWeight: number): Promise<ScoredCandidates>;
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
  constructor(private readonly worker: Worker) {
    worker.on('message', (response: WorkerResponse) => {
      const p = this.pending.get(response.id);
      if (p === undefined) return;
      this.pending.delete(response.id);
      if (response.ok) p.resolve(response.result);
      else p.reject(new Error(response.error));
    });
    worker.on('error', (error) => {
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    });
  }

  call<T>(request: WithoutId<WorkerRequest>, transfer: readonly ArrayBuffer[] = []): Promise<T> {
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

function startWorker(): Worker {
  const dev = import.meta.url.endsWith('.ts');
  const url = new URL(dev ? './match-worker.ts' : './match-worker.js', import.meta.url);
  if (!dev) return new Worker(url);
  // Running from TypeScript sources (tsx): register tsx in the worker first.
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true });
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
  const pool = (): WorkerHandle[] | undefined => {
    if (failed) return undefined;
    if (handles === undefined) {
      try {
        handles = Array.from({ length: wanted }, () => new WorkerHandle(startWorker()));
      } catch {
        failed = true;
        return undefined;
      }
    }
    return handles;
  };
  return {
    workers: wanted,
    async prepare(records, fields, prepareOptions) {
      const workers = records.length >= minRecords ? pool() : undefined;
      const defaultCountry = prepareOptions?.defaultCountry;
      if (workers === undefined) return prepareRecords(records, fields, defaultCountry !== undefined ? { defaultCountry } : {});
      const size = Math.ceil(records.length / workers.length);
      const shards = await Promise.all(
        workers.map((w, k) =>
          w.call<PreparedRecords>({
            op: 'prepare',
            records: records.slice(k * size, (k + 1) * size),
            fields,
            ...(defaultCountry !== undefined ? { defaultCountry } : {}),
          }),
        ),
      );
      return mergePrepared(shards);
    },
    async score(prepared, model, candidates, minWeight) {
      const workers = prepared.size >= minRecords ? pool() : undefined;
      if (workers === undefined) return scoreCandidates(prepared, model, candidates, { minWeight });
      await Promise.all(workers.map((w) => w.call({ op: 'load', prepared, model, candidates })));
      // Many small slices handed out as workers free up: a slow slice does not hold the others.
      const todo = slices(candidates.structure, workers.length * 8);
      const results: ScoredCandidates[] = new Array<ScoredCandidates>(todo.length);
      let next = 0;
      await Promise.all(
        workers.map(async (w) => {
          while (next < todo.length) {
            const k = next++;
            const [fromBlock, toBlock] = todo[k] as [number, number];
            results[k] = await w.call<ScoredCandidates>({ op: 'score', fromBlock, toBlock, minWeight });
          }
        }),
      );
      await Promise.all(workers.map((w) => w.call({ op: 'unload' })));
      return concatScored(results);
    },
    async close() {
      const h = handles;
      handles = undefined;
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
}

/** What {@link dedupeInParallel} returns. */
export interface ParallelDedupeResult {
  readonly model: MatchModel;
  readonly prepared: PreparedRecords;
  readonly candidates: CandidatePairs;
  readonly links: ScoredLink[];
  /** Candidate pairs compared. */
  readonly compared: number;
  /** Seconds spent in each phase. */
  readonly timings: { readonly prepare: number; readonly train: number; readonly block: number; readonly score: number; readonly links: number };
}

/**
 * Deduplicate (or link, with `link: true`) records on every core: prepare in parallel, train on the
 * main thread (unless a model is given), block once, score in parallel. Same links as
 * `findMatches(records, trainModel(records, options))`.
 *
 * @example
 * ```ts
 * const { links, model } = await dedupeInParallel(records, { defaultCountry: 'BR' });
 * ```
 */
export async function dedupeInParallel(records: readonly ContactRecord[], options?: ParallelDedupeOptions): Promise<ParallelDedupeResult> {
  const own = options?.pool === undefined;
  const pool = options?.pool ?? createMatchPool(options);
  const clock = (): number => performance.now() / 1000;
  try {
    let t = clock();
    const fields = options?.model !== undefined ? modelFields(options.model) : (options?.fields ?? inferFields(records, { excludeAttributes: [...(options?.excludeAttributes ?? []), ...(options?.truthColumn !== undefined ? [options.truthColumn] : [])] }));
    const defaultCountry = options?.defaultCountry ?? options?.model?.defaultCountry;
    const prepared = await pool.prepare(records, fields, defaultCountry !== undefined ? { defaultCountry } : {});
    const prepareSeconds = clock() - t;
    t = clock();
    let truth: (string | undefined)[] | undefined;
    if (options?.truthColumn !== undefined) {
      const key = options.truthColumn;
      truth = records.map((r) => (r.attributes !== undefined && Object.prototype.hasOwnProperty.call(r.attributes, key) ? r.attributes[key] : undefined));
    }
    const model = options?.model ?? trainPrepared(prepared, { ...options, ...(truth !== undefined ? { truth } : {}) });
    const trainSeconds = clock() - t;
    t = clock();
    const candidates = block(prepared, model.blocking, { ...options, link: model.mode === 'link' });
    const blockSeconds = clock() - t;
    t = clock();
    const thresholds = { ...model.thresholds, ...options?.thresholds };
    const minProbability = options?.minProbability ?? thresholds.possible;
    const scored = await pool.score(prepared, model, candidates, logit2(minProbability) - 1e-9);
    const scoreSeconds = clock() - t;
    t = clock();
    const links = toLinks(prepared, scored, thresholds);
    return {
      model,
      prepared,
      candidates,
      links,
      compared: scored.compared,
      timings: { prepare: prepareSeconds, train: trainSeconds, block: blockSeconds, score: scoreSeconds, links: clock() - t },
    };
  } finally {
    if (own) await pool.close();
  }
}

/** @internal Exposed for tests. */
export const _internal: { readonly slices: typeof slices; readonly transferablesOf: typeof transferablesOf } = { slices, transferablesOf };
