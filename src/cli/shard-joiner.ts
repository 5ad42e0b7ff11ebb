import type { KeyEntries } from '../match/_block-engine.js';
import { PreparedMerger } from '../match/_prepared-merger.js';
import type { PreparedShard } from './match-worker.js';

/**
 * Joins prepared shards in input order as they arrive, in any order: shard k is merged as soon as
 * shards 0..k-1 are, so the calling thread merges while the workers still prepare the later
 * shards, and a merged shard is let go at once. Records are merged with a {@link PreparedMerger}
 * (the same result as `mergePrepared` of the shards in order); key entries are concatenated with
 * their rows moved by the rows of the shards before them.
 *
 * @example
 * ```ts
 * const joiner = new ShardJoiner();
 * joiner.add(1, second);
 * joiner.add(0, first); // merges 0, then 1
 * const { prepared, entries } = joiner.finish();
 * ```
 */
export class ShardJoiner {
  private readonly merger = new PreparedMerger();
  private readonly waiting = new Map<number, PreparedShard>();
  private next = 0;
  private rows = 0;
  /** Key entries of the shards merged so far, concatenated into arrays grown as needed. */
  private keys: { hi: Uint32Array; lo: Uint32Array; row: Int32Array; rule: Uint8Array } | undefined;
  private keyCount = 0;
  private shardsWithKeys = 0;
  private readonly sum = { read: 0, prepare: 0, keys: 0, cpu: 0 };

  /** @param expected - shards expected in all (sizes the key arrays from the first shard's). */
  constructor(private readonly expected = 1) {}

  /** Shards merged so far. */
  get merged(): number {
    return this.next;
  }

  /**
   * Hand in shard `index` (0-based, in input order).
   *
   * @throws Error when a shard of that index was already handed in.
   */
  add(index: number, shard: PreparedShard): void {
    if (index < this.next || this.waiting.has(index)) throw new Error(`shard ${index} joined twice`);
    this.waiting.set(index, shard);
    for (let s = this.waiting.get(this.next); s !== undefined; s = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.append(s);
      this.next++;
    }
  }

  /**
   * The joined shards (key entries only when every shard carried some).
   *
   * @throws Error when a shard is missing (or none was handed in).
   */
  finish(): PreparedShard {
    if (this.waiting.size > 0 || this.next === 0) throw new Error(this.waiting.size === 0 ? 'no shard to join' : `shard ${this.next} is missing`);
    const prepared = this.merger.finish();
    const { read, prepare, keys, cpu } = this.sum;
    const seconds = { read, prepare, keys, ...(Number.isNaN(cpu) ? {} : { cpu }) };
    const all = this.keys;
    if (all === undefined || this.shardsWithKeys !== this.next) return { prepared, seconds };
    // Views of the first `length` entries: no copy.
    const n = this.keyCount;
    const entries: KeyEntries = { hi: all.hi.subarray(0, n), lo: all.lo.subarray(0, n), row: all.row.subarray(0, n), rule: all.rule.subarray(0, n), length: n };
    return { prepared, entries, seconds };
  }

  private append(shard: PreparedShard): void {
    this.merger.add(shard.prepared);
    if (shard.entries !== undefined) {
      this.appendKeys(shard.entries);
      this.shardsWithKeys++;
    }
    this.rows += shard.prepared.size;
    this.sum.read += shard.seconds?.read ?? 0;
    this.sum.prepare += shard.seconds?.prepare ?? 0;
    this.sum.keys += shard.seconds?.keys ?? 0;
    this.sum.cpu += shard.seconds?.cpu ?? Number.NaN;
  }

  /** Append a shard's key entries, its rows moved after those of the shards before it. */
  private appendKeys(e: KeyEntries): void {
    const at = this.keyCount;
    const need = at + e.length;
    let keys = this.keys;
    if (keys === undefined || need > keys.hi.length) {
      // Room for the shards still expected at this shard's size (or half as much again).
      const left = Math.max(1, this.expected - this.next);
      const cap = Math.max(need + e.length * (left - 1), Math.ceil(need * 1.5), 16);
      const grow = <T extends Uint32Array | Int32Array | Uint8Array>(a: T | undefined, make: (n: number) => T): T => {
        const b = make(cap);
        if (a !== undefined) b.set(a.subarray(0, at) as never);
        return b;
      };
      keys = { hi: grow(keys?.hi, (n) => new Uint32Array(n)), lo: grow(keys?.lo, (n) => new Uint32Array(n)), row: grow(keys?.row, (n) => new Int32Array(n)), rule: grow(keys?.rule, (n) => new Uint8Array(n)) };
      this.keys = keys;
    }
    keys.hi.set(e.hi.subarray(0, e.length), at);
    keys.lo.set(e.lo.subarray(0, e.length), at);
    keys.rule.set(e.rule.subarray(0, e.length), at);
    const row = keys.row;
    const offset = this.rows;
    for (let q = 0; q < e.length; q++) row[at + q] = (e.row[q] ?? 0) + offset;
    this.keyCount = need;
  }
}
