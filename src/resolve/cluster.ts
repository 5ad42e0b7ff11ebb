/**
 * Deterministic clustering of one connected component of the link graph.
 *
 * Manual links join first. Then links on a shared unique identifier (same external customer id),
 * then scored links from the most to the least probable (ties broken by the pair's ids), each joining
 * two groups only when nothing forbids it:
 * - a manual unlink, split or unmerge that keeps a record of one group apart from a record of the other;
 * - two different values of a unique identifier kind across the groups;
 * - a clear conflict between any record of one group and any record of the other (the chaining
 *   guard: A~B and B~C never pull A and C together when A and C clearly differ).
 * - ambiguity: a record whose links reach two records that clearly differ (an anonymous call from a
 *   family landline that Ana and Pedro share) joins neither, unless one link is clearly stronger.
 * Last, links whose evidence is only names (`nameOnly`) join two groups when each group's name-only
 * links reach the other group and no third one (a name found in two persons is nobody's evidence),
 * both groups hold a contact point (`ClusterContext.hasContact`), nothing forbids it as above, and
 * no record of one group contradicts a record of the other (`ClusterContext.contradicts`).
 * The result depends only on the component's records, links and overrides, never on arrival order.
 *
 * @internal
 */

import { opposed, sideBit } from './separations.js';

/** A scored link between two records. */
export interface Link {
  readonly a: string;
  readonly b: string;
  readonly probability: number;
  readonly weight: number;
  readonly conflict: boolean;
  readonly conflictReasons?: readonly string[];
  /** The records share a value of a unique identifier kind. */
  readonly unique: boolean;
  /** The records share an exact identifier key (an email, a phone, a provider id) that is not generic. */
  readonly identifier?: string;
  /** Bits of non-name evidence, when the scorer tells (see `PairScore.corroboration`). */
  readonly corroboration?: number;
  /** Something beyond the name speaks against the pair, when the scorer tells (see `PairScore.contradiction`). */
  readonly contradiction?: boolean;
  /**
   * The link's evidence is (almost) all names. Such links join groups only after every other link,
   * only at or above `ClusterContext.nameOnlyThreshold` and without contradiction, and only two
   * groups that no other name-only link reaches (see {@link clusterComponent}).
   */
  readonly nameOnly?: boolean;
}

/** Why a link was not used to join two groups. */
export interface RefusedLink {
  readonly link: Link;
  readonly reason: string;
}

/** What clustering needs to know besides the links. */
export interface ClusterContext {
  /** Manual links (pairs of record ids) inside the component. */
  readonly forced: readonly (readonly [string, string])[];
  /**
   * The separations a record stands in (separation id -> side): two records on opposite sides of one
   * separation are never joined (manual unlinks, splits and unmerges, see `Separations`). A join
   * compares the two groups' separations, not their pairs of records. Absent: nothing is kept apart.
   */
  apartOf?(recordId: string): ReadonlyMap<number, 0 | 1>;
  /** Unique-kind values of a record: `kind-space -> key`. */
  uniqueValues(recordId: string): ReadonlyMap<string, string>;
  /** Conflict between two records (computed on demand, cached by the caller). */
  conflict(a: string, b: string): string | undefined;
  /** Most cross-group pairs to check for conflicts per join. */
  readonly maxChecks: number;
  /**
   * A record whose links reach two records that clearly differ joins neither unless one link is
   * stronger by at least this many bits of weight.
   */
  readonly ambiguityMargin: number;
  /**
   * True when something beyond the name speaks against two records being one person (two email
   * addresses, phones, birth dates); checked across the two groups a name-only link would join.
   * Absent: only conflicts are checked.
   */
  contradicts?(a: string, b: string): boolean;
  /**
   * Probability at or above which a name-only link without contradiction may join two groups (see
   * `ResolverOptions.nameOnlyThreshold`). Absent: name-only links never join.
   */
  readonly nameOnlyThreshold?: number;
  /**
   * True when a record holds a contact point of its own (a non-generic email, phone or username).
   * A group without one (a chat profile with only its name and the channel's account id) joins
   * nobody through a name-only link: a relative of the same name is as likely. Absent: no such rule.
   */
  hasContact?(recordId: string): boolean;
}

