import { INTERNATIONAL_PHONE } from '../channels/_phone-format.js';
import { countryCodeOf, frequentCountries, type RowRecord } from '../channels/contact-row.js';
import type { ContactRecord } from '../model/contact-record.js';
import type { Result } from '../model/issue.js';
import { normalizePhone } from '../normalize/phone.js';

const MAX_COUNTRIES = 8;
/** How many phone numbers are read for their countries (the first ones; enough to see a list's mix). */
const PHONE_SAMPLE = 20_000;

/**
 * The countries of the international numbers the records hold (`+44 …`, WhatsApp ids), most
 * frequent first, those on at least 1% of them: a call log or SMS export names no country, but the
 * WhatsApp and CRM rows beside it show where the customers are.
 */
function phoneCountries(records: readonly ContactRecord[]): string[] {
  const counts = new Map<string, number>();
  let read = 0;
  for (const r of records) {
    for (const id of r.identifiers) {
      if (id.kind !== 'phone' || id.key === undefined || !id.key.startsWith('phone:+')) continue;
      const n = normalizePhone(id.key.slice('phone:'.length));
      if (n.success && n.data.valid && n.data.country !== undefined) counts.set(n.data.country, (counts.get(n.data.country) ?? 0) + 1);
      read++;
    }
    if (read >= PHONE_SAMPLE) break;
  }
  return [...counts]
    .filter(([, n]) => n >= read / 100)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code]) => code);
}

/**
 * A contact list often names a country on some rows only (a CRM export with a country column half
 * filled). Rows that name none and hold a phone written in national format (`(81) 99764-1547`) are
 * read again with the countries the rest of the input names (in address columns, then by its
 * international numbers), so their numbers meet the same numbers written internationally elsewhere. `records[i]` is replaced in place; rows the second reading
 * rejects keep their first record.
 */
export function rereadNationalPhones<R extends { readonly recordId?: string }>(
  rows: readonly R[],
  records: ContactRecord[],
  readAgain: (row: R, countries: readonly string[], isKnownPhoneKey: (key: string) => boolean) => Result<RowRecord>,
  onProgress?: (rowsDone: number, rowsReread: number) => void,
): void {
  const countries = [...frequentCountries(records, MAX_COUNTRIES)];
  for (const c of phoneCountries(records)) if (countries.length < MAX_COUNTRIES && !countries.includes(c)) countries.push(c);
  if (countries.length === 0) return;
  // How many records hold each phone key: a number valid in several countries is read where it
  // meets another record's (never the row's own first reading, `(81) …` as Japan's +81).
  const holders = new Map<string, number>();
  const keysOf = (r: ContactRecord): Set<string> => {
    const keys = new Set<string>();
    for (const id of r.identifiers) {
      if (id.kind !== 'phone' || id.key === undefined) continue;
      keys.add(id.key);
      for (const k of id.variantKeys ?? []) keys.add(k);
    }
    return keys;
  };
  for (const r of records) for (const k of keysOf(r)) holders.set(k, (holders.get(k) ?? 0) + 1);
  const at = new Map<string, number>();
  records.forEach((r, i) => at.set(r.id, i));
  let done = 0;
  let reread = 0;
  for (const row of rows) {
    onProgress?.(++done, reread);
    const index = row.recordId === undefined ? undefined : at.get(row.recordId);
    if (index === undefined) continue;
    const record = records[index]!;
    const country = record.address?.country;
    if (country !== undefined && countryCodeOf(country) !== undefined) continue;
    if (!record.identifiers.some((id) => id.kind === 'phone' && !INTERNATIONAL_PHONE.test(id.value))) continue;
    const own = keysOf(record);
    reread++;
    const made = readAgain(row, countries, (k) => (holders.get(k) ?? 0) > (own.has(k) ? 1 : 0));
    if (made.success && made.data.record.id === record.id) records[index] = made.data.record;
  }
}
