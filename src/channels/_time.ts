// Provider times come as epoch seconds (WhatsApp, Telegram, Twilio), epoch milliseconds (Meta, LINE),
// numeric strings, or ISO/RFC 2822 strings. They all become `toISOString()` UTC strings, which sort
// as strings. A string that names no zone is read as UTC when it is ISO, refused otherwise: never in
// the host's time zone. A string that names a day or a time of day that does not exist (30 February,
// 31 April, 24:00, a 60th second) is refused too: Date.parse would roll it over in silence (30 Feb
// 2025 -> 2 March). Date strings are ISO-8601 (`2025-02-28`, `2025-02-28T10:00:00+02:00`) or name
// their month (RFC 5322 `Fri, 28 Feb 2025 10:00:00 +0000`, Date#toString `Fri Feb 28 2025 ...`);
// all-numeric forms with slashes (`2/28/2025 10:00 GMT`) are refused, being day/month-ambiguous.

import { daysInMonth, digitsAt } from '../internal/instant.js';

const MIN_MS = Date.UTC(1990, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);
const DAY_MS = 86_400_000;

/** Epoch seconds or milliseconds (told apart by magnitude), numeric string, or date string -> ISO. */
export function toIsoTime(value: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    ms = value < 1e11 ? value * 1000 : value;
  } else if (typeof value === 'string' && value.trim() !== '') {
    // Already in toISOString() form (every receivedAt from `new Date().toISOString()`): itself.
    if (isCanonicalIso(value)) return value;
    const trimmed = value.trim();
    if (isDigits(trimmed) || /^\d+(?:\.\d+)?$/.test(trimmed)) {
      const n = Number(trimmed);
      ms = n < 1e11 ? n * 1000 : n;
    } else {
      ms = parseZoned(trimmed);
    }
  }
  if (ms === undefined || ms < MIN_MS || ms > MAX_MS) return undefined;
  return isoOfEpochMs(Math.round(ms));
}

/** An ISO-8601 date-time that names no zone: read as UTC (never as the host's local time). */
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;
/** An ISO date alone (which Date.parse reads as UTC). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A time of day then a zone at the end: Z, an offset (+02:00, -0300), or an RFC 2822 zone name
 * (GMT, UTC, EST, ... also GMT+0200 as Date#toString writes it), maybe with a comment. The time
 * must come first: in '5/1/2024-12:00' Date.parse reads '-12:00' as a time, not a zone.
 */
const ZONE_AT_END = /\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?\s?(?:z|[+-]\d{2}:?\d{2}|(?:gmt|utc|ut|[ecmp][sd]t)(?:[+-]\d{4})?)(?:\s\([^()]*\))?$/i;

/**
 * Milliseconds of a date string that says its zone (or is an ISO date, or an ISO date-time without
 * one, read as UTC); undefined for anything else ("May 1", "5/1/2024", "-1"), which Date.parse would
 * read in the host's time zone, so the same payload would give different times on different machines.
 */
function parseZoned(text: string): number | undefined {
  let input = text;
  if (ISO_WITHOUT_ZONE.test(text)) input = `${text.slice(0, 10)}T${text.slice(11)}Z`;
  else if (!ISO_DATE.test(text) && !ZONE_AT_END.test(text)) return undefined;
  if (!writtenFieldsExist(text)) return undefined;
  const parsed = Date.parse(input);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The date and time of day of an ISO-8601 string, as written (before any zone). */
const ISO_FIELDS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;
/**
 * The date and time of day of a string that names its month, as written: an optional weekday, then
 * day month year (RFC 5322: `Fri, 28 Feb 2025 10:00:00`, also `28-Feb-25`) or month day year
 * (Date#toString: `Fri Feb 28 2025 10:00:00`), then the time.
 */
const NAMED_FIELDS = /^(?:[a-z]+,?\s+)?(?:(\d{1,2})[\s-]([a-z]+)\.?,?[\s-](\d{2,4})|([a-z]+)\.?\s(\d{1,2}),?\s(\d{2,4}))\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * True when the day and the time of day `text` writes exist: a real calendar day (leap years
 * included), hours 0-23, minutes and seconds 0-59. False for a form it does not read (see the top
 * of this file). Date.parse alone rolls 30 February over to 2 March and 24:00 to the next day.
 */
function writtenFieldsExist(text: string): boolean {
  const iso = ISO_FIELDS.exec(text);
  if (iso !== null) return dayExists(Number(iso[1]), Number(iso[2]), Number(iso[3])) && timeExists(iso[4], iso[5], iso[6]);
  const named = NAMED_FIELDS.exec(text);
  if (named === null) return false;
  const word = (named[2] ?? named[4]!).toLowerCase();
  const month = MONTHS.indexOf(word.slice(0, 3)) + 1;
  if (month === 0 || (word.length !== 3 && word !== FULL_MONTHS[month - 1] && word !== 'sept')) return false;
  const yearText = named[3] ?? named[6]!;
  const written = Number(yearText);
  // RFC 5322 section 4.3: a 2-digit year is 2000-2049 below 50, else 1950-1999; a 3-digit one adds 1900.
  const year = yearText.length === 2 ? written + (written < 50 ? 2000 : 1900) : yearText.length === 3 ? written + 1900 : written;
  return dayExists(year, month, Number(named[1] ?? named[5])) && timeExists(named[7], named[8], named[9]);
}

function dayExists(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Hours 0-23, minutes and seconds 0-59 (each absent part is fine). */
function timeExists(hour: string | undefined, minute: string | undefined, second: string | undefined): boolean {
  return (hour === undefined || Number(hour) <= 23) && (minute === undefined || Number(minute) <= 59) && (second === undefined || Number(second) <= 59);
}

/** All ASCII digits (the common case of epoch strings), without a regex. */
function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ` with every field in range and a year in 1990–2199: exactly what
 * `new Date(Date.parse(text)).toISOString()` gives back, and within the accepted time range.
 */
function isCanonicalIso(text: string): boolean {
  if (text.length !== 24) return false;
  if (
    text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54 || text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a || text.charCodeAt(19) !== 0x2e || text.charCodeAt(23) !== 0x5a
  ) {
    return false;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  const millis = digitsAt(text, 20, 23);
  return (
    year >= 1990 && year <= 2199 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && millis >= 0
  );
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()` for an integer `ms` in the accepted range (4-digit years), computed
 * without a Date object.
 */
export function isoOfEpochMs(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  if (days !== lastDays) {
    lastDays = days;
    lastDate = civilDate(days);
  }
  return `${lastDate}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${pad3(millis)}Z`;
}

/** The last day formatted: the times of one delivery (and of one day's deliveries) share it. */
let lastDays = Number.NaN;
let lastDate = '';

/** `YYYY-MM-DD` of a day count since 1970-01-01 (H. Hinnant's days-to-civil algorithm). */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}
