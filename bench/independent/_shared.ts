/**
 * Helpers shared by the two independent evaluations: command-line options, running the CLI
 * in-process, union-find and pairwise precision/recall.
 */
import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli/run.js';

/** `--name value`, or `fallback`. */
export function option(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  const value = i >= 0 ? args[i + 1] : undefined;
  return value !== undefined && !value.startsWith('--') ? value : fallback;
}

/** `--name 1 2 3` (or `--name 1,2,3`): the numbers after the flag, or `fallback`. */
export function numbers(args: readonly string[], name: string, fallback: readonly number[]): number[] {
  const i = args.indexOf(name);
  if (i < 0) return [...fallback];
  const out: number[] = [];
  for (const a of args.slice(i + 1)) {
    if (a.startsWith('--')) break;
    out.push(...a.split(',').filter((x) => x !== '').map(Number));
  }
  return out.length > 0 ? out : [...fallback];
}

/** Run `omnilink ARGV` in-process, as a user would from a shell; resolves to its exit code and output. */
export async function runCli(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; seconds: number }> {
  const collect = (): PassThrough & { text(): string } => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') });
  };
  const stdout = collect();
  const stderr = collect();
  const t = performance.now();
  const code = await run(argv, { stdout, stderr, stdin: Readable.from([]) });
  return { code, stdout: stdout.text(), stderr: stderr.text(), seconds: (performance.now() - t) / 1000 };
}

/** Union-find over 0..n-1 (the smaller index is the root). */
export class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    let y = x;
    while (this.parent[y] !== y) {
      const up = this.parent[this.parent[y] as number] as number;
      this.parent[y] = up;
      y = up;
    }
    return y;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Union every two items that share a key: the cluster (root index) of each item. */
export function clustersByKeys(keys: readonly (readonly string[])[]): number[] {
  const uf = new UnionFind(keys.length);
  const first = new Map<string, number>();
  keys.forEach((ks, i) => {
    for (const k of ks) {
      const f = first.get(k);
      if (f === undefined) first.set(k, i);
      else uf.union(i, f);
    }
  });
  return keys.map((_, i) => uf.find(i));
}

export interface Pairwise {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export const round4 = (x: number): number => Number(x.toFixed(4));

/** How many unordered pairs of items share a key. */
export function pairCount(keys: Iterable<string>): number {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  let n = 0;
  for (const c of counts.values()) n += (c * (c - 1)) / 2;
  return n;
}

/** Pairwise precision/recall/F1 of a predicted clustering against the truth (parallel arrays). */
export function pairwise(predicted: readonly (string | number)[], truth: readonly (string | number)[]): Pairwise {
  const pairs = pairCount;
  const tp = pairs(predicted.map((p, i) => `${p}\u0000${truth[i]}`));
  const pp = pairs(predicted.map(String));
  const tt = pairs(truth.map(String));
  const precision = pp > 0 ? tp / pp : 1;
  const recall = tt > 0 ? tp / tt : 1;
  return { tp, fp: pp - tp, fn: tt - tp, precision: round4(precision), recall: round4(recall), f1: round4((2 * precision * recall) / (precision + recall || 1)) };
}

/** Counts by key, as a compact `key n, key n` string (largest first). */
export function tally<T>(items: readonly T[], key: (x: T) => string): string {
  const counts = new Map<string, number>();
  for (const x of items) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}
