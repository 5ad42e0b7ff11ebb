import {
  type CountryCode,
  Metadata,
  type MetadataJson,
  type PhoneNumber,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/core';
import { OmnilinkError } from '../model/errors.js';
import { type Issue, type Result, fail, issue, ok } from '../model/issue.js';
import { applyCountryRules, isPlaceholderNumber } from './_phone-rules.js';
import { isAscii, preview } from './_text.js';
import type { NormalizePhoneOptions, NormalizedPhone, PhoneNormalizer } from './phone.js';

/**
 * The phone normalizer's machinery (internal). `createPhoneNormalizer` in phone.ts is the public
 * face; tests build one without the fast path to check that both paths agree.
 */

/** Inputs longer than this are refused before any processing. */
const MAX_INPUT_LENGTH = 256;

type LineType = NonNullable<NormalizedPhone['type']>;

function mapType(t: string | undefined): LineType | undefined {
  switch (t) {
    case undefined:
      return undefined;
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'fixed_line';
    case 'FIXED_LINE_OR_MOBILE':
      return 'fixed_line_or_mobile';
    default:
      return 'other';
  }
}

function isDigitsOnly(s: string, from: number): boolean {
  if (s.length <= from) return false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Extension words in Portuguese and Spanish that libphonenumber does not know, mapped to `ext.`. */
const EXTRA_EXTENSION_WORDS = ['ramal', 'anexo', 'interno', 'extensión', 'extension', 'int.', 'r.'] as const;

function rewriteExtensionWord(s: string): string {
  // Every word has ASCII letters, and only ASCII letters lower-case to ASCII letters usable here
  // (U+0130 gives `i` + U+0307, U+212A gives `k`: neither fits any word): no letter, no word.
  if (!hasAsciiLetter(s)) return s;
  const lower = s.toLowerCase();
  for (const word of EXTRA_EXTENSION_WORDS) {
    const at = lower.lastIndexOf(word);
    if (at <= 0) continue;
    const before = lower.charCodeAt(at - 1);
    // The word must start a token, after a digit run and a space/comma (not inside another word).
    if (before !== 0x20 && before !== 0x2c && !(before >= 0x30 && before <= 0x39)) continue;
    let i = at + word.length;
    while (i < s.length && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x3a || s.charCodeAt(i) === 0x2e)) i++;
    if (isDigitsOnly(s, i)) return `${s.slice(0, at)} ext. ${s.slice(i)}`;
  }
  return s;
}

function hasAsciiLetter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c >= 0x61 && c <= 0x7a) return true;
  }
  return false;
}

/** `tel:+1-201-555-0123;ext=42;phone-context=…` → `+1-201-555-0123 ext. 42`. */
function fromTelUri(s: string): string {
  const body = s.slice(4);
  const parts = body.split(';');
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i] ?? '';
    if (p.toLowerCase().startsWith('ext=')) out += ` ext. ${p.slice(4)}`;
  }
  return out;
}

type Unwrapped = { readonly text: string } | { readonly issue: Issue };

/**
 * WhatsApp click-to-chat links (`wa.me/5511…`, `api.whatsapp.com/send?phone=…`,
 * `whatsapp://send?phone=…`): the number in them is international, written without `+`.
 */
