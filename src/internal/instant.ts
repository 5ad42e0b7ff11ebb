// ISO-8601 date-times compared as instants. The model accepts any offset and any fraction
// (`2024-01-01T10:00:00+02:00`, `...T08:00:00Z`, `...T08:00:00.5Z`), whose string order is not
// time order; `toISOString`'s form (UTC, milliseconds) is, and adapters write it, so it is the fast path.

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

/** The digits `from`..`to` of `s` as a number (the caller checked the form). */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** Milliseconds since the epoch of an ISO-8601 date-time (NaN when it is not one); the form adapters write is read without Date.parse. */
export function instantMs(iso: string): number {
  if (!isCanonical(iso)) return Date.parse(iso);
  return Date.UTC(digits(iso, 0, 4), digits(iso, 5, 7) - 1, digits(iso, 8, 10), digits(iso, 11, 13), digits(iso, 14, 16), digits(iso, 17, 19), digits(iso, 20, 23));
}
