/**
 * Seeded generators of realistic, messy identifier data for benchmarks (reusable by any bench):
 * emails, phones (with the default country a CRM would pass), person names and birth dates, in the
 * shapes Brazilian, Mexican, Argentine, US and UK customer data arrive in. Same seed, same data.
 */

/** A seeded PRNG (mulberry32): fast, 32-bit state, good enough for test data. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)] as T,
    chance: (p: number): boolean => next() < p,
  };
}

const GIVEN = [
  'José', 'João', 'Maria', 'Ana', 'Ana Maria', 'Francisco', 'Antônio', 'Luís', 'Luiz', 'Carlos', 'Paulo', 'Pedro', 'Lucas',
  'Gabriel', 'Rafael', 'Fernanda', 'Juliana', 'Beatriz', 'Camila', 'Letícia', 'Guadalupe', 'Jesús', 'Alejandro', 'María José',
  'Juan Carlos', 'Dolores', 'Concepción', 'Ignacio', 'William', 'Robert', 'Elizabeth', 'Katherine', 'Catherine', 'Margaret',
  'James', 'John', 'Michael', 'Jennifer', 'Patricia', 'Jean-Pierre', 'Zé', 'Chico', 'Bill', 'Peggy', 'Nacho', 'Lupe',
];
const FAMILY = [
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Sousa', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Gonçalves',
  'da Silva', 'dos Santos', 'de Souza', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'García', 'Hernández',
  'López', 'Martínez', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'García y López', 'del Río', 'Smith', 'Smyth', 'Johnson',
  'Williams', 'Brown', "O'Brien", 'van der Berg', 'Müller', 'Kowalski', 'Nguyễn', 'Guimarães', 'Magalhães', 'Conceição',
];
const HONORIFIC = ['Sr. ', 'Sra. ', 'Dr. ', 'Dra. ', 'Mr. ', 'Mrs. ', 'Dona ', 'Ms. '];
const PROVIDERS = ['gmail.com', 'googlemail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.br', 'icloud.com', 'uol.com.br', 'bol.com.br', 'live.com', 'me.com', 'empresa.com.br', 'acme.io', 'correo.mx', 'bücher.de', 'faß.de'];

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
}

/** A person name as typed into a CRM or a chat profile: casing, honorifics, order and spacing vary. */
export function messyName(rng: Rng): string {
  const given = rng.pick(GIVEN);
  const family = rng.chance(0.6) ? `${rng.pick(FAMILY)} ${rng.pick(FAMILY)}` : rng.pick(FAMILY);
  let name = rng.chance(0.15) ? `${family}, ${given}` : `${given} ${family}`;
  if (rng.chance(0.1)) name = rng.pick(HONORIFIC) + name;
  const casing = rng.int(10);
  if (casing === 0) name = name.toUpperCase();
  else if (casing === 1) name = name.toLowerCase();
  else if (casing === 2) name = stripAccents(name);
  if (rng.chance(0.1)) name = `  ${name.replace(' ', '  ')} `;
  return name;
}

