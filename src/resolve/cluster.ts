/**
 * Deterministic clustering of one connected component of the link graph.
 *
 * Manual links join first. Then links on a shared unique identifier (same external customer id),
 * then scored links from the most to the least probable (ties broken by the pair's ids), each joining
 * two groups only when nothing forbids it:
 * - a manual unlink between any two of their records;
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
  /** True when a manual unlink forbids this pair. */
  forbidden(a: string, b: string): boolean;
  /**
   * Every record a manual unlink keeps apart from this one (`forbidden(a, b)` is true exactly when b
   * is among `forbiddenWith(a)`). Given, a join checks the few forbidden pairs of its records instead
   * of every pair across the two groups; absent, every pair is asked of `forbidden`.
   */
  forbiddenWith?(recordId: string): Iterable<string>;
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
  // Per group (by root): the records that have a forbidden partner (when `forbiddenWith` is given),
  // and its unique-kind values, each with the first member holding a value of that space. Merged on
  // union, the smaller into the larger, so a join no longer reads every member of both groups.
  const forbiddenWith = ctx.forbiddenWith?.bind(ctx);
  const unlinked = new Map<string, string[]>();
  const values = new Map<string, GroupValues>();
  for (const id of recordIds) {
    parent.set(id, id);
    members.set(id, [id]);
    position.set(id, 0);
    if (forbiddenWith !== undefined) {
      const some = forbiddenWith(id)[Symbol.iterator]().next().done !== true;
      unlinked.set(id, some ? [id] : []);
    }
    const own = new Map<string, { key: string; first: number }>();
    for (const [space, key] of ctx.uniqueValues(id)) own.set(space, { key, first: 0 });
    values.set(id, { spaces: own, clash: false });
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
    if (forbiddenWith !== undefined) {
      const [into, from] = unlinked.get(big)!.length >= unlinked.get(small)!.length ? [unlinked.get(big)!, unlinked.get(small)!] : [unlinked.get(small)!, unlinked.get(big)!];
      for (const id of from) into.push(id);
      unlinked.set(big, into);
      unlinked.delete(small);
    }
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

  /** The first forbidden pair (x of ra's group, y of rb's) in member order, as a scan of all pairs finds it. */
  const forbiddenPair = (ra: string, rb: string): readonly [string, string] | undefined => {
    const left = members.get(ra)!;
    const right = members.get(rb)!;
    if (forbiddenWith === undefined) {
      for (const x of left) for (const y of right) if (ctx.forbidden(x, y)) return [x, y];
      return undefined;
    }
    const fromLeft = unlinked.get(ra)!;
    const fromRight = unlinked.get(rb)!;
    if (fromLeft.length === 0 || fromRight.length === 0) return undefined;
    const [scan, otherRoot] = fromLeft.length <= fromRight.length ? [fromLeft, rb] : [fromRight, ra];
    let best: [string, string] | undefined;
    for (const x of scan) {
      for (const y of forbiddenWith(x)) {
        if (!parent.has(y) || find(y) !== otherRoot) continue;
        const pair: [string, string] = otherRoot === rb ? [x, y] : [y, x];
        if (best === undefined || position.get(pair[0])! < position.get(best[0])! || (pair[0] === best[0] && position.get(pair[1])! < position.get(best[1])!)) best = pair;
      }
    }
    return best;
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
