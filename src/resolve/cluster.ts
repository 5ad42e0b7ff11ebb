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

export function clusterComponent(recordIds: readonly string[], links: readonly Link[], ctx: ClusterContext): ClusterResult {
  const parent = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const id of recordIds) {
    parent.set(id, id);
    members.set(id, [id]);
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
    members.get(big)!.push(...members.get(small)!);
    members.delete(small);
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

  const whyNot = (ra: string, rb: string, checkConflicts: boolean): string | undefined => {
    const left = members.get(ra)!;
    const right = members.get(rb)!;
    for (const x of left) for (const y of right) if (ctx.forbidden(x, y)) return `unlinked by an agent: ${x} and ${y}`;
    const values = new Map<string, string>();
    for (const id of [...left, ...right]) {
      for (const [space, key] of ctx.uniqueValues(id)) {
        const seen = values.get(space);
        if (seen !== undefined && seen !== key) return `two different ${space} values (${seen}, ${key})`;
        values.set(space, key);
      }
    }
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

  // Ambiguous links are refused before any joining, so the outcome cannot depend on link order.
  const ambiguous = new Map<Link, string>();
  const byRecord = new Map<string, Link[]>();
  for (const link of links) {
    // A link that conflicts in itself is never used, so it makes nothing ambiguous.
    if (link.unique || link.conflict || ctx.conflict(link.a, link.b) !== undefined) continue;
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
    const kx = pairKey(x.a, x.b);
    const ky = pairKey(y.a, y.b);
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
  for (const link of ordered) {
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

  const groups = [...members.values()].map((g) => [...g].sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
  return { groups, accepted, refused };
}
