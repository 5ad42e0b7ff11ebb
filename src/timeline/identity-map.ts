import { OmnilinkError } from '../model/errors.js';

/**
 * Prefix of the pseudo identifier key a {@link TimelineOptions.personOf} function places a message
 * by: `person:<personId>`. Such a key follows its person through merges (it resolves through the
 * merge redirects), so timelines placed by a `personOf` function merge and split like the others.
 */
export const PERSON_KEY_PREFIX = 'person:';

/** What changed in an {@link IdentityMap}: the keys whose person may now be different. */
export interface IdentityMapChange {
  readonly keys: readonly string[];
}

/** Called synchronously after every change of an {@link IdentityMap}. */
export type IdentityMapListener = (change: IdentityMapChange) => void;

/**
 * The record of a merge: the keys that moved from `absorbed` to `survivor`. Hand it back to
 * {@link IdentityMap.split} (as `Object.fromEntries(record.keys.map((k) => [k, record.absorbed]))`)
 * to undo the merge exactly; {@link undoMergeAssignments} builds that for you.
 */
export interface MergeRecord {
  readonly survivor: string;
  readonly absorbed: string;
  /** The keys that belonged to `absorbed`, sorted, including its `person:` pseudo key. */
  readonly keys: readonly string[];
}

/** Key-to-person assignments for {@link IdentityMap.split}. */
export type KeyAssignments = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

const MAX_HOPS = 64;

function requireText(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) throw new OmnilinkError('invalid_argument', `${what} must be a non-empty string`);
}

/**
 * Which person each identifier key belongs to: the structure the identity resolver drives and the
 * timeline reads. Besides plain assignments it knows
 * - aliases: a key that follows another key's person (a WhatsApp user id that rotated follows the
 *   previous id) unless it is assigned explicitly;
 * - merges: `merge(survivor, absorbed)` moves every key of `absorbed` to `survivor` and leaves a
 *   redirect, so `resolvePerson(absorbed)` answers `survivor`;
 * - splits: `split(person, assignments)` moves the given keys to other (possibly revived) persons.
 *
 * Listeners hear about every change, with the keys whose person may have changed; a
 * {@link TimelineStore} subscribes to keep its timelines in step.
 *
 * @example
 * ```ts
 * const ids = createIdentityMap([['phone:+5511987654321', 'p1'], ['email:ana@x.com', 'p2']]);
 * const record = ids.merge('p1', 'p2');
 * ids.personOf('email:ana@x.com'); // 'p1'
 * ids.split('p1', undoMergeAssignments(record));
 * ids.personOf('email:ana@x.com'); // 'p2'
 * ```
 */
export class IdentityMap {
  private readonly assigned = new Map<string, string>();
  private readonly keysByPerson = new Map<string, Set<string>>();
  private readonly aliasOf = new Map<string, string>();
  private readonly aliasedBy = new Map<string, Set<string>>();
  private readonly redirect = new Map<string, string>();
  private readonly absorbedInto = new Map<string, Set<string>>();
  private readonly listeners: IdentityMapListener[] = [];

