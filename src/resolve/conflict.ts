import type { ContactRecord } from '../model/contact-record.js';
import { damerauLevenshteinDistance } from '../match/damerau-levenshtein-distance.js';
import { jaroWinklerSimilarity } from '../match/jaro-winkler-similarity.js';
import { nicknameGroups, normalizeName } from '../normalize/name.js';
import { phoneticKey } from '../normalize/phonetic.js';

// A pair "clearly differs" when a person could not plausibly carry both values: given names that are
// neither equal, nor typos (up to two edits, Jaro-Winkler >= 0.8, same sound), nor nicknames, nor
// initials of each other (Ana vs Pedro), a masculine / feminine pair of the same name (Mario vs Maria,
// Paulo vs Paula), second given names that differ (Maria Clara vs Maria Fernanda), or birth dates
// years apart that no single typo explains. Typos are forgiven generously: this rule is a veto, so it
// must only fire on real differences. Family members who share a landline or an inbox differ exactly like this, which is why a
// conflicting pair is never merged automatically, whatever else it shares.

const GIVEN_NAME_SIMILARITY = 0.8;
const LATIN = /[a-z]/;

// Words that stand where a name goes but name nobody in particular: honorifics, family roles and
// placeholders typed into contact apps and chat profiles ("Dona Antônia", "Mãe", "CLIENTE", "Papá").
// They are dropped before names are compared, so they never make two records "clearly differ".
const NOT_NAMES: ReadonlySet<string> = new Set(
  (
    'dona dom don dr dra doctor doutor doutora sr sra srta sir mr mrs ms miss prof professor professora eng ' +
    'senhor senhora senor senora cliente clientes client customer mae pai papa mama mom mum dad mother father ' +
    'vovo vova avo avos abuela abuelo abuelita abuelito tia tio tita tito amor amore bebe baby esposa esposo marido ' +
    'mujer hermano hermana irmao irma filho filha hijo hija trabalho trabajo work casa home office escritorio ' +
    'desconhecido desconocido unknown contato contacto contact vizinho vizinha vecino vecina chefe jefe boss ' +
    'nao no sem sin nome nombre name teste test prueba vo mamae papai mainha painho mami papi mommy daddy ' +
    'grandma grandpa granny madrinha padrinho madrina padrino sogra sogro suegra suegro wife husband amiga amigo'
  ).split(' '),
);

interface GivenTokens {
  readonly given: readonly string[];
  readonly family: readonly string[];
}

/**
 * Per name object, its tokens (`tokens` undefined: no personal name) and the parts they were read
 * from. Conflict checks read the same records' names again and again (every cross pair of two
 * groups, at every re-clustering); a record and the views the resolver makes of it share one name
 * object. The parts are compared on every hit, so a name object changed in place is read again.
 * Bounded (emptied when full): a million records must not each keep their tokens.
 */
const tokensOfName = new Map<object, { readonly full: unknown; readonly given: unknown; readonly family: unknown; readonly tokens: GivenTokens | undefined }>();
const MAX_CACHED_NAMES = 4096;

function givenTokens(record: ContactRecord): GivenTokens | undefined {
  const name = record.name;
  if (!name) return undefined;
  const cached = tokensOfName.get(name);
  if (cached !== undefined && cached.full === name.full && cached.given === name.given && cached.family === name.family) return cached.tokens;
  const tokens = readGivenTokens(name);
  if (tokensOfName.size >= MAX_CACHED_NAMES) tokensOfName.clear();
  tokensOfName.set(name, { full: name.full, given: name.given, family: name.family, tokens });
  return tokens;
}

function readGivenTokens(name: NonNullable<ContactRecord['name']>): GivenTokens | undefined {
  const r = normalizeName(name);
  if (!r.success) return undefined;
  let given = r.data.given.filter((t) => !NOT_NAMES.has(t));
  let family = r.data.family.filter((t) => !NOT_NAMES.has(t));
  // "Dona Antônia": once the honorific is gone, the first remaining word is the given name.
  if (given.length === 0 && r.data.given.length > 0 && family.length > 0) [given, family] = [family.slice(0, 1), family.slice(1)];
  return given.length === 0 ? undefined : { given, family };
}

/** True when a record carries a person's name, not only a role or placeholder (`Mãe`, `Cliente`). */
export function hasPersonalName(record: ContactRecord): boolean {
  return givenTokens(record) !== undefined;
}

/** Masculine / feminine forms of one name: Mario / Maria, Paulo / Paula, Julio / Juliana, Mario / Mariana. */
function genderPair(x: string, y: string): boolean {
  return feminineOf(x, y) || feminineOf(y, x);
}

function feminineOf(masculine: string, other: string): boolean {
  if (masculine.length < 3 || !masculine.endsWith('o')) return false;
  const stem = masculine.slice(0, -1);
  if (!other.startsWith(stem) || !other.endsWith('a')) return false;
  const tail = other.slice(stem.length);
  return tail === 'a' || tail === 'ana' || tail === 'ina';
}

