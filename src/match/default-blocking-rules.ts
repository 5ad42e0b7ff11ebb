import type { BlockingRule } from './blocking-rule.js';
import type { FieldSpec, FieldType } from './field-spec.js';

/**
 * Blocking rules that suit the given fields: exact identifiers first (email loose key, email
 * local part, phone last digits, ids and handles), then combinations that tolerate a typo in any
 * one field (phonetic family name + given initial, phonetic given name + family initial, phonetic
 * family name + birth year, birth date + given initial, postcode + family or given initial).
 * Every rule combines parts so that blocks stay small on millions of records.
 *
 * @example
 * ```ts
 * defaultBlockingRules([{ name: 'email', type: 'email' }, { name: 'phone', type: 'phone' }]);
 * // [{ name: 'email', on: ['email'] }, { name: 'email-local', on: ['email:local'] }, { name: 'phone', on: ['phone:last_digits'] }]
 * ```
 */
export function defaultBlockingRules(fields: readonly FieldSpec[]): BlockingRule[] {
  const first = (type: FieldType): string | undefined => fields.find((f) => f.type === type)?.name;
  const all = (type: FieldType): string[] => fields.filter((f) => f.type === type).map((f) => f.name);
  const rules: BlockingRule[] = [];
  for (const email of all('email')) {
    rules.push({ name: email, on: [email] });
    rules.push({ name: `${email}-local`, on: [`${email}:local`] });
  }
  for (const phone of all('phone')) rules.push({ name: phone, on: [`${phone}:last_digits`] });
  for (const id of all('external_id')) rules.push({ name: id, on: [id] });
  for (const handle of all('handle')) rules.push({ name: handle, on: [`${handle}:bare`] });
  const given = first('given_name');
  const family = first('family_name');
  const name = first('name');
  const date = first('date');
  const postcode = first('postcode');
  if (given !== undefined && family !== undefined) {
    rules.push({ name: `${family}~+${given}[0]`, on: [`${family}:phonetic`, `${given}:initial`] });
    rules.push({ name: `${given}~+${family}[0]`, on: [`${given}:phonetic`, `${family}:initial`] });
    rules.push({ name: 'name~set', on: [`${given}:token_set`] });
  } else if (name !== undefined) {
    rules.push({ name: `${name}~`, on: [`${name}:phonetic`] });
  }
  if (date !== undefined) {
    if (family !== undefined) rules.push({ name: `${family}~+${date}.year`, on: [`${family}:phonetic`, `${date}:year`] });
    if (given !== undefined) rules.push({ name: `${date}+${given}[0]`, on: [date, `${given}:initial`] });
    else if (name !== undefined) rules.push({ name: `${date}+${name}~`, on: [date, `${name}:phonetic`] });
    // Broad rules: worth it on small data, dropped by the pair budget on large data.
    const anyName = given ?? family ?? name;
    if (anyName !== undefined) rules.push({ name: `${anyName}~any+${date}.year`, on: [`${anyName}:any_phonetic`, `${date}:year`] });
    rules.push({ name: date, on: [date] });
  }
  const city = first('city');
  if (city !== undefined) {
    if (given !== undefined) rules.push({ name: `${given}~+${city}`, on: [`${given}:phonetic`, city] });
    if (family !== undefined) rules.push({ name: `${family}~+${city}`, on: [`${family}:phonetic`, city] });
  }
  if (family !== undefined) rules.push({ name: `${family}~`, on: [`${family}:phonetic`] });
  if (postcode !== undefined) {
    if (family !== undefined) rules.push({ name: `${postcode}+${family}[0]`, on: [postcode, `${family}:initial`] });
    if (given !== undefined) rules.push({ name: `${postcode}+${given}[0]`, on: [postcode, `${given}:initial`] });
    if (date !== undefined) rules.push({ name: `${postcode}+${date}.year`, on: [postcode, `${date}:year`] });
  }
  return rules.slice(0, 31);
}
