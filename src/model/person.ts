import { z } from 'zod';
import { lazy } from '../internal/lazy.js';
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
export const personSchema: () => z.ZodType<Person> = lazy(() =>
  z.strictObject({
    id: z.string().min(1).max(1024),
    recordIds: z.array(z.string().min(1)).min(1, 'a person has at least one record').readonly(),
    identifiers: z.array(identifierSchema()).readonly(),
    name: personNameSchema().exactOptional(),
    channels: z.array(channelSchema()).readonly(),
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