/** True when two folded given-name tokens may name the same person. */
export function givenNamesCompatible(x: string, y: string): boolean {
  if (x === y) return true;
  // Names in different scripts (Tanaka / 田中) cannot be judged against each other.
  if (LATIN.test(x) !== LATIN.test(y)) return true;
  if (genderPair(x, y)) return false;
  const shorter = x.length <= y.length ? x : y;
  const longer = shorter === x ? y : x;
  if (shorter.length >= 3 && longer.startsWith(shorter)) return true;
  // Portuguese and Spanish shorten names from the front too (Lena / Helena, Nando / Fernando,
  // Tina / Cristina); from four letters up, so Ana never passes for Mariana.
  if (shorter.length >= 4 && longer.endsWith(shorter)) return true;
  const gx = nicknameGroups(x);
  if (gx.length > 0) {
    const gy = new Set(nicknameGroups(y));
    if (gx.some((g) => gy.has(g))) return true;
  }
  // Initials, and two-letter forms that are little more than initials (Jo, Al), agree on the first letter.
  if (x.length <= 2 || y.length <= 2) return x[0] === y[0];
  if (jaroWinklerSimilarity(x, y) >= GIVEN_NAME_SIMILARITY) return true;
  if (shorter.length >= 4 && damerauLevenshteinDistance(x, y) <= 2) return true;
  return phoneticKey(x) !== '' && phoneticKey(x) === phoneticKey(y);
}

function anyCompatible(xs: readonly string[], ys: readonly string[]): boolean {
  if (xs.some((x) => ys.some((y) => givenNamesCompatible(x, y)))) return true;
  // A compound given name has nicknames of its own: María José / Majo, Maria Eduarda / Duda.
  return (xs.length > 1 && compoundNickname(xs, ys)) || (ys.length > 1 && compoundNickname(ys, xs));
}

function compoundNickname(compound: readonly string[], other: readonly string[]): boolean {
  const groups = nicknameGroups(compound.join(' '));
  if (groups.length === 0) return false;
  return other.some((t) => nicknameGroups(t).some((g) => groups.includes(g)));
}

function anySwapped(given: readonly string[], family: readonly string[]): boolean {
  return given.some((g) => family.some((f) => g === f || (Math.min(g.length, f.length) >= 4 && damerauLevenshteinDistance(g, f) <= 1)));
}

/** First given names compatible, and second given names too when both have one. */
function givenCompatible(xs: readonly string[], ys: readonly string[]): boolean {
  if (!anyCompatible(xs, ys)) return false;
  const [x0, x1] = xs;
  const [y0, y1] = ys;
  if (x1 === undefined || y1 === undefined || x0 === undefined || y0 === undefined) return true;
  if (!givenNamesCompatible(x0, y0)) return true; // matched out of order: no second-name rule
  return givenNamesCompatible(x1, y1);
}

// Dates typed when the real one was unknown: never evidence either way.
const PLACEHOLDER_DATES: ReadonlySet<string> = new Set(['1900-01-01', '1901-01-01', '1970-01-01', '2000-01-01', '1899-12-31', '1800-01-01']);

function datesConflict(a: string, b: string): boolean {
  if (a === b || PLACEHOLDER_DATES.has(a) || PLACEHOLDER_DATES.has(b)) return false;
  const [ya = '', ma, da] = a.split('-');
  const [yb = '', mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return false; // day and month swapped
  // Within a year or so, any slip (a wrong day, a month off by one) is plausible.
  if (Math.abs(Number(ya) - Number(yb)) <= 1) return false;
  // Years apart: plausible only as a typo of the year (one digit, or two digits swapped).
  let digits = 0;
  for (let i = 0; i < 4; i++) if (ya[i] !== yb[i]) digits++;
  return digits > 1 && damerauLevenshteinDistance(ya, yb) > 1;
}

/**
 * Why two records clearly belong to different people, or undefined when nothing says so.
 *
 * @example
 * ```ts
 * recordsConflict({ ...r, name: { full: 'Ana Souza' } }, { ...s, name: { full: 'Pedro Souza' } });
 * // 'given names differ (ana / pedro)'
 * recordsConflict({ ...r, name: { full: 'José Souza' } }, { ...s, name: { full: 'Zé Souza' } }); // undefined
 * ```
 */
export function recordsConflict(a: ContactRecord, b: ContactRecord): string | undefined {
  const na = givenTokens(a);
  const nb = givenTokens(b);
  if (na && nb && !givenCompatible(na.given, nb.given)) {
    // "Souza, Ana" typed as given=Souza family=Ana, or a family name typed where the given name
    // goes: a given name found (near enough letter for letter) among the other record's family
    // names is not a conflict. Loose similarity is not enough here (Luis ~ Ruiz).
    const swapped = anySwapped(na.given, nb.family) || anySwapped(nb.given, na.family);
    if (!swapped) return `given names differ (${na.given.join(' ')} / ${nb.given.join(' ')})`;
  }
  if (a.birthDate !== undefined && b.birthDate !== undefined && datesConflict(a.birthDate, b.birthDate)) {
    return `birth dates differ (${a.birthDate} / ${b.birthDate})`;
  }
  return undefined;
}