const WHATSAPP_LINK = /^(?:https?:\/\/)?(?:www\.)?(?:wa\.me\/\+?(\d[\d\s-]{4,20})(?![\d\s-]*\d)|(?:(?:api\.|web\.)?whatsapp\.com\/send\/?|whatsapp:\/\/send\/?)\?(?:[^#]*&)?phone=\+?(\d{5,20})(?![\d-]))/i;

/**
 * What spreadsheets do to a number column: Excel's text marker (`'5511…`) and formula form
 * (`="5511…"`), and the `.0` a float column gives it (pandas writes `5511987654321.0` when the column
 * has blanks). Left there, `11987654321.0` read as another number entirely.
 */
const SPREADSHEET_TEXT = /^(?:'(.*)'$|'|="(.*)"$)/;
const FLOAT_TAIL = /^(\+?\d{6,})\.0+$/;

function unspreadsheet(text: string): string {
  const wrapped = SPREADSHEET_TEXT.exec(text);
  const s = wrapped === null ? text : (wrapped[1] ?? wrapped[2] ?? text.slice(1)).trim();
  return FLOAT_TAIL.exec(s)?.[1] ?? s;
}

/**
 * A word typed before or after a number to say what it is: `Cel: (11) 98765-4321`, `tel. +34 612…`,
 * `Mobile: …`, `+55 11 98765-4321 (WhatsApp)`, `… (casa)`. Only letters: `(0)` and digits stay.
 */
const LEADING_LABEL = /^\p{L}[\p{L} ]{0,14}?\s*[:.]\s*(?=[+(\d])/u;
const TRAILING_LABEL = /^\(\p{L}[\p{L} .-]{0,20}\)$/u;

function unlabel(text: string): string {
  const s = text.replace(LEADING_LABEL, '');
  const open = s.endsWith(')') ? s.lastIndexOf('(') : -1;
  return open > 0 && TRAILING_LABEL.test(s.slice(open)) ? s.slice(0, open).trimEnd() : s;
}

/**
 * Strip the transport wrappers: spreadsheet marks, `whatsapp:`, `tel:`, `sms:`, WhatsApp JIDs
 * (`…@s.whatsapp.net`), click-to-chat links, and words labelling the number.
 */
function unwrap(raw: string): Unwrapped {
  const trimmed = unspreadsheet(raw);
  const link = WHATSAPP_LINK.exec(trimmed);
  if (link !== null) return { text: `+${(link[1] ?? link[2] ?? '').replace(/[\s-]/g, '')}` };
  let s = trimmed;
  const colon = s.indexOf(':');
  if (colon > 0 && colon <= 9) {
    const scheme = s.slice(0, colon).toLowerCase();
    if (scheme === 'whatsapp' || scheme === 'sms' || scheme === 'wa') s = s.slice(colon + 1).trim();
    else if (scheme === 'tel') s = fromTelUri(s).trim();
  }
  s = unlabel(s);
  const at = s.indexOf('@');
  if (at >= 0) {
    const domain = s.slice(at + 1).toLowerCase();
    if (domain === 'g.us') return { issue: issue('unsupported', [], 'a WhatsApp group id is not a phone number') };
    if (domain !== 's.whatsapp.net' && domain !== 'c.us') {
      return { issue: issue('invalid_format', [], `phone ${preview(s)} contains @ (an email address?)`) };
    }
    s = s.slice(0, at);
    const device = s.indexOf(':'); // multi-device JIDs: 5511987654321:12@s.whatsapp.net
    if (device > 0) s = s.slice(0, device);
  }
  return { text: rewriteExtensionWord(s) };
}

interface Candidate {
  readonly e164: string;
  readonly callingCode: string;
  readonly nsn: string;
  readonly variantNsns: readonly string[];
  readonly possible: boolean;
  readonly valid: boolean;
  readonly country?: string;
  readonly type?: LineType;
  readonly extension?: string;
}

/** Runtime methods of libphonenumber-js numbering plans that its typings do not declare. */
interface PlanInternals {
  nationalNumberPattern(): string;
  nationalPrefixForParsing(): string | undefined;
  hasTypes(): boolean;
  possibleLengths(): number[] | undefined;
  leadingDigits(): string | undefined;
  IDDPrefix(): string | undefined;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

/** libphonenumber's line types, in the order it tries them after FIXED_LINE. */
const NON_FIXED_LINE_TYPES = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const;

/** One line type's pattern, compiled once. `regex` undefined: the type is absent or has an empty pattern. */
interface TypeInfo {
  readonly regex: RegExp | undefined;
  readonly lengths: readonly number[] | undefined;
  /** The type exists with an empty pattern (MOBILE deduplicated into FIXED_LINE). */
  readonly emptyPattern: boolean;
}

/** What we need of one numbering plan, with its regexes compiled once (libphonenumber compiles per call). */
interface PlanInfo {
  /** The national number pattern, anchored: validity for plans without type patterns. */
  readonly valid: RegExp;
  /** The national prefix for parsing, anchored at the start; undefined when the plan has none. */
  readonly prefix: RegExp | undefined;
  readonly hasTypes: boolean;
  /** Possible national number lengths. */
  readonly lengths: readonly number[];
  /** Leading digits that alone tell this country among those sharing its calling code. */
  readonly leading: RegExp | undefined;
  /** The international dialling prefix (`00`, `011`, ...), anchored at the start. */
  readonly idd: RegExp | undefined;
  /** Type patterns by name (plans with types only). */
  readonly types: ReadonlyMap<string, TypeInfo>;
}

function isType(plan: PlanInfo, name: string, nsn: string): boolean {
  const t = plan.types.get(name);
  if (t === undefined || t.regex === undefined) return false;
  if (t.lengths !== undefined && !t.lengths.includes(nsn.length)) return false;
  return t.regex.test(nsn);
}

/** The line type of a national number under a plan with type patterns (libphonenumber's rules). */
function typeOf(plan: PlanInfo, nsn: string): string | undefined {
  if (!plan.valid.test(nsn)) return undefined;
  if (isType(plan, 'FIXED_LINE', nsn)) {
    const mobile = plan.types.get('MOBILE');
    if (mobile === undefined || mobile.emptyPattern) return 'FIXED_LINE_OR_MOBILE';
    return isType(plan, 'MOBILE', nsn) ? 'FIXED_LINE_OR_MOBILE' : 'FIXED_LINE';
  }
  for (const name of NON_FIXED_LINE_TYPES) if (isType(plan, name, nsn)) return name;
  return undefined;
}

/** A calling code that belongs to exactly one country without type patterns: decidable without the parser. */
interface FastPlan {
  readonly callingCode: string;
  readonly country: string;
  readonly plan: PlanInfo;
}

/**
 * Would libphonenumber strip a national (or carrier) prefix from `nsn`? Only when the plan's prefix
 * pattern matches a non-empty start (Argentina's pattern also matches the empty string).
 */
function stripsPrefix(plan: PlanInfo, nsn: string): boolean {
  if (plan.prefix === undefined) return false;
  const m = plan.prefix.exec(nsn);
  return m !== null && m[0].length > 0;
}

/** Digits of a national number written with only digits and ` -.()/` (else undefined). */
function simpleDigits(text: string): string | undefined {
  let d = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) d += text[i];
    else if (c !== 0x20 && c !== 0x2d && c !== 0x2e && c !== 0x28 && c !== 0x29 && c !== 0x2f) return undefined;
  }
  return d.length > 0 ? d : undefined;
}

/** Options of {@link buildPhoneNormalizer}. */
export interface BuildPhoneNormalizerOptions {
  /** Decide common numbers without calling libphonenumber's parser (same results, faster). */
  readonly fastPath: boolean;
}

/** Build a phone normalizer; see `createPhoneNormalizer`. */
export function buildPhoneNormalizer(metadata: MetadataJson, options: BuildPhoneNormalizerOptions): PhoneNormalizer {
  const countryCache = new Map<string, CountryCode>();
  // One entry per country / calling code (a few hundred at most): bounded by the metadata.
  const planCache = new Map<string, PlanInfo | null>();

  function planOf(countryOrCallingCode: string): PlanInfo | null {
    const cached = planCache.get(countryOrCallingCode);
    if (cached !== undefined) return cached;
    let info: PlanInfo | null = null;
    try {
      const m = new Metadata(metadata);
      m.selectNumberingPlan(countryOrCallingCode as CountryCode);
      const plan = m.numberingPlan as unknown as Partial<PlanInternals> | undefined;
      if (
        plan !== undefined &&
        typeof plan.nationalNumberPattern === 'function' &&
        typeof plan.nationalPrefixForParsing === 'function' &&
        typeof plan.hasTypes === 'function' &&
        typeof plan.possibleLengths === 'function' &&
        typeof plan.leadingDigits === 'function' &&
        typeof plan.IDDPrefix === 'function' &&
        typeof plan.type === 'function'
      ) {
        const idd = plan.IDDPrefix();
        const prefix = plan.nationalPrefixForParsing();
        const leading = plan.leadingDigits();
        const hasTypes = plan.hasTypes();
        const types = new Map<string, TypeInfo>();
        if (hasTypes) {
          for (const name of ['FIXED_LINE', ...NON_FIXED_LINE_TYPES]) {
            const t = plan.type(name);
            if (t === undefined) continue;
            const pattern = t.pattern();
            types.set(name, {
              regex: pattern ? new RegExp(`^(?:${pattern})$`) : undefined,
              lengths: t.possibleLengths(),
              emptyPattern: pattern === '',
            });
          }
        }
        info = {
          valid: new RegExp(`^(?:${plan.nationalNumberPattern()})$`),
          prefix: prefix !== undefined && prefix !== '' ? new RegExp(`^(?:${prefix})`) : undefined,
          hasTypes,
          lengths: plan.possibleLengths() ?? [],
          leading: leading ? new RegExp(`^(?:${leading})`) : undefined,
          idd: idd ? new RegExp(`^(?:${idd})`) : undefined,
          types,
        };
      }
    } catch {
      info = null; // unknown plan or another metadata layout: fall back to libphonenumber's own calls
    }
    planCache.set(countryOrCallingCode, info);
    return info;
  }

  // ---- fast path: numbers decidable from the metadata alone, without libphonenumber's parser ----
  const callingCodes = metadata.country_calling_codes as Readonly<Record<string, readonly string[] | undefined>>;
  const fastByCallingCode = new Map<string, FastPlan | null>();
  const fastByCountry = new Map<string, FastPlan | null>();

  function fastPlanForCallingCode(callingCode: string): FastPlan | null {
    const cached = fastByCallingCode.get(callingCode);
    if (cached !== undefined) return cached;
    const countries = callingCodes[callingCode];
    let fp: FastPlan | null = null;
    const country = countries?.[0];
    if (countries !== undefined && countries.length === 1 && country !== undefined && country !== '001') {
      const plan = planOf(country);
      if (plan !== null && !plan.hasTypes && plan.lengths.length > 0) fp = { callingCode, country, plan };
    }
    fastByCallingCode.set(callingCode, fp);
    return fp;
  }

  function fastPlanForCountry(country: CountryCode): FastPlan | null {
    const cached = fastByCountry.get(country);
    if (cached !== undefined) return cached;
    let fp: FastPlan | null;
    try {
      fp = fastPlanForCallingCode(getCountryCallingCode(country, metadata));
      if (fp !== null && fp.country !== country) fp = null;
    } catch {
      fp = null;
    }
    fastByCountry.set(country, fp);
    return fp;
  }

  /**
   * The candidate for a national number of a fast plan (possibly not `possible`), or undefined when
   * only the parser can tell (a national or carrier prefix to strip).
   */
  function fastCandidate(fp: FastPlan, nsn0: string): Candidate | undefined {
    const { plan, callingCode } = fp;
    if (nsn0.length === 0 || nsn0.length > 17) return undefined;
    if (stripsPrefix(plan, nsn0)) return undefined;
    const rule = applyCountryRules(callingCode, nsn0);
    const nsn = rule.nsn;
    if (nsn !== nsn0 && stripsPrefix(plan, nsn)) return undefined;
    return {
      e164: `+${callingCode}${nsn}`,
      callingCode,
      nsn,
      variantNsns: rule.variantNsns,
      possible: plan.lengths.includes(nsn.length),
      valid: rule.impossible !== true && plan.valid.test(nsn),
      country: fp.country,
      ...(rule.type !== undefined ? { type: rule.type } : {}),
    };
  }

  /**
   * A calling code shared by several countries (NANP `1`, `44`, `7`, ...): pick the country as
   * libphonenumber does (leading digits, else the first whose type patterns match), then validate.
   * `national`: the default country whose national prefix applies, for a national reading.
   */
  function fastShared(callingCode: string, countries: readonly string[], nsn: string, national: string | undefined): Candidate | undefined {
    const main = planOf(countries[0] ?? '');
    const extraction = national !== undefined ? planOf(national) : main;
    if (main === null || extraction === null || nsn.length === 0 || nsn.length > 17) return undefined;
    if (stripsPrefix(extraction, nsn) || stripsPrefix(main, nsn)) return undefined;
    if (applyCountryRules(callingCode, nsn).nsn !== nsn) return undefined;
    let exact: string | undefined;
    for (const c of countries) {
      const p = planOf(c);
      if (p === null) return undefined;
      if (p.leading !== undefined ? p.leading.test(nsn) : p.hasTypes && typeOf(p, nsn) !== undefined) {
        exact = c;
        break;
      }
    }
    const country = exact ?? national;
    const plan = country !== undefined ? planOf(country) : main;
    if (plan === null || !plan.hasTypes) return undefined;
    const type = mapType(typeOf(plan, nsn));
    return {
      e164: `+${callingCode}${nsn}`,
      callingCode,
      nsn,
      variantNsns: [],
      possible: plan.lengths.includes(nsn.length),
      valid: type !== undefined,
      ...(country !== undefined ? { country } : {}),
      ...(type !== undefined ? { type } : {}),
    };
  }

  /**
   * International digits (no `+`): find the calling code (1–3 digits, prefix-free) and decide.
   * `null`: no calling code matches, so there is no international reading; undefined: undecided.
   */
  function fastInternational(digits: string): Candidate | null | undefined {
    if (digits.length < 2 || digits.charCodeAt(0) === 0x30) return undefined;
    for (let len = 1; len <= 3 && len < digits.length; len++) {
      const callingCode = digits.slice(0, len);
      const countries = callingCodes[callingCode];
      if (countries !== undefined) {
        const fp = fastPlanForCallingCode(callingCode);
        if (fp !== null) return fastCandidate(fp, digits.slice(len));
        return countries.length > 1 ? fastShared(callingCode, countries, digits.slice(len), undefined) : undefined;
      }
    }
    return digits.length > 3 ? null : undefined;
  }

  const sharedCodes = new Map<string, string | null>();
  /** The calling code of a country when several countries share it. */
  function sharedCallingCode(country: CountryCode): string | undefined {
    let cc = sharedCodes.get(country);
    if (cc === undefined) {
      try {
        const code = getCountryCallingCode(country, metadata);
        cc = (callingCodes[code]?.length ?? 0) > 1 ? code : null;
      } catch {
        cc = null;
      }
      sharedCodes.set(country, cc);
    }
    return cc ?? undefined;
  }

  /** A national number with a default country: the national reading if valid, else a valid international one. */
  function fastNational(text: string, country: CountryCode): Candidate | undefined {
    const digits = simpleDigits(text);
    if (digits === undefined) return undefined;
    // The parser reads a national text that starts with the country's IDD (`011…` in the US) as international.
    const own = planOf(country);
    if (own === null || (own.idd !== undefined && own.idd.test(digits))) return undefined;
    const fp = fastPlanForCountry(country);
    let national: Candidate | undefined;
    if (fp !== null) national = fastCandidate(fp, digits);
    else {
      const callingCode = sharedCallingCode(country);
      const countries = callingCode !== undefined ? callingCodes[callingCode] : undefined;
      if (callingCode === undefined || countries === undefined) return undefined;
      national = fastShared(callingCode, countries, digits, country);
    }
    if (national === undefined) return undefined;
    if (national.valid) return national;
    if (national.possible && writtenNationally(text, country)) return national;
    // The international reading, as the parser path tries it: `00`/`011` dropped, else the digits.
    const intlDigits = digits.startsWith('00') ? digits.slice(2) : digits.startsWith('011') ? digits.slice(3) : digits;
    const intl = intlDigits.charCodeAt(0) === 0x30 ? null : fastInternational(intlDigits);
    if (intl === undefined) return undefined;
    if (intl !== null && intl.valid) return intl;
    if (national.possible) return national;
    return intl !== null && intl.possible ? intl : undefined;
  }

  /**
   * The text groups its digits as the country writes its national numbers (`492-997-2312` in the
   * US is `(492) 997-2312`): such a number is national even when its area code is unassigned, never
   * the valid international number its bare digits would spell (`+49 2997 2312`). Only an explicit
   * `00`/`011` makes it international then.
   */
  function writtenNationally(text: string, country: CountryCode, parsed?: PhoneNumber): boolean {
    const groups = digitGroups(text);
    if (groups.length < 2 || INTERNATIONAL_PREFIX.test(text)) return false;
    const national = parsed ?? parse(text, country);
    if (national === undefined) return false;
    const layout = digitGroups(national.formatNational());
    return layout.length === groups.length && layout.every((g, i) => g === groups[i]);
  }

  function checkCountry(code: string): CountryCode {
    const cached = countryCache.get(code);
    if (cached !== undefined) return cached;
    const upper = code.trim().toUpperCase();
    if (upper.length !== 2 || !isSupportedCountry(upper as CountryCode, metadata)) {
      throw new OmnilinkError('invalid_argument', `defaultCountry ${JSON.stringify(code)} is not a supported ISO 3166-1 alpha-2 code`);
    }
    countryCache.set(code, upper as CountryCode);
    return upper as CountryCode;
  }

  function parse(text: string, country: CountryCode | undefined): PhoneNumber | undefined {
    // libphonenumber answers an unreadable text by throwing a ParseError, which it catches itself;
    // capturing that error's stack trace cost a third of such a call. On V8 no trace is captured
    // while it runs (the limit is restored before returning: nothing else runs in between).
    const errors = Error as ErrorConstructor & { stackTraceLimit?: number }; // V8's, not in the ES lib
    const limit = errors.stackTraceLimit;
    const v8 = typeof limit === 'number';
    if (v8) errors.stackTraceLimit = 0;
    try {
      return parsePhoneNumberFromString(text, country !== undefined ? { defaultCountry: country, extract: false } : { extract: false }, metadata);
    } catch {
      return undefined;
    } finally {
      if (v8) errors.stackTraceLimit = limit;
    }
  }

  function evaluate(pn: PhoneNumber, parsedText: string): Candidate {
    const callingCode = pn.countryCallingCode;
    const rule = applyCountryRules(callingCode, pn.nationalNumber);
    const e164 = `+${callingCode}${rule.nsn}`;
    let checked = pn;
    let stable = true;
    let plan = planOf(pn.country ?? callingCode);
    // A key must be a fixed point. libphonenumber strips national and carrier prefixes even after a
    // country code (`+49 000000`, `+55 90 …`), so an E.164 form that starts with the plan's
    // national prefix for parsing is re-read; one that does not cannot drift.
    if (e164 !== parsedText && (plan === null || rule.nsn !== pn.nationalNumber || stripsPrefix(plan, rule.nsn))) {
      const again = parse(e164, undefined);
      if (again === undefined || again.countryCallingCode !== callingCode || applyCountryRules(callingCode, again.nationalNumber).nsn !== rule.nsn) stable = false;
      else if (again.country !== pn.country) {
        checked = again;
        plan = planOf(again.country ?? callingCode);
      } else checked = again;
    }
    let valid: boolean;
    let libType: string | undefined;
    if (plan !== null && !plan.hasTypes) {
      valid = plan.valid.test(checked.nationalNumber); // what isValid() does for plans without types
    } else {
      libType = checked.getType(); // with type patterns, valid ⇔ some type matches
      valid = plan !== null ? libType !== undefined : checked.isValid();
    }
    const type = rule.type ?? mapType(libType);
    return {
      e164,
      callingCode,
      nsn: rule.nsn,
      variantNsns: rule.variantNsns,
      possible: stable && checked.isPossible(),
      valid: stable && rule.impossible !== true && valid,
      ...(checked.country !== undefined ? { country: checked.country } : {}),
      ...(type !== undefined ? { type } : {}),
      ...(pn.ext !== undefined && pn.ext.length > 0 ? { extension: pn.ext } : {}),
    };
  }

  function rejection(first: PhoneNumber | undefined, text: string): Issue {
    if (first === undefined) return issue('invalid_format', [], `${preview(text)} is not a recognizable phone number`);
    const why = validatePhoneNumberLength(first.number, metadata);
    switch (why) {
      case 'TOO_SHORT':
        return issue('too_small', [], `phone ${first.number} is too short for its country`);
      case 'TOO_LONG':
        return issue('too_big', [], `phone ${first.number} is too long for its country`);
      case 'INVALID_COUNTRY':
        return issue('invalid_value', [], `phone ${first.number} has an unknown country calling code`);
      default:
        return issue('invalid_value', [], `phone ${first.number} has an impossible length for its country`);
    }
  }

  function build(c: Candidate): NormalizedPhone {
    const variantKeys: string[] = [];
    for (const v of c.variantNsns) variantKeys.push(`+${c.callingCode}${v}`);
    // Filled field by field: same keys and order as an object spread, faster.
    const out = { e164: c.e164, key: c.e164, variantKeys } as Partial<NormalizedPhone> as { -readonly [K in keyof NormalizedPhone]: NormalizedPhone[K] };
    if (c.country !== undefined) out.country = c.country;
    if (c.type !== undefined) out.type = c.type;
    if (c.extension !== undefined) out.extension = c.extension;
    out.generic = isPlaceholderNumber(c.callingCode, c.nsn);
    out.valid = c.valid;
    return out;
  }

  function normalize(raw: string, phoneOptions?: NormalizePhoneOptions): Result<NormalizedPhone> {
    const country = phoneOptions?.defaultCountry !== undefined ? checkCountry(phoneOptions.defaultCountry) : undefined;
    if (typeof raw !== 'string') return fail(issue('invalid_type', [], 'phone must be a string'));
    if (raw.length > MAX_INPUT_LENGTH) return fail(issue('too_big', [], `phone is longer than ${MAX_INPUT_LENGTH} characters`));
    const trimmed = raw.trim();
    if (trimmed.length === 0) return fail(issue('required', [], 'phone is empty'));
    const unwrapped = unwrap(trimmed);
    if ('issue' in unwrapped) return fail(unwrapped.issue);
    const text = isAscii(unwrapped.text) ? unwrapped.text : unwrapped.text.normalize('NFKC');

    // Fast path: `+digits`, or bare digits with no default country (WhatsApp ids).
    const plus = text.charCodeAt(0) === 0x2b;
    if ((plus && isDigitsOnly(text, 1)) || (country === undefined && isDigitsOnly(text, 0))) {
      if (options.fastPath) {
        const c = fastInternational(plus ? text.slice(1) : text);
        if (c && c.possible) return ok(build(c));
      }
      const intl = plus ? text : `+${text}`;
      const pn = parse(intl, undefined);
      if (pn === undefined) return fail(rejection(undefined, text));
      const c = evaluate(pn, intl);
      return c.possible ? ok(build(c)) : fail(rejection(pn, text));
    }

    if (options.fastPath) {
      if (plus) {
        // `+55 11 98765-4321`: the same digits as `+5511987654321`
        const digits = simpleDigits(text.slice(1));
        const c = digits !== undefined ? fastInternational(digits) : undefined;
        if (c && c.possible) return ok(build(c));
      } else if (country !== undefined) {
        const c = fastNational(text, country);
        if (c !== undefined) return ok(build(c));
      }
    }

    // Readings in order of preference; the international one is only parsed when the first is not valid.
    const texts = plus ? [text] : country === undefined ? [internationalReading(text)] : [text, internationalReading(text)];
    // Without a default country, formatted text without + / 00 / 011 is read as international only
    // when that reading is valid: `(11) 98765-4321` must not become a possible +1 number.
    const needValid = !plus && country === undefined;
    let best: Candidate | undefined;
    let first: PhoneNumber | undefined;
    let parsedAny = false;
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i] ?? '';
      const pn = parse(t, i === 0 ? country : undefined);
      if (pn === undefined) continue;
      parsedAny = true;
      first ??= pn;
      const c = evaluate(pn, t);
      if (c.valid) {
        best = c;
        break;
      }
      if (c.possible && best === undefined && !needValid) best = c;
      // A possible national number written as the country writes them is not read internationally.
      if (i === 0 && c.possible && country !== undefined && !plus && writtenNationally(text, country, pn)) break;
    }
    if (best === undefined && needValid && parsedAny) {
      return fail(issue('invalid_format', [], `phone ${preview(text)} has no country code; pass defaultCountry to read national numbers`));
    }
    return best !== undefined ? ok(build(best)) : fail(rejection(first, text));
  }

  return { normalize };
}

/** A text that starts with an international call prefix (`00`, or the NANP's `011`). */
const INTERNATIONAL_PREFIX = /^[\s(]*0(?:0|11)/u;

/** The lengths of the runs of ASCII digits in a text. */
function digitGroups(text: string): number[] {
  const groups: number[] = [];
  let run = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (c >= 0x30 && c <= 0x39) run++;
    else if (run > 0) {
      groups.push(run);
      run = 0;
    }
  }
  return groups;
}

/** The text read as international: a leading `00` or `011` becomes `+`, bare digits get a `+`. */
function internationalReading(text: string): string {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x28)) i++;
  const rest = text.slice(i);
  if (rest.startsWith('00')) return `+${rest.slice(2)}`;
  if (rest.startsWith('011')) return `+${rest.slice(3)}`;
  return `+${rest}`;
}

