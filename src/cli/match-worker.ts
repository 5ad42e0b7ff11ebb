/**
 * The worker side of the match worker pool (see worker-pool.ts): prepares shards of records (given,
 * or read by a record-source module in the worker itself) with their blocking keys, and scores
 * slices of the candidate blocks, with the same pure functions the single-threaded path uses.
 * Started by the pool; does nothing when imported on the main thread.
 */
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort } from 'node:worker_threads';
import type { KeyEntries } from '../match/_block-engine.js';
import { type CandidatePairs, keyEntriesOf } from '../match/block.js';
import type { BlockingRule } from '../match/blocking-rule.js';
import type { FieldSpec } from '../match/field-spec.js';
import type { MatchModel } from '../match/match-model.js';
import { type PreparedRecords, RecordPreparer } from '../match/prepare-records.js';
import { scoreCandidates } from '../match/score-pairs.js';
import { sampleU } from '../match/train-model.js';
import { type BoundModel, bindModel } from '../match/_scorer.js';
import type { ContactRecord } from '../model/contact-record.js';

/**
 * Where a worker reads its shard from: a module exporting a function that, given `args`, returns
 * the shard's records in chunks (an iterable of arrays). The records never cross threads.
 */
export interface RecordSource {
  /** URL of the module (`file:` or `data:`). */
  readonly module: string;
  /** Name of the exported function. */
  readonly exportName: string;
  /** Structured-cloneable argument of the function. */
  readonly args: unknown;
}

export interface PrepareOptions {
  readonly fields: readonly FieldSpec[];
  readonly defaultCountry?: string;
  /** Blocking rules whose keys to hash along (rows numbered from 0 in the shard). */
  readonly rules?: readonly BlockingRule[];
}

/** Options of the `sampleU` request (see `sampleU` in train-model.ts). */
export interface SampleUOptions {
  readonly link?: boolean;
  readonly seed?: number;
  readonly uSamples?: number;
}

/** A request from the pool. */
export type WorkerRequest =
  | ({ readonly id: number; readonly op: 'prepare'; readonly records: readonly ContactRecord[] } & PrepareOptions)
  | ({ readonly id: number; readonly op: 'prepareSource'; readonly source: RecordSource } & PrepareOptions)
  | { readonly id: number; readonly op: 'loadRecords'; readonly prepared: PreparedRecords }
  | { readonly id: number; readonly op: 'sampleU'; readonly options: SampleUOptions }
  | { readonly id: number; readonly op: 'load'; readonly prepared?: PreparedRecords; readonly model: MatchModel; readonly candidates: CandidatePairs }
  | { readonly id: number; readonly op: 'score'; readonly fromBlock: number; readonly toBlock: number; readonly minWeight: number }
  | { readonly id: number; readonly op: 'unload' };

/** The answer to a request. */
export type WorkerResponse = { readonly id: number; readonly ok: true; readonly result: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** What a prepare request returns. */
export interface PreparedShard {
  readonly prepared: PreparedRecords;
  readonly entries?: KeyEntries;
  /**
   * Thread seconds spent reading the input (a record source), preparing, and hashing keys; `cpu`:
   * the CPU seconds of the thread over all three (Linux; wall time counts other tenants' turns too).
   */
  readonly seconds?: { readonly read: number; readonly prepare: number; readonly keys: number; readonly cpu?: number };
}

/** CPU seconds of the calling thread (Linux `/proc/thread-self/stat`), or undefined elsewhere. */
export function threadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]);
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}

/** Every ArrayBuffer reachable from a value (typed arrays), to transfer instead of copying. */
export function transferablesOf(value: unknown, out: Set<ArrayBuffer> = new Set(), seen: Set<object> = new Set()): Set<ArrayBuffer> {
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
    return out;
  }
  if (Array.isArray(value)) {
    // Arrays of strings (value pools) hold nothing transferable: skip them quickly.
    if (value.length > 0 && typeof value[0] !== 'object') return out;
    for (const v of value) transferablesOf(v, out, seen);
    return out;
  }
  if (value instanceof Map) {
    for (const v of value.values()) transferablesOf(v, out, seen);
    return out;
  }
  for (const v of Object.values(value)) transferablesOf(v, out, seen);
  return out;
}