/** An email as typed: mixed case, spaces, +tags, Gmail dots, some IDN and some malformed. */
export function messyEmail(rng: Rng): string {
  const given = stripAccents(rng.pick(GIVEN)).toLowerCase().replace(/[\s'-]+/g, '');
  const family = stripAccents(rng.pick(FAMILY)).toLowerCase().replace(/[\s'-]+/g, '');
  const sep = rng.pick(['.', '_', '', '-']);
  let local = `${given}${sep}${family}`;
  if (rng.chance(0.3)) local += String(rng.int(2000));
  if (rng.chance(0.1)) local += `+${rng.pick(['news', 'shop', 'promo', 'x'])}`;
  if (rng.chance(0.05)) local = rng.pick(['info', 'contato', 'noreply', 'vendas', 'test']);
  let email = `${local}@${rng.pick(PROVIDERS)}`;
  if (rng.chance(0.2)) email = email.replace(/^./, (c) => c.toUpperCase()).replace(/@(.)/, (_, c: string) => `@${c.toUpperCase()}`);
  if (rng.chance(0.05)) email = email.toUpperCase();
  if (rng.chance(0.1)) email = ` ${email} `;
  if (rng.chance(0.03)) email = email.replace('@', rng.pick([' ', '@@', '']));
  if (rng.chance(0.02)) email = email.replace('.', '..');
  return email;
}

/** A phone as received from CRMs and providers, with the default country the caller would pass. */
export interface MessyPhone {
  readonly raw: string;
  readonly defaultCountry: string;
}

export function messyPhone(rng: Rng): MessyPhone {
  const kind = rng.int(100);
  if (kind < 45) {
    // Brazil: mobiles (13-digit, some 12-digit WhatsApp ids) and landlines
    const area = `${1 + rng.int(9)}${1 + rng.int(9)}`;
    const mobile = rng.chance(0.8);
    const sub = mobile ? `9${6 + rng.int(4)}${digits(rng, 7)}` : `${2 + rng.int(4)}${digits(rng, 7)}`;
    const s8 = sub.length === 9 ? sub.slice(1) : sub;
    const shape = rng.int(7);
    const raw =
      shape === 0
        ? `55${area}${sub}`
        : shape === 1
          ? `55${area}${s8}`
          : shape === 2
            ? `(${area}) ${sub.slice(0, sub.length - 4)}-${sub.slice(-4)}`
            : shape === 3
              ? `+55 ${area} ${sub.slice(0, sub.length - 4)}-${sub.slice(-4)}`
              : shape === 4
                ? `whatsapp:+55${area}${sub}`
                : shape === 5
                  ? `0${area} ${sub}`
                  : `${area}${sub}`;
    return { raw, defaultCountry: 'BR' };
  }
  if (kind < 65) {
    const area = `${2 + rng.int(8)}${digits(rng, 2)}`;
    const ex = `${2 + rng.int(8)}${digits(rng, 2)}`;
    const line = digits(rng, 4);
    const raw = rng.pick([`(${area}) ${ex}-${line}`, `+1 ${area}-${ex}-${line}`, `${area}.${ex}.${line}`, `1${area}${ex}${line}`, `+1${area}${ex}${line}`, `${area}-${ex}-${line} x${rng.int(999)}`]);
    return { raw, defaultCountry: 'US' };
  }
  if (kind < 78) {
    const n = `${rng.pick(['55', '33', '81'])}${digits(rng, 8)}`;
    const raw = rng.pick([`+52 1 ${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}`, `+52${n}`, `521${n}`, `${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}`, `044 ${n}`]);
    return { raw, defaultCountry: 'MX' };
  }
  if (kind < 90) {
    const sub = `${rng.pick(['15', '2', '3', '4', '6'])}${digits(rng, 6)}`.slice(0, 8);
    const raw = rng.pick([`+54 9 11 ${sub.slice(0, 4)}-${sub.slice(4)}`, `whatsapp:+54911${sub}`, `(011) 15-${sub.slice(0, 4)}-${sub.slice(4)}`, `+5411${sub}`, `54911${sub}`]);
    return { raw, defaultCountry: 'AR' };
  }
  const raw = rng.pick([`+44 20 7946 ${digits(rng, 4)}`, `07400 ${digits(rng, 6)}`, `0044 7400 ${digits(rng, 6)}`, `+447400${digits(rng, 6)}`]);
  return { raw, defaultCountry: 'GB' };
}

/** A birth date in one of the shapes CRMs export. */
export function messyDate(rng: Rng): string {
  const y = 1930 + rng.int(80);
  const m = 1 + rng.int(12);
  const d = 1 + rng.int(28);
  const p = (n: number): string => String(n).padStart(2, '0');
  const months = ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'];
  return rng.pick([`${y}-${p(m)}-${p(d)}`, `${y}${p(m)}${p(d)}`, `${p(d)}/${p(m)}/${y}`, `${d}.${m}.${y}`, `${d} ${months[m - 1]} ${y}`, `${p(d)}/${p(m)}/${String(y).slice(2)}`]);
}

/** `n` values from a generator with a fixed seed. */
export function generate<T>(n: number, seed: number, make: (rng: Rng) => T): T[] {
  const rng = createRng(seed);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(make(rng));
  return out;
}
