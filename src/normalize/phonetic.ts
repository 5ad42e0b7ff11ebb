/** Lowercase a-z only (callers pass folded tokens; upper case is tolerated). */
function lettersOf(token: string): string {
  let w = '';
  for (let i = 0; i < token.length; i++) {
    let c = token.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c >= 0x61 && c <= 0x7a) w += String.fromCharCode(c);
  }
  return w;
}

// Character codes: kept as numbers so the kernel below allocates nothing but its output.
const A = 0x61, C = 0x63, E = 0x65, G = 0x67, H = 0x68, I = 0x69, K = 0x6b, O = 0x6f, Q = 0x71, R = 0x72, U = 0x75, Y = 0x79;

function isVowel(c: number): boolean {
  return c === A || c === E || c === I || c === O || c === U || c === Y;
}

function isFront(c: number): boolean {
  return c === E || c === I || c === Y;
}

/**
 * A phonetic key for blocking names: "omniphone", a small Portuguese/Spanish/English-aware
 * consonant skeleton in the spirit of Soundex and Metaphone.
 *
 * Rules, applied left to right to a folded token (`a`–`z`; anything else is ignored):
 * - silent letters: initial `h`; `h` after a consonant or between vowels; `u` in `gu`/`qu` before `e`/`i`;
 * - digraphs: `ph`→F, `th`→T, `sch`/`sh`/`ch`→X (`chr`, and `ch` before a consonant, →K),
 *   `lh`→L, `nh`→N, `ck`/`qu`/`q`/`k`→K;
 * - soft consonants: `c` before `e`/`i`/`y`→S, other `c`→K; `g` before `e`/`i`/`y`→J, other `g`→G;
 * - merged classes: `z`/`s`/`ss`→S (Souza/Sousa, Gonçalves/Goncalvez), `v`/`w`/`b`→B (Spanish b/v,
 *   Wagner/Vagner), `y`→vowel (Smyth/Smith), `x`→X;
 * - vowels are dropped except a leading one, which is kept as `A` (Eduardo/Edoardo);
 * - a letter repeated in the source (`ll`, `rr`, `ss`, `tt`) counts once.
 *
 * The key is uppercase ASCII; tokens without a-z letters are returned unchanged so digits and
 * non-Latin scripts still block on themselves. Deterministic, allocation-light, linear time.
 *
 * @example
 * ```ts
 * phoneticKey('souza') === phoneticKey('sousa');          // true ('SS')
 * phoneticKey('goncalves') === phoneticKey('goncalvez');  // true
 * phoneticKey('smith') === phoneticKey('smyth');          // true
 * phoneticKey('catherine') === phoneticKey('katherine');  // true
 * ```
 */
export function phoneticKey(token: string): string {
  const w = lettersOf(token);
  const n = w.length;
  if (n === 0) return token;
  let out = '';
  let last = ''; // last code emitted since the previous vowel
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    const next = i + 1 < n ? w.charCodeAt(i + 1) : 0;
    const after = i + 2 < n ? w.charCodeAt(i + 2) : 0;
    if (i > 0 && c === w.charCodeAt(i - 1) && !isVowel(c)) continue; // doubled letter
    if (isVowel(c)) {
      if (out.length === 0) out = 'A'; // leading vowel, also after a silent h (Hernández/Ernández)
      last = ''; // a vowel separates equal consonant codes (Sousa keeps both S)
      continue;
    }
    let code: string;
    switch (c) {
      case H:
        continue; // silent unless it ends a digraph, which the previous letter consumed
      case 0x70: // p
        code = next === H ? 'F' : 'P';
        if (next === H) i++;
        break;
      case 0x74: // t
        code = 'T';
        if (next === H) i++;
        break;
      case 0x73: // s
        if (next === C && after === H) {
          code = 'X';
          i += 2;
        } else if (next === H) {
          code = 'X';
          i++;
        } else {
          code = 'S';
          if (next === C && isFront(after)) i++;
        }
        break;
      case 0x7a: // z
        code = 'S';
        break;
      case C:
        if (next === H) {
          code = after === R || (after !== 0 && !isVowel(after)) ? 'K' : 'X';
          i++;
        } else if (isFront(next)) code = 'S';
        else {
          code = 'K';
          if (next === K || next === Q) i++;
        }
        break;
      case Q:
        code = 'K';
        if (next === U) i++;
        break;
      case K:
        code = 'K';
        break;
      case G:
        if (next === U && isFront(after)) {
          code = 'G';
          i++;
        } else code = isFront(next) ? 'J' : 'G';
        break;
      case 0x6a: // j
        code = 'J';
        break;
      case 0x6c: // l
        code = 'L';
        if (next === H) i++;
        break;
      case 0x6e: // n
        code = 'N';
        if (next === H) i++;
        break;
      case 0x76: // v
      case 0x77: // w
      case 0x62: // b
        code = 'B';
        break;
      case 0x78: // x
        code = 'X';
        break;
      default:
        code = String.fromCharCode(c - 0x20);
    }
    if (code !== last) out += code;
    last = code;
  }
  return out.length > 0 ? out : w.toUpperCase(); // only silent letters ('h'): keep them
}
