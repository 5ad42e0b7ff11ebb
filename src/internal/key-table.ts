// A string-keyed hash table for batch builds, cheaper than a `Map` of a million entries.
//
// Why: a `Map` lookup that misses walks a bucket chain and reads each chained key's string header
// (a cache miss apiece in a large heap), and a growing `Map` reallocates its table several times.
// Here each slot holds the key's 32-bit hash beside the entry number in one typed array, so a
// lookup that misses costs one cache line, and the table is sized once for the batch. Keys are
// compared only when their hashes agree. No deletion: batch indexes only grow.

import { FNV_OFFSET, fnvMix, fnvString } from './fnv.js';

const COLON = 58;

/** `joined` is exactly `prefix + ':' + suffix`. */
function isJoined(joined: string, prefix: string, suffix: string): boolean {
  return joined.length === prefix.length + 1 + suffix.length && joined.charCodeAt(prefix.length) === COLON && joined.startsWith(prefix) && joined.endsWith(suffix);
}

/** A grow-only string -> value table with linear probing over (hash, entry) pairs. */
export class KeyTable<V> {
  /** Two int32 per slot: the key's hash, then entry number + 1 (0 = empty slot). */
  private slots: Int32Array;
  private mask: number;
  private readonly keys: string[] = [];
  private readonly values: V[] = [];

  /** `expected`: how many keys the table should hold without growing. */
  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.keys.length;
  }

  get(key: string): V | undefined {
    const h = fnvString(FNV_OFFSET, key);
    const slots = this.slots;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = slots[2 * i + 1] as number;
      if (entry === 0) return undefined;
      if (slots[2 * i] === h && this.keys[entry - 1] === key) return this.values[entry - 1];
    }
  }

  /** The value under `prefix + ':' + suffix`, without building that string. */
  getJoined(prefix: string, suffix: string): V | undefined {
    const h = fnvString(fnvMix(fnvString(FNV_OFFSET, prefix), COLON), suffix);
    const slots = this.slots;
    const mask = this.mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = slots[2 * i + 1] as number;
      if (entry === 0) return undefined;
      if (slots[2 * i] === h && isJoined(this.keys[entry - 1] as string, prefix, suffix)) return this.values[entry - 1];
    }
  }

  /** The value of the `index`-th key added (0 for the first). */
  valueAt(index: number): V {
    return this.values[index] as V;
  }

  /** Add a key that is not in the table (the caller has just looked it up). */
  add(key: string, value: V): void {
    if ((this.keys.length + 1) * 2 > this.mask + 1) this.grow();
    this.keys.push(key);
    this.values.push(value);
    this.place(fnvString(FNV_OFFSET, key), this.keys.length);
  }

  private place(h: number, entry: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
    slots[2 * i] = h;
    slots[2 * i + 1] = entry;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i] as number, old[i + 1] as number);
  }
}
