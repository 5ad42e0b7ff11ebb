/**
 * Which records share which keys (identifier keys and blocking keys), and which keys are usable for
 * candidate generation. A key stops being usable when it is blocked (generic or blocklisted) or when
 * more records share it than its cap allows: a family landline on three records is still compared,
 * a call-centre number on five hundred is not. Usability depends only on the current set of records,
 * so incremental adds and one batch generate exactly the same candidate pairs.
 *
 * Memory matters here (a few keys per record, millions of records): a key's entry is one array,
 * the key string itself first and then its records in the order they came; records keep the same
 * key string instances (no copy per record).
 *
 * @internal
 */
export class CandidateIndex {
  /** Key -> `[key, ...recordIds]`. */
  private readonly byKey = new Map<string, string[]>();
  private readonly keysOfRecord = new Map<string, readonly string[]>();

  constructor(
    private readonly capOf: (key: string) => number,
    private readonly isBlocked: (key: string) => boolean,
  ) {}

  /** True when the key may generate candidates now. */
  usable(key: string): boolean {
    return this.usableEntry(key, this.byKey.get(key));
  }

  private usableEntry(key: string, entry: readonly string[] | undefined): boolean {
    const size = entry === undefined ? 0 : entry.length - 1;
    return size <= this.capOf(key) && !this.isBlocked(key);
  }

  /** Number of records holding the key. */
  size(key: string): number {
    const entry = this.byKey.get(key);
    return entry === undefined ? 0 : entry.length - 1;
  }

  /** Index a record's keys; returns the keys whose usability changed. */
  add(recordId: string, keys: readonly string[]): string[] {
    const again = this.keysOfRecord.has(recordId);
    const unique: string[] = [];
    const flipped: string[] = [];
    // The same key twice in one record counts once (a set past a few keys: a hostile record holds hundreds).
    const seen = keys.length > 16 ? new Set<string>() : undefined;
    for (const k of keys) {
      if (seen !== undefined ? seen.has(k) : unique.includes(k)) continue;
      seen?.add(k);
      let entry = this.byKey.get(k);
      const before = this.usableEntry(k, entry);
      if (entry === undefined) this.byKey.set(k, (entry = [k]));
      else if (again && entry.includes(recordId, 1)) {
        unique.push(entry[0]!);
        continue;
      }
      entry = grow(entry, recordId);
      this.byKey.set(k, entry);
      unique.push(entry[0]!);
      if (before !== this.usableEntry(k, entry) && entry.length > 2) flipped.push(k);
    }
    this.keysOfRecord.set(recordId, unique.length === 0 ? EMPTY : unique.slice());
    return flipped;
  }

  /** Remove a record; returns the keys whose usability changed. */
  remove(recordId: string): string[] {
    const keys = this.keysOfRecord.get(recordId) ?? [];
    this.keysOfRecord.delete(recordId);
    const flipped: string[] = [];
    for (const key of keys) {
      const entry = this.byKey.get(key);
      if (!entry) continue;
      const before = this.usableEntry(key, entry);
      const at = entry.indexOf(recordId, 1);
      if (at > 0) entry.splice(at, 1);
      if (entry.length === 1) this.byKey.delete(key);
      if (before !== this.usableEntry(key, entry.length === 1 ? undefined : entry) && entry.length > 2) flipped.push(key);
    }
    return flipped;
  }

  keysOf(recordId: string): readonly string[] {
    return this.keysOfRecord.get(recordId) ?? EMPTY;
  }

  /** The records holding the key, in the order they came. */
  members(key: string): readonly string[] {
    return this.byKey.get(key)?.slice(1) ?? EMPTY;
  }

  /** Every other record that shares a usable key with `recordId`. */
  candidates(recordId: string): Set<string> {
    const out = new Set<string>();
    for (const key of this.keysOf(recordId)) {
      const entry = this.byKey.get(key);
      if (entry === undefined || !this.usableEntry(key, entry)) continue;
      for (let i = 1; i < entry.length; i++) {
        const other = entry[i]!;
        if (other !== recordId) out.add(other);
      }
    }
    return out;
  }

  /** True when the two records share at least one usable key. */
  shareUsableKey(a: string, b: string): boolean {
    // Through the key's records, not b's keys: a usable key has few records (its cap), while a
    // record may hold hundreds of keys.
    for (const key of this.keysOf(a)) {
      const entry = this.byKey.get(key);
      if (entry !== undefined && this.usableEntry(key, entry) && entry.includes(b, 1)) return true;
    }
    return false;
  }

  /** Keys held by more than one record that are not usable (the generic values found in the data). */
  unusableSharedKeys(): string[] {
    const out: string[] = [];
    for (const [key, entry] of this.byKey) if (entry.length > 2 && !this.usableEntry(key, entry)) out.push(key);
    return out.sort();
  }
}

const EMPTY: readonly string[] = [];

/**
 * `list` with `item` appended. Small lists are copied at their exact length: a pushed-to array
 * reserves room for 16 more elements, which for millions of two-element lists is most of the
 * index's memory.
 */
export function grow<T>(list: T[], item: T): T[] {
  if (list.length >= 8) {
    list.push(item);
    return list;
  }
  // Neither `slice` + store nor spreading gives an exact length; a sized array does.
  const out = new Array<T>(list.length + 1);
  for (let i = 0; i < list.length; i++) out[i] = list[i]!;
  out[list.length] = item;
  return out;
}
