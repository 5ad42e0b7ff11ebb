import { closeSync, openSync, readSync } from 'node:fs';
import type { ContactRecord, Identifier } from '../src/index.js';
import { type Rng, createRng } from './generate.js';

/**
 * Seeded synthetic omnichannel contacts with ground truth: persons, each seen as 1–5 records on
 * different channels (CRM rows, WhatsApp senders, email senders, Instagram users, web chat
 * visitors, SMS), with the noise real data has: typos, nicknames, swapped or missing name parts,
 * Gmail dots and +tags, phone spellings (national, E.164, WhatsApp ids without the Brazilian ninth
 * digit), birth-date slips, shared household landlines and role emails. Same seed, same data.
 */

const GIVEN = [
  'jose', 'joao', 'maria', 'ana', 'francisco', 'antonio', 'luis', 'luiz', 'carlos', 'paulo', 'pedro', 'lucas', 'gabriel',
  'rafael', 'fernanda', 'juliana', 'beatriz', 'camila', 'leticia', 'guadalupe', 'jesus', 'alejandro', 'ignacio', 'william',
  'robert', 'elizabeth', 'katherine', 'catherine', 'margaret', 'james', 'john', 'michael', 'jennifer', 'patricia', 'marcos',
  'eduardo', 'ricardo', 'roberto', 'daniela', 'mariana', 'larissa', 'bruna', 'thiago', 'felipe', 'rodrigo', 'gustavo',
  'vinicius', 'leonardo', 'matheus', 'bruno', 'diego', 'andre', 'sergio', 'marcelo', 'fabio', 'renata', 'adriana',
  'vanessa', 'cristina', 'patricio', 'sofia', 'valentina', 'isabella', 'manuela', 'alice', 'laura', 'helena', 'luiza',
  'carolina', 'natalia', 'aline', 'priscila', 'tatiana', 'monica', 'simone', 'sandra', 'raquel', 'silvia', 'lucia',
  'teresa', 'rosa', 'elena', 'pilar', 'carmen', 'javier', 'miguel', 'manuel', 'raul', 'enrique', 'victor', 'oscar',
  'emily', 'sarah', 'jessica', 'ashley', 'amanda', 'david', 'richard', 'thomas', 'charles', 'daniel', 'matthew',
];
const NICK: Readonly<Record<string, string>> = {
  jose: 'ze', francisco: 'chico', antonio: 'tonho', william: 'bill', robert: 'bob', elizabeth: 'liz', katherine: 'kate',
  margaret: 'peggy', james: 'jim', michael: 'mike', jennifer: 'jen', patricia: 'paty', ignacio: 'nacho', guadalupe: 'lupe',
  alejandro: 'alex', eduardo: 'edu', roberto: 'beto', rafael: 'rafa', gabriel: 'gabi', fernanda: 'nanda', thomas: 'tom',
  richard: 'rick', daniel: 'dani', matthew: 'matt', charles: 'charlie', david: 'dave', manuel: 'manolo', enrique: 'quique',
};
const FAMILY = [
  'silva', 'santos', 'oliveira', 'souza', 'rodrigues', 'ferreira', 'alves', 'pereira', 'lima', 'gomes', 'goncalves',
  'costa', 'ribeiro', 'martins', 'carvalho', 'almeida', 'lopes', 'soares', 'fernandes', 'vieira', 'barbosa', 'rocha',
  'dias', 'nascimento', 'andrade', 'moreira', 'nunes', 'marques', 'machado', 'mendes', 'freitas', 'cardoso', 'ramos',
  'teixeira', 'araujo', 'campos', 'pinto', 'monteiro', 'moura', 'correia', 'cavalcanti', 'batista', 'garcia', 'hernandez',
  'lopez', 'martinez', 'gonzalez', 'perez', 'sanchez', 'ramirez', 'torres', 'flores', 'rivera', 'gomez', 'diaz', 'reyes',
  'cruz', 'morales', 'ortiz', 'gutierrez', 'chavez', 'ruiz', 'alvarez', 'castillo', 'jimenez', 'vasquez', 'romero',
  'smith', 'johnson', 'williams', 'brown', 'jones', 'miller', 'davis', 'wilson', 'anderson', 'taylor', 'moore', 'jackson',
  'white', 'harris', 'martin', 'thompson', 'clark', 'lewis', 'walker', 'hall', 'allen', 'young', 'king', 'wright', 'scott',
  'nguyen', 'kowalski', 'muller', 'schmidt', 'rossi', 'russo', 'ferrari', 'esposito', 'bianchi', 'romano', 'colombo',
  'tanaka', 'suzuki', 'sato', 'kim', 'park', 'lee', 'chen', 'wang', 'li', 'zhang', 'yamamoto', 'nakamura', 'kobayashi',
];
const PARTICLE = ['da ', 'de ', 'dos ', 'del ', ''];
const PROVIDERS = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.br', 'icloud.com', 'uol.com.br', 'live.com', 'empresa.com.br', 'acme.io', 'correo.mx'];
const CITIES = ['sao paulo', 'rio de janeiro', 'belo horizonte', 'curitiba', 'porto alegre', 'recife', 'salvador', 'fortaleza', 'brasilia', 'campinas', 'guadalajara', 'monterrey', 'ciudad de mexico', 'buenos aires', 'cordoba', 'rosario', 'london', 'manchester', 'new york', 'miami'];

