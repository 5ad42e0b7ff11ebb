import type { ContactRecord } from '../model/contact-record.js';
import { safeParseContactRecord } from '../model/contact-record.js';
import { OmnilinkError } from '../model/errors.js';
import { deepFreeze } from '../internal/freeze.js';
import { UnionFind } from '../internal/union-find.js';
import { IDENTIFIER_KINDS, type Identifier, type IdentifierKind } from '../model/identifier.js';
import { toIdentifier } from '../normalize/identifier.js';
import type { Person } from '../model/person.js';
import { CandidateIndex } from './candidate-index.js';
import { type ClusterContext, type ClusterResult, type Link, clusterComponent, pairKey } from './cluster.js';
import { hasPersonalName, recordsConflict } from './conflict.js';
import { isFixedLineKey } from './fixed-line.js';
import { generationOf } from './generation.js';
import { type GoldenRecord, goldenRecordOf } from './golden-record.js';
import { LinkStore } from './link-store.js';
import { personIdOf } from './person-id.js';
import { Separations, type SideBits, opposed } from './separations.js';
import type {
  LinkEvidence,
  MergeLogEntry,
  RecordExplanation,
  RejectedRecord,
  ResolveResult,
  ResolverChange,
  ResolverOptions,
  ReviewSuggestion,
  UniqueIdentifierRule,
} from './resolver-types.js';

const BLOCK_PREFIX = 'b:';

/**
 * An identifier's match keys are its strict key and the variant forms that name the same account: a
 * phone written otherwise (the Brazilian ninth digit, Mexico's +52 1), an email's loose key (Gmail
 * ignores dots, every major provider delivers +tag addresses to the same inbox); other kinds have
 * no variant keys (this empty list).
 */
const EMPTY_KEYS: readonly string[] = [];
/** The unique values of a record without any (read only). */
const NO_VALUES: ReadonlyMap<string, string> = new Map();
const DEFAULT_UNIQUE: readonly UniqueIdentifierRule[] = [{ kind: 'external_id' }, { kind: 'loyalty_id' }];

/** True when `k` is a strict or (phone, email) variant key of one of the first `n` of `ids`. */
function holdsMatchKey(ids: readonly Identifier[], n: number, k: string): boolean {
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (id.key === k) return true;
    if ((id.kind === 'phone' || id.kind === 'email') && id.variantKeys !== undefined && id.variantKeys.includes(k)) return true;
  }
  return false;
}

/** True when the two records share a fixed-line phone: a key or variant key of each. */
function sharesFixedLine(a: ContactRecord, b: ContactRecord): boolean {
  const ia = a.identifiers;
  for (let i = 0; i < ia.length; i++) {
    const x = ia[i]!;
    if (x.kind !== 'phone' || x.key === undefined) continue;
    const variants = x.variantKeys ?? EMPTY_KEYS;
    for (let v = 0; v <= variants.length; v++) {
      const k = v === 0 ? x.key : variants[v - 1]!;
      if (isFixedLineKey(k) && holdsMatchKey(b.identifiers, b.identifiers.length, k)) return true;
    }
  }
  return false;
}

/** True when `k` is the strict key of one of the first `n` of `ids`. */
function holdsStrictKey(ids: readonly Identifier[], n: number, k: string): boolean {
  for (let i = 0; i < n; i++) if (ids[i]!.key === k) return true;
  return false;
}

/** The evidence of a link, frozen: it is kept (explain, merge log) and handed out (merged changes). */
function evidenceOf(link: ClusterResultLink): LinkEvidence {
  if ('manual' in link) return Object.freeze({ a: link.a, b: link.b, via: 'manual' });
  const via = link.unique ? 'unique' : link.identifier !== undefined ? 'identifier' : 'scored';
  return Object.freeze({
    a: link.a,
    b: link.b,
    via,
    ...(link.identifier !== undefined ? { key: link.identifier } : {}),
    probability: link.probability,
    weight: link.weight,
    ...(link.nameOnly === true ? { nameOnly: true as const } : {}),
  });
}

/** The probability an exact shared identifier gives a link at least. */
const IDENTIFIER_PROBABILITY = 0.999;
/** Identifier kinds a person is reached at, as opposed to a channel's account ids. */
const CONTACT_KINDS: ReadonlySet<IdentifierKind> = new Set(['email', 'phone', 'username']);
const DEFAULT_DETERMINISTIC: readonly IdentifierKind[] = ['email', 'phone', 'user_id', 'username', 'visitor_id', 'device_id'];
type ClusterResultLink = ClusterResult['accepted'][number];

const NO_KEYS: readonly string[] = [];

/**
 * The identity graph: contact records linked into persons, kept up to date one record or one batch
 * at a time. See {@link createResolver}.
 */
export class Resolver {
  private readonly scorer: ResolverOptions['scorer'];
  private readonly matchThreshold: number;
  private readonly possibleThreshold: number;
  private readonly uniqueRules: readonly UniqueIdentifierRule[];
  private readonly uniqueKinds: ReadonlySet<IdentifierKind>;
  private readonly maxConflictChecks: number;
  private readonly ambiguityMargin: number;
  private readonly deterministic: ReadonlySet<IdentifierKind>;
  private readonly minCorroboration: number;
  private readonly nameOnlyThreshold: number;
  private readonly now: () => string;
  private readonly blocklist: ReadonlySet<string>;

  private readonly records = new Map<string, ContactRecord>();
  private readonly index: CandidateIndex;
  private readonly genericKeys = new Map<string, number>();
  private readonly links = new LinkStore();
  private readonly personOfRecord = new Map<string, string>();
  private readonly personRecords = new Map<string, readonly string[]>();
  private readonly personEvidence = new Map<string, LinkEvidence[]>();
  private readonly suggestionsByPair = new Map<string, ReviewSuggestion>();
  /** Record id -> keys of the suggestions that involve it (so a change touches only its own). */
  private readonly suggestionsOfRecord = new Map<string, Set<string>>();
  private readonly forced = new Map<string, Set<string>>();
  private readonly separations = new Separations();
  private readonly redirects = new Map<string, string>();
  private readonly log: MergeLogEntry[] = [];
  private readonly listeners: ((changes: readonly ResolverChange[]) => void)[] = [];
  /** Records as the scorer sees them, keyed by id, with the generic keys that shaped them. */
  private readonly views = new Map<string, { readonly generic: string; readonly view: ContactRecord }>();
  /** Scratch list of {@link Resolver.sharedIdentifier} (its first items are the pair's; it allocates nothing per pair). */
  private readonly scratchIds: Identifier[] = [];

