import type { ContactRecord } from '../model/contact-record.js';

/** How strongly a pair of records looks like one person, as a {@link PairScorer} judges it. */
export interface PairScore {
  /** Match probability in [0, 1]. */
  readonly probability: number;
  /** Match weight (sum of log2 Bayes factors); positive is evidence for a match. */
  readonly weight: number;
  /**
   * True when the records clearly disagree on something a person cannot have two of (given names that
   * are not nicknames, typos or initials of each other; birth dates; unique ids). A conflicting pair is
   * never merged automatically, whatever its probability: a shared family phone or email is the classic
   * case. It may still come back as a review suggestion.
   */
  readonly conflict?: boolean;
  /** Human-readable reasons for `conflict`. */
  readonly conflictReasons?: readonly string[];
  /**
   * Bits of evidence that do not come from names: agreeing dates, addresses, ids, phones, emails
   * (an email's local part alone is name-derived and does not count). Two people can share a name;
   * a scored link whose evidence is (almost) all names is not merged automatically. Absent means
   * the scorer does not tell, and no such check is made.
   */
  readonly corroboration?: number;
  /**
   * Of `corroboration`, the bits from where the two live (address, postcode): household evidence,
   * which says nothing between a father and his son of one name. Absent means none or not told.
   */
  readonly placeCorroboration?: number;
  /**
   * True when something beyond the name speaks against the pair: both records hold a value of a
   * comparison and the values differ (two email addresses, even with the same local part; two
   * phones; two birth dates; two handles of one network; two cities). Only links whose evidence is
   * (almost) all names look at it (see `ResolverOptions.nameOnlyThreshold`). Absent means the scorer
   * does not tell, and such links never merge.
   */
  readonly contradiction?: boolean;
}

/**
 * What the resolver needs from a matcher: blocking keys for fuzzy evidence, and a pairwise score.
 * The resolver adds exact identifier keys to the blocking keys itself and owns the candidate index,
 * so incremental adds and one batch compare exactly the same pairs.
 */
export interface PairScorer {
  /**
   * Called with each batch of records before any of them is scored, so a scorer can prepare them
   * together (normalize once, intern values). Optional.
   */
  prepare?(records: readonly ContactRecord[]): void;
  /** Keys for fuzzy candidate generation (phonetic name + birth year, postcode + initial, ...). */
  blockingKeys(record: ContactRecord): readonly string[];
  /** Score a pair. Must be symmetric and deterministic. */
  score(a: ContactRecord, b: ContactRecord): PairScore;
  /**
   * True when the records agree on an identifier only one person holds (a national id, a customer
   * id, an account handle), as opposed to contact points a family may share (a landline, an inbox).
   * Such agreement outweighs names or birth dates that clearly differ (data entry replaced them).
   * Optional: without it, clearly differing names always veto a merge.
   */
  sharesPersonalIdentifier?(a: ContactRecord, b: ContactRecord): boolean;
  /** A detailed explanation of a pair's score (a waterfall of weights), for `explain`. */
  explain?(a: ContactRecord, b: ContactRecord): unknown;
}
