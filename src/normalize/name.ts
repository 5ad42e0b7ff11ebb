import { lazy } from '../internal/lazy.js';
import type { PersonName } from '../model/contact-record.js';
import { type Result, fail, issue, ok } from '../model/issue.js';
import { foldText } from './fold-text.js';
import { isKnownGivenName } from './nicknames.js';
import { phoneticKey } from './phonetic.js';

export { foldText } from './fold-text.js';
export { nicknameGroups } from './nicknames.js';
export { phoneticKey } from './phonetic.js';

/**
 * A person's name reduced to comparable parts. Every string is folded ({@link foldText}): lowercase,
 * no accents, no punctuation.
 *
 * @example
 * ```ts
 * const r = normalizeName('Silva, Ana Maria');
 * if (r.success) r.data.given; // ['ana', 'maria']
 * ```
 */
export interface NormalizedName {
  /** The folded name in natural order (given names first), particles included: `'ana maria da silva'`. */
  readonly full: string;
  /** Given-name tokens (`['ana', 'maria']`). */
  readonly given: readonly string[];
  /** Family-name tokens without particles (`['silva']`). */
  readonly family: readonly string[];
  /** Particles found between or before family names (`['da']`). */
  readonly particles: readonly string[];
  /** All name tokens without particles and honorifics: `given` then `family`. */
  readonly tokens: readonly string[];
  /** {@link phoneticKey} of each of `tokens`, same order. */
  readonly phonetic: readonly string[];
}

const MAX_FULL_LENGTH = 1024;
const MAX_PART_LENGTH = 512;

/** Name particles (Portuguese, Spanish, Italian, French, Dutch, German, Arabic). */
const PARTICLES = lazy(
  () =>
    new Set(
      'da de do dos das del della delle degli dei di du des la le lo las los van von der den ter te y e i bin binti bint ibn al el d l dell dall st'.split(
        ' ',
      ),
    ),
);

/** Honorifics dropped when at least one more token follows. */
const HONORIFICS = lazy(
  () =>
    new Set(
      'sr sra srta sres sras dr dra drs dras prof profa professor professora mr mrs ms mx mme mlle messrs sir dame rev revd pe eng enga ing lic lcdo lcda licda licdo arq hon'.split(
        ' ',
      ),
    ),
);

/** Honorifics that are also given names (`Don Johnson`, `Dom`): dropped only when two more tokens follow. */
const WEAK_HONORIFICS = lazy(() => new Set('dona dom don miss madam senor senora senorita senhor senhora senhorita padre frei irma mister lady lord'.split(' ')));

/** Generational and degree suffixes dropped at the end. `filho`, `neto`, `junior` stay: in Brazil they are part of the surname. */
const SUFFIXES = lazy(() => new Set('jr sr ii iii iv phd md esq dds mba'.split(' ')));

/** Elided particles written with an apostrophe: `d'Ávila`, `dell'Acqua`, `l'Église`. */
const ELIDED = lazy(() => new Set(['d', 'l', 'dell', 'dall', 'all', 'nell', 'sant']));

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

interface Tokenized {
  readonly words: string[];
  /** `hyphened[i]`: word i was joined to word i-1 by a hyphen (`jean-pierre`). */
  readonly hyphened: boolean[];
  /** Number of words before the first comma, or -1 when there is no comma. */
  readonly commaAt: number;
  readonly commas: number;
}

