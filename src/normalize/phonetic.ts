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
  // Keep only a-z (callers pass folded tokens; be forgiving of upper case).
  let w = '';
  for (let i = 0; i < token.length; i++) {
    let c = token.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c >= 0x61 && c <= 0x7a) w += String.fromCharCode(c);
  }
  if (w.length === 0) return token;

  let out = '';
  let last = '';
  const n = w.length;
  const at = (i: number): string => (i < n ? (w[i] as string) : '');
  const isVowel = (ch: string): boolean => ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u' || ch === 'y';
  const front = (ch: string): boolean => ch === 'e' || ch === 'i' || ch === 'y';
  const emit = (code: string): void => {
    if (code !== last) out += code;
    last = code;
  };

  for (let i = 0; i < n; i++) {
    const ch = w[i] as string;
    const next = at(i + 1);
    if (i > 0 && ch === w[i - 1] && !isVowel(ch)) continue; // doubled letter
    if (isVowel(ch)) {
      if (out.length === 0) emit('A'); // leading vowel, also after a silent h (Hernández/Ernández)
      last = ''; // a vowel separates equal consonant codes (Sousa keeps both S)
      continue;
    }
    switch (ch) {
      case 'h':
        // silent unless it starts a digraph, which the previous letter already handled
        continue;
      case 'p':
        if (next === 'h') {
          emit('F');
          i++;
        } else emit('P');
        continue;
      case 't':
        emit('T');
        if (next === 'h') i++;
        continue;
      case 's':
        if (next === 'c' && at(i + 2) === 'h') {
          emit('X');
          i += 2;
        } else if (next === 'h') {
          emit('X');
          i++;
        } else if (next === 'c' && front(at(i + 2))) {
          emit('S');
          i++;
        } else emit('S');
        continue;
      case 'z':
        emit('S');
        continue;
      case 'c':
        if (next === 'h') {
          const after = at(i + 2);
          emit(after === 'r' || (after !== '' && !isVowel(after)) ? 'K' : 'X');
          i++;
        } else if (front(next)) emit('S');
        else {
          emit('K');
          if (next === 'k' || next === 'q') i++;
        }
        continue;
      case 'q':
        emit('K');
        if (next === 'u') i++;
        continue;
      case 'k':
        emit('K');
        continue;
      case 'g':
        if (next === 'u' && front(at(i + 2))) {
          emit('G');
          i++;
        } else if (front(next)) emit('J');
        else emit('G');
        continue;
      case 'j':
        emit('J');
        continue;
      case 'l':
        emit('L');
        if (next === 'h') i++;
        continue;
      case 'n':
        emit('N');
        if (next === 'h') i++;
        continue;
      case 'v':
      case 'w':
      case 'b':
        emit('B');
        continue;
      case 'x':
        emit('X');
        continue;
      default:
        emit(ch.toUpperCase());
    }
  }
  return out.length > 0 ? out : w.toUpperCase(); // only silent letters ('h'): keep them
}