/** The outcome for one component. */
export interface ClusterResult {
  /** Groups of record ids, each sorted; groups sorted by their first id. */
  readonly groups: string[][];
  /** The links that joined groups (the evidence of each person), in the order used. */
  readonly accepted: readonly (Link | { readonly a: string; readonly b: string; readonly manual: true })[];
  /** Links at or above the match threshold that were refused, with the reason. */
  readonly refused: readonly RefusedLink[];
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * `pairKey(xa, xb)` compared with `pairKey(ya, yb)` (negative, zero, positive), without building
 * the keys: sorting a component's links compared two new strings per comparison.
 */
export function comparePairKeys(xa: string, xb: string, ya: string, yb: string): number {
  const x1 = xa < xb ? xa : xb;
  const x2 = xa < xb ? xb : xa;
  const y1 = ya < yb ? ya : yb;
  const y2 = ya < yb ? yb : ya;
  const xLength = x1.length + 1 + x2.length;
  const yLength = y1.length + 1 + y2.length;
  const n = Math.min(xLength, yLength);
  for (let i = 0; i < n; i++) {
    const cx = i < x1.length ? x1.charCodeAt(i) : i === x1.length ? 0 : x2.charCodeAt(i - x1.length - 1);
    const cy = i < y1.length ? y1.charCodeAt(i) : i === y1.length ? 0 : y2.charCodeAt(i - y1.length - 1);
    if (cx !== cy) return cx - cy;
  }
  return xLength - yLength;
}

/** A group's unique-kind values: per space its value and the index of the first member holding one. */
interface GroupValues {
  readonly spaces: Map<string, { readonly key: string; readonly first: number }>;
  /** Some space holds two values (only manual links join such records). */
  clash: boolean;
  /** Then the clash a scan of this group's members finds first. */
  reason?: string;
}

export function clusterComponent(recordIds: readonly string[], links: readonly Link[], ctx: ClusterContext): ClusterResult {
  const parent = new Map<string, string>();
  const members = new Map<string, string[]>();
  // Each record's index in its group's `members` list: a join that finds several forbidden pairs or
  // clashing unique values reports the first one in member order, as a scan of all pairs would.
  const position = new Map<string, number>();
  // Per group (by root): its members that stand in a separation, the separations its members stand
  // in (id -> bit 1 for a member on side 0, bit 2 for side 1), and its unique-kind values, each with
  // the first member holding a value of that space. Merged on union, the smaller into the larger, so
  // a join no longer reads every member of both groups.
  const apartOf = ctx.apartOf?.bind(ctx);
  const tagged = new Map<string, string[]>();
  const apart = new Map<string, Map<number, number>>();
  const values = new Map<string, GroupValues>();
  for (const id of recordIds) {
    parent.set(id, id);
    members.set(id, [id]);
    position.set(id, 0);
    const own = new Map<number, number>();
    if (apartOf !== undefined) for (const [separation, side] of apartOf(id)) own.set(separation, sideBit(side));
    tagged.set(id, own.size > 0 ? [id] : []);
    apart.set(id, own);
    const spaces = new Map<string, { key: string; first: number }>();
    for (const [space, key] of ctx.uniqueValues(id)) spaces.set(space, { key, first: 0 });
    values.set(id, { spaces, clash: false });
  }
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (ra: string, rb: string): void => {
    const [big, small] = members.get(ra)!.length >= members.get(rb)!.length ? [ra, rb] : [rb, ra];
    parent.set(small, big);
    const bigMembers = members.get(big)!;
    const offset = bigMembers.length;
    for (const id of members.get(small)!) {
      position.set(id, position.get(id)! + offset);
      bigMembers.push(id);
    }
    members.delete(small);
    const [manyTagged, fewTagged] = tagged.get(big)!.length >= tagged.get(small)!.length ? [tagged.get(big)!, tagged.get(small)!] : [tagged.get(small)!, tagged.get(big)!];
    for (const id of fewTagged) manyTagged.push(id);
    tagged.set(big, manyTagged);
    tagged.delete(small);
    const [manySeparations, fewSeparations] = apart.get(big)!.size >= apart.get(small)!.size ? [apart.get(big)!, apart.get(small)!] : [apart.get(small)!, apart.get(big)!];
    for (const [separation, sides] of fewSeparations) manySeparations.set(separation, (manySeparations.get(separation) ?? 0) | sides);
    apart.set(big, manySeparations);
    apart.delete(small);
    const bigValues = values.get(big)!;
    const smallValues = values.get(small)!;
    if (smallValues.clash) bigValues.clash = true;
    for (const [space, v] of smallValues.spaces) {
      const held = bigValues.spaces.get(space);
      if (held === undefined) bigValues.spaces.set(space, { key: v.key, first: v.first + offset });
      else if (held.key !== v.key) bigValues.clash = true;
    }
    values.delete(small);
  };

  const accepted: ClusterResult['accepted'][number][] = [];
  const refused: RefusedLink[] = [];

  for (const [a, b] of [...ctx.forced].sort((x, y) => (pairKey(x[0], x[1]) < pairKey(y[0], y[1]) ? -1 : 1))) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    union(ra, rb);
    accepted.push({ a, b, manual: true });
  }

