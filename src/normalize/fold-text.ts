import { lazy } from '../internal/lazy.js';

/** Letters that NFD does not decompose into a base letter + mark, folded by hand (after lowercasing). */
const SPECIAL_FOLDS = lazy(
  () =>
    new Map<string, string>([
      ['ß', 'ss'],
      ['ẞ', 'ss'],
      ['ø', 'o'],
      ['æ', 'ae'],
      ['œ', 'oe'],
      ['ł', 'l'],
      ['đ', 'd'],
      ['ð', 'd'],
      ['þ', 'th'],
      ['ı', 'i'],
      ['ħ', 'h'],
      ['ŧ', 't'],
      ['ĸ', 'k'],
      ['ŋ', 'n'],
      ['ƒ', 'f'],
      ['ς', 'σ'],
      // quotes and dashes to their ASCII forms (O’Brien, Jean‐Pierre)
      ['\u2018', "'"],
      ['\u2019', "'"],
      ['\u201b', "'"],
      ['\u02bc', "'"],
      ['\u02b9', "'"],
      ['\u00b4', "'"],
      ['`', "'"],
      ['\u2010', '-'],
      ['\u2011', '-'],
      ['\u2012', '-'],
      ['\u2013', '-'],
      ['\u2014', '-'],
      ['\u2015', '-'],
      ['\u2212', '-'],
    ]),
);

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Lowercase ASCII and collapse whitespace; the whole of {@link foldText} for ASCII input. */
function foldAscii(s: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (isSpace(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (c === 0x60) c = 0x27; // ` -> '
    else if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += String.fromCharCode(c);
  }
  return out;
}

function isAsciiString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Unicode combining marks (general category M), removed after NFD. */
const COMBINING_MARK = /\p{M}/gu;

function foldOnce(text: string): string {
  const s = text.normalize('NFKC').toLowerCase().normalize('NFD').replace(COMBINING_MARK, '');
  let i = 0;
  while (i < s.length && s.charCodeAt(i) < 0x80) i++;
  if (i === s.length) return s; // accents were all there was
  const folds = SPECIAL_FOLDS();
  let mapped = s.slice(0, i);
  for (; i < s.length; i++) {
    const ch = s[i] as string;
    // every special fold is a BMP character; surrogate halves pass through unchanged, pairs intact
    mapped += s.charCodeAt(i) < 0x80 ? ch : (folds.get(ch) ?? ch);
  }
  return mapped.normalize('NFC');
}

/**
 * Fold text for comparison: compatibility forms to their plain letters (NFKC: full-width `Ｊｏｓé` →
 * `josé`, ligatures `ﬁ` → `fi`), lowercase, letters without a decomposition mapped by hand (`ß`→`ss`,
 * `ø`→`o`, `æ`→`ae`, `œ`→`oe`, `ł`→`l`, `đ`/`ð`→`d`, `þ`→`th`, `ı`→`i`), accents stripped (NFD, then
 * combining marks removed), typographic quotes and dashes to `'` and `-`, whitespace collapsed and
 * trimmed. Punctuation is otherwise kept; {@link normalizeName} removes it. Idempotent:
 * `foldText(foldText(x)) === foldText(x)`.
 *
 * @example
 * ```ts
 * foldText('  JOSÉ  Gonçalves ');   // 'jose goncalves'
 * foldText('Straße Ørsted Łódź');   // 'strasse orsted lodz'
 * foldText('Ｍａｒｉａ');            // 'maria'
 * ```
 */
export function foldText(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return foldAscii(text);
  let s = foldOnce(text);
  // A fold can expose characters a second fold would change again (compatibility forms recomposed
  // by NFC); one more pass settles them.
  if (!isAsciiString(s) && s.normalize('NFKC') !== s) s = foldOnce(s);
  return foldAscii(s);
}
