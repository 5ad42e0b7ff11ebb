// Fixed lines where the numbering plan tells them apart from mobiles: Brazil (a 10-digit national
// number whose subscriber part starts with 2-5; mobiles have 11 digits and a 9), Spain (8 or 9;
// mobiles 6 or 7) and Portugal (2; mobiles 9). Elsewhere (NANP, Mexico, Argentina without its 9)
// the key alone cannot say.
const FIXED_LINE_KEY = /^phone:\+(?:55[1-9]{2}[2-5]\d{7}|34[89]\d{8}|3512\d{8})$/;

/**
 * True when a phone key is a fixed line: a household's number, which a nameless record (a call from
 * home) cannot be pinned on one member by.
 *
 * @example
 * ```ts
 * isFixedLineKey('phone:+554133422174');  // true (Curitiba landline)
 * isFixedLineKey('phone:+5541988887777'); // false (mobile)
 * ```
 */
export function isFixedLineKey(key: string): boolean {
  return FIXED_LINE_KEY.test(key);
}
