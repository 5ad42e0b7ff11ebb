import { lazy } from '../internal/lazy.js';
import { type Issue, type Result, fail, issue, ok } from '../model/issue.js';
import { foldText } from './fold-text.js';
import { preview } from './_text.js';

/**
 * A calendar date (no time, no zone), as ISO `YYYY-MM-DD` and as numbers.
 *
 * @example
 * ```ts
 * const r = normalizeDate('3 de março de 1990');
 * if (r.success) r.data; // { iso: '1990-03-03', year: 1990, month: 3, day: 3 }
 * ```
 */
export interface NormalizedDate {
  readonly iso: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /**
   * Other valid readings of the same text (ISO), when it was ambiguous (`03/04/1990`: the other
   * order). Absent when the reading was unique.
   */
  readonly alternatives?: readonly string[];
}

/**
 * Options of {@link normalizeDate}.
 *
 * @example
 * ```ts
 * normalizeDate('03/04/1990', { order: 'MDY', now: new Date() }); // iso '1990-03-04', alternatives ['1990-04-03']
 * ```
 */
export interface NormalizeDateOptions {
  /**
   * How to read numeric dates whose year is not first: day-month-year (`03/04/1990` = 3 April),
   * month-day-year (= March 4), or year-month-day for 2-digit years (`90-04-03`). A 4-digit year
   * first (`1990-04-03`) is always read as YMD.
   * @defaultValue 'DMY'
   */
  readonly order?: 'DMY' | 'MDY' | 'YMD';
  /**
   * What to do when both day-month orders give valid dates (`03/04/1990`): `'pick'` reads it in
   * `order` and lists the other reading in `alternatives`; `'fail'` returns an `ambiguous` issue.
   * When only one order gives a valid date (`25/12/1990`, `12/25/1990`), that one is used.
   * @defaultValue 'pick'
   */
  readonly ambiguous?: 'pick' | 'fail';
  /**
   * The reference date. When given, later dates are `impossible` (birth dates cannot be in the
   * future), and 2-digit years are read in the 100 years ending with its year.
   * @defaultValue undefined: no future check; 2-digit years read as 1930–2029
   */
  readonly now?: Date | string;
}

const MAX_INPUT_LENGTH = 128;
const MIN_YEAR = 1000;

const MONTHS = lazy(() => {
  const m = new Map<string, number>();
  const lists: readonly (readonly string[])[] = [
    // English, Portuguese, Spanish (folded: no accents), with common abbreviations
    ['january jan', 'janeiro jan', 'enero ene'],
    ['february feb', 'fevereiro fev', 'febrero feb'],
    ['march mar', 'marco mar', 'marzo mar'],
    ['april apr', 'abril abr', 'abril abr'],
    ['may', 'maio mai', 'mayo may'],
    ['june jun', 'junho jun', 'junio jun'],
    ['july jul', 'julho jul', 'julio jul'],
    ['august aug', 'agosto ago', 'agosto ago'],
    ['september sep sept', 'setembro set', 'septiembre setiembre sep sept set'],
    ['october oct', 'outubro out', 'octubre oct'],
    ['november nov', 'novembro nov', 'noviembre nov'],
    ['december dec', 'dezembro dez', 'diciembre dic'],
  ];
  lists.forEach((names, i) => {
    for (const group of names) for (const name of group.split(' ')) m.set(name, i + 1);
  });
  return m;
});

/** Words that may surround a date and carry no information. */
const FILLER = lazy(
  () =>
    new Set(
      'de del of the el la on em st nd rd th o a monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun segunda terca quarta quinta sexta sabado domingo feira seg ter qua qui sex sab dom lunes martes miercoles jueves viernes lun mie jue vie'.split(
        ' ',
      ),
    ),
);

