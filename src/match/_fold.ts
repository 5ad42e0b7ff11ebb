import { foldText } from '../normalize/fold-text.js';

/**
 * Text folding for free-text fields (city, address, postcode, categorical values): the
 * normalizer's {@link foldText} (case, accents, compatibility forms), then every run of
 * characters other than letters and digits becomes one space.
 *
 * @internal
 */
export function foldFreeText(s: string): string {
  return foldText(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Folded and without any space (postcodes, ids). */
export function foldCompact(s: string): string {
  return foldFreeText(s).replace(/ /g, '');
}

/** The ASCII digits of a value, in order (`(11) 98765-4321` -> `11987654321`). */
export function digitsOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) out += s[i];
  }
  return out;
}
