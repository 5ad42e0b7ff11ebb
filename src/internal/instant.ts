// ISO-8601 date-times: checked as the model's schema checks them, read, and compared as instants.
// The model accepts any offset and any fraction (`2024-01-01T10:00:00+02:00`, `...T08:00:00Z`,
// `...T08:00:00.5Z`), whose string order is not time order; `toISOString`'s form (UTC, milliseconds)
// is, and adapters write it, so it is the fast path.

/** True when `s` is `YYYY-MM-DDTHH:MM:SS.sssZ` (what `toISOString` writes for years 0–9999). */
function isCanonical(s: string): boolean {
  return s.length === 24 && s.charCodeAt(23) === 90 && s.charCodeAt(19) === 46;
}

/**
 * The instant `iso` names, written as `toISOString` writes it (UTC, to the millisecond), so that
 * string order is time order; `iso` itself when it is in that form already or is not a date.
 */
export function canonicalInstant(iso: string): string {
  if (isCanonical(iso)) return iso;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

/**
 * Order of two ISO-8601 date-times as instants (to the millisecond), then, for two spellings of one
 * instant, as strings: a total order, so that which spelling is kept never depends on arrival order.
 */
export function compareInstants(a: string, b: string): number {
  if (a === b) return 0;
  const x = canonicalInstant(a);
  const y = canonicalInstant(b);
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : 1;
}

/** The number written by ASCII digits `from`..`to` of `text`, or -1 when one is not a digit. */
export function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * zod's `iso.datetime({ offset: true })`: `YYYY-MM-DDTHH:mm:ss`, optional `.` + digits, then `Z` or
 * `±HH:mm`; a real calendar date (leap years included), hours 00–23, minutes and seconds 00–59.
 */
export function isZodIsoDateTime(text: string): boolean {
  if (text.length < 20 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54) return false;
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  let i = 19;
  if (text.charCodeAt(i) === 0x2e) {
    const start = ++i;
    while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    if (i === start) return false;
  }
  const zone = text.charCodeAt(i);
  if (zone === 0x5a) return i + 1 === text.length;
  if ((zone !== 0x2b && zone !== 0x2d) || i + 6 !== text.length || text.charCodeAt(i + 3) !== 0x3a) return false;
  const offsetHour = digitsAt(text, i + 1, i + 3);
  const offsetMinute = digitsAt(text, i + 4, i + 6);
  return offsetHour >= 0 && offsetHour <= 23 && offsetMinute >= 0 && offsetMinute <= 59;
}

/** Milliseconds since the epoch of an ISO-8601 date-time (NaN when it is not one); the form adapters write is read without Date.parse. */
export function instantMs(iso: string): number {
  if (!isCanonical(iso)) return Date.parse(iso);
  return Date.UTC(digitsAt(iso, 0, 4), digitsAt(iso, 5, 7) - 1, digitsAt(iso, 8, 10), digitsAt(iso, 11, 13), digitsAt(iso, 14, 16), digitsAt(iso, 17, 19), digitsAt(iso, 20, 23));
}