interface Token {
  readonly kind: 'num' | 'word';
  readonly text: string;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysIn(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isValid(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

function why(y: number, m: number, d: number): string {
  if (y < MIN_YEAR || y > 9999) return `year ${y} is out of range`;
  if (m < 1 || m > 12) return `month ${m} does not exist`;
  return `day ${d} does not exist in ${y}-${pad(m, 2)}`;
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let cur = '';
  let kind: Token['kind'] | undefined;
  const flush = (): void => {
    if (kind !== undefined && cur.length > 0) tokens.push({ kind, text: cur });
    cur = '';
    kind = undefined;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k: Token['kind'] | undefined = c >= 0x30 && c <= 0x39 ? 'num' : c >= 0x61 && c <= 0x7a ? 'word' : undefined;
    if (k !== kind) flush();
    if (k !== undefined) {
      kind = k;
      cur += s[i];
    }
  }
  flush();
  return tokens;
}

interface Context {
  readonly order: 'DMY' | 'MDY' | 'YMD';
  readonly ambiguous: 'pick' | 'fail';
  readonly nowIso?: string;
  /** Last year of the 100-year window for 2-digit years. */
  readonly pivot: number;
}

function expandYear(text: string, ctx: Context): number {
  const y = Number(text);
  if (text.length > 2) return y;
  const century = Math.floor(ctx.pivot / 100) * 100;
  const candidate = century + y;
  return candidate > ctx.pivot ? candidate - 100 : candidate;
}

type Reading = readonly [year: number, month: number, day: number];

function finish(readings: readonly Reading[], raw: string, ctx: Context): Result<NormalizedDate> {
  const inCalendar = readings.filter(([y, m, d]) => isValid(y, m, d));
  const isoOf = ([y, m, d]: Reading): string => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  const nowIso = ctx.nowIso;
  const valid = nowIso === undefined ? inCalendar : inCalendar.filter((r) => isoOf(r) <= nowIso);
  if (valid.length === 0 && inCalendar.length > 0 && nowIso !== undefined) {
    return fail(issue('impossible', [], `date ${isoOf(inCalendar[0] as Reading)} is in the future (after ${nowIso})`));
  }
  const unique: Reading[] = [];
  for (const r of valid) if (!unique.some((u) => u[0] === r[0] && u[1] === r[1] && u[2] === r[2])) unique.push(r);
  const first = readings[0];
  if (unique.length === 0 || first === undefined) {
    return fail(first === undefined ? issue('invalid_format', [], `${preview(raw)} is not a date`) : issue('impossible', [], `date ${preview(raw)}: ${why(...first)}`));
  }
  const chosen = unique[0] as Reading;
  const iso = isoOf(chosen);
  const others = unique.slice(1).map(isoOf);
  if (others.length > 0 && ctx.ambiguous === 'fail') {
    return fail(issue('ambiguous', [], `date ${preview(raw)} could be ${[iso, ...others].join(' or ')}`));
  }
  return ok({ iso, year: chosen[0], month: chosen[1], day: chosen[2], ...(others.length > 0 ? { alternatives: others } : {}) });
}

/** Readings of three numbers whose year position is not known from a 4-digit first part. */
function readThree(a: string, b: string, c: string, ctx: Context): Reading[] {
  const na = Number(a);
  const nb = Number(b);
  if (ctx.order === 'YMD' && c.length <= 2) return [[expandYear(a, ctx), nb, Number(c)]];
  const y = expandYear(c, ctx);
  const dmy: Reading = [y, nb, na];
  const mdy: Reading = [y, na, nb];
  return ctx.order === 'MDY' ? [mdy, dmy] : [dmy, mdy];
}

function readNumbers(nums: readonly string[], ctx: Context): Reading[] | Issue {
  if (nums.length === 1) {
    const s = nums[0] as string;
    if (s.length === 8) {
      // YYYYMMDD (FEBRL and most exports) first, then DDMMYYYY / MMDDYYYY
      const ymd: Reading = [Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))];
      return isValid(...ymd) ? [ymd] : readThree(s.slice(0, 2), s.slice(2, 4), s.slice(4, 8), ctx);
    }
    if (s.length === 6) {
      if (ctx.order === 'YMD') return [[expandYear(s.slice(0, 2), ctx), Number(s.slice(2, 4)), Number(s.slice(4, 6))]];
      return readThree(s.slice(0, 2), s.slice(2, 4), s.slice(4, 6), ctx);
    }
    return issue('invalid_format', [], `a date of ${s.length} digits is not YYYYMMDD or a 6-digit date`);
  }
  if (nums.length !== 3) return issue('invalid_format', [], 'a date needs a day, a month and a year');
  const [a, b, c] = nums as [string, string, string];
  if (a.length > 4 || b.length > 2 || c.length > 4) return issue('invalid_format', [], 'date parts are too long');
  if (a.length >= 3) return [[Number(a), Number(b), Number(c)]]; // YYYY-MM-DD
  if (c.length !== 2 && c.length !== 4) return issue('invalid_format', [], 'the year must have 2 or 4 digits');
  return readThree(a, b, c, ctx);
}

function readWithMonthName(month: number, nums: readonly string[], ctx: Context): Reading[] | Issue {
  if (nums.length !== 2) return issue('invalid_format', [], 'a date with a month name needs a day and a year');
  const [a, b] = nums as [string, string];
  if (a.length > 4 || b.length > 4) return issue('invalid_format', [], 'date parts are too long');
  if (a.length >= 3) return [[Number(a), month, Number(b)]]; // 1990 March 3
  if (b.length >= 3) return [[Number(b), month, Number(a)]]; // 3 March 1990, March 3 1990
  // two short numbers: day then 2-digit year ("March 3 90", "3 March 90")
  return [[expandYear(b, ctx), month, Number(a)]];
}

function toIsoDay(now: Date | string): string | undefined {
  const d = typeof now === 'string' ? new Date(now) : now;
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (Number.isNaN(t)) return undefined;
  return d.toISOString().slice(0, 10);
}

/**
 * Normalize a calendar date (a birth date, typically) to ISO `YYYY-MM-DD`.
 *
 * Reads `1990-04-03` (and ISO date-times, time dropped), `19900403` (FEBRL), `03/04/1990`,
 * `03.04.1990`, `03-04-1990`, `3/4/90` (2-digit years), `900403` with `order: 'YMD'`, and month names
 * in English, Portuguese and Spanish (`12 jan 1980`, `3 de março de 1990`, `March 3, 1990`,
 * `3 de septiembre del 1985`). Ambiguity policy: a 4-digit year first is YMD; otherwise the day-month
 * `order` (default DMY) decides; when the other order is also a valid date, the result lists it in
 * `alternatives` (or fails with `ambiguous` when `ambiguous: 'fail'`); when only the other order is
 * valid (`12/25/1990` with DMY), that one is taken.
 *
 * Issues: `required`, `too_big`, `invalid_format` (not a date shape), `impossible` (31/02/2000,
 * month 13, year < 1000, after `now`), `ambiguous` (with `ambiguous: 'fail'`). A misused `now`
 * (an invalid date) is treated as absent.
 *
 * @example
 * ```ts
 * normalizeDate('19800112');                  // { iso: '1980-01-12', year: 1980, month: 1, day: 12 }
 * normalizeDate('3 de março de 1990');        // iso '1990-03-03'
 * normalizeDate('03/04/1990');                // iso '1990-04-03', alternatives ['1990-03-04']
 * normalizeDate('03/04/1990', { order: 'MDY' }); // iso '1990-03-04', alternatives ['1990-04-03']
 * normalizeDate('31/02/2000');                // { success: false, issues: [{ code: 'impossible', ... }] }
 * normalizeDate('2030-01-01', { now: '2025-06-01' }); // impossible: in the future
 * ```
 */
export function normalizeDate(raw: string, options?: NormalizeDateOptions): Result<NormalizedDate> {
  if (typeof raw !== 'string') return fail(issue('invalid_type', [], 'date must be a string'));
  if (raw.length > MAX_INPUT_LENGTH) return fail(issue('too_big', [], `date is longer than ${MAX_INPUT_LENGTH} characters`));
  let s = raw.trim();
  if (s.length === 0) return fail(issue('required', [], 'date is empty'));
  s = foldText(s);
  // Drop a time of day: "1990-04-03T10:00:00Z", "03/04/1990 10:00".
  const colon = s.indexOf(':');
  if (colon > 0) {
    let cut = colon;
    while (cut > 0 && s[cut - 1] !== ' ' && s[cut - 1] !== 't') cut--;
    s = s.slice(0, Math.max(0, cut - 1));
  }
  const nowIso = options?.now !== undefined ? toIsoDay(options.now) : undefined;
  const ctx: Context = {
    order: options?.order ?? 'DMY',
    ambiguous: options?.ambiguous ?? 'pick',
    ...(nowIso !== undefined ? { nowIso } : {}),
    pivot: nowIso !== undefined ? Number(nowIso.slice(0, 4)) : 2029,
  };
  const tokens = tokenize(s);
  const nums: string[] = [];
  let month: number | undefined;
  for (const t of tokens) {
    if (t.kind === 'num') {
      nums.push(t.text);
      continue;
    }
    const m = MONTHS().get(t.text);
    if (m !== undefined && month === undefined) {
      month = m;
    } else if (!FILLER().has(t.text)) {
      return fail(issue('invalid_format', [], `date ${preview(raw)} has an unknown word ${JSON.stringify(t.text)}`));
    }
  }
  if (nums.length === 0) return fail(issue('invalid_format', [], `${preview(raw)} is not a date`));
  const readings = month !== undefined ? readWithMonthName(month, nums, ctx) : readNumbers(nums, ctx);
  if (!Array.isArray(readings)) return fail(readings as Issue);
  return finish(readings, raw, ctx);
}
