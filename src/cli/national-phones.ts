import { INTERNATIONAL_PHONE } from '../channels/_phone-format.js';
import { countryCodeOf, frequentCountries, type RowRecord } from '../channels/contact-row.js';
import type { ContactRecord } from '../model/contact-record.js';
import type { Result } from '../model/issue.js';

/**
 * A contact list often names a country on some rows only (a CRM export with a country column half
 * filled). Rows that name none and hold a phone written in national format (`(81) 99764-1547`) are
 * read again with the countries the rest of the file names, so their numbers meet the same numbers
 * written internationally elsewhere. `records[i]` is replaced in place; rows the second reading
 * rejects keep their first record.
 */
export function rereadNationalPhones<R extends { readonly recordId?: string }>(
  rows: readonly R[],
  records: ContactRecord[],
  reread: (row: R, countries: readonly string[]) => Result<RowRecord>,
): void {
  const countries = frequentCountries(records);
  if (countries.length === 0) return;
  const at = new Map<string, number>();
  records.forEach((r, i) => at.set(r.id, i));
  for (const row of rows) {
    const index = row.recordId === undefined ? undefined : at.get(row.recordId);
    if (index === undefined) continue;
    const record = records[index]!;
    const country = record.address?.country;
    if (country !== undefined && countryCodeOf(country) !== undefined) continue;
    if (!record.identifiers.some((id) => id.kind === 'phone' && !INTERNATIONAL_PHONE.test(id.value))) continue;
    const made = reread(row, countries);
    if (made.success && made.data.record.id === record.id) records[index] = made.data.record;
  }
}
