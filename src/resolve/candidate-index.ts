/**
 * Which records share which keys (identifier keys and blocking keys), and which keys are usable for
 * candidate generation. A key stops being usable when it is blocked (generic or blocklisted) or when
 * more records share it than its cap allows: a family landline on three records is still compared,
 * a call-centre number on five hundred is not. Usability depends only on the current set of records,
 * so incremental adds and one batch generate exactly the same candidate pairs.
 *
 * @internal
 */
export class CandidateIndex {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly keysOfRecord = new Map<string, readonly string[]>();

  constructor(
    private readonly capOf: (key: string) => number,
    private readonly isBlocked: (key: string) => boolean,
  ) {}

  /** True when the key may generate candidates now. */
  usable(key: string): boolean {
    const size = this.byKey.get(key)?.size ?? 0;
    return size <= this.capOf(key) && !this.isBlocked(key);
  }

  /** Number of records holding the key. */
  size(key: string): number {
    return this.byKey.get(key)?.size ?? 0;
  }

  /** Index a record's keys; returns the keys whose usability changed. */
  add(recordId: string, keys: readonly string[]): string[] {
    const unique = [...new Set(keys)];
    this.keysOfRecord.set(recordId, unique);
    const flipped: string[] = [];
    for (const key of unique) {
      const before = this.usable(key);
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(recordId);
      if (before !== this.usable(key) && set.size > 1) flipped.push(key);
    }
    return flipped;
  }

  /** Remove a record; returns the keys whose usability changed. */
  remove(recordId: string): string[] {
    const keys = this.keysOfRecord.get(recordId) ?? [];
    this.keysOfRecord.delete(recordId);
    const flipped: string[] = [];
    for (const key of keys) {
      const before = this.usable(key);
      const set = this.byKey.get(key);
      if (!set) continue;
      set.delete(recordId);
      if (set.size === 0) this.byKey.delete(key);
      if (before !== this.usable(key) && set.size > 1) flipped.push(key);
    }
    return flipped;
  }

  keysOf(recordId: string): readonly string[] {
    return this.keysOfRecord.get(recordId) ?? [];
  }

  members(key: string): ReadonlySet<string> {
    return this.byKey.get(key) ?? EMPTY;
  }

  /** Every other record that shares a usable key with `recordId`. */
  candidates(recordId: string): Set<string> {
    const out = new Set<string>();
    for (const key of this.keysOf(recordId)) {
      if (!this.usable(key)) continue;
      for (const other of this.byKey.get(key) ?? EMPTY) if (other !== recordId) out.add(other);
    }
    return out;
  }

  /** True when the two records share at least one usable key. */
  shareUsableKey(a: string, b: string): boolean {
    const keysB = new Set(this.keysOf(b));
    for (const key of this.keysOf(a)) if (keysB.has(key) && this.usable(key)) return true;
    return false;
  }

  /** Keys held by more than one record that are not usable (the generic values found in the data). */
  unusableSharedKeys(): string[] {
    const out: string[] = [];
    for (const [key, set] of this.byKey) if (set.size > 1 && !this.usable(key)) out.push(key);
    return out.sort();
  }
}

const EMPTY: ReadonlySet<string> = new Set();
