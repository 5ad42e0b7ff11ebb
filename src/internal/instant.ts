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
