import {
  type CountryCode,
  Metadata,
  type MetadataJson,
  type PhoneNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/core';
import { OmnilinkError } from '../model/errors.js';
import { type Issue, type Result, fail, issue, ok } from '../model/issue.js';
import { applyCountryRules, isPlaceholderNumber } from './_phone-rules.js';
import { isAscii, preview } from './_text.js';
import { defaultPhoneNormalizer } from './default-phone.js';

/**
 * A phone number reduced to its E.164 key and the other E.164 spellings of the same line.
 *
 * Two phone identifiers match exactly when their `key`s are equal and as variants when
 * `{key} ∪ variantKeys` intersect. The variant relation is symmetric: the Brazilian 12-digit
 * WhatsApp id and the 13-digit number of the same mobile, Mexico's `+52 1` and `+52`, Argentina's
 * `+54 9` and `+54` each list the other.
 */
export interface NormalizedPhone {
  /** Canonical E.164 (`+5511987654321`): BR mobiles with the ninth digit, MX without the `1`, AR mobiles with the `9`. */
  readonly e164: string;
  /** Same as `e164`. */
  readonly key: string;
  /** Other E.164 spellings of the same number, without a `phone:` prefix; may be empty. */
  readonly variantKeys: readonly string[];
  /** ISO 3166-1 alpha-2 country, when the number belongs to exactly one. */
  readonly country?: string;
  /**
   * The line type when known. The `min` metadata knows few types; country rules add `mobile` for
   * BR/AR mobiles and `fixed_line` for BR landlines. Bind `libphonenumber-js/max/metadata` for more.
   */
  readonly type?: 'mobile' | 'fixed_line' | 'fixed_line_or_mobile' | 'other';
  /** The extension (`ext. 12`, `ramal 12`, `;ext=12`), kept apart from the key. */
  readonly extension?: string;
  /** True for placeholder numbers (`000000`, `1234567890`, all one digit, NANP 555-01XX): weak evidence. */
  readonly generic: boolean;
  /**
   * True when the metadata says the number is valid (assigned range). `false` means only its length
   * is possible for the country: kept, because metadata lags real allocations and providers vouch
   * for their senders' numbers, but weaker.
   */
  readonly valid: boolean;
}

/** Options of {@link PhoneNormalizer.normalize}. */
export interface NormalizePhoneOptions {
  /**
   * ISO 3166-1 alpha-2 country used to read national numbers (`(11) 98765-4321` with `BR`).
   * Numbers with `+`, `00`/`011`, or bare international digits (WhatsApp ids) do not need it.
   * An unsupported code is misuse and throws {@link OmnilinkError} (`invalid_argument`).
   * @defaultValue undefined: only international numbers are accepted
   */
  readonly defaultCountry?: string;
}

/** Normalizes phone numbers with one set of libphonenumber metadata. */
export interface PhoneNormalizer {
  /**
   * Normalize one phone number; bad data returns issues, never throws.
   *
   * @example
   * ```ts
   * defaultPhoneNormalizer().normalize('(11) 98765-4321', { defaultCountry: 'BR' });
   * // { success: true, data: { e164: '+5511987654321', ... } }
   * ```
   */
  normalize(raw: string, options?: NormalizePhoneOptions): Result<NormalizedPhone>;
}

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

/** Strip the transport wrappers: `whatsapp:`, `tel:`, `sms:`, WhatsApp JIDs (`…@s.whatsapp.net`). */
function unwrap(trimmed: string): Unwrapped {
  let s = trimmed;
  const colon = s.indexOf(':');
  if (colon > 0 && colon <= 9) {
    const scheme = s.slice(0, colon).toLowerCase();
    if (scheme === 'whatsapp' || scheme === 'sms' || scheme === 'wa') s = s.slice(colon + 1).trim();
    else if (scheme === 'tel') s = fromTelUri(s).trim();
  }
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
}

/** What we need of one numbering plan, with its regexes compiled once (libphonenumber compiles per call). */
interface PlanInfo {
  /** The national number pattern, anchored: validity for plans without type patterns. */
  readonly valid: RegExp;
  /** The national prefix for parsing, anchored at the start; undefined when the plan has none. */
  readonly prefix: RegExp | undefined;
  readonly hasTypes: boolean;
}

/**
 * Build a {@link PhoneNormalizer} over explicit libphonenumber-js metadata (`libphonenumber-js/core`
 * style: the caller chooses `min`, `max` or `mobile` metadata). `max` metadata knows more line types
 * and validates digits, not only lengths.
 *
 * Reading rules:
 * - `+…`, `whatsapp:+…`, `tel:` URIs and WhatsApp JIDs are international.
 * - Bare digits without a default country are international (WhatsApp ids: `5511987654321`).
 * - Otherwise, with a default country, the national reading and the international reading
 *   (`00`/`011` prefix dropped, or the digits as they are) are both tried; a valid reading wins over a
 *   merely possible one, and the national reading wins a tie.
 * - A number whose length is impossible for its country is an issue (`too_small`, `too_big`,
 *   `invalid_value`); a possible but unassigned one is kept with `valid: false`.
 *
 * @example
 * ```ts
 * import metadata from 'libphonenumber-js/max/metadata';
 * const phones = createPhoneNormalizer(metadata);
 * const r = phones.normalize('whatsapp:+554188887777');
 * // r.data.key === '+5541988887777', r.data.variantKeys == ['+554188887777'], r.data.type === 'mobile'
 * ```
 */
export function createPhoneNormalizer(metadata: MetadataJson): PhoneNormalizer {
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
      if (plan !== undefined && typeof plan.nationalNumberPattern === 'function' && typeof plan.nationalPrefixForParsing === 'function' && typeof plan.hasTypes === 'function') {
        const prefix = plan.nationalPrefixForParsing();
        info = {
          valid: new RegExp(`^(?:${plan.nationalNumberPattern()})$`),
          prefix: prefix !== undefined && prefix !== '' ? new RegExp(`^(?:${prefix})`) : undefined,
          hasTypes: plan.hasTypes(),
        };
      }
    } catch {
      info = null; // unknown plan or another metadata layout: fall back to libphonenumber's own calls
    }
    planCache.set(countryOrCallingCode, info);
    return info;
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
    try {
      return parsePhoneNumberFromString(text, country !== undefined ? { defaultCountry: country, extract: false } : { extract: false }, metadata);
    } catch {
      return undefined;
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
    if (e164 !== parsedText && (plan === null || plan.prefix === undefined || rule.nsn !== pn.nationalNumber || plan.prefix.test(rule.nsn))) {
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
    const variantKeys = c.variantNsns.map((v) => `+${c.callingCode}${v}`);
    return {
      e164: c.e164,
      key: c.e164,
      variantKeys,
      ...(c.country !== undefined ? { country: c.country } : {}),
      ...(c.type !== undefined ? { type: c.type } : {}),
      ...(c.extension !== undefined ? { extension: c.extension } : {}),
      generic: isPlaceholderNumber(c.callingCode, c.nsn),
      valid: c.valid,
    };
  }

  function normalize(raw: string, options?: NormalizePhoneOptions): Result<NormalizedPhone> {
    const country = options?.defaultCountry !== undefined ? checkCountry(options.defaultCountry) : undefined;
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
      const intl = plus ? text : `+${text}`;
      const pn = parse(intl, undefined);
      if (pn === undefined) return fail(rejection(undefined, text));
      const c = evaluate(pn, intl);
      return c.possible ? ok(build(c)) : fail(rejection(pn, text));
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
    }
    if (best === undefined && needValid && parsedAny) {
      return fail(issue('invalid_format', [], `phone ${preview(text)} has no country code; pass defaultCountry to read national numbers`));
    }
    return best !== undefined ? ok(build(best)) : fail(rejection(first, text));
  }

  return { normalize };
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

/**
 * Normalize a phone number with the default normalizer (`libphonenumber-js/min/metadata`).
 * See {@link createPhoneNormalizer} for the reading rules.
 *
 * @example
 * ```ts
 * normalizePhone('5511987654321').success;                  // true, key '+5511987654321'
 * normalizePhone('(11) 98765-4321', { defaultCountry: 'BR' }); // key '+5511987654321'
 * normalizePhone('+52 1 55 1234 5678');                      // key '+525512345678', variantKeys ['+5215512345678']
 * normalizePhone('+12345');                                  // { success: false, issues: [{ code: 'too_small', ... }] }
 * ```
 */
export function normalizePhone(raw: string, options?: NormalizePhoneOptions): Result<NormalizedPhone> {
  return defaultPhoneNormalizer().normalize(raw, options);
}
