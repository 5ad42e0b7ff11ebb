import * as z from 'zod/mini';
import { lazy } from '../internal/lazy.js';
import { boundedArray, boundedString, opt } from '../internal/schema.js';
import { parseWith, safeParseWith } from '../internal/zod-result.js';
import type { Result } from './issue.js';
import { type Channel, channelSchema } from './channel.js';
import { type PersonName, personNameSchema } from './contact-record.js';
import { type Identifier, identifierSchema } from './identifier.js';

/**
 * A person: contact records that identity resolution linked together. `id` is stable: it derives
 * from the records, not from the order in which they arrived.
 */
export interface Person {
  readonly id: string;
  readonly recordIds: readonly string[];
  /** Every identifier of every record, deduplicated by key. */
  readonly identifiers: readonly Identifier[];
  /** The best name known (the golden record's choice). */
  readonly name?: PersonName;
  readonly channels: readonly Channel[];
}

/** @internal */
export const personSchema: () => z.ZodMiniType<Person> = lazy(() =>
  z.strictObject({
    id: boundedString(1, 1024),
    recordIds: boundedArray(boundedString(1, 1024), 10_000_000, 1),
    identifiers: boundedArray(identifierSchema(), 10_000_000),
    name: opt(personNameSchema()),
    channels: boundedArray(channelSchema(), 64),
  }),
);

/**
 * Validate a person, returning issues instead of throwing.
 *
 * @example
 * ```ts
 * safeParsePerson({ id: 'p_1', recordIds: ['r1'], identifiers: [], channels: ['sms'] }).success; // true
 * ```
 */
export function safeParsePerson(input: unknown): Result<Person> {
  return safeParseWith(personSchema(), input);
}

/**
 * Validate a person; throws {@link ValidationError} when it is invalid.
 *
 * @example
 * ```ts
 * const person = parsePerson(JSON.parse(stored));
 * ```
 */
export function parsePerson(input: unknown): Person {
  return parseWith(personSchema(), input, 'person');
}
