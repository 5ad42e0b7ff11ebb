import { normalizeDate } from '../normalize/date.js';

/**
 * Read a date value for matching. ISO `YYYY-MM-DD` (what {@link ContactRecord.birthDate} holds)
 * and compact `YYYYMMDD` are read here; other spellings go through `normalizeDate`.
 *
 * @internal
 */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Lenient on purpose: `1984-13-02` is a typo of a real date and still worth comparing digit by digit. */
function plausible(year: number, month: number, day: number): boolean {
  return year >= 1000 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99 && !(month === 0 && day === 0);
}

export function readDate(raw: string): DateParts | undefined {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m === null) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m === null) {
    const r = normalizeDate(s);
    return r.success ? { year: r.data.year, month: r.data.month, day: r.data.day } : undefined;
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return plausible(year, month, day) ? { year, month, day } : undefined;
}
