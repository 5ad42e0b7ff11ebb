/**
 * The kinds of field the matcher knows how to compare. Each type fixes how values are read from a
 * {@link ContactRecord}, normalized, compared (its agreement levels) and used for blocking.
 *
 * - `name`: the whole name (given and family together), tokens in any order.
 * - `given_name`, `family_name`: one part of the name; they read `record.name` and know about
 *   nicknames, initials, particles and swapped given/family names.
 * - `email`, `phone`: every identifier of that kind on the record.
 * - `handle`: `username` and `user_id` identifiers (namespace-aware).
 * - `external_id`: `external_id` and `loyalty_id` identifiers, or an attribute holding an id.
 * - `date`: `record.birthDate` (or an attribute holding a date).
 * - `postcode`, `city`, `address`: parts of `record.address`.
 * - `categorical`: exact agreement only (gender, state, country).
 * - `text`: any other free text (Jaro–Winkler levels).
 *
 * @example
 * ```ts
 * const t: FieldType = 'given_name';
 * ```
 */
export type FieldType =
  | 'name'
  | 'given_name'
  | 'family_name'
  | 'email'
  | 'phone'
  | 'handle'
  | 'external_id'
  | 'date'
  | 'postcode'
  | 'address'
  | 'city'
  | 'categorical'
  | 'text';

/**
 * Every {@link FieldType}, in the order the default model lists its comparisons.
 *
 * @example
 * ```ts
 * FIELD_TYPES.includes('email'); // true
 * ```
 */
export const FIELD_TYPES: readonly FieldType[] = [
  'given_name',
  'family_name',
  'name',
  'email',
  'phone',
  'handle',
  'external_id',
  'date',
  'postcode',
  'city',
  'address',
  'categorical',
  'text',
];

/**
 * Where a field's values come from in a {@link ContactRecord}:
 * `name` (the whole {@link PersonName}), `birthDate`, `address.line`, `address.city`,
 * `address.postcode`, `address.region`, `address.country`, `locale`, `source`, `channel`,
 * `identifiers:<kind>` (every identifier of that kind, e.g. `identifiers:email`) and
 * `attributes.<key>`.
 *
 * @example
 * ```ts
 * const s: FieldSource = 'attributes.soc_sec_id';
 * ```
 */
export type FieldSource = string;

/**
 * One field of the model: what to compare and how.
 *
 * @example
 * ```ts
 * const fields: FieldSpec[] = [
 *   { name: 'given_name', type: 'given_name' },
 *   { name: 'family_name', type: 'family_name' },
 *   { name: 'email', type: 'email' },
 *   { name: 'ssn', type: 'external_id', source: 'attributes.soc_sec_id' },
 * ];
 * ```
 */
export interface FieldSpec {
  /** Unique name of the comparison (shown in explanations, used by blocking rules). */
  readonly name: string;
  readonly type: FieldType;
  /**
   * Where the values come from.
   * @defaultValue the type's natural place: `name` for names, `identifiers:email`, `identifiers:phone`,
   * `identifiers:username` + `identifiers:user_id` for handles, `identifiers:external_id` +
   * `identifiers:loyalty_id` for external ids, `birthDate`, `address.postcode`, `address.city`,
   * `address.line`; required for `categorical` and `text`
   */
  readonly source?: FieldSource;
  /**
   * Adjust the weight of an exact agreement by how common the value is (term frequency): agreeing
   * on `silva` counts less than agreeing on `szczepanski`.
   * @defaultValue true for names, email, phone, city, postcode, handle, address; false otherwise
   */
  readonly termFrequency?: boolean;
}