/** Split folded text into words: punctuation separates, hyphens split, apostrophes join (O'Brien) or elide (d'Ávila). */
function tokenize(folded: string): Tokenized {
  const words: string[] = [];
  const hyphened: boolean[] = [];
  let commaAt = -1;
  let commas = 0;
  let start = -1; // start of the current word in `folded`, or -1
  let joined = ''; // parts of the current word before an apostrophe (O'Brien -> obrien)
  let hyphen = false; // the current word follows a hyphen that followed a word
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 0x20;
    let width = 1;
    let word: boolean;
    if (c < 0x80) word = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
    else {
      width = c >= 0xd800 && c <= 0xdbff && i + 1 < folded.length ? 2 : 1;
      word = LETTER_OR_DIGIT.test(folded.slice(i, i + width));
    }
    if (word) {
      if (start < 0) start = i;
      i += width - 1;
      continue;
    }
    const part = start >= 0 ? folded.slice(start, i) : '';
    start = -1;
    if (c === 0x27) {
      // apostrophe: an elided particle (d', l', dell') is a word of its own; otherwise join
      const current = joined + part;
      if (ELIDED().has(current)) {
        words.push(current);
        hyphened.push(hyphen);
        hyphen = false;
        joined = '';
      } else joined = current;
      continue;
    }
    const current = joined + part;
    joined = '';
    if (current.length > 0) {
      words.push(current);
      hyphened.push(hyphen);
    }
    hyphen = c === 0x2d && current.length > 0;
    if (c === 0x2c) {
      if (commaAt < 0) commaAt = words.length;
      commas++;
    }
  }
  return { words, hyphened, commaAt, commas };
}

function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return true;
  }
  return false;
}

/**
 * [start, end) of `words` without leading honorifics and trailing suffixes. `following`: name words
 * that come after these elsewhere (the family side of "Silva, Dona Maria").
 */
function honorificBounds(words: readonly string[], following = 0): readonly [number, number] {
  let i = 0;
  while (i < words.length) {
    const w = words[i] as string;
    const remaining = words.length - i - 1 + following;
    if ((HONORIFICS().has(w) && remaining >= 1) || (WEAK_HONORIFICS().has(w) && remaining >= 2)) i++;
    else break;
  }
  let end = words.length;
  while (end - i > 1 && SUFFIXES().has(words[end - 1] as string)) end--;
  return [i, end];
}

function stripHonorifics(words: string[], following = 0): string[] {
  const [start, end] = honorificBounds(words, following);
  return start === 0 && end === words.length ? words : words.slice(start, end);
}

/** Family words: particles (any but the last word) apart from names. */
function splitFamily(words: readonly string[], particles: string[]): string[] {
  const family: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (i < words.length - 1 && PARTICLES().has(w)) particles.push(w);
    else family.push(w);
  }
  return family;
}

function build(given: readonly string[], familyWords: readonly string[]): Result<NormalizedName> {
  const particles: string[] = [];
  const family = splitFamily(familyWords, particles);
  const tokens = [...given, ...family];
  if (tokens.length === 0) return fail(issue('invalid_value', [], 'name has no letters'));
  return ok({
    full: [...given, ...familyWords].join(' '),
    given,
    family,
    particles,
    tokens,
    phonetic: tokens.map(phoneticKey),
  });
}

function words(text: string): Tokenized {
  const t = tokenize(foldText(text));
  if (t.words.every(hasLetter)) return t;
  const keep = t.words.map(hasLetter);
  return {
    words: t.words.filter((_, i) => keep[i]),
    hyphened: t.hyphened.filter((_, i) => keep[i]),
    commaAt: t.commaAt < 0 ? -1 : keep.slice(0, t.commaAt).filter(Boolean).length,
    commas: t.commas,
  };
}

/**
 * Split a name written in natural order: the first word, words hyphenated to it (`jean-pierre`),
 * and following known given names or initials are given; the last word is always family.
 */
function splitNatural(ws: readonly string[], hyphened: readonly boolean[]): { given: string[]; family: string[] } {
  if (ws.length <= 1) return { given: [...ws], family: [] };
  const given = [ws[0] as string];
  let i = 1;
  while (i < ws.length - 1) {
    const w = ws[i] as string;
    if (PARTICLES().has(w) || !(hyphened[i] === true || w.length === 1 || isKnownGivenName(w))) break;
    given.push(w);
    i++;
  }
  return { given, family: ws.slice(i) };
}

