import metadata from 'libphonenumber-js/min/metadata';
import { lazy } from '../internal/lazy.js';
import { type PhoneNormalizer, createPhoneNormalizer } from './phone.js';

const instance = lazy(() => createPhoneNormalizer(metadata));

/**
 * The default {@link PhoneNormalizer}, bound to `libphonenumber-js/min/metadata` (validates
 * lengths and leading digits; knows few line types). Created on first call and reused.
 * For stricter validation and line types use `createPhoneNormalizer` with `libphonenumber-js/max/metadata`.
 *
 * @example
 * ```ts
 * const phones = defaultPhoneNormalizer();
 * phones.normalize('+55 11 98765-4321'); // key '+5511987654321'
 * ```
 */
export function defaultPhoneNormalizer(): PhoneNormalizer {
  return instance();
}
