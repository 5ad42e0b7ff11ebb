// Rows of one input that repeat an id: one record of the source, or rows of several sources?
//
// A CRM export joined with its phones or addresses writes a customer once per phone, every row
// with the customer's id: those rows are one customer, whether or not they share a phone. A list
// pasted together from several sources repeats ids too, since each source numbered its own rows,
// and there the rows with one id are strangers. The names tell them apart: rows of one record carry
// the same name (or none), strangers different ones. So the rows of an id are linked when their
// names agree, unless ids in this input often join different names (then no id is trusted).

import type { ContactRecord } from '../model/contact-record.js';
import { normalizeName } from '../normalize/name.js';

/** Above this share of repeated ids joining different names, the input's ids are not one system's. */
const MAX_CONFLICTING_SHARE = 0.2;

/** What to do with the rows of an input that share ids. */
export interface SameIdDecision {
  /** Groups of record ids to link as one customer (each group's rows share an id and a name). */
  readonly link: readonly (readonly string[])[];
  /** Ids whose rows carry different names: told apart. */
  readonly conflicting: number;
  /** True when no id was linked: too many join different names, or none shows two names to compare. */
  readonly untrusted: boolean;
}

interface NameWords {
  readonly all: ReadonlySet<string>;
  readonly first: string;
  readonly last: string;
}

function nameWords(record: ContactRecord): NameWords | undefined {
  if (record.name === undefined) return undefined;
  const r = normalizeName(record.name);
  if (!r.success || r.data.tokens.length === 0) return undefined;
  const { tokens, given, family } = r.data;
  return { all: new Set(tokens), first: given[0] ?? (tokens[0] as string), last: family[family.length - 1] ?? (tokens[tokens.length - 1] as string) };
}

function within(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const w of a) if (!b.has(w)) return false;
  return true;
}

/** Two names of one customer as one system writes them: one within the other, or the same first and last name. */
function sameName(a: NameWords, b: NameWords): boolean {
  return within(a.all, b.all) || within(b.all, a.all) || (a.first === b.first && a.last === b.last);
}

/**
 * Decide, for the records of one input grouped by the id their rows repeat, which groups are one
 * customer. `groups`: each an id's records in row order (two or more). Ids whose rows show no two
 * names are linked only when other ids of the input showed theirs agreeing (names are the only
 * evidence of what the input's ids mean).
 */
export function decideSameIdRows(groups: readonly (readonly ContactRecord[])[]): SameIdDecision {
  const confirmed: string[][] = [];
  const unconfirmed: string[][] = [];
  let conflicting = 0;
  for (const records of groups) {
    const names = records.map(nameWords).filter((n): n is NameWords => n !== undefined);
    // Each name against the first (linear: an orders export repeats one customer's id thousands of times).
    const agree = names.every((n) => sameName(names[0] as NameWords, n));
    if (!agree) conflicting++;
    else (names.length >= 2 ? confirmed : unconfirmed).push(records.map((r) => r.id));
  }
  const untrusted = confirmed.length === 0 || conflicting / (confirmed.length + conflicting) > MAX_CONFLICTING_SHARE;
  return { link: untrusted ? [] : [...confirmed, ...unconfirmed], conflicting, untrusted };
}