  constructor(options: ResolverOptions) {
    if (typeof options?.scorer?.score !== 'function') throw new OmnilinkError('invalid_config', 'createResolver needs a scorer with a score() method');
    this.scorer = options.scorer;
    this.matchThreshold = options.matchThreshold ?? 0.9;
    this.possibleThreshold = options.possibleThreshold ?? 0.5;
    if (!(this.possibleThreshold <= this.matchThreshold) || this.matchThreshold > 1 || this.possibleThreshold < 0) {
      throw new OmnilinkError('invalid_config', 'thresholds must satisfy 0 <= possibleThreshold <= matchThreshold <= 1');
    }
    this.uniqueRules = options.unique ?? DEFAULT_UNIQUE;
    requireKinds(this.uniqueRules, 'unique', (r: UniqueIdentifierRule | null) => r?.kind);
    this.uniqueKinds = new Set(this.uniqueRules.map((r) => r.kind));
    this.maxConflictChecks = wholeOption(options.maxConflictChecks, 'maxConflictChecks', 400);
    this.ambiguityMargin = finiteOption(options.ambiguityMargin, 'ambiguityMargin', 5);
    this.deterministic = new Set(requireKinds(options.deterministic ?? DEFAULT_DETERMINISTIC, 'deterministic', (k: IdentifierKind) => k));
    this.minCorroboration = finiteOption(options.minCorroboration, 'minCorroboration', 3);
    this.nameOnlyThreshold = options.nameOnlyThreshold ?? 1;
    if (Number.isNaN(this.nameOnlyThreshold)) throw new OmnilinkError('invalid_config', 'nameOnlyThreshold must be a number');
    this.now = options.now ?? (() => new Date().toISOString());
    this.blocklist = blocklistKeys(options.blocklist ?? []);
    const maxPerIdentifier = wholeOption(options.maxRecordsPerIdentifier, 'maxRecordsPerIdentifier', 10);
    const maxBlock = wholeOption(options.maxBlockSize, 'maxBlockSize', 50);
    this.index = new CandidateIndex(
      (key) => (key.startsWith(BLOCK_PREFIX) ? maxBlock : maxPerIdentifier),
      (key) => (this.genericKeys.get(key) ?? 0) > 0 || this.blocklist.has(key),
    );
  }

  // ---------------------------------------------------------------- queries

  /** The person a record belongs to, or undefined for an unknown record. */
  personOf(recordId: string): string | undefined {
    return this.personOfRecord.get(recordId);
  }

  /**
   * The persons holding an identifier with this key, sorted: usually one, several when the value
   * is shared (a family landline) or generic. Keys are what `toIdentifier` writes
   * (`phone:+5511987654321`, `email:ana@example.com`, `user_id:<namespace>:<id>`), so a customer is
   * found by phone or email whatever record id their channel gave them.
   */
  personsWithKey(key: string): string[] {
    const persons = new Set<string>();
    for (const recordId of this.index.members(key)) {
      // The index also holds looser variant keys and blocking keys: only an identifier's own key counts.
      if (!this.records.get(recordId)!.identifiers.some((i) => i.key === key)) continue;
      const person = this.personOfRecord.get(recordId);
      if (person !== undefined) persons.add(person);
    }
    return [...persons].sort();
  }

  /** The live id a (possibly absorbed) person id now stands for; undefined when it is gone. */
  canonicalId(personId: string): string | undefined {
    let id = personId;
    for (let hops = 0; hops < 1000; hops++) {
      if (this.personRecords.has(id)) return id;
      const next = this.redirects.get(id);
      if (next === undefined) return undefined;
      id = next;
    }
    return undefined;
  }

  /** A person by id (absorbed ids redirect to the survivor). */
  person(personId: string): Person | undefined {
    const id = this.canonicalId(personId);
    return id === undefined ? undefined : this.personView(id);
  }

  /** Every person, sorted by id. */
  persons(): Person[] {
    return [...this.personRecords.keys()].sort().map((id) => this.personView(id));
  }

  /** A record by id (as validated when added; frozen, like every value the resolver hands out). */
  record(recordId: string): ContactRecord | undefined {
    return this.records.get(recordId);
  }

  /** Number of records held. */
  get size(): number {
    return this.records.size;
  }

  /** The golden record of a person: the best value of each attribute, with provenance. */
  goldenRecord(personId: string): GoldenRecord | undefined {
    const id = this.canonicalId(personId);
    if (id === undefined) return undefined;
    return goldenRecordOf(id, this.personRecords.get(id)!.map((r) => this.records.get(r)!));
  }

  /** Why a record belongs to its person: the chain of links to the person's first record. */
  /** A person's links by record, each oriented from that record (`a`) to the other (`b`). */
  private adjacencyOf(personId: string): Map<string, LinkEvidence[]> {
    const adjacency = new Map<string, LinkEvidence[]>();
    for (const e of this.personEvidence.get(personId) ?? []) {
      for (const [x, y] of [[e.a, e.b], [e.b, e.a]] as const) {
        let list = adjacency.get(x);
        if (!list) adjacency.set(x, (list = []));
        list.push({ ...e, a: x, b: y });
      }
    }
    return adjacency;
  }

  /**
   * For every record of a person but its first, the first link of a shortest path from the record
   * to that first record (as `explain` gives it in `path[0]`: from the record, `a`, to the next one,
   * `b`), for the whole person at once: calling `explain` per record of a large person costs the
   * person's size each time. An absorbed person id reads its survivor.
   */
  firstLinksOf(personId: string): ReadonlyMap<string, LinkEvidence> {
    const resolved = this.canonicalId(personId);
    const out = new Map<string, LinkEvidence>();
    const records = resolved === undefined ? undefined : this.personRecords.get(resolved);
    if (resolved === undefined || records === undefined) return out;
    const root = records[0]!;
    const adjacency = this.adjacencyOf(resolved);
    const queue = [root];
    const seen = new Set(queue);
    for (let i = 0; i < queue.length; i++) {
      for (const e of adjacency.get(queue[i]!) ?? []) {
        if (seen.has(e.b)) continue;
        seen.add(e.b);
        out.set(e.b, { ...e, a: e.b, b: e.a });
        queue.push(e.b);
      }
    }
    return out;
  }

  explain(recordId: string): RecordExplanation | undefined {
    const personId = this.personOfRecord.get(recordId);
    if (personId === undefined) return undefined;
    const root = this.personRecords.get(personId)![0]!;
    const adjacency = this.adjacencyOf(personId);
    const previous = new Map<string, LinkEvidence>();
    const queue = [recordId];
    const seen = new Set(queue);
    while (queue.length > 0 && !seen.has(root)) {
      const x = queue.shift()!;
      for (const e of adjacency.get(x) ?? []) {
        if (seen.has(e.b)) continue;
        seen.add(e.b);
        previous.set(e.b, e);
        queue.push(e.b);
      }
    }
    const path: LinkEvidence[] = [];
    for (let node = root; node !== recordId && previous.has(node); ) {
      const e = previous.get(node)!;
      path.unshift(e);
      node = e.a;
    }
    const details = path.map((e) =>
      (e.via === 'scored' || e.via === 'identifier') && this.scorer.explain ? this.scorer.explain(this.records.get(e.a)!, this.records.get(e.b)!) : undefined,
    );
    return { recordId, personId, path, details };
  }

  /** The scorer's explanation of any two records, linked or not. */
  explainPair(a: string, b: string): unknown {
    const ra = this.requireRecord(a);
    const rb = this.requireRecord(b);
    return this.scorer.explain ? this.scorer.explain(ra, rb) : this.scorer.score(ra, rb);
  }