  /** The person a key belongs to: its own assignment, else its alias target's, else none. */
  personOf(key: string): string | undefined {
    const direct = this.assigned.get(key);
    if (direct !== undefined) return direct;
    let k = key;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const next = this.aliasOf.get(k);
      if (next === undefined) break;
      k = next;
      const p = this.assigned.get(k);
      if (p !== undefined) return p;
    }
    return k.startsWith(PERSON_KEY_PREFIX) ? this.resolvePerson(k.slice(PERSON_KEY_PREFIX.length)) : undefined;
  }

  /** The person id to use for `personId`: the survivor when it was absorbed by a merge, else itself. */
  resolvePerson(personId: string): string {
    return this.redirect.get(personId) ?? personId;
  }

  /** The keys explicitly assigned to a person, sorted. */
  keysOf(personId: string): readonly string[] {
    const keys = this.keysByPerson.get(this.resolvePerson(personId));
    return keys === undefined ? [] : [...keys].sort();
  }

  /** Every person with at least one explicitly assigned key, sorted. */
  persons(): readonly string[] {
    return [...this.keysByPerson.keys()].sort();
  }

  /** The key `key` follows (set by {@link IdentityMap.alias}), if any. */
  aliasTargetOf(key: string): string | undefined {
    return this.aliasOf.get(key);
  }

  /**
   * Assign a key to a person (moving it if it had another). An absorbed person id is replaced by
   * its survivor.
   */
  assign(key: string, personId: string): void {
    requireText(key, 'key');
    requireText(personId, 'personId');
    this.setKey(key, this.resolvePerson(personId));
    this.emit([key]);
  }

  /** Remove a key's explicit assignment (it may still follow an alias). */
  unassign(key: string): void {
    const had = this.assigned.get(key);
    if (had === undefined) return;
    this.assigned.delete(key);
    this.keysByPerson.get(had)?.delete(key);
    if (this.keysByPerson.get(had)?.size === 0) this.keysByPerson.delete(had);
    this.emit([key]);
  }

  /**
   * Make `key` follow `target`'s person unless `key` is assigned explicitly (a rotated or changed
   * id keeps the previous id's person). Replaces an earlier alias of `key`. A key follows at most
   * 64 aliases: an id rotated more than 64 times since the last id assigned to a person has none
   * (assign a later id of the chain).
   */
  alias(key: string, target: string): void {
    requireText(key, 'key');
    requireText(target, 'target');
    if (key === target || this.aliasOf.get(key) === target) return;
    const old = this.aliasOf.get(key);
    if (old !== undefined) this.aliasedBy.get(old)?.delete(key);
    this.aliasOf.set(key, target);
    let set = this.aliasedBy.get(target);
    if (set === undefined) this.aliasedBy.set(target, (set = new Set()));
    set.add(key);
    this.emit([key]);
  }

  /**
   * Move every key of `absorbed` to `survivor` and redirect `absorbed` (and whatever it had
   * absorbed) to `survivor`. Merging a person with itself does nothing.
   */
  merge(survivor: string, absorbed: string): MergeRecord {
    requireText(survivor, 'survivor');
    requireText(absorbed, 'absorbed');
    const s = this.resolvePerson(survivor);
    const a = this.resolvePerson(absorbed);
    if (s === a) return { survivor: s, absorbed: a, keys: [] };
    const keys = this.keysOf(a);
    for (const key of keys) this.setKey(key, s);
    const changed: string[] = [...keys, PERSON_KEY_PREFIX + a];
    let into = this.absorbedInto.get(s);
    if (into === undefined) this.absorbedInto.set(s, (into = new Set()));
    for (const x of this.absorbedInto.get(a) ?? []) {
      this.redirect.set(x, s);
      into.add(x);
      changed.push(PERSON_KEY_PREFIX + x);
    }
    this.absorbedInto.delete(a);
    this.redirect.set(a, s);
    into.add(a);
    this.emit(changed);
    return { survivor: s, absorbed: a, keys: [...new Set([...keys, PERSON_KEY_PREFIX + a])].sort() };
  }

  /**
   * Move some keys of `personId` to other persons. A target person that had been absorbed by a
   * merge is revived (its redirect is removed). Every key must currently belong to `personId`.
   *
   * @throws {@link OmnilinkError} `invalid_argument` when a key does not belong to `personId`.
   */
  split(personId: string, assignments: KeyAssignments): void {
    requireText(personId, 'personId');
    const p = this.resolvePerson(personId);
    const pairs: [string, string][] = assignments instanceof Map ? [...assignments] : Object.entries(assignments as Record<string, string>);
    for (const [key, target] of pairs) {
      requireText(target, `target of ${key}`);
      if (this.personOf(key) !== p) throw new OmnilinkError('invalid_argument', `key ${key} does not belong to person ${p}`);
    }
    const changed: string[] = [];
    for (const [, target] of pairs) {
      const s = this.redirect.get(target);
      if (s === undefined) continue;
      this.redirect.delete(target);
      this.absorbedInto.get(s)?.delete(target);
      changed.push(PERSON_KEY_PREFIX + target);
    }
    for (const [key, target] of pairs) {
      changed.push(key);
      if (key === PERSON_KEY_PREFIX + target && !this.assigned.has(key)) continue; // revived above
      this.setKey(key, target);
    }
    this.emit(changed);
  }

  /** Listen to changes; returns the function that stops listening. */
  subscribe(listener: IdentityMapListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private setKey(key: string, personId: string): void {
    const had = this.assigned.get(key);
    if (had === personId) return;
    if (had !== undefined) {
      const set = this.keysByPerson.get(had);
      set?.delete(key);
      if (set?.size === 0) this.keysByPerson.delete(had);
    }
    this.assigned.set(key, personId);
    let set = this.keysByPerson.get(personId);
    if (set === undefined) this.keysByPerson.set(personId, (set = new Set()));
    set.add(key);
  }

  /**
   * Tell listeners, adding every key that follows a changed key through aliases, up to MAX_HOPS
   * away: personOf never looks further, so a follower past that cannot change. (Rotations that
   * arrive newest first build the chain backwards; walking all of it on each made them quadratic.)
   */
  private emit(keys: string[]): void {
    if (this.listeners.length === 0) return;
    const seen = new Set<string>(keys);
    let level = [...seen];
    for (let depth = 0; depth < MAX_HOPS && level.length > 0; depth++) {
      const next: string[] = [];
      for (const k of level) {
        for (const f of this.aliasedBy.get(k) ?? []) {
          if (seen.has(f)) continue;
          seen.add(f);
          next.push(f);
        }
      }
      level = next;
    }
    const change: IdentityMapChange = { keys: [...seen] };
    for (const listener of [...this.listeners]) listener(change);
  }
}

/**
 * Create an {@link IdentityMap}, optionally with initial key-to-person assignments.
 *
 * @example
 * ```ts
 * const ids = createIdentityMap([['email:ana@x.com', 'p1']]);
 * ids.personOf('email:ana@x.com'); // 'p1'
 * ```
 */
export function createIdentityMap(assignments?: Iterable<readonly [string, string]>): IdentityMap {
  const map = new IdentityMap();
  if (assignments !== undefined) for (const [key, person] of assignments) map.assign(key, person);
  return map;
}

/**
 * The assignments that undo a merge when given to {@link IdentityMap.split} (or
 * `TimelineStore.splitPerson`): every key the absorbed person had goes back to it.
 *
 * @example
 * ```ts
 * const record = store.mergePersons('p1', 'p2');
 * store.splitPerson('p1', undoMergeAssignments(record)); // p2's timeline is back, exactly
 * ```
 */
export function undoMergeAssignments(record: MergeRecord): ReadonlyMap<string, string> {
  return new Map(record.keys.map((k) => [k, record.absorbed] as const));
}