  /** True when a member standing on `sides` of separations (id -> side) is kept apart from the group of `root`. */
  const keptFrom = (sides: ReadonlyMap<number, 0 | 1>, root: string): boolean => {
    const group = apart.get(root)!;
    for (const [separation, side] of sides) if (((group.get(separation) ?? 0) & (side === 0 ? 2 : 1)) !== 0) return true;
    return false;
  };

  /** The first pair kept apart (x of ra's group, y of rb's) in member order, as a scan of all pairs finds it. */
  const forbiddenPair = (ra: string, rb: string): readonly [string, string] | undefined => {
    const left = apart.get(ra)!;
    const right = apart.get(rb)!;
    if (left.size === 0 || right.size === 0 || !opposed(left, right)) return undefined;
    // The first x of the left group kept from the right one, then the first y of the right group kept from x.
    let x: string | undefined;
    for (const id of tagged.get(ra)!) if ((x === undefined || position.get(id)! < position.get(x)!) && keptFrom(apartOf!(id), rb)) x = id;
    const sidesOfX = apartOf!(x!);
    let y: string | undefined;
    for (const id of tagged.get(rb)!) {
      if (y !== undefined && position.get(id)! > position.get(y)!) continue;
      for (const [separation, side] of apartOf!(id)) {
        const sideOfX = sidesOfX.get(separation);
        if (sideOfX !== undefined && sideOfX !== side) {
          y = id;
          break;
        }
      }
    }
    return [x!, y!];
  };

  /**
   * Two different values of a unique kind across the groups (or within one), reported as a scan of
   * the left group's members then the right one's, reading each record's `uniqueValues`, reports it.
   */
  const uniqueClash = (ra: string, rb: string): string | undefined => {
    const lv = values.get(ra)!;
    const rv = values.get(rb)!;
    if (lv.clash || rv.clash) {
      // Only manual links put two values of a space in one group: scan as before (rare). Such a group
      // joins nothing after the manual links, so the clash a scan finds in the left group alone stays.
      if (lv.clash && lv.reason !== undefined) return lv.reason;
      const seenValues = new Map<string, string>();
      for (const id of [...members.get(ra)!, ...members.get(rb)!]) {
        for (const [space, key] of ctx.uniqueValues(id)) {
          const seen = seenValues.get(space);
          if (seen !== undefined && seen !== key) {
            const reason = `two different ${space} values (${seen}, ${key})`;
            if (lv.clash && find(id) === ra) lv.reason = reason;
            return reason;
          }
          seenValues.set(space, key);
        }
      }
      return undefined;
    }
    // Each group holds one value per space: the first clash is at the first right member holding a
    // value of a space the left group holds differently, in that member's own order of spaces.
    let first = -1;
    const [few, many] = lv.spaces.size <= rv.spaces.size ? [lv.spaces, rv.spaces] : [rv.spaces, lv.spaces];
    for (const [space, v] of few) {
      const w = many.get(space);
      if (w === undefined || w.key === v.key) continue;
      const at = rv.spaces.get(space)!.first;
      if (first === -1 || at < first) first = at;
    }
    if (first === -1) return undefined;
    for (const [space, key] of ctx.uniqueValues(members.get(rb)![first]!)) {
      const seen = lv.spaces.get(space);
      if (seen !== undefined && seen.key !== key) return `two different ${space} values (${seen.key}, ${key})`;
    }
    return undefined;
  };

  const whyNot = (ra: string, rb: string, checkConflicts: boolean): string | undefined => {
    const left = members.get(ra)!;
    const right = members.get(rb)!;
    const unlinkedPair = forbiddenPair(ra, rb);
    if (unlinkedPair !== undefined) return `unlinked by an agent: ${unlinkedPair[0]} and ${unlinkedPair[1]}`;
    const clash = uniqueClash(ra, rb);
    if (clash !== undefined) return clash;
    if (!checkConflicts) return undefined;
    let checks = 0;
    for (const x of left) {
      for (const y of right) {
        if (++checks > ctx.maxChecks) return undefined;
        const reason = ctx.conflict(x, y);
        if (reason !== undefined) return `${x} and ${y} clearly differ: ${reason}`;
      }
    }
    return undefined;
  };