  /**
   * Possible matches for an agent to review, most probable first. Two persons an agent kept apart
   * (unlink, split, unmerge) are decided and never offered again, nor are records that join either
   * of them later.
   */
  suggestions(): ReviewSuggestion[] {
    return [...this.suggestionsByPair.values()].sort((x, y) => y.probability - x.probability || (pairKey(x.a, x.b) < pairKey(y.a, y.b) ? -1 : 1));
  }

  /** Every merge, oldest first, with its evidence. */
  mergeLog(): readonly MergeLogEntry[] {
    return this.log.slice();
  }

  /** Identifier keys found to be generic in the data (shared by more records than allowed, or blocklisted). */
  genericIdentifierKeys(): string[] {
    return this.index.unusableSharedKeys().filter((k) => !k.startsWith(BLOCK_PREFIX));
  }

  /**
   * @internal Manual links, what unlinks, splits and unmerges keep apart (single pairs, then larger
   * separations) and redirects, for snapshots.
   */
  overrides(): { forced: [string, string][]; forbidden: [string, string][]; separations: [string[], string[]][]; redirects: [string, string][] } {
    const forced: [string, string][] = [];
    for (const [a, set] of this.forced) for (const b of set) if (a < b) forced.push([a, b]);
    const forbidden: [string, string][] = [];
    const separations: [string[], string[]][] = [];
    for (const [l, r] of this.separations.list()) {
      if (l.length === 1 && r.length === 1) forbidden.push([l[0]!, r[0]!]);
      else separations.push([l, r]);
    }
    return { forced: forced.sort(), forbidden, separations, redirects: [...this.redirects].sort() };
  }

  /** @internal Restore overrides and the merge log (used by restoreResolver before adding records). */
  loadOverrides(
    forced: readonly (readonly [string, string])[],
    forbidden: readonly (readonly [string, string])[],
    redirects: readonly (readonly [string, string])[],
    log: readonly MergeLogEntry[],
    separations: readonly (readonly [readonly string[], readonly string[]])[] = [],
  ): void {
    for (const [a, b] of forced) this.addForced(a, b);
    for (const [a, b] of forbidden) this.separations.separate([a], [b]);
    for (const [l, r] of separations) this.separations.separate(l, r);
    for (const [from, to] of redirects) this.redirects.set(from, to);
    for (const entry of log) this.log.push(deepFreeze(entry));
  }

  /**
   * Call `listener` with the changes of every `add`, `remove` and agent decision made from now on,
   * whoever made it, right after the resolver applied them (the same changes the call returns).
   * Returns a function that stops the calls. An omnichannel hub subscribes to its resolver, so a
   * decision made on `hub.resolver` directly moves messages too.
   */
  subscribe(listener: (changes: readonly ResolverChange[]) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  // ---------------------------------------------------------------- changes

  /**
   * Add records (or replace records with the same id). Invalid records are rejected with their issues;
   * the rest of the batch is still taken. An identifier without a `key` is never a deterministic
   * key (only the match model compares its raw value): build identifiers with `toIdentifier`.
   */
  add(input: ContactRecord | readonly ContactRecord[]): ResolveResult {
    const list: readonly unknown[] = Array.isArray(input) ? input : [input];
    const rejected: RejectedRecord[] = [];
    const valid: ContactRecord[] = [];
    const seenInBatch = new Set<string>();
    list.forEach((candidate, index) => {
      const parsed = safeParseContactRecord(candidate);
      if (!parsed.success) {
        const id = (candidate as { id?: unknown } | null)?.id;
        rejected.push({ index, ...(typeof id === 'string' ? { recordId: id } : {}), issues: parsed.issues });
        return;
      }
      if (seenInBatch.has(parsed.data.id)) {
        rejected.push({ index, recordId: parsed.data.id, issues: [{ code: 'invalid_value', path: ['id'], message: `duplicate record id ${parsed.data.id} in one batch` }] });
        return;
      }
      seenInBatch.add(parsed.data.id);
      // The parsed copy is kept and handed out (record(), snapshots): frozen, so editing it cannot
      // change the resolver behind its back.
      valid.push(deepFreeze(parsed.data));
    });
    this.scorer.prepare?.(valid);
    const fresh: string[] = [];
    const touched = new Set<string>();
    const flipped = new Set<string>();
    for (const record of valid) {
      if (this.records.has(record.id)) this.detach(record.id, touched, flipped);
      this.records.set(record.id, record);
      this.views.delete(record.id);
      for (const id of record.identifiers) if (id.generic === true && id.key !== undefined) this.bumpGeneric(id.key, +1, flipped);
      for (const key of this.index.add(record.id, this.keysOf(record))) flipped.add(key);
      fresh.push(record.id);
      touched.add(record.id);
    }
    // Each pair once: a pair of two fresh records is scored when the earlier one is reached (a
    // one-record add has no other fresh record: no map of them).
    const freshAt = fresh.length > 1 ? new Map(fresh.map((id, i) => [id, i])) : undefined;
    for (let i = 0; i < fresh.length; i++) {
      const id = fresh[i]!;
      for (const other of this.index.candidates(id)) {
        const j = freshAt?.get(other);
        // A fresh record has no links yet (a replaced one was detached): nothing to replace.
        if (j === undefined || j > i) this.scorePair(id, other, true);
      }
    }
    this.applyFlips(flipped, touched);
    return { changes: this.recluster(touched), rejected };
  }

  /** Remove records by id. Unknown ids are ignored. */
  remove(recordIds: string | readonly string[]): ResolveResult {
    const ids = typeof recordIds === 'string' ? [recordIds] : recordIds;
    const touched = new Set<string>();
    const flipped = new Set<string>();
    for (const id of ids) {
      if (!this.records.has(id)) continue;
      this.detach(id, touched, flipped);
      this.records.delete(id);
      this.views.delete(id);
      for (const other of this.forced.get(id) ?? []) this.forced.get(other)?.delete(id);
      this.forced.delete(id);
      // `id` stays in `touched`: recluster needs it to see the person it leaves.
    }
    this.applyFlips(flipped, touched);
    return { changes: this.recluster(touched), rejected: [] };
  }

  /**
   * Force two records into one person (an agent's decision; persists until unlinked). What kept
   * their two persons apart before (an unlink, split or unmerge between their records) is lifted.
   */
  link(a: string, b: string): ResolveResult {
    this.requireRecord(a);
    this.requireRecord(b);
    if (a === b) return { changes: [], rejected: [] };
    this.allow([[a, b]]);
    this.addForced(a, b);
    return { changes: this.recluster(new Set([a, b])), rejected: [] };
  }

  /**
   * {@link Resolver.link} for many pairs at once, re-clustering once: linking thousands of records
   * pair by pair re-clusters a growing person each time.
   */
  linkAll(pairs: Iterable<readonly [string, string]>): ResolveResult {
    const touched = new Set<string>();
    const linked: (readonly [string, string])[] = [];
    for (const [a, b] of pairs) {
      this.requireRecord(a);
      this.requireRecord(b);
      if (a === b) continue;
      linked.push([a, b]);
      touched.add(a);
      touched.add(b);
    }
    this.allow(linked);
    for (const [a, b] of linked) this.addForced(a, b);
    return touched.size === 0 ? { changes: [], rejected: [] } : { changes: this.recluster(touched), rejected: [] };
  }

  /** Forbid two records from ever being in one person (an agent's decision; persists until linked). */
  unlink(a: string, b: string): ResolveResult {
    this.requireRecord(a);
    this.requireRecord(b);
    if (a === b) throw new OmnilinkError('invalid_argument', 'cannot unlink a record from itself');
    this.separate([a], [b]);
    return { changes: this.recluster(new Set([a, b])), rejected: [] };
  }

  /** Split the given records out of a person: they and the rest may never join again. */
  split(personId: string, recordIds: readonly string[]): ResolveResult {
    const id = this.canonicalId(personId);
    if (id === undefined) throw new OmnilinkError('not_found', `unknown person ${personId}`);
    const members = this.personRecords.get(id)!;
    const out = new Set(recordIds);
    for (const r of out) if (!members.includes(r)) throw new OmnilinkError('invalid_argument', `record ${r} is not in person ${id}`);
    const rest = members.filter((r) => !out.has(r));
    if (out.size === 0 || rest.length === 0) return { changes: [], rejected: [] };
    this.separate([...out], rest);
    return { changes: this.recluster(new Set(members)), rejected: [] };
  }

  /** Undo the last merge that formed a person: its former groups separate and stay apart. */
  unmerge(personId: string): ResolveResult {
    const id = this.canonicalId(personId);
    if (id === undefined) throw new OmnilinkError('not_found', `unknown person ${personId}`);
    const members = new Set(this.personRecords.get(id)!);
    // The latest merge that formed this person and is not undone yet (an undone one leaves at most
    // one of its groups here), so unmerging again goes one merge further back.
    const within = (e: MergeLogEntry): string[][] => e.groups.map((g) => g.recordIds.filter((r) => members.has(r))).filter((g) => g.length > 0);
    let groups: string[][] | undefined;
    for (let i = this.log.length - 1; i >= 0 && groups === undefined; i--) {
      const e = this.log[i]!;
      if (e.personId !== id) continue;
      const g = within(e);
      if (g.length > 1) groups = g;
    }
    if (groups === undefined) throw new OmnilinkError('not_found', `person ${id} was not formed by a merge, or every merge that formed it is undone`);
    for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) this.separate(groups[i]!, groups[j]!);
    return { changes: this.recluster(members), rejected: [] };
  }

