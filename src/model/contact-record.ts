import * as z from 'zod/mini';
import { lazy } from '../internal/lazy.js';
import { boundedArray, boundedString, isoDateTime, opt, stringRecord } from '../internal/schema.js';
import { parseWith, safeParseWith } from '../internal/zod-result.js';
import type { Result } from './issue.js';
import { type Channel, channelSchema } from './channel.js';
import { type Identifier, identifierSchema } from './identifier.js';

/** A person's name as given. Any part may be missing; `full` is kept as written. */
export interface PersonName {
  readonly full?: string;
  readonly given?: string;
  readonly family?: string;
}

/** A postal address as given. */
export interface PostalAddress {
  readonly line?: string;
  readonly city?: string;
  readonly postcode?: string;
  readonly region?: string;
  /** ISO 3166-1 alpha-2 where known. */
  readonly country?: string;
}

/**
 * What one source knows about one contact: a CRM row, a webhook sender, a web chat visitor.
 * Identity resolution links contact records into persons.
 */
export interface ContactRecord {
  /** Unique within the caller's data; stable across runs (person ids derive from it). */
  readonly id: string;
  readonly channel: Channel;
  /** The dataset, provider or system it came from. */
  readonly source?: string;
  readonly identifiers: readonly Identifier[];
  readonly name?: PersonName;
  /** Birth date, ISO `YYYY-MM-DD`. */
  readonly birthDate?: string;
  readonly address?: PostalAddress;
  /** BCP 47 language tag or provider locale. */
  readonly locale?: string;
  /** Any other attributes, kept as strings. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** When this was last observed (ISO-8601). */
  readonly observedAt?: string;
}

/** @internal */
export const personNameSchema: () => z.ZodMiniType<PersonName> = lazy(() =>
  z.strictObject({
    full: opt(boundedString(0, 1024)),
    given: opt(boundedString(0, 512)),
    family: opt(boundedString(0, 512)),
  }),
);

/** @internal */
export const postalAddressSchema: () => z.ZodMiniType<PostalAddress> = lazy(() =>
  z.strictObject({
    line: opt(boundedString(0, 2048)),
    city: opt(boundedString(0, 512)),
    postcode: opt(boundedString(0, 64)),
    region: opt(boundedString(0, 512)),
    country: opt(boundedString(0, 64)),
  }),
);

/** @internal */
export const contactRecordSchema: () => z.ZodMiniType<ContactRecord> = lazy(() =>
  z.strictObject({
    // NUL separates the two ids of a pair in the resolver's keys and snapshots.
    id: boundedString(1, 1024).check(z.refine((id) => !id.includes('\u0000'), 'record id must not contain the NUL character (U+0000)')),
    channel: channelSchema(),
    source: opt(boundedString(0, 1024)),
    identifiers: boundedArray(identifierSchema(), 1000),
    name: opt(personNameSchema()),
    birthDate: opt(z.iso.date()),
    address: opt(postalAddressSchema()),
    locale: opt(boundedString(0, 64)),
    attributes: opt(stringRecord()),
    observedAt: opt(isoDateTime()),
  }),
);

/**
 * Validate a contact record, returning issues instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeParseContactRecord({ id: 'crm-1', channel: 'crm', identifiers: [] });
 * r.success; // true
 * ```
 */
export function safeParseContactRecord(input: unknown): Result<ContactRecord> {
  return safeParseWith(contactRecordSchema(), input);
}

/**
 * Validate a contact record; throws {@link ValidationError} when it is invalid.
 *
 * @example
 * ```ts
 * const record = parseContactRecord({
 *   id: 'crm-1', channel: 'crm', name: { full: 'Ana Souza' },
 *   identifiers: [{ kind: 'email', value: 'ana@example.com', verified: false }],
 * });
 * ```
 */
export function parseContactRecord(input: unknown): ContactRecord {
  return parseWith(contactRecordSchema(), input, 'contact record');
}
