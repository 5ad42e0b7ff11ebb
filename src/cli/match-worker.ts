/**
 * The worker side of the match worker pool (see worker-pool.ts): prepares shards of records and
 * scores slices of the candidate blocks, with the same pure functions the single-threaded path
 * uses. Started by the pool; does nothing when imported on the main thread.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import type { CandidatePairs } from '../match/block.js';
import type { FieldSpec } from '../match/field-spec.js';
import type { MatchModel } from '../match/match-model.js';
import { type PreparedRecords, prepareRecords } from '../match/prepare-records.js';
import { scoreCandidates } from '../match/score-pairs.js';
import type { ContactRecord } from '../model/contact-record.js';

/** A request from the pool. */
export type WorkerRequest =
  | { readonly id: number; readonly op: 'prepare'; readonly records: readonly ContactRecord[]; readonly fields: readonly FieldSpec[]; readonly defaultCountry?: string }
  | { readonly id: number; readonly op: 'load'; readonly prepared: PreparedRecords; readonly model: MatchModel; readonly candidates: CandidatePairs }
  | { readonly id: number; readonly op: 'score'; readonly fromBlock: number; readonly toBlock: number; readonly minWeight: number }
  | { readonly id: number; readonly op: 'unload' };

/** The answer to a request. */
export type WorkerResponse = { readonly id: number; readonly ok: true; readonly result: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

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

/** Run the worker loop on this thread's parent port. */
export function runMatchWorker(): void {
  const port = parentPort;
  if (port === null) return;
  let loaded: { prepared: PreparedRecords; model: MatchModel; candidates: CandidatePairs } | undefined;
  port.on('message', (request: WorkerRequest) => {
    try {
      let result: unknown;
      switch (request.op) {
        case 'prepare':
          result = prepareRecords(request.records, request.fields, request.defaultCountry !== undefined ? { defaultCountry: request.defaultCountry } : {});
          break;
        case 'load':
          loaded = { prepared: request.prepared, model: request.model, candidates: request.candidates };
          result = true;
          break;
        case 'score':
          if (loaded === undefined) throw new Error('score before load');
          result = scoreCandidates(loaded.prepared, loaded.model, loaded.candidates, {
            fromBlock: request.fromBlock,
            toBlock: request.toBlock,
            minWeight: request.minWeight,
          });
          break;
        case 'unload':
          loaded = undefined;
          result = true;
          break;
      }
      const response: WorkerResponse = { id: request.id, ok: true, result };
      port.postMessage(response, [...transferablesOf(result)]);
    } catch (error) {
      const response: WorkerResponse = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
      port.postMessage(response);
    }
  });
}

if (!isMainThread) runMatchWorker();