  // ---------------------------------------------------------------- internals

  private requireRecord(id: string): ContactRecord {
    const r = this.records.get(id);
    if (!r) throw new OmnilinkError('not_found', `unknown record ${id}`);
    return r;
  }

  private addForced(a: string, b: string): void {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      let set = this.forced.get(x);
      if (!set) this.forced.set(x, (set = new Set()));
      set.add(y);
    }
  }

  /**
   * Lift what forbade the persons the pairs join to be one (an earlier unlink, split or unmerge
   * between their records): an agent who links two records says the two customers are one, so a
   * record must not be torn from its person because it was once kept from the other. Pairs that
   * chain (a-b, b-c) join all their persons, as linking them one by one would.
   */
  private allow(pairs: readonly (readonly [string, string])[]): void {
    if (this.separations.size === 0 || pairs.length === 0) return;
    // The persons each chain of pairs joins, as groups of their records.
    const sets = new UnionFind();
    const persons = new Set<string>();
    const personOf = (record: string): string => {
      const p = this.personOfRecord.get(record) ?? `record:${record}`;
      persons.add(p);
      return p;
    };
    for (const [a, b] of pairs) sets.union(personOf(a), personOf(b));
    const groups = new Map<string, Set<string>>();
    for (const p of persons) {
      const g = sets.find(p);
      let group = groups.get(g);
      if (group === undefined) groups.set(g, (group = new Set()));
      for (const r of p.startsWith('record:') ? [p.slice(7)] : (this.personRecords.get(p) ?? [])) group.add(r);
    }
    for (const group of groups.values()) this.separations.lift(group);
  }

  /**
   * Keep every record of `left` apart from every record of `right`, dropping manual links between
   * them. A single pair already kept apart adds nothing, so repeated unlinks stay one entry.
   */
  private separate(left: readonly string[], right: readonly string[]): void {
    const rightSet = new Set(right);
    for (const x of left) {
      const partners = this.forced.get(x);
      if (partners === undefined) continue;
      for (const y of partners) {
        if (!rightSet.has(y)) continue;
        partners.delete(y);
        this.forced.get(y)?.delete(x);
      }
    }
    if (left.length === 1 && right.length === 1 && this.separations.apart(left[0]!, right[0]!)) return;
    this.separations.separate(left, right);
  }

  /**
   * Count a record's identifier marked generic. The first mark blocks the key and the last one's
   * removal frees it: a usability change, so the links it made or would make are looked at again
   * (as if the records had all come in one batch).
   */
  private bumpGeneric(key: string, delta: number, flipped: Set<string>): void {
    const before = this.genericKeys.get(key) ?? 0;
    const n = before + delta;
    if (n > 0) this.genericKeys.set(key, n);
    else this.genericKeys.delete(key);
    if ((before > 0) !== (n > 0) && !this.blocklist.has(key)) flipped.add(key);
  }

  /** Take a record out of the index and the link graph, remembering what must be re-examined. */
  private detach(id: string, touched: Set<string>, flipped: Set<string>): void {
    const record = this.records.get(id)!;
    for (const x of record.identifiers) if (x.generic === true && x.key !== undefined) this.bumpGeneric(x.key, -1, flipped);
    for (const key of this.index.remove(id)) flipped.add(key);
    for (const other of this.links.deleteRecord(id)) touched.add(other);
    const person = this.personOfRecord.get(id);
    if (person !== undefined) for (const r of this.personRecords.get(person) ?? []) touched.add(r);
    for (const other of this.forced.get(id) ?? []) touched.add(other);
    touched.add(id);
  }

  private keysOf(record: ContactRecord): string[] {
    const keys: string[] = [];
    for (const id of record.identifiers) {
      if (id.key === undefined) continue;
      keys.push(id.key);
      if (id.variantKeys) keys.push(...id.variantKeys);
    }
    for (const k of this.scorer.blockingKeys(this.viewOf(record))) keys.push(BLOCK_PREFIX + k);
    return keys;
  }

  /** The record as the scorer sees it: identifiers whose keys are generic in the data are marked generic. */
  private viewOf(record: ContactRecord): ContactRecord {
    let generic = '';
    // Twice per pair scored: an index loop (no iterator results).
    const ids = record.identifiers;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id.generic === true || id.key === undefined) continue;
      if (!this.index.usable(id.key) && this.index.size(id.key) > 1) generic += `${id.key}\u0000`;
    }
    if (generic === '') return record;
    const cached = this.views.get(record.id);
    if (cached !== undefined && cached.generic === generic) return cached.view;
    const marks = new Set(generic.split('\u0000'));
    const identifiers = record.identifiers.map((id): Identifier => (id.key !== undefined && id.generic !== true && marks.has(id.key) ? { ...id, generic: true } : id));
    const view = { ...record, identifiers };
    this.views.set(record.id, { generic, view });
    return view;
  }

  private uniqueValues(recordId: string): ReadonlyMap<string, string> {
    const record = this.records.get(recordId);
    // Most records hold no identifier of a unique kind: one shared empty map for them (clustering
    // asks for every record of both groups at each join).
    if (!record || !this.holdsUniqueKind(record)) return NO_VALUES;
    const out = new Map<string, string>();
    for (const id of record.identifiers) {
      if (!this.isUniqueIdentifier(id)) continue;
      for (const rule of this.uniqueRules) {
        if (rule.kind !== id.kind || (rule.namespace !== undefined && rule.namespace !== id.namespace)) continue;
        out.set(`${id.kind}:${id.namespace ?? ''}`, id.key!);
      }
    }
    return out;
  }

  private holdsUniqueKind(record: ContactRecord): boolean {
    const ids = record.identifiers;
    for (let i = 0; i < ids.length; i++) if (this.uniqueKinds.has(ids[i]!.kind)) return true;
    return false;
  }

  /** Same answer as comparing `uniqueValues` of both records, without building them (a hot path). */
  private sharesUnique(a: string, b: string): boolean {
    const ra = this.records.get(a);
    const rb = this.records.get(b);
    if (!ra || !rb) return false;
    const ia = ra.identifiers;
    const ib = rb.identifiers;
    let any = false;
    for (let i = 0; i < ia.length; i++) if (this.uniqueKinds.has(ia[i]!.kind)) any = true;
    if (!any) return false;
    for (let i = 0; i < ib.length; i++) {
      const id = ib[i]!;
      if (!this.isUniqueIdentifier(id)) continue;
      // uniqueValues keeps the last identifier of each kind and namespace.
      if (this.laterUniqueOfSpace(ib, i, id)) continue;
      let ka: string | undefined;
      for (let q = 0; q < ia.length; q++) {
        const x = ia[q]!;
        if (x.kind === id.kind && (x.namespace ?? '') === (id.namespace ?? '') && this.isUniqueIdentifier(x)) ka = x.key;
      }
      if (ka === id.key) return true;
    }
    return false;
  }

  private isUniqueIdentifier(id: Identifier): boolean {
    // A placeholder customer id ('0', 'N/A') shared by strangers, or a blocklisted one, is no
    // evidence, so it cannot force a merge nor forbid one either.
    if (!this.isUsableKey(id)) return false;
    const rules = this.uniqueRules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (rule.kind === id.kind && (rule.namespace === undefined || rule.namespace === id.namespace)) return true;
    }
    return false;
  }

  private laterUniqueOfSpace(ids: readonly Identifier[], i: number, id: Identifier): boolean {
    for (let j = i + 1; j < ids.length; j++) {
      const x = ids[j]!;
      if (x.kind === id.kind && (x.namespace ?? '') === (id.namespace ?? '') && this.isUniqueIdentifier(x)) return true;
    }
    return false;
  }

  private conflictOf(a: string, b: string): string | undefined {
    const ra = this.records.get(a)!;
    const rb = this.records.get(b)!;
    const own = recordsConflict(ra, rb);
    if (own !== undefined) return this.scorer.sharesPersonalIdentifier?.(this.viewOf(ra), this.viewOf(rb)) === true ? undefined : own;
    const link = this.links.get(a, b);
    if (link) return link.conflict ? (link.conflictReasons?.join('; ') ?? 'the scorer found a conflict') : undefined;
    const score = this.scorer.score(this.viewOf(ra), this.viewOf(rb));
    return score.conflict === true ? (score.conflictReasons?.join('; ') ?? 'the scorer found a conflict') : undefined;
  }

  /**
   * Whether something beyond the name speaks against two records of the persons a name-only link
   * would join (a scorer that does not tell: yes). Records that share an identifier never do.
   */
  private contradicts(a: string, b: string): boolean {
    const link = this.links.get(a, b);
    if (link !== undefined && (link.identifier !== undefined || link.unique)) return false;
    const ra = this.records.get(a)!;
    const rb = this.records.get(b)!;
    if (link === undefined && this.sharedIdentifier(ra, rb) !== undefined) return false;
    if (generationOf(ra) !== generationOf(rb)) return true;
    return (link?.contradiction ?? this.scorer.score(this.viewOf(ra), this.viewOf(rb)).contradiction) !== false;
  }

  /**
   * The exact identifier key two records share that links them deterministically: a strict key both
   * hold if there is one (the smallest), else a phone variant form they share.
   */
  private sharedIdentifier(a: ContactRecord, b: ContactRecord): string | undefined {
    if (this.deterministic.size === 0) return undefined;
    // `a`'s deterministic identifiers; their strict keys and match keys are looked up by scanning
    // (records hold a handful of identifiers: cheaper than building sets for every pair).
    // (A hot path: index loops, no closures, and `b`'s match keys read in place, not copied.)
    // (`ofA` is a scratch list kept between calls: its first `n` items are this pair's.)
    const ofA = this.scratchIds;
    let n = 0;
    const ia = a.identifiers;
    for (let i = 0; i < ia.length; i++) if (this.isDeterministicKey(ia[i]!)) ofA[n++] = ia[i]!;
    if (n === 0) return undefined;
    let best: string | undefined;
    let bestStrict = false;
    // A household's landline pins a call on one member only when both records name the person.
    let named: boolean | undefined;
    const ib = b.identifiers;
    for (let i = 0; i < ib.length; i++) {
      const id = ib[i]!;
      if (!this.isDeterministicKey(id)) continue;
      // Its match keys: the strict key, then the variant keys.
      const variants = (id.kind === 'phone' || id.kind === 'email') && id.variantKeys !== undefined ? id.variantKeys : EMPTY_KEYS;
      for (let v = 0; v <= variants.length; v++) {
        const k = v === 0 ? id.key! : variants[v - 1]!;
        if (!holdsMatchKey(ofA, n, k)) continue;
        if (isFixedLineKey(k) && !(named ??= hasPersonalName(a) && hasPersonalName(b))) continue;
        const isStrict = k === id.key && holdsStrictKey(ofA, n, k);
        if (best === undefined || (isStrict && !bestStrict) || (isStrict === bestStrict && k < best)) {
          best = k;
          bestStrict = isStrict;
        }
      }
    }
    return best;
  }

  /** A key that is evidence: present, not generic, not blocklisted, not shared by too many records. */
  private isUsableKey(id: Identifier): boolean {
    return id.key !== undefined && id.generic !== true && this.index.usable(id.key) && !this.blocklist.has(id.key) && !this.blocklist.has(id.value);
  }

  /** The keys two records share that are generic or blocked (see isUsableKey), sorted. */
  private sharedGenericKeys(a: string, b: string): readonly string[] {
    const ia = this.records.get(a)?.identifiers ?? [];
    const ib = this.records.get(b)?.identifiers ?? [];
    let out: Set<string> | undefined;
    // Most pairs share no key at all: compared in place first, the key index asked only then.
    for (const x of ia) {
      if (x.key === undefined) continue;
      let shared = false;
      for (const y of ib) if (y.key === x.key) shared = true;
      if (shared && !this.isUsableKey(x)) (out ??= new Set()).add(x.key);
    }
    return out === undefined ? NO_KEYS : [...out].sort();
  }

  private isDeterministicKey(id: Identifier): boolean {
    return this.deterministic.has(id.kind) && this.isUsableKey(id);
  }

  /** Score a pair and keep, replace or drop its link; `unlinked` says the pair has no link now. */
  private scorePair(a: string, b: string, unlinked = false): void {
    const ra = this.records.get(a)!;
    const rb = this.records.get(b)!;
    const unique = this.sharesUnique(a, b);
    const identifier = this.sharedIdentifier(ra, rb);
    const s = this.scorer.score(this.viewOf(ra), this.viewOf(rb));
    let probability = Number.isFinite(s.probability) ? Math.min(1, Math.max(0, s.probability)) : 0;
    if (identifier !== undefined) probability = Math.max(probability, IDENTIFIER_PROBABILITY);
    if (!unique && probability < this.possibleThreshold) {
      if (!unlinked) this.links.delete(a, b);
      return;
    }
    const conflictReasons = s.conflictReasons ?? [];
    let corroboration = s.corroboration !== undefined && Number.isFinite(s.corroboration) ? (identifier === undefined && this.onlyLandline(ra, rb) ? 0 : s.corroboration) : undefined;
    // A father and his son of one name live at one address: where they live says nothing for a
    // pair whose names differ by a generational marker (Sergio García Luna and ... Jr.).
    const place = s.placeCorroboration ?? 0;
    if (corroboration !== undefined && identifier === undefined && place > 0 && generationOf(ra) !== generationOf(rb)) corroboration = Math.max(0, corroboration - place);
    const link: Link = {
      a: a < b ? a : b,
      b: a < b ? b : a,
      probability,
      weight: Number.isFinite(s.weight) ? s.weight : 0,
      conflict: s.conflict === true,
      ...(conflictReasons.length > 0 ? { conflictReasons } : {}),
      unique,
      ...(identifier !== undefined ? { identifier } : {}),
      ...(corroboration !== undefined ? { corroboration } : {}),
      ...(s.contradiction !== undefined && this.nameOnlyThreshold < 1 ? { contradiction: s.contradiction || this.namesDiffer(ra, rb, corroboration) } : {}),
    };
    if (unlinked) this.links.append(link);
    else this.links.set(link);
  }

  /**
   * For a link whose evidence is only names: true when the names themselves say two persons may
   * carry them (a generational marker on one side only: Daniel Queiroz and Daniel Queiroz Júnior),
   * or a landline the records share was discounted (a call from home names nobody in particular).
   */
  private namesDiffer(a: ContactRecord, b: ContactRecord, corroboration: number | undefined): boolean {
    if (corroboration === undefined || corroboration >= this.minCorroboration) return false;
    return generationOf(a) !== generationOf(b) || this.onlyLandline(a, b);
  }

  /**
   * True when the two records share a fixed-line phone and one of them names nobody: a call from a
   * household's landline cannot be pinned on one member, so that phone is no evidence for the link.
   */
  private onlyLandline(a: ContactRecord, b: ContactRecord): boolean {
    // Either side's variant reading counts (a national number read in the list's country), as in
    // sharedIdentifier: the answer must not depend on which record is `a`.
    return sharesFixedLine(a, b) && !(hasPersonalName(a) && hasPersonalName(b));
  }

  /** Keys whose usability changed: drop links no longer generated, add new ones, rescore the rest. */
  private applyFlips(flipped: Set<string>, touched: Set<string>): void {
    // A link rescored or dropped once is settled for every key of this batch of flips: the index
    // is final here, so asking again per flipped key (a record with hundreds of shared keys flips
    // them all at once) only repeated the same work.
    const settled = new Set<string>();
    for (const key of [...flipped].sort()) {
      const members = [...this.index.members(key)].sort();
      const usable = this.index.usable(key);
      // A blocking key says nothing of the records themselves (their views and shared identifiers
      // read identifier keys only): when one flips, its members' links score the same, and once it
      // is no longer usable only the links it alone generated change. A phonetic name block
      // reaching its cap at a million records touched its fifty records and their persons.
      const block = key.startsWith(BLOCK_PREFIX);
      for (const m of members) {
        if (!block || usable) touched.add(m);
        for (const other of this.links.others(m)) {
          const pair = pairKey(m, other);
          if (settled.has(pair)) continue;
          if (this.index.shareUsableKey(m, other)) {
            if (block) continue;
            settled.add(pair);
            this.scorePair(m, other);
          } else {
            settled.add(pair);
            this.links.delete(m, other);
            touched.add(m);
          }
          touched.add(other);
        }
      }
      if (usable) {
        for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) this.scorePair(members[i]!, members[j]!);
      }
    }
  }

  private isMatchLink(link: Link): boolean {
    if (link.unique || link.identifier !== undefined) return link.unique || link.probability >= this.matchThreshold;
    return link.probability >= this.matchThreshold && !this.uncorroborated(link);
  }

  /**
   * With name-only merging on, a link whose evidence is all names: it may join two persons, or make
   * a name ambiguous (see `nameOnlyThreshold`), so it belongs to the component clustered together.
   */
  private isNameLink(link: Link): boolean {
    return this.nameOnlyThreshold < 1 && !link.unique && link.identifier === undefined && this.uncorroborated(link);
  }

  /** A scored link whose evidence is (almost) all names. */
  private uncorroborated(link: Link): boolean {
    return link.corroboration !== undefined && link.corroboration < this.minCorroboration;
  }

  /** Re-cluster every record connected to `touched` and report what changed. */
  private recluster(touched: Set<string>): ResolverChange[] {
    const { set, before } = this.affectedBy(touched);
    const ids = [...set].sort();
    const result = this.cluster(ids, set);
    const changes = this.applyGroups(result, before);
    this.suggest(ids, before, result);
    if (changes.length > 0) for (const listener of [...this.listeners]) listener(changes);
    return changes;
  }

  /**
   * The records whose person may change when `touched` did: everything reachable through match
   * links, manual links and current person membership; and the person each of them (and each
   * touched record removed since) was in before.
   */
  private affectedBy(touched: Set<string>): { set: Set<string>; before: Map<string, string> } {
    const set = new Set<string>();
    const queue: string[] = [];
    const visit = (id: string): void => {
      if (set.has(id) || !this.records.has(id)) return;
      set.add(id);
      queue.push(id);
    };
    const before = new Map<string, string>();
    for (const id of touched) {
      visit(id);
      const p = this.personOfRecord.get(id);
      if (p !== undefined) for (const r of this.personRecords.get(p) ?? []) visit(r);
    }
    // Records removed from the resolver still count for the "before" picture.
    for (const id of touched) if (!this.records.has(id) && this.personOfRecord.has(id)) before.set(id, this.personOfRecord.get(id)!);
    while (queue.length > 0) {
      const id = queue.pop()!;
      for (const link of this.links.of(id)) if (this.isMatchLink(link) || this.isNameLink(link)) visit(link.a === id ? link.b : link.a);
      for (const other of this.forced.get(id) ?? []) visit(other);
      const p = this.personOfRecord.get(id);
      if (p !== undefined) for (const r of this.personRecords.get(p) ?? []) visit(r);
    }
    for (const id of set) {
      const p = this.personOfRecord.get(id);
      if (p !== undefined) before.set(id, p);
    }
    return { set, before };
  }

  /** Cluster the affected records (sorted) with their match links, manual links and constraints. */
  private cluster(ids: readonly string[], set: ReadonlySet<string>): ClusterResult {
    const links: Link[] = [];
    const forced: [string, string][] = [];
    for (const id of ids) {
      for (const link of this.links.of(id)) {
        if (link.a !== id || !set.has(link.b)) continue;
        if (this.isNameLink(link)) links.push({ ...link, nameOnly: true });
        else if (this.isMatchLink(link)) links.push(link);
      }
      for (const other of this.forced.get(id) ?? []) if (id < other && set.has(other)) forced.push([id, other]);
    }
    // Per pair (smaller id, then the other): a map of maps, not one map of pair-key strings. A large
    // person asks up to maxConflictChecks pairs per join, millions in all: one key string each filled
    // memory, and a single Map holds at most 2^24 entries.
    const conflictCache = new Map<string, Map<string, string | undefined>>();
    const ctx: ClusterContext = {
      forced,
      apartOf: (id) => this.separations.of(id),
      uniqueValues: (id) => this.uniqueValues(id),
      conflict: (a, b) => {
        const first = a < b ? a : b;
        let row = conflictCache.get(first);
        if (row === undefined) conflictCache.set(first, (row = new Map()));
        const second = a < b ? b : a;
        if (row.has(second)) return row.get(second);
        const reason = this.conflictOf(a, b);
        row.set(second, reason);
        return reason;
      },
      maxChecks: this.maxConflictChecks,
      ambiguityMargin: this.ambiguityMargin,
      ...(this.nameOnlyThreshold < 1
        ? {
            nameOnlyThreshold: Math.max(this.nameOnlyThreshold, this.matchThreshold),
            contradicts: (a: string, b: string) => this.contradicts(a, b),
            hasContact: (id: string) => this.records.get(id)!.identifiers.some((x) => CONTACT_KINDS.has(x.kind) && this.isUsableKey(x)),
          }
        : {}),
    };
    // Without links every record is a person of its own (what clusterComponent gives, cheaper: most
    // one-record adds link to nobody).
    return links.length === 0 && forced.length === 0 ? { groups: ids.map((id) => [id]), accepted: [], refused: [] } : clusterComponent(ids, links, ctx);
  }

  /** Make the clustered groups the persons of their records, and describe the changes from `before`. */
  private applyGroups(result: ClusterResult, before: ReadonlyMap<string, string>): ResolverChange[] {
    const oldPersons = new Map<string, string[]>();
    for (const [record, person] of before) {
      let list = oldPersons.get(person);
      if (!list) oldPersons.set(person, (list = []));
      list.push(record);
    }
    // A person's first record (its records are sorted): a group with the same first record has its id.
    const firstOf = new Map<string, string>();
    for (const person of oldPersons.keys()) {
      const first = this.personRecords.get(person)?.[0];
      if (first !== undefined) firstOf.set(first, person);
      for (const r of this.personRecords.get(person) ?? []) this.personOfRecord.delete(r);
      this.personRecords.delete(person);
      this.personEvidence.delete(person);
    }
    for (const id of before.keys()) this.personOfRecord.delete(id);

    const changes: (ResolverChange | undefined)[] = [];
    const merging: { at: number; id: string; olds: string[]; group: readonly string[]; evidence: Map<string, LinkEvidence> }[] = [];
    const evidenceByRecord = new Map<string, LinkEvidence[]>();
    for (const link of result.accepted) {
      const e = evidenceOf(link);
      for (const r of [link.a, link.b]) {
        let list = evidenceByRecord.get(r);
        if (!list) evidenceByRecord.set(r, (list = []));
        list.push(e);
      }
    }
    const at = this.now();
    const splits = new Map<string, Set<string>>();
    for (const group of result.groups) {
      const id = firstOf.get(group[0]!) ?? personIdOf(group);
      // Frozen: handed out as is (Person.recordIds, changes), so a caller cannot edit the person.
      this.personRecords.set(id, Object.freeze(group));
      for (const r of group) this.personOfRecord.set(r, id);
      const evidence = new Map<string, LinkEvidence>();
      for (const r of group) for (const e of evidenceByRecord.get(r) ?? []) evidence.set(pairKey(e.a, e.b), e);
      this.personEvidence.set(id, [...evidence.values()]);
      this.redirects.delete(id);

      const olds = [...new Set(group.map((r) => before.get(r)).filter((p): p is string => p !== undefined))].sort();
      for (const old of olds) {
        let pieces = splits.get(old);
        if (!pieces) splits.set(old, (pieces = new Set()));
        pieces.add(id);
      }
      if (olds.length === 0) {
        changes.push({ type: 'created', personId: id, recordIds: group });
      } else if (olds.length === 1 && olds[0] === id) {
        const previous = new Set(oldPersons.get(id) ?? []);
        const now = new Set(group);
        const added = group.filter((r) => !previous.has(r));
        const removed = [...previous].filter((r) => !now.has(r)).sort();
        if (added.length > 0 || removed.length > 0) changes.push({ type: 'updated', personId: id, added, removed });
      } else {
        // Settled once every group is placed: only then is it known which earlier persons are gone.
        merging.push({ at: changes.length, id, olds, group, evidence });
        changes.push(undefined);
      }
    }
    // A group absorbed the earlier persons it took whole (they are gone, and no other group holds a
    // piece of them). A piece of a person that split is announced by the split: the group it joined
    // is updated if it kept its id, and nothing more is said of a piece that forms a new person.
    for (const m of merging) {
      const absorbed = m.olds.filter((o) => o !== m.id && !this.personRecords.has(o) && splits.get(o)?.size === 1);
      const crossing = [...m.evidence.values()].filter((e) => before.get(e.a) !== before.get(e.b));
      const groups = m.olds.map((o) => ({ personId: o, recordIds: m.group.filter((r) => before.get(r) === o) }));
      const fresh = m.group.filter((r) => !before.has(r));
      if (fresh.length > 0) groups.push({ personId: personIdOf(fresh), recordIds: fresh });
      // The merge log keeps every joining of persons (unmerge undoes it). New records joining one
      // person are not a merge of persons, whichever id sorts first (split takes one out again).
      if (m.olds.length > 1) this.log.push(deepFreeze({ at, personId: m.id, groups, evidence: crossing }));
      if (absorbed.length > 0) changes[m.at] = { type: 'merged', personId: m.id, absorbed, evidence: crossing, recordIds: m.group };
      else if (m.olds.includes(m.id)) {
        const previous = new Set(oldPersons.get(m.id) ?? []);
        const now = new Set(m.group);
        changes[m.at] = { type: 'updated', personId: m.id, added: m.group.filter((r) => !previous.has(r)), removed: [...previous].filter((r) => !now.has(r)).sort() };
      }
    }
    for (const [old, pieces] of [...splits].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      if (pieces.size > 1) {
        const into = [...pieces].sort();
        changes.unshift({ type: 'split', personId: old, into, pieces: into.map((personId) => ({ personId, recordIds: this.personRecords.get(personId)! })) });
      }
      else if (!this.personRecords.has(old)) {
        const [survivor] = pieces;
        if (survivor !== undefined && pieces.size === 1) this.redirects.set(old, survivor);
      }
    }
    for (const old of oldPersons.keys()) {
      if (!splits.has(old) && !this.personRecords.has(old)) changes.push({ type: 'deleted', personId: old });
    }
    return changes.filter((c): c is ResolverChange => c !== undefined);
  }

  /** Review suggestions for the records examined: their links that join two persons, each with why it did not merge. */
  private suggest(ids: readonly string[], before: ReadonlyMap<string, string>, result: ClusterResult): void {
    for (const id of ids) this.dropSuggestions(id);
    for (const id of before.keys()) this.dropSuggestions(id);
    const refusedReason = result.refused.length === 0 ? undefined : new Map(result.refused.map((r) => [pairKey(r.link.a, r.link.b), r.reason]));
    const sides = new Map<string, ReadonlyMap<number, SideBits>>();
    const sidesOf = (person: string): ReadonlyMap<number, SideBits> => {
      let known = sides.get(person);
      if (known === undefined) sides.set(person, (known = this.separations.sidesOf(this.personRecords.get(person) ?? [])));
      return known;
    };
    for (const id of ids) {
      for (const link of this.links.of(id)) {
        const other = link.a === id ? link.b : link.a;
        const pa = this.personOfRecord.get(id);
        const pb = this.personOfRecord.get(other);
        if (pa === undefined || pb === undefined || pa === pb) continue;
        // An agent decided these two persons are not one (unlink, split, unmerge): nothing to review.
        if (this.separations.size > 0 && opposed(sidesOf(pa), sidesOf(pb))) continue;
        const key = pairKey(id, other);
        const generic = this.sharedGenericKeys(id, other);
        const reason =
          (refusedReason?.get(key) ??
            (link.conflict
              ? `conflict: ${link.conflictReasons?.join('; ') ?? ''}`
              : link.probability >= this.matchThreshold && this.uncorroborated(link)
                ? `names agree but little else does (${(link.corroboration ?? 0).toFixed(1)} bits of other evidence)`
                : 'below the match threshold')) +
          (generic.length > 0 ? `; the ${generic.join(', ')} they share ${generic.length > 1 ? 'are generic values' : 'is a generic value'} (a placeholder, role address or value on too many records), no evidence` : '');
        this.suggestionsByPair.set(
          key,
          Object.freeze({
            a: link.a,
            b: link.b,
            personA: this.personOfRecord.get(link.a)!,
            personB: this.personOfRecord.get(link.b)!,
            probability: link.probability,
            weight: link.weight,
            reason,
          }),
        );
        for (const r of [link.a, link.b]) {
          let keys = this.suggestionsOfRecord.get(r);
          if (!keys) this.suggestionsOfRecord.set(r, (keys = new Set()));
          keys.add(key);
        }
      }
    }
  }

  /** Forget the review suggestions that involve a record. */
  private dropSuggestions(id: string): void {
    const keys = this.suggestionsOfRecord.get(id);
    if (keys === undefined) return;
    for (const key of keys) {
      const old = this.suggestionsByPair.get(key);
      if (old === undefined) continue;
      this.suggestionsByPair.delete(key);
      this.suggestionsOfRecord.get(old.a === id ? old.b : old.a)?.delete(key);
    }
    this.suggestionsOfRecord.delete(id);
  }

  private personView(id: string): Person {
    const recordIds = this.personRecords.get(id)!;
    const records = recordIds.map((r) => this.records.get(r)!);
    const identifiers = new Map<string, Identifier>();
    for (const record of records) {
      for (const identifier of record.identifiers) {
        const key = identifier.key ?? `raw:${identifier.kind}:${identifier.namespace ?? ''}:${identifier.value}`;
        const seen = identifiers.get(key);
        if (!seen || (identifier.verified && !seen.verified)) identifiers.set(key, identifier);
      }
    }
    const golden = goldenRecordOf(id, records);
    return {
      id,
      recordIds,
      identifiers: [...identifiers.values()],
      ...(golden.name !== undefined ? { name: golden.name.value } : {}),
      channels: golden.channelUsage.channels,
    };
  }
}

