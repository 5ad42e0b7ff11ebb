/**
 * Pairs of records a manual unlink, split or unmerge keeps apart, indexed by record: clustering asks
 * for the few partners of a group's records instead of testing every pair across two groups.
 *
 * @internal
 */
export class ForbiddenPairs {
  private readonly partners = new Map<string, Set<string>>();
  private count = 0;

  /** Number of pairs. */
  get size(): number {
    return this.count;
  }

  has(a: string, b: string): boolean {
    return this.count > 0 && this.partners.get(a)?.has(b) === true;
  }

  add(a: string, b: string): void {
    if (this.has(a, b)) return;
    this.link(a, b);
    this.link(b, a);
    this.count++;
  }

  delete(a: string, b: string): void {
    if (!this.has(a, b)) return;
    this.unlink(a, b);
    this.unlink(b, a);
    this.count--;
  }

  /** The records kept apart from this one. */
  of(a: string): ReadonlySet<string> {
    return this.partners.get(a) ?? NONE;
  }

  /** Every pair once, its ids in `pairKey` order (the smaller first). */
  pairs(): [string, string][] {
    const out: [string, string][] = [];
    for (const [a, set] of this.partners) for (const b of set) if (a <= b) out.push([a, b]);
    return out;
  }

  private link(a: string, b: string): void {
    let set = this.partners.get(a);
    if (!set) this.partners.set(a, (set = new Set()));
    set.add(b);
  }

  private unlink(a: string, b: string): void {
    const set = this.partners.get(a);
    if (!set) return;
    set.delete(b);
    if (set.size === 0) this.partners.delete(a);
  }
}

const NONE: ReadonlySet<string> = new Set();