  /**
   * Name-only links, once every other link is used. Every one of them that does not conflict in
   * itself makes its two groups rivals (a second "Juan García" with another phone still makes the
   * name ambiguous); two groups join when each one's only rival is the other, through their most
   * probable joinable link (`ordered` is sorted). Decided on the groups as they stand, so the pairs
   * are disjoint and the order of joining cannot matter.
   */
  const joinByNames = (candidates: readonly Link[]): void => {
    const rivals = new Map<string, Set<string>>();
    for (const link of candidates) {
      const ra = find(link.a);
      const rb = find(link.b);
      if (ra === rb || link.conflict || ctx.conflict(link.a, link.b) !== undefined) continue;
      for (const [x, y] of [[ra, rb], [rb, ra]] as const) {
        let set = rivals.get(x);
        if (!set) rivals.set(x, (set = new Set()));
        set.add(y);
      }
    }
    const threshold = ctx.nameOnlyThreshold ?? Number.POSITIVE_INFINITY;
    const plans: [Link, string, string][] = [];
    for (const link of candidates) {
      if (!(link.probability >= threshold) || link.contradiction !== false) continue;
      const ra = find(link.a);
      const rb = find(link.b);
      // A link that conflicts in itself made no rivals and joins nothing.
      if (ra === rb || rivals.get(ra)?.has(rb) !== true) continue;
      const other = [...rivals.get(ra)!, ...rivals.get(rb)!].find((r) => r !== ra && r !== rb);
      if (other !== undefined) {
        refused.push({ link, reason: `names alone, and the name also matches another person (record ${members.get(other)![0]!})` });
        continue;
      }
      plans.push([link, ra, rb]);
    }
    const reachable = (root: string): boolean => ctx.hasContact === undefined || members.get(root)!.some((id) => ctx.hasContact!(id));
    for (const [link, ra, rb] of plans) {
      if (find(ra) === find(rb)) continue;
      const bare = [ra, rb].find((r) => !reachable(r));
      const reason =
        (bare !== undefined ? `names alone, and ${members.get(bare)![0]!}'s person has no email, phone or username of its own` : undefined) ??
        whyNot(ra, rb, true) ??
        contradiction(ra, rb);
      if (reason !== undefined) {
        refused.push({ link, reason });
        continue;
      }
      union(ra, rb);
      accepted.push(link);
    }
  };
  const contradiction = (ra: string, rb: string): string | undefined => {
    if (ctx.contradicts === undefined) return undefined;
    let checks = 0;
    for (const x of members.get(ra)!) {
      for (const y of members.get(rb)!) {
        if (++checks > ctx.maxChecks) return 'names alone, between groups too large to check';
        if (ctx.contradicts(x, y)) return `names alone, and ${x} and ${y} differ beyond the name`;
      }
    }
    return undefined;
  };

  // Ambiguous links are refused before any joining, so the outcome cannot depend on link order.
  const ambiguous = new Map<Link, string>();
  const byRecord = new Map<string, Link[]>();
  for (const link of links) {
    // A link that conflicts in itself is never used, so it makes nothing ambiguous. Name-only links
    // have their own rule (one group each side).
    if (link.nameOnly === true || link.unique || link.conflict || ctx.conflict(link.a, link.b) !== undefined) continue;
    for (const r of [link.a, link.b]) {
      let list = byRecord.get(r);
      if (!list) byRecord.set(r, (list = []));
      list.push(link);
    }
  }
  for (const [x, list] of [...byRecord].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
    if (list.length < 2) continue;
    const other = (l: Link): string => (l.a === x ? l.b : l.a);
    const sorted = [...list].sort((p, q) => q.weight - p.weight || (other(p) < other(q) ? -1 : 1));
    const best = sorted[0]!;
    for (const rival of sorted.slice(1)) {
      if (best.weight - rival.weight >= ctx.ambiguityMargin) break;
      const reason = ctx.conflict(other(best), other(rival));
      if (reason === undefined) continue;
      const why = `ambiguous: ${x} matches both ${other(best)} and ${other(rival)}, who clearly differ (${reason})`;
      for (const l of sorted) if (best.weight - l.weight < ctx.ambiguityMargin && !ambiguous.has(l)) ambiguous.set(l, why);
      break;
    }
  }

  const ordered = [...links].sort((x, y) => {
    if (x.unique !== y.unique) return x.unique ? -1 : 1;
    if (x.probability !== y.probability) return y.probability - x.probability;
    return comparePairKeys(x.a, x.b, y.a, y.b);
  });
  const nameOnly: Link[] = [];
  for (const link of ordered) {
    if (link.nameOnly === true && !link.unique) {
      nameOnly.push(link);
      continue;
    }
    const ra = find(link.a);
    const rb = find(link.b);
    if (ra === rb) continue;
    const reason = ambiguous.get(link) ?? whyNot(ra, rb, !link.unique);
    if (reason !== undefined) {
      refused.push({ link, reason });
      continue;
    }
    union(ra, rb);
    accepted.push(link);
  }
  if (nameOnly.length > 0) joinByNames(nameOnly);

  const groups = [...members.values()].map((g) => [...g].sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
  return { groups, accepted, refused };
}
