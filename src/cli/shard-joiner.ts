import { type KeyEntries, concatKeyEntries } from '../match/_block-engine.js';
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
  private readonly entries: KeyEntries[] = [];
  private readonly offsets: number[] = [];
  private readonly sum = { read: 0, prepare: 0, keys: 0, cpu: 0 };

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
    if (this.waiting.size > 0 || this.next === 0) throw new Error(this.next === 0 ? 'no shard to join' : `shard ${this.next} is missing`);
    const prepared = this.merger.finish();
    const { read, prepare, keys, cpu } = this.sum;
    const seconds = { read, prepare, keys, ...(Number.isNaN(cpu) ? {} : { cpu }) };
    if (this.entries.length !== this.next) return { prepared, seconds };
    const entries = this.entries.length === 1 && this.offsets[0] === 0 ? (this.entries[0] as KeyEntries) : concatKeyEntries(this.entries, this.offsets);
    return { prepared, entries, seconds };
  }

  private append(shard: PreparedShard): void {
    this.merger.add(shard.prepared);
    if (shard.entries !== undefined) {
      this.entries.push(shard.entries);
      this.offsets.push(this.rows);
    }
    this.rows += shard.prepared.size;
    this.sum.read += shard.seconds?.read ?? 0;
    this.sum.prepare += shard.seconds?.prepare ?? 0;
    this.sum.keys += shard.seconds?.keys ?? 0;
    this.sum.cpu += shard.seconds?.cpu ?? Number.NaN;
  }
}