/**
 * Prepare a shard given in chunks, and hash its blocking keys (what a worker does; also run
 * inline). Chunks are prepared one after the other into the same columns: a chunk's records can
 * die as soon as it is prepared (young, cheap to collect), and nothing is merged afterwards.
 */
export function prepareShard(chunks: Iterable<readonly ContactRecord[]>, options: PrepareOptions): PreparedShard {
  const preparer = new RecordPreparer(options.fields, options.defaultCountry !== undefined ? { defaultCountry: options.defaultCountry } : {});
  let read = 0;
  let prepare = 0;
  const cpu0 = threadCpuSeconds();
  let t = performance.now();
  for (const chunk of chunks) {
    const t1 = performance.now();
    read += t1 - t;
    preparer.add(chunk);
    t = performance.now();
    prepare += t - t1;
  }
  const prepared = preparer.finish();
  const t2 = performance.now();
  prepare += t2 - t;
  const entries = options.rules !== undefined && options.rules.length > 0 ? keyEntriesOf(prepared, options.rules) : undefined;
  const cpu1 = cpu0 !== undefined ? threadCpuSeconds() : undefined;
  const seconds = { read: read / 1000, prepare: prepare / 1000, keys: (performance.now() - t2) / 1000, ...(cpu0 !== undefined && cpu1 !== undefined ? { cpu: cpu1 - cpu0 } : {}) };
  return entries !== undefined ? { prepared, entries, seconds } : { prepared, seconds };
}

/** Run the worker loop on this thread's parent port. */
export function runMatchWorker(): void {
  const port = parentPort;
  if (port === null) return;
  let loaded: { prepared: PreparedRecords; model: MatchModel; candidates: CandidatePairs; bound: BoundModel } | undefined;
  // Records sent ahead of the model (received while the calling thread blocks and trains).
  let records: PreparedRecords | undefined;
  const answer = (id: number, result: unknown): void => {
    const response: WorkerResponse = { id, ok: true, result };
    port.postMessage(response, [...transferablesOf(result)]);
  };
  const fail = (id: number, error: unknown): void => {
    const response: WorkerResponse = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
    port.postMessage(response);
  };
  port.on('message', (request: WorkerRequest) => {
    try {
      switch (request.op) {
        case 'prepare':
          answer(request.id, prepareShard([request.records], request));
          break;
        case 'prepareSource':
          import(request.source.module).then(
            (mod: Record<string, unknown>) => {
              try {
                const make = mod[request.source.exportName];
                if (typeof make !== 'function') throw new Error(`${request.source.module} has no function ${request.source.exportName}`);
                answer(request.id, prepareShard(make(request.source.args) as Iterable<readonly ContactRecord[]>, request));
              } catch (error) {
                fail(request.id, error);
              }
            },
            (error: unknown) => fail(request.id, error),
          );
          break;
        case 'loadRecords':
          records = request.prepared;
          answer(request.id, true);
          break;
        case 'sampleU':
          if (records === undefined) throw new Error('sampleU before loadRecords');
          answer(request.id, sampleU(records, request.options));
          break;
        case 'load': {
          const prepared = request.prepared ?? records;
          if (prepared === undefined) throw new Error('load without records');
          loaded = { prepared, model: request.model, candidates: request.candidates, bound: bindModel(request.model, prepared) };
          answer(request.id, true);
          break;
        }
        case 'score':
          if (loaded === undefined) throw new Error('score before load');
          answer(
            request.id,
            scoreCandidates(loaded.prepared, loaded.model, loaded.candidates, {
              fromBlock: request.fromBlock,
              toBlock: request.toBlock,
              minWeight: request.minWeight,
              bound: loaded.bound,
            }),
          );
          break;
        case 'unload':
          loaded = undefined;
          records = undefined;
          answer(request.id, true);
          break;
      }
    } catch (error) {
      fail(request.id, error);
    }
  });
}

if (!isMainThread) runMatchWorker();
