import type { MetadataJson } from 'libphonenumber-js/core';
import type { Result } from '../model/issue.js';
import { buildPhoneNormalizer } from './_phone-normalizer.js';
import { defaultPhoneNormalizer } from './default-phone.js';

/**
 * A phone number reduced to its E.164 key and the other E.164 spellings of the same line.
 *
 * Two phone identifiers match exactly when their `key`s are equal and as variants when
 * `{key} ∪ variantKeys` intersect. The variant relation is symmetric: the Brazilian 12-digit
 * WhatsApp id and the 13-digit number of the same mobile, Mexico's `+52 1` and `+52`, Argentina's
 * `+54 9` and `+54` each list the other.
 *
 * @example
 * ```ts
 * const r = normalizePhone('554188887777');
 * if (r.success) r.data; // { e164: '+5541988887777', key: '+5541988887777', variantKeys: ['+554188887777'], country: 'BR', type: 'mobile', generic: false, valid: true }
 * ```
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

/**
 * Options of {@link PhoneNormalizer.normalize}.
 *
 * @example
 * ```ts
 * normalizePhone('(11) 98765-4321', { defaultCountry: 'BR' }); // key '+5511987654321'
 * ```
 */
export interface NormalizePhoneOptions {
  /**
   * ISO 3166-1 alpha-2 country used to read national numbers (`(11) 98765-4321` with `BR`).
   * Numbers with `+`, `00`/`011`, or bare international digits (WhatsApp ids) do not need it.
   * An unsupported code is misuse and throws `OmnilinkError` (`invalid_argument`).
   * @defaultValue undefined: only international numbers are accepted
   */
  readonly defaultCountry?: string;
}

/**
 * Normalizes phone numbers with one set of libphonenumber metadata.
 *
 * @example
 * ```ts
 * const phones: PhoneNormalizer = defaultPhoneNormalizer();
 * phones.normalize('+52 1 55 1234 5678'); // key '+525512345678'
 * ```
 */
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

/**
 * Build a {@link PhoneNormalizer} over explicit libphonenumber-js metadata (`libphonenumber-js/core`
 * style: the caller chooses `min`, `max` or `mobile` metadata). `max` metadata knows more line types
 * and validates digits, not only lengths.
 *
 * Reading rules:
 * - `+…`, `whatsapp:+…`, `tel:` URIs, WhatsApp JIDs and click-to-chat links (`wa.me/5511…`) are international.
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
  return buildPhoneNormalizer(metadata, { fastPath: true });
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
