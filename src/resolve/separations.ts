/**
 * What manual unlinks, splits and unmerges keep apart, as separations: each has two sides, and two
 * records may never be in one person when they stand on opposite sides of one separation. A split of
 * n records from m keeps n × m pairs apart with n + m entries (one pair per entry took 4M pairs and
 * 200 MB for a 4,000-record person), and clustering checks a join once per separation the two groups
 * share instead of once per pair (see `ClusterContext.apartOf`).
 *
 * @internal
 */
export class Separations {
  /** Separation id -> its two sides. */
  private readonly sides = new Map<number, readonly [Set<string>, Set<string>]>();
  /** Record id -> the separations it stands in, with its side. */
  private readonly tags = new Map<string, Map<number, Side>>();
  private nextId = 0;

  /** Number of separations. */
  get size(): number {
    return this.sides.size;
  }

  /** True when the two records stand on opposite sides of a separation. */
  apart(a: string, b: string): boolean {
    const ta = this.tags.get(a);
    const tb = this.tags.get(b);
    if (ta === undefined || tb === undefined) return false;
    const [few, many] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
    for (const [id, side] of few) {
      const other = many.get(id);
      if (other !== undefined && other !== side) return true;
    }
    return false;
  }

  /** The separations a record stands in (id -> side). */
  of(record: string): ReadonlyMap<number, Side> {
    return this.tags.get(record) ?? NONE;
  }

  /** Keep every record of `left` apart from every record of `right` (the two must not share a record). */
  separate(left: Iterable<string>, right: Iterable<string>): void {
    const l = new Set(left);
    const r = new Set(right);
    if (l.size > 0 && r.size > 0) this.add(l, r);
  }

  /**
   * Let the records of `group` be one person: every pair of them stops being kept apart, and every
   * other pair stays as it was. A separation with records of the group on both sides (L1 of its side
   * L, R1 of R) keeps L × R minus L1 × R1, which is two separations: (L \ L1) × R and L1 × (R \ R1),
   * or the mirror decomposition when it moves fewer records.
   */
  lift(group: Iterable<string>): void {
    const inside = new Map<number, [string[], string[]]>();
    for (const record of group) {
      for (const [id, side] of this.tags.get(record) ?? NONE) {
        let found = inside.get(id);
        if (found === undefined) inside.set(id, (found = [[], []]));
        found[side].push(record);
      }
    }
    for (const [id, found] of inside) {
      if (found[0].length === 0 || found[1].length === 0) continue;
      const [l, r] = this.sides.get(id)!;
      // (L \ L1) × R stays under this id and L1 × (R \ R1) is new, or the mirror when that moves fewer records.
      const keepLeft = found[0].length + r.size - found[1].length <= found[1].length + l.size - found[0].length;
      const [moved, other, shrink, opposite] = keepLeft ? [found[0], found[1], l, r] : [found[1], found[0], r, l];
      for (const x of moved) {
        shrink.delete(x);
        this.untag(x, id);
      }
      const otherSet = new Set(other);
      const rest: string[] = [];
      for (const y of opposite) if (!otherSet.has(y)) rest.push(y);
      if (shrink.size === 0) this.drop(id);
      if (rest.length > 0) this.add(new Set(moved), new Set(rest));
    }
  }

  /** The sides a group of records stands on, per separation (see {@link opposed}). */
  sidesOf(records: Iterable<string>): Map<number, SideBits> {
    const out = new Map<number, SideBits>();
    for (const record of records) for (const [id, side] of this.tags.get(record) ?? NONE) out.set(id, (out.get(id) ?? 0) | sideBit(side));
    return out;
  }

  /** Every separation as its two sides, each sorted, the side with the smaller first id first, in that order. */
  list(): [string[], string[]][] {
    const out: [string[], string[]][] = [];
    for (const [l, r] of this.sides.values()) {
      const a = [...l].sort();
      const b = [...r].sort();
      out.push(a[0]! < b[0]! ? [a, b] : [b, a]);
    }
    return out.sort(compareSeparations);
  }

  private add(l: Set<string>, r: Set<string>): void {
    const id = this.nextId++;
    this.sides.set(id, [l, r]);
    for (const x of l) this.tag(x, id, 0);
    for (const y of r) this.tag(y, id, 1);
  }

  private drop(id: number): void {
    const [l, r] = this.sides.get(id)!;
    for (const x of l) this.untag(x, id);
    for (const y of r) this.untag(y, id);
    this.sides.delete(id);
  }

  private tag(record: string, id: number, side: Side): void {
    let t = this.tags.get(record);
    if (t === undefined) this.tags.set(record, (t = new Map()));
    t.set(id, side);
  }

  private untag(record: string, id: number): void {
    const t = this.tags.get(record);
    if (t === undefined) return;
    t.delete(id);
    if (t.size === 0) this.tags.delete(record);
  }
}

/** A record's side of a separation. */
export type Side = 0 | 1;

/** The sides of one separation a group of records stands on: bit 1 for side 0, bit 2 for side 1. */
export type SideBits = number;

/** The bit of one side (see SideBits). */
export function sideBit(side: Side): SideBits {
  return 1 << side;
}

/** True when two groups (their sides per separation: Separations.sidesOf) stand on opposite sides of one separation. */
export function opposed(a: ReadonlyMap<number, SideBits>, b: ReadonlyMap<number, SideBits>): boolean {
  const [few, many] = a.size <= b.size ? [a, b] : [b, a];
  for (const [separation, sides] of few) {
    const other = many.get(separation);
    if (other !== undefined && (((sides & 1) !== 0 && (other & 2) !== 0) || ((sides & 2) !== 0 && (other & 1) !== 0))) return true;
  }
  return false;
}

const NONE: ReadonlyMap<number, Side> = new Map();

function compareLists(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

function compareSeparations(x: readonly [string[], string[]], y: readonly [string[], string[]]): number {
  return compareLists(x[0], y[0]) || compareLists(x[1], y[1]);
}