interface Person {
  readonly given: string;
  readonly middle: string | undefined;
  readonly family: string;
  readonly email: string;
  readonly email2: string | undefined;
  /** Brazilian mobile digits without country code: area (2) + 9 + 8. */
  readonly mobile: string;
  readonly landline: string | undefined;
  readonly dob: string;
  readonly city: string;
  readonly handle: string;
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
}

function typo(rng: Rng, s: string): string {
  if (s.length < 3) return s;
  const i = 1 + rng.int(s.length - 1);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  switch (rng.int(4)) {
    case 0:
      return s.slice(0, i) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + letters[rng.int(26)] + s.slice(i);
    case 2:
      return s.slice(0, i) + letters[rng.int(26)] + s.slice(i + 1);
    default:
      return i < s.length - 1 ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
  }
}

function cap(s: string): string {
  return s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** A landline for household `h` (deterministic in the seed and the household). */
function landlineOf(seed: number, h: number): string {
  const rng = createRng(mixSeed(seed ^ 0x51ed27, h));
  return `${11 + rng.int(88)}3${digits(rng, 7)}`;
}

function makePerson(rng: Rng, index: number, seed: number): Person {
  const given = rng.pick(GIVEN);
  const middle = rng.chance(0.25) ? rng.pick(GIVEN) : undefined;
  const family = rng.chance(0.5) ? `${rng.pick(FAMILY)} ${rng.pick(PARTICLE)}${rng.pick(FAMILY)}` : rng.pick(FAMILY);
  const last = family.split(' ').pop() ?? family;
  // Unique per person: a number derived from the index keeps emails apart at any scale.
  const sep = rng.pick(['.', '_', '']);
  const email = `${given}${sep}${last}${index.toString(36)}@${rng.pick(PROVIDERS)}`;
  const email2 = rng.chance(0.2) ? `${given[0]}${last}${(index * 7).toString(36)}@${rng.pick(PROVIDERS)}` : undefined;
  const mobile = `${11 + rng.int(88)}9${digits(rng, 8)}`;
  // 15% have a landline; 40% of those share the previous person's household line.
  let landline: string | undefined;
  if (rng.chance(0.15)) landline = landlineOf(seed, rng.chance(0.4) && index > 0 ? index - 1 : index);
  const y = 1940 + rng.int(65);
  const m = 1 + rng.int(12);
  const d = 1 + rng.int(28);
  const dob = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { given, middle, family, email, email2, mobile, landline, dob, city: rng.pick(CITIES), handle: `${given}${sep}${last}${index.toString(36)}` };
}

function noisyGiven(rng: Rng, p: Person): string {
  let g = p.given;
  if (rng.chance(0.08) && NICK[g] !== undefined) g = NICK[g] ?? g;
  else if (rng.chance(0.06)) g = typo(rng, g);
  else if (rng.chance(0.03)) g = g[0] ?? g;
  if (p.middle !== undefined && rng.chance(0.4)) g = `${g} ${p.middle}`;
  return g;
}

function noisyFamily(rng: Rng, p: Person): string {
  let f = p.family;
  if (f.includes(' ') && rng.chance(0.3)) f = f.split(' ').pop() ?? f;
  if (rng.chance(0.06)) f = typo(rng, f);
  return f;
}

function phoneSpelling(rng: Rng, national: string): string {
  const area = national.slice(0, 2);
  const sub = national.slice(2);
  switch (rng.int(6)) {
    case 0:
      return `+55 ${area} ${sub.slice(0, sub.length - 4)}-${sub.slice(-4)}`;
    case 1:
      return `(${area}) ${sub.slice(0, sub.length - 4)}-${sub.slice(-4)}`;
    case 2:
      return `55${national}`;
    case 3:
      return `0${area} ${sub}`;
    case 4:
      return `+55${national}`;
    default:
      return `${area}${sub}`;
  }
}

/** A WhatsApp id: digits with country code; older Brazilian ids lack the ninth digit. */
function waId(rng: Rng, mobile: string): string {
  return rng.chance(0.3) ? `55${mobile.slice(0, 2)}${mobile.slice(3)}` : `55${mobile}`;
}

function id(kind: Identifier['kind'], value: string, extra?: Partial<Identifier>): Identifier {
  return { kind, value, verified: false, ...extra };
}

function dobSlip(rng: Rng, dob: string): string {
  if (!rng.chance(0.05)) return dob;
  const [y, m, d] = dob.split('-');
  if (y === undefined || m === undefined || d === undefined) return dob;
  switch (rng.int(3)) {
    case 0:
      return Number(d) <= 12 ? `${y}-${d}-${m}` : `${y}-${m}-${String(Math.min(28, Number(d) + 1)).padStart(2, '0')}`;
    case 1:
      return `${String(Number(y) + (rng.chance(0.5) ? 1 : -1))}-${m}-${d}`;
    default:
      return `${y}-${m}-${String(1 + ((Number(d) + 9) % 28)).padStart(2, '0')}`;
  }
}

function recordOf(rng: Rng, p: Person, channel: number, recId: string): ContactRecord {
  const base = { id: recId, observedAt: '2024-01-01T00:00:00Z' } as const;
  switch (channel) {
    case 0: {
      // CRM row: the richest record.
      const ids: Identifier[] = [];
      if (rng.chance(0.9)) ids.push(id('email', rng.chance(0.1) ? p.email.toUpperCase() : p.email));
      if (p.email2 !== undefined && rng.chance(0.5)) ids.push(id('email', p.email2));
      if (rng.chance(0.85)) ids.push(id('phone', phoneSpelling(rng, p.mobile)));
      if (p.landline !== undefined && rng.chance(0.6)) ids.push(id('phone', phoneSpelling(rng, p.landline)));
      return {
        ...base,
        channel: 'crm',
        source: 'crm',
        identifiers: ids,
        name: rng.chance(0.5) ? { given: cap(noisyGiven(rng, p)), family: cap(noisyFamily(rng, p)) } : { full: `${cap(noisyGiven(rng, p))} ${cap(noisyFamily(rng, p))}` },
        ...(rng.chance(0.6) ? { birthDate: dobSlip(rng, p.dob) } : {}),
        ...(rng.chance(0.7) ? { address: { city: rng.chance(0.05) ? typo(rng, p.city) : p.city } } : {}),
      };
    }
    case 1: {
      // WhatsApp sender: wa_id and a profile name (often the given name or a nickname only).
      const profile = rng.chance(0.5) ? cap(noisyGiven(rng, p)) : `${cap(noisyGiven(rng, p))} ${cap(noisyFamily(rng, p))}`;
      return { ...base, channel: 'whatsapp', source: 'whatsapp', identifiers: [id('phone', waId(rng, p.mobile), { verified: true })], name: { full: profile } };
    }
    case 2: {
      // Email sender: the address and a display name; sometimes a Gmail variant.
      let email = p.email;
      if (email.endsWith('@gmail.com') && rng.chance(0.3)) email = email.replace('@', '+news@');
      return { ...base, channel: 'email', source: 'email', identifiers: [id('email', email, { verified: true })], ...(rng.chance(0.8) ? { name: { full: `${cap(noisyGiven(rng, p))} ${cap(noisyFamily(rng, p))}` } } : {}) };
    }
    case 3: {
      // Instagram: a handle and a display name.
      return {
        ...base,
        channel: 'instagram',
        source: 'instagram',
        identifiers: [id('username', rng.chance(0.1) ? typo(rng, p.handle) : p.handle, { namespace: 'instagram', verified: true })],
        name: { full: rng.chance(0.3) ? cap(noisyGiven(rng, p)) : `${cap(noisyGiven(rng, p))} ${cap(noisyFamily(rng, p))}` },
      };
    }
    case 4: {
      // Web chat: typed name, email and phone, with typos.
      const ids: Identifier[] = [];
      if (rng.chance(0.7)) ids.push(id('email', rng.chance(0.1) ? typo(rng, p.email) : p.email));
      if (rng.chance(0.6)) ids.push(id('phone', phoneSpelling(rng, p.mobile)));
      if (rng.chance(0.05)) ids.push(id('email', 'contato@empresa.com.br'));
      return { ...base, channel: 'webchat', source: 'webchat', identifiers: ids, name: { full: `${noisyGiven(rng, p)} ${noisyFamily(rng, p)}` } };
    }
    default: {
      // SMS: a phone, rarely a name.
      return {
        ...base,
        channel: 'sms',
        source: 'sms',
        identifiers: [id('phone', phoneSpelling(rng, rng.chance(0.85) || p.landline === undefined ? p.mobile : p.landline))],
        ...(rng.chance(0.2) ? { name: { full: cap(noisyGiven(rng, p)) } } : {}),
      };
    }
  }
}

/** A 32-bit seed for item `i` of a seeded stream. */
function mixSeed(seed: number, i: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 0x27d4eb2f, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Records per person, on average (1 to 5). */
export const RECORDS_PER_PERSON = 2.25;

/** The records of person `p` (its own seeded stream: any range of persons can be generated alone). */
function recordsOfPerson(seed: number, p: number): ContactRecord[] {
  const rng = createRng(mixSeed(seed, p));
  const person = makePerson(rng, p, seed);
  const k = 1 + (rng.chance(0.35) ? 0 : rng.chance(0.45) ? 1 : rng.chance(0.5) ? 2 : 3 + rng.int(2));
  const channels = [0, 1, 2, 3, 4, 5];
  const out: ContactRecord[] = [];
  for (let c = 0; c < k; c++) {
    const channel = channels.splice(rng.int(channels.length), 1)[0] ?? 0;
    out.push(recordOf(rng, person, channel, `c${p.toString(36)}-${c}`));
  }
  return out;
}

/** The person of a record id made by this generator (the ground truth). */
export function personOf(recordId: string): string {
  return recordId.slice(1, recordId.lastIndexOf('-'));
}

/** Options of {@link syntheticContactChunks}. */
export interface SyntheticShard {
  readonly seed: number;
  /** Persons `[from, to)`. */
  readonly from: number;
  readonly to: number;
  /** Records per chunk (about). @defaultValue 20_000 */
  readonly chunk?: number;
}

/**
 * The records of persons `[from, to)`, in chunks, each chunk in a seeded shuffled order (records
 * of one person are not adjacent). Used by worker threads to generate their shard themselves.
 */
export function* syntheticContactChunks(shard: SyntheticShard): Generator<ContactRecord[]> {
  const chunk = shard.chunk ?? 20_000;
  let out: ContactRecord[] = [];
  const flush = (): ContactRecord[] => {
    const rng = createRng(mixSeed(shard.seed ^ 0x7777, shard.from + out.length));
    for (let i = out.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = out[i] as ContactRecord;
      out[i] = out[j] as ContactRecord;
      out[j] = t;
    }
    const done = out;
    out = [];
    return done;
  };
  for (let p = shard.from; p < shard.to; p++) {
    for (const r of recordsOfPerson(shard.seed, p)) out.push(r);
    if (out.length >= chunk) yield flush();
  }
  if (out.length > 0) yield flush();
}

export interface SyntheticContacts {
  readonly records: ContactRecord[];
  /** Person id per record id. */
  readonly truth: Map<string, string>;
}

/** Persons needed for about `n` records. */
export function personsFor(n: number): number {
  return Math.max(1, Math.round(n / RECORDS_PER_PERSON));
}

/** About `n` records (of `n / 2.25` persons, 1 to 5 records each), seeded. */
export function syntheticContacts(n: number, seed = 1): SyntheticContacts {
  const records: ContactRecord[] = [];
  for (const c of syntheticContactChunks({ seed, from: 0, to: personsFor(n), chunk: 1 << 30 })) for (const r of c) records.push(r);
  const truth = new Map<string, string>();
  for (const r of records) truth.set(r.id, personOf(r.id));
  return { records, truth };
}

/** A byte range of a JSONL file of contact records (one record per line), as a worker reads it. */
export interface JsonlShard {
  readonly path: string;
  /** Byte offsets `[start, end)`, on line boundaries. */
  readonly start: number;
  readonly end: number;
  /** Records per chunk. @defaultValue all the range in one chunk */
  readonly chunk?: number;
}

/**
 * The records of a byte range of a JSONL file, read and parsed as `omnilink dedupe` reads its
 * input (blocks of bytes, split into lines, `JSON.parse` per line). Used by worker threads to read
 * their shard of a contact list themselves.
 */
export function* contactsFromJsonl(shard: JsonlShard): Generator<ContactRecord[]> {
  const chunk = shard.chunk ?? Number.POSITIVE_INFINITY;
  const fd = openSync(shard.path, 'r');
  const decoder = new TextDecoder();
  const buffer = new Uint8Array(1 << 22);
  let out: ContactRecord[] = [];
  let rest = '';
  try {
    let at = shard.start;
    while (at < shard.end) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, shard.end - at), at);
      if (n <= 0) break;
      at += n;
      const text = rest + decoder.decode(buffer.subarray(0, n), { stream: at < shard.end });
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        if (nl > from) out.push(JSON.parse(text.slice(from, nl)) as ContactRecord);
        from = nl + 1;
        if (out.length >= chunk) {
          yield out;
          out = [];
        }
      }
      rest = text.slice(from);
    }
    if (rest.trim().length > 0) out.push(JSON.parse(rest) as ContactRecord);
  } finally {
    closeSync(fd);
  }
  if (out.length > 0) yield out;
}
