import type { ContactRecord } from '../model/contact-record.js';
import { jaroWinklerSimilarity } from '../match/jaro-winkler-similarity.js';
import { nicknameGroups, normalizeName } from '../normalize/name.js';

// A pair "clearly differs" when a person could not plausibly carry both values: given names that are
// neither equal, nor typos, nor nicknames, nor initials of each other (Ana vs Pedro), a masculine /
// feminine pair of the same name (Mario vs Maria, Paulo vs Paula), or birth dates more than one typo
// apart. Family members who share a landline or an inbox differ exactly like this, which is why a
// conflicting pair is never merged automatically, whatever else it shares.

const GIVEN_NAME_SIMILARITY = 0.9;

function givenTokens(record: ContactRecord): { given: readonly string[]; family: readonly string[] } | undefined {
  if (!record.name) return undefined;
  const r = normalizeName(record.name);
  if (!r.success || r.data.given.length === 0) return undefined;
  return { given: r.data.given, family: r.data.family };
}

function genderPair(x: string, y: string): boolean {
  if (x.length !== y.length || x.length < 3) return false;
  const stem = x.slice(0, -1);
  if (stem !== y.slice(0, -1)) return false;
  const ends = x.slice(-1) + y.slice(-1);
  return ends === 'ao' || ends === 'oa';
}

/** True when two folded given-name tokens may name the same person. */
export function givenNamesCompatible(x: string, y: string): boolean {
  if (x === y) return true;
  if (x.length === 1 || y.length === 1) return x[0] === y[0];
  if (genderPair(x, y)) return false;
  const shorter = x.length <= y.length ? x : y;
  const longer = shorter === x ? y : x;
  if (shorter.length >= 3 && longer.startsWith(shorter)) return true;
  const gx = nicknameGroups(x);
  if (gx.length > 0) {
    const gy = new Set(nicknameGroups(y));
    if (gx.some((g) => gy.has(g))) return true;
  }
  return jaroWinklerSimilarity(x, y) >= GIVEN_NAME_SIMILARITY;
}

function anyCompatible(xs: readonly string[], ys: readonly string[]): boolean {
  return xs.some((x) => ys.some((y) => givenNamesCompatible(x, y)));
}

function datesConflict(a: string, b: string): boolean {
  if (a === b) return false;
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return false; // day and month swapped
  let differing = 0;
  if (ya !== yb) differing++;
  if (ma !== mb) differing++;
  if (da !== db) differing++;
  if (differing > 1) return true;
  // One component differs: a single-digit typo is plausible, anything else is not.
  let digits = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) digits++;
  return digits > 1;
}

/**
 * Why two records clearly belong to different people, or undefined when nothing says so.
 *
 * @example
 * ```ts
 * recordsConflict({ ...r, name: { full: 'Ana Souza' } }, { ...s, name: { full: 'Pedro Souza' } });
 * // 'given names differ (ana / pedro)'
 * recordsConflict({ ...r, name: { full: 'José Souza' } }, { ...s, name: { full: 'Zé Souza' } }); // undefined
 * ```
 */
export function recordsConflict(a: ContactRecord, b: ContactRecord): string | undefined {
  const na = givenTokens(a);
  const nb = givenTokens(b);
  if (na && nb && !anyCompatible(na.given, nb.given)) {
    // "Souza, Ana" typed as given=Souza family=Ana: swapped order is not a conflict.
    const swapped = anyCompatible(na.given, nb.family) && anyCompatible(na.family, nb.given);
    if (!swapped) return `given names differ (${na.given.join(' ')} / ${nb.given.join(' ')})`;
  }
  if (a.birthDate !== undefined && b.birthDate !== undefined && datesConflict(a.birthDate, b.birthDate)) {
    return `birth dates differ (${a.birthDate} / ${b.birthDate})`;
  }
  return undefined;
}