function fromFull(text: string): Result<NormalizedName> {
  const t = words(text);
  if (t.commas === 1 && t.commaAt > 0 && t.commaAt < t.words.length) {
    // "Silva, Ana" (family first) unless what follows the comma is only suffixes ("Smith, Jr.").
    const familySide = t.words.slice(0, t.commaAt);
    const givenSide = stripHonorifics(t.words.slice(t.commaAt), familySide.length);
    const onlySuffixes = givenSide.every((w) => SUFFIXES().has(w));
    if (!onlySuffixes) return build(givenSide, familySide);
  }
  const [start, end] = honorificBounds(t.words);
  const { given, family } = splitNatural(t.words.slice(start, end), t.hyphened.slice(start, end));
  return build(given, family);
}

/**
 * Normalize a person's name for matching: fold (accents, case, full-width, `ß`/`ø`/`æ`/`ł`),
 * drop punctuation and honorifics (`Sr.`, `Sra.`, `Dr.`, `Mr.`, `Mrs.`, `Ms.`, `Dona`, `Dom`) and
 * generational suffixes (`Jr.`, `III`), split hyphenated names, detect "Surname, Given" order,
 * set particles apart (`da`, `de`, `dos`, `del`, `van`, `von`, `y`, `bin`, `al`, `d'`, ...), and
 * split given from family names. A `PersonName` with `given`/`family` uses them as given; only
 * `full` is parsed. Without a comma, the first word is a given name and so is each following
 * known given name or initial (`José Luis García` → given `jose luis`); the rest is family.
 *
 * Bad data returns issues: `required` (empty), `too_big`, `invalid_value` (no letters).
 *
 * @example
 * ```ts
 * const r = normalizeName('Sr. José Luis Gonçalves da Silva');
 * // r.data: { full: 'jose luis goncalves da silva', given: ['jose', 'luis'],
 * //           family: ['goncalves', 'silva'], particles: ['da'],
 * //           tokens: ['jose', 'luis', 'goncalves', 'silva'], phonetic: ['JS', 'LS', 'GNKLBS', 'SLB'] }
 * normalizeName('Silva, Ana Maria');           // given ['ana', 'maria'], family ['silva']
 * normalizeName({ given: 'Ana', family: 'de Souza' }); // family ['souza'], particles ['de']
 * ```
 */
export function normalizeName(input: string | PersonName): Result<NormalizedName> {
  if (typeof input === 'string') {
    if (input.length > MAX_FULL_LENGTH) return fail(issue('too_big', [], `name is longer than ${MAX_FULL_LENGTH} characters`));
    if (input.trim().length === 0) return fail(issue('required', [], 'name is empty'));
    return fromFull(input);
  }
  if (typeof input !== 'object' || input === null) return fail(issue('invalid_type', [], 'name must be a string or a PersonName'));
  const { full, given, family } = input;
  for (const [part, value, max] of [['full', full, MAX_FULL_LENGTH], ['given', given, MAX_PART_LENGTH], ['family', family, MAX_PART_LENGTH]] as const) {
    if (value !== undefined && typeof value !== 'string') return fail(issue('invalid_type', [part], `${part} must be a string`));
    if (typeof value === 'string' && value.length > max) return fail(issue('too_big', [part], `${part} is longer than ${max} characters`));
  }
  const hasGiven = typeof given === 'string' && given.trim().length > 0;
  const hasFamily = typeof family === 'string' && family.trim().length > 0;
  if (hasGiven || hasFamily) {
    const f = hasFamily ? words(family).words : [];
    const g = hasGiven ? stripHonorifics(words(given).words, f.length) : [];
    let fEnd = f.length;
    while (fEnd > 1 && SUFFIXES().has(f[fEnd - 1] as string)) fEnd--;
    return build(g, fEnd === f.length ? f : f.slice(0, fEnd));
  }
  if (typeof full === 'string' && full.trim().length > 0) {
    const r = fromFull(full);
    return r.success ? r : { success: false, issues: r.issues.map((i) => ({ ...i, path: ['full', ...i.path] })) as unknown as typeof r.issues };
  }
  return fail(issue('required', [], 'name is empty'));
}