/**
 * Create an identity graph. Records go in with `add`; persons, explanations, review suggestions,
 * a merge log and snapshots come out. Person ids are stable: the same records give the same persons
 * and ids whatever the order or batching in which they arrived.
 *
 * @example
 * ```ts
 * const resolver = createResolver({ scorer: createModelScorer(trainModel(records)) });
 * const { changes } = resolver.add(records); // records: ContactRecord[] (recordFromRow, or built with toIdentifier)
 * for (const change of changes) if (change.type === 'merged') crm.merge(change.absorbed, change.personId);
 * resolver.personOf('crm-17'); // 'p_3f2a…'
 * ```
 */
export function createResolver(options: ResolverOptions): Resolver {
  return new Resolver(options);
}

/**
 * The blocklist as the keys it stops: each entry as given (a key such as `email:test@test.com`, or a
 * raw value), and for a value that reads as an email or an international phone number, its key too
 * (`Test@Test.com` stops `email:test@test.com`, which is what records carry and the index compares).
 */
function blocklistKeys(entries: readonly string[]): ReadonlySet<string> {
  if (!Array.isArray(entries)) throw new OmnilinkError('invalid_config', 'blocklist must be an array of strings');
  const out = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== 'string') throw new OmnilinkError('invalid_config', `blocklist entries must be strings, got ${typeof entry}`);
    out.add(entry);
    const colon = entry.indexOf(':');
    if (colon > 0 && (IDENTIFIER_KINDS as readonly string[]).includes(entry.slice(0, colon))) continue;
    for (const kind of ['email', 'phone'] as const) {
      const id = toIdentifier({ kind, value: entry, verified: false });
      if (id.success && id.data.key !== undefined) out.add(id.data.key);
    }
  }
  return out;
}

/** A whole number >= 1 option, or its default; anything else is an invalid_config error. */
function wholeOption(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new OmnilinkError('invalid_config', `${name} must be a whole number >= 1, got ${String(value)}`);
  return value;
}

/** A finite number >= 0 option, or its default; anything else is an invalid_config error. */
function finiteOption(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new OmnilinkError('invalid_config', `${name} must be a finite number >= 0, got ${String(value)}`);
  return value;
}

/** A list option whose items name identifier kinds: an array, every kind known. */
function requireKinds<T>(list: readonly T[], name: string, kindOf: (item: T) => unknown): readonly T[] {
  if (!Array.isArray(list)) throw new OmnilinkError('invalid_config', `${name} must be an array`);
  for (const item of list) {
    const kind = kindOf(item);
    if (!(IDENTIFIER_KINDS as readonly unknown[]).includes(kind)) throw new OmnilinkError('invalid_config', `${name}: unknown identifier kind ${JSON.stringify(kind)} (one of ${IDENTIFIER_KINDS.join(', ')})`);
  }
  return list;
}
