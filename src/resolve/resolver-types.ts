import type { Channel } from '../model/channel.js';
import type { IdentifierKind } from '../model/identifier.js';
import type { Issues } from '../model/issue.js';
import type { PairScorer } from './pair-scorer.js';

/** A kind of identifier of which a person holds at most one value. */
export interface UniqueIdentifierRule {
  readonly kind: IdentifierKind;
  /** Limit the rule to one namespace (`whatsapp:bsuid`, `crm`); absent means every namespace. */
  readonly namespace?: string;
}

/** Options of {@link createResolver}. */
export interface ResolverOptions {
  /**
   * Scores pairs of records (required). Usually `createModelScorer(model)`, the model trained on
   * the contacts at hand (`trainModel(records)`: a CRM export, or the records of a first batch of
   * deliveries, as `buildCustomerTimelines` does) or one saved before (`loadModel`).
   */
  readonly scorer: PairScorer;
  /** Probability at or above which a link merges records. @defaultValue 0.9 */
  readonly matchThreshold?: number;
  /** Probability at or above which a link is kept as a review suggestion. @defaultValue 0.5 */
  readonly possibleThreshold?: number;
  /**
   * Identifier kinds a person holds at most one value of: two records with different values never
   * merge, and two records with the same value always do (unless an agent unlinked them). A generic
   * value (blocklisted, flagged generic, or on more records than `maxRecordsPerIdentifier`: a
   * placeholder customer id `0` on every row of an export) does neither.
   * @defaultValue `[{ kind: 'external_id' }, { kind: 'loyalty_id' }]`
   */
  readonly unique?: readonly UniqueIdentifierRule[];
  /**
   * Most records that may share one identifier key before the key counts as generic (a call-centre
   * number, a shared inbox) and stops generating candidates. @defaultValue 10
   */
  readonly maxRecordsPerIdentifier?: number;
  /** Most records in one fuzzy blocking block before it is skipped (bounds the work of one add). @defaultValue 50 */
  readonly maxBlockSize?: number;
  /** Identifier values or keys that are never evidence (`'test@test.com'`, `'phone:+5511999999999'`). @defaultValue [] */
  readonly blocklist?: readonly string[];
  /** Most cross-group pairs checked for conflicts when two groups join. @defaultValue 400 */
  readonly maxConflictChecks?: number;
  /**
   * A record whose links reach two records that clearly differ (a call with no name from a landline
   * two family members share) joins neither unless one link is stronger by this many bits of weight;
   * the links come back as review suggestions. @defaultValue 5
   */
  readonly ambiguityMargin?: number;
  /**
   * Identifier kinds whose exact, non-generic key shared by two records links them whatever the model
   * says (probability at least 0.999): the same E.164 phone, the same normalized email, the same
   * provider account. Clear conflicts (different given names on a family landline) and ambiguity
   * still veto. Set to `[]` for purely probabilistic linking.
   * @defaultValue `['email', 'phone', 'user_id', 'username', 'visitor_id', 'device_id']`
   */
  readonly deterministic?: readonly IdentifierKind[];
  /**
   * Bits of evidence beyond names (see `PairScore.corroboration`) a scored link needs to merge; below
   * it the link is only a review suggestion. Two "Maria Silva" on different channels with nothing
   * else in common are not one person. Links on a shared identifier need no corroboration.
   * @defaultValue 3
   */
  readonly minCorroboration?: number;
  /**
   * Probability (term-frequency adjusted: a rare name scores higher than a common one) at or above
   * which a link whose evidence is only names still merges. Such links join persons last, after
   * every corroborated link, and only when: nothing beyond the names differs (the scorer's
   * `PairScore.contradiction`, on the pair and on every pair of rows across the two persons: no
   * second email address, phone, birth date, handle or city); neither name carries a generational
   * marker the other lacks (`Jr`, `Filho`); both persons hold an email, phone or username of their
   * own; and the name points at one person (each side's name-only links reach the other side and no
   * third person). Their evidence says `nameOnly: true`. `1` (or more) turns name-only merging off;
   * a value below `matchThreshold` acts as `matchThreshold`.
   * @defaultValue 1
   */
  readonly nameOnlyThreshold?: number;
  /** The clock for the merge log (ISO-8601). @defaultValue `() => new Date().toISOString()` */
  readonly now?: () => string;
}

/** The evidence of one link. */
export interface LinkEvidence {
  readonly a: string;
  readonly b: string;
  /**
   * `scored` by the model, `identifier` (a shared exact email, phone or account), `unique` (a shared
   * unique identifier such as a customer id), or `manual` (an agent's link).
   */
  readonly via: 'scored' | 'identifier' | 'unique' | 'manual';
  /** For `identifier` and `unique` links: the shared key. */
  readonly key?: string;
  readonly probability?: number;
  readonly weight?: number;
  /** For `scored` links: the evidence was only names (see `ResolverOptions.nameOnlyThreshold`). */
  readonly nameOnly?: true;
}

/** Something that changed, for a CRM to apply. Person ids are stable (see `personIdOf`). */
export type ResolverChange =
  | { readonly type: 'created'; readonly personId: string; readonly recordIds: readonly string[] }
  | {
      readonly type: 'merged';
      readonly personId: string;
      readonly absorbed: readonly string[];
      readonly evidence: readonly LinkEvidence[];
      /** Every record of the merged person (those of the absorbed persons, and new records that joined with them). */
      readonly recordIds: readonly string[];
    }
  | {
      readonly type: 'split';
      readonly personId: string;
      readonly into: readonly string[];
      /** The records of each person in `into`, in its order. */
      readonly pieces: readonly { readonly personId: string; readonly recordIds: readonly string[] }[];
    }
  | { readonly type: 'updated'; readonly personId: string; readonly added: readonly string[]; readonly removed: readonly string[] }
  | { readonly type: 'deleted'; readonly personId: string };

/** A record the resolver could not take, with why. The rest of the batch is still taken. */
export interface RejectedRecord {
  readonly index: number;
  readonly recordId?: string;
  readonly issues: Issues;
}

/** The outcome of a change to the resolver. */
export interface ResolveResult {
  readonly changes: readonly ResolverChange[];
  readonly rejected: readonly RejectedRecord[];
}

/** One merge, with its evidence and time. */
export interface MergeLogEntry {
  readonly at: string;
  readonly personId: string;
  /** The persons (before the merge) whose records now form `personId`, each with its record ids. */
  readonly groups: readonly { readonly personId: string; readonly recordIds: readonly string[] }[];
  readonly evidence: readonly LinkEvidence[];
}

/** A possible match for an agent to review: scored at or above the possible threshold but not merged. */
export interface ReviewSuggestion {
  readonly a: string;
  readonly b: string;
  readonly personA: string;
  readonly personB: string;
  readonly probability: number;
  readonly weight: number;
  readonly reason: string;
}

/** Why a record belongs to its person: the chain of links from the record to the person's root. */
export interface RecordExplanation {
  readonly recordId: string;
  readonly personId: string;
  /** From the record to the person's first record; empty for a person of one record. */
  readonly path: readonly LinkEvidence[];
  /** The scorer's detailed explanation of each link on the path, where it gives one. */
  readonly details: readonly unknown[];
}

/** How a person uses the channels. */
export interface ChannelUsage {
  readonly channels: readonly Channel[];
  readonly recordsPerChannel: Readonly<Partial<Record<Channel, number>>>;
  readonly lastContactAt?: string;
  readonly lastChannel?: Channel;
}
