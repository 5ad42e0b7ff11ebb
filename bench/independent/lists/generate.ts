/**
 * Independent omnichannel contact-list generator, written by a tester who did not read omnilink's
 * code (ported from their `gen.mjs`; same seed and options, same files byte for byte).
 *
 *   npx tsx bench/independent/lists/generate.ts --seed 1 --persons 3000 --out /tmp/lists-s1
 *   npx tsx bench/independent/lists/generate.ts --seed 21 --rich --diverse --out /tmp/lists-r21
 *
 * Options: `--diverse` (flatter name pools, long surname tails), `--rich` (Messenger and Instagram
 * rows carry ManyChat-style Phone/Email fields; more phones in web chat and Telegram),
 * `--share-mobile P` (a member without a mobile uses another's, default 0.006), `--landline-other P`
 * (a non-parent gives the household landline, 0.008), `--family-email-other P` (a non-parent uses the
 * household mailbox, 0.015).
 *
 * Persons live in households in seven countries (BR MX US GB ES IN DE) and appear as 1–6 rows of
 * 11 per-source exports with their real headers: WhatsApp contacts (JSONL: `wa_id` without `+`, old
 * Brazilian 12-digit ids, Mexican `521…`, profile names with emoji or just `.`), Twilio SMS and voice
 * logs (caller-id names `SMITH JOHN`/`WIRELESS CALLER`), an Outlook email export (`From: (Address)`,
 * household mailboxes, Gmail dots/+tags, case and space noise), web-chat visitors (JSONL, typed
 * emails with typos, placeholders), Messenger PSIDs, Instagram (JSONL, igsid and username), Telegram
 * (user_id, username, phone digits), a store POS export (`;`-separated, `SURNAME, GIVEN`, loyalty
 * card, decimal commas, placeholder phones) and HubSpot / Salesforce CRM exports. 3% of rows repeat
 * (re-exports); every file is shuffled. Each row carries the truth in `true_person`.
 *
 * Besides the 11 files: `combined.csv` (every row in one common schema), `files.txt` (the 11 paths),
 * `meta.jsonl` (per row: which true phone/email it shows, placeholders, typos) and `persons.jsonl`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { createRng } from '../../generate.js';
import { option } from '../_shared.js';
import { type Country, DIVERSE_SURNAMES, type Pool, pools } from './_pools.js';

export interface ListsOptions {
  readonly seed: number;
  /** @defaultValue 3000 */
  readonly persons?: number;
  /** Flatter name distributions and long surname tails. @defaultValue false */
  readonly diverse?: boolean;
  /** ManyChat-style Phone/Email on Messenger and Instagram rows, more phones elsewhere. @defaultValue false */
  readonly rich?: boolean;
  /** @defaultValue 0.006 */
  readonly shareMobile?: number;
  /** @defaultValue 0.008 */
  readonly landlineOther?: number;
  /** @defaultValue 0.015 */
  readonly familyEmailOther?: number;
}

export type Row = Record<string, unknown>;

/** What the generator knows about one emitted row (meta.jsonl). */
export interface RowMeta {
  readonly file: string;
  idx: number;
  readonly person: string;
  readonly hh: number;
  readonly dup?: boolean;
  readonly phone?: string | null;
  readonly mob?: string | null;
  readonly land?: string | null;
  readonly email?: string | null;
  readonly placeholder?: boolean;
  readonly [more: string]: unknown;
}

/** A person as persons.jsonl describes them. */
export interface PersonSummary {
  readonly id: string;
  readonly hh: number;
  readonly country: Country;
  readonly role: string;
  readonly first: string;
  readonly last: string;
  readonly nick: string | null;
  readonly junior: string | null;
  readonly mobile: string | null;
  readonly oldMobile: string | null;
  readonly sharedMobile: string | null;
  readonly landline: string | null;
  readonly email: string | null;
  readonly email2: string | null;
  readonly workEmail: string | null;
  readonly famEmail: string | null;
}

export type Source = 'whatsapp' | 'sms' | 'voice' | 'email' | 'webchat' | 'messenger' | 'instagram' | 'telegram' | 'store' | 'crm_hubspot' | 'crm_salesforce';

/** File format per source: JSONL, CSV, or CSV with `;`. */
export const FORMATS: Readonly<Record<Source, 'jsonl' | 'csv' | 'csv;'>> = {
  whatsapp: 'jsonl', sms: 'csv', voice: 'csv', email: 'csv', webchat: 'jsonl', messenger: 'csv', instagram: 'jsonl', telegram: 'csv', store: 'csv;', crm_hubspot: 'csv', crm_salesforce: 'csv',
};

export interface GeneratedLists {
  /** Rows per source file, in file order. */
  readonly files: Readonly<Record<Source, Row[]>>;
  /** Per source, the meta of each row (same index). */
  readonly meta: Readonly<Record<Source, RowMeta[]>>;
  readonly combined: Row[];
  readonly persons: PersonSummary[];
  readonly summary: string;
}

interface Household {
  readonly id: number;
  readonly country: Country;
  readonly city: string;
  readonly street: string;
  readonly zip: string;
  readonly members: Person[];
  landline: string | null;
  famEmail: string | null;
}

interface Person {
  readonly id: string;
  readonly hh: Household;
  readonly role: 'parent' | 'spouse' | 'child';
  readonly gender: 'm' | 'f';
  readonly country: Country;
  readonly first: string;
  readonly last: string;
  readonly dob: { readonly y: number; readonly m: number; readonly d: number };
  readonly age: number;
  nick: string | null;
  mobile: string | null;
  oldMobile: string | null;
  email: string | null;
  email2: string | null;
  workEmail: string | null;
  psid: string | null;
  igsid: string;
  tgid: string;
  igUser: string;
  tgUser: string | null;
  loyalty: string | null;
  junior?: string;
  sharedMobile?: string;
}

type Info = Record<string, string | number | boolean | null>;

const CC: Readonly<Record<Country, string>> = { BR: '55', MX: '52', US: '1', GB: '44', ES: '34', IN: '91', DE: '49' };
const OWNERS = ['Carla Mendes', 'Tom Becker', 'Ana Ruiz', 'Priya Nair', 'John Carter'];
const PLACE_EMAIL = ['test@test.com', 'n/a', 'naotem@naotem.com', 'no@email.com', 'sememail@gmail.com', 'none', 'x@x.com', '-'];
const PLACE_PHONE = ['000000000', '0000000000', '(11) 99999-9999', '1234567890', 'N/A', '999999999', '-', '+1 000-000-0000'];
const BIZ: Readonly<Record<Country, string>> = { BR: '+551130040000', MX: '+525550001000', US: '+18885550100', GB: '+442079460000', ES: '+34910000000', IN: '+911800000000', DE: '+4930123456789' };
const COUNTRY_NAME: Readonly<Record<Country, string>> = { BR: 'Brazil', MX: 'Mexico', US: 'United States', GB: 'United Kingdom', ES: 'Spain', IN: 'India', DE: 'Germany' };
const LANGUAGE: Readonly<Record<Country, string>> = { BR: 'pt-br', MX: 'es', ES: 'es', US: 'en', GB: 'en', IN: 'en', DE: 'de' };
/** How often each source is drawn for a person of a country. */
const PROP: Readonly<Record<Country, Readonly<Record<string, number>>>> = {
  BR: { whatsapp: 12, sms: 2, voice: 3, email: 6, webchat: 4, messenger: 3, instagram: 2, telegram: 2, store: 5, crm: 6 },
  MX: { whatsapp: 12, sms: 2, voice: 3, email: 5, webchat: 3, messenger: 4, instagram: 2, telegram: 1, store: 5, crm: 4 },
  US: { whatsapp: 4, sms: 8, voice: 5, email: 9, webchat: 5, messenger: 4, instagram: 3, telegram: 1, store: 5, crm: 6 },
  GB: { whatsapp: 8, sms: 4, voice: 4, email: 8, webchat: 5, messenger: 3, instagram: 3, telegram: 1, store: 4, crm: 6 },
  ES: { whatsapp: 11, sms: 2, voice: 3, email: 6, webchat: 4, messenger: 2, instagram: 3, telegram: 2, store: 5, crm: 5 },
  IN: { whatsapp: 12, sms: 4, voice: 4, email: 6, webchat: 3, messenger: 2, instagram: 3, telegram: 3, store: 3, crm: 4 },
  DE: { whatsapp: 9, sms: 2, voice: 3, email: 9, webchat: 4, messenger: 2, instagram: 2, telegram: 4, store: 4, crm: 6 },
};

const stripAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const head = (s: string, sep: string | RegExp): string => s.split(sep)[0] as string;
const tail = (s: string): string => s.split(' ').slice(-1)[0] as string;
const pad2 = (n: number): string => String(n).padStart(2, '0');
const canon = (e: string): string => {
  const [l, d] = e.split('@') as [string, string | undefined];
  return d === 'gmail.com' ? `${l.replace(/\./g, '')}@gmail.com` : e;
};

function febrlSurnames(): string[] {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'febrl-surnames.txt');
  return readFileSync(file, 'utf8').trim().split('\n').map(cap);
}

/** Generate the 11 per-source lists (in memory). */
export function generateLists(options: ListsOptions): GeneratedLists {
  const SEED = options.seed;
  const N = options.persons ?? 3000;
  const RICH = options.rich ?? false;
  const SHARE_MOB = options.shareMobile ?? 0.006;
  const LAND_OTHER = options.landlineOther ?? 0.008;
  const FAM_OTHER = options.familyEmailOther ?? 0.015;
  const C = pools();
  if (options.diverse === true) {
    const febrl = febrlSurnames();
    C.US.sur.push(...febrl.slice(0, 200));
    C.GB.sur.push(...febrl.slice(100, 300));
    for (const [c, extra] of Object.entries(DIVERSE_SURNAMES) as [Country, string[]][]) C[c].sur.push(...extra);
  }
  const ZS = options.diverse === true ? 0.35 : null;
  const COUNTRIES = Object.keys(C) as Country[];

  // ---------- PRNG ----------
  const rng = createRng(SEED * 7919 + 13);
  const r = rng.next;
  const chance = (p: number): boolean => r() < p;
  const ri = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
  const pick = <T>(arr: readonly T[]): T => arr[Math.floor(r() * arr.length)] as T;
  /** Zipf-ish pick: earlier entries much more common. */
  const zpick = <T>(arr: readonly T[], s0 = 1.0): T => {
    const s = ZS ?? s0;
    const w = arr.map((_, i) => 1 / Math.pow(i + 1, s));
    let x = r() * w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < arr.length; i++) {
      x -= w[i] as number;
      if (x <= 0) return arr[i] as T;
    }
    return arr[arr.length - 1] as T;
  };
  const wpick = <T>(pairs: readonly (readonly [T, number])[]): T => {
    let x = r() * pairs.reduce((a, p) => a + p[1], 0);
    for (const p of pairs) {
      x -= p[1];
      if (x <= 0) return p[0];
    }
    return (pairs[pairs.length - 1] as readonly [T, number])[0];
  };
  const digits = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += String(ri(0, 9));
    return s;
  };

  // ---------- phones ----------
  function genPhone(country: Country, city: string, kind: 'mobile' | 'fixed'): string {
    const D = C[country];
    const at = (m: Readonly<Record<string, string>> | undefined): string => (m as Record<string, string>)[city] as string;
    for (let tries = 0; tries < 200; tries++) {
      let nat: string;
      if (country === 'BR') nat = kind === 'mobile' ? `${at(D.ddd)}9${ri(6, 9)}${digits(7)}` : `${at(D.ddd)}${ri(2, 4)}${digits(7)}`;
      else if (country === 'MX') {
        const l = at(D.lada);
        nat = l + digits(10 - l.length);
        if (nat[l.length] === '0') continue;
      } else if (country === 'US') {
        nat = pick((D.area as Record<string, string[]>)[city] as string[]) + String(ri(2, 9)) + digits(2) + digits(4);
        if (nat.slice(3, 6) === '555') continue;
      } else if (country === 'GB') {
        const std = at(D.stdc);
        nat = kind === 'mobile' ? `7${pick(['4', '5', '7', '8', '9'])}${digits(8)}` : std === '20' ? `20${pick(['7', '8', '3'])}${digits(7)}` : std + digits(7);
      } else if (country === 'ES') {
        const prov = at(D.prov);
        nat = kind === 'mobile' ? pick(['6', '7']) + digits(8) : prov.length === 2 ? prov + digits(7) : prov + digits(6);
        if (kind === 'mobile' && nat[0] === '7' && nat[1] === '0') continue;
      } else if (country === 'IN') {
        const std = at(D.std);
        nat = kind === 'mobile' ? pick(['9', '8', '7']) + digits(9) : `${std}2${digits(10 - std.length - 1)}`;
      } else {
        const vorw = at(D.vorw);
        nat = kind === 'mobile' ? pick(['151', '152', '160', '162', '170', '171', '172', '176', '177']) + digits(pick([7, 8])) : vorw + digits(vorw.length === 2 ? 8 : 7);
      }
      const e = `+${CC[country]}${nat}`;
      const p = parsePhoneNumberFromString(e);
      if (!p?.isValid()) continue;
      if (kind === 'mobile' && !['MOBILE', 'FIXED_LINE_OR_MOBILE'].includes(p.getType() ?? 'x') && country !== 'MX') continue;
      return e;
    }
    throw new Error(`no phone ${country}${kind}`);
  }

  /** Format an E.164 phone as a human or a system would. */
  function fmtPhone(e164: string, country: Country, style: string, opts: { old9?: boolean; wa?: boolean; mobile?: boolean; mx1?: boolean; paren0?: boolean } = {}): string {
    const cc = CC[country];
    let nat = e164.slice(1 + cc.length);
    if (country === 'BR' && opts.old9 === true && nat.length === 11 && nat[2] === '9') nat = nat.slice(0, 2) + nat.slice(3); // pre-2016 number without the 9th digit
    const intl = `+${cc}${nat}`;
    const grp = (s: string, sizes: readonly number[], sep = ' '): string => {
      const out: string[] = [];
      let i = 0;
      for (const n of sizes) {
        out.push(s.slice(i, i + n));
        i += n;
      }
      if (i < s.length) out.push(s.slice(i));
      return out.filter(Boolean).join(sep);
    };
    if (style === 'e164') return intl;
    if (style === 'digits') return country === 'MX' && opts.wa === true ? `521${nat}` : cc + nat;
    if (style === 'intl') {
      if (country === 'BR') return `+55 ${nat.slice(0, 2)} ${nat.slice(2, -4)}-${nat.slice(-4)}`;
      if (country === 'MX') return `+52 ${opts.mx1 === true ? '1 ' : ''}${grp(nat, nat.startsWith('55') || nat.startsWith('33') || nat.startsWith('81') ? [2, 4, 4] : [3, 3, 4])}`;
      if (country === 'US') return `+1 (${nat.slice(0, 3)}) ${nat.slice(3, 6)}-${nat.slice(6)}`;
      if (country === 'GB') return opts.paren0 === true ? `+44 (0)${grp(nat, [4, 6])}` : `+44 ${grp(nat, [4, 6])}`;
      if (country === 'ES') return `+34 ${grp(nat, [3, 3, 3])}`;
      if (country === 'IN') return `+91 ${grp(nat, [5, 5])}`;
      return `+49 ${grp(nat, [3])}`;
    }
    // national
    if (country === 'BR') {
      const a = nat.slice(0, 2);
      const rest = nat.slice(2);
      const body = rest.length === 9 ? `${rest.slice(0, 5)}-${rest.slice(5)}` : `${rest.slice(0, 4)}-${rest.slice(4)}`;
      return pick([`(${a}) ${body}`, `(${a}) ${body}`, `${a} ${body}`, `0${a} ${body}`, `(0${a}) ${body.replace('-', '')}`, `${a}${rest}`]);
    }
    if (country === 'MX') return pick([grp(nat, [2, 4, 4]), grp(nat, [2, 4, 4], '-'), nat, `(${nat.slice(0, 2)}) ${nat.slice(2, 6)} ${nat.slice(6)}`, opts.mobile === true ? `044 ${grp(nat, [2, 4, 4])}` : nat]);
    if (country === 'US') return pick([`(${nat.slice(0, 3)}) ${nat.slice(3, 6)}-${nat.slice(6)}`, `${nat.slice(0, 3)}-${nat.slice(3, 6)}-${nat.slice(6)}`, `${nat.slice(0, 3)}.${nat.slice(3, 6)}.${nat.slice(6)}`, nat, `1-${nat.slice(0, 3)}-${nat.slice(3, 6)}-${nat.slice(6)}`]);
    if (country === 'GB') return pick([`0${grp(nat, [4, 6])}`, `0${nat}`, `0${grp(nat, [4, 3, 3])}`]);
    if (country === 'ES') return pick([grp(nat, [3, 3, 3]), nat, grp(nat, [3, 2, 2, 2]), grp(nat, [3, 3, 3], '-')]);
    if (country === 'IN') return pick([`0${nat}`, grp(nat, [5, 5]), nat, `0${grp(nat, [5, 5], '-')}`]);
    return pick([`0${grp(nat, [3])}`, `0${nat.slice(0, 3)}/${nat.slice(3)}`, `0${nat}`, `0${nat.slice(0, 3)}-${nat.slice(3)}`]);
  }

  // ---------- persons & households ----------
  const persons: Person[] = [];
  const households: Household[] = [];
  let hid = 0;
  /** Emails in use, Gmail addresses without their dots. */
  const usedEmails = new Set<string>();
  const useEmail = (e: string): void => void usedEmails.add(canon(e));
  const emailUsed = (e: string): boolean => usedEmails.has(canon(e));
  const usedIg = new Set<string>();
  const usedTg = new Set<string>();

  function emailLocal(p: Person, style: number): string {
    const f = stripAccents(head(p.first, /[ -]/)).toLowerCase();
    const l = stripAccents(tail(p.last)).toLowerCase().replace(/[^a-z]/g, '');
    const y = String(p.dob.y);
    const nk = p.nick !== null ? stripAccents(p.nick).toLowerCase().replace(/[^a-z]/g, '') : f;
    switch (style) {
      case 0: return `${f}.${l}`;
      case 1: return `${f}${l}`;
      case 2: return `${f}_${l}${y.slice(2)}`;
      case 3: return `${f[0]}${l}`;
      case 4: return `${nk}${y}`;
      case 5: return `${f}.${l}${ri(1, 99)}`;
      case 6: return `${nk}_${pick(['linda', 'rocks', 'gamer', 'fit', 'oficial', 'real', 'bjj', 'music'])}${ri(1, 999)}`;
      default: return `${l}.${f}`;
    }
  }
  function uniqueHandle(set: Set<string>, h: string): string {
    let x = h;
    let k = 1;
    while (set.has(x)) x = h + (k++ === 1 ? String(ri(10, 99)) : String(ri(100, 9999)));
    set.add(x);
    return x;
  }
  function makeEmail(p: Person, D: Pool): string {
    for (let t = 0; t < 20; t++) {
      const e = `${emailLocal(p, ri(0, 7))}@${pick(D.domains)}`;
      if (!emailUsed(e)) {
        useEmail(e);
        return e;
      }
    }
    const e = `${emailLocal(p, 0)}${digits(4)}@${pick(D.domains)}`;
    useEmail(e);
    return e;
  }
  function mkPerson(h: Household, role: Person['role'], gender: Person['gender'], age: number, first: string, surnames: string): Person {
    const D = C[h.country];
    const p: Person = {
      id: `P${SEED}-${String(persons.length + 1).padStart(5, '0')}`, hh: h, role, gender, country: h.country, first, last: surnames, dob: { y: 2026 - age, m: ri(1, 12), d: ri(1, 28) }, age,
      nick: null, mobile: null, oldMobile: null, email: null, email2: null, workEmail: null, psid: null, igsid: '', tgid: '', igUser: '', tgUser: null, loyalty: null,
    };
    const baseFirst = head(first, /[ -]/);
    const nicks = D.nick[baseFirst];
    p.nick = nicks !== undefined && chance(0.8) ? pick(nicks) : null;
    p.mobile = age >= 13 && chance(0.93) ? genPhone(h.country, h.city, 'mobile') : null;
    p.oldMobile = p.mobile !== null && chance(0.08) ? genPhone(h.country, h.city, 'mobile') : null; // changed number
    p.email = age >= 14 && chance(0.72) ? makeEmail(p, D) : null;
    p.email2 = p.email !== null && chance(0.15) ? makeEmail(p, D) : null; // second personal address
    if (age >= 22 && age < 66 && chance(0.18)) {
      const dom = pick(['acme-corp.com', 'globex.com', 'initech.io', 'petrobras.com.br', 'bbva.com', 'siemens.com', 'infosys.com', 'nhs.net', 'walmart.com']);
      const base = `${stripAccents(baseFirst).toLowerCase()}.${stripAccents(tail(surnames)).toLowerCase().replace(/[^a-z]/g, '')}`;
      let e = `${base}@${dom}`;
      let k = 2;
      while (emailUsed(e)) e = `${base}${k++}@${dom}`;
      useEmail(e);
      p.workEmail = e;
    }
    p.psid = chance(0.9) ? String(ri(1, 9)) + digits(15) : null;
    p.igsid = String(ri(1, 9)) + digits(16);
    p.tgid = String(ri(100000000, 6999999999));
    p.igUser = uniqueHandle(usedIg, stripAccents(`${(p.nick ?? baseFirst).toLowerCase()}${pick(['.', '_', ''])}${head(surnames, ' ').toLowerCase()}${chance(0.5) ? ri(1, 99) : ''}`).replace(/[^a-z0-9._]/g, ''));
    p.tgUser = chance(0.6) ? uniqueHandle(usedTg, stripAccents(`${baseFirst.toLowerCase()}${pick(['_', ''])}${tail(surnames).toLowerCase()}${chance(0.4) ? ri(1, 9) : ''}`).replace(/[^a-z0-9_]/g, '')) : null;
    p.loyalty = chance(0.5) ? `LC${digits(9)}` : null;
    persons.push(p);
    h.members.push(p);
    return p;
  }
  function surnamesFor(country: Country, father: string | null, mother: string | null): string {
    const D = C[country];
    if (country === 'MX' || country === 'ES') return `${father ?? zpick(D.sur, 0.8)} ${mother ?? zpick(D.sur, 0.8)}`;
    if (country === 'BR') {
      const a = mother ?? zpick(D.sur, 0.8);
      const b = father ?? zpick(D.sur, 0.8);
      return chance(0.5) && a !== b ? `${a} ${b}` : b;
    }
    return father ?? zpick(D.sur, 0.9);
  }
  function firstFor(country: Country, g: 'm' | 'f'): string {
    const D = C[country];
    const comp = g === 'f' ? D.compoundF : D.compoundM;
    if (comp.length > 0 && chance(0.18)) return zpick(comp, 0.7);
    return zpick(g === 'f' ? D.f : D.m, 0.85);
  }
  const gender = (): 'm' | 'f' => (chance(0.5) ? 'm' : 'f');
  while (persons.length < N) {
    const country = wpick(COUNTRIES.map((c) => [c, C[c].w] as const));
    const D = C[country];
    const city = zpick(D.cities, 0.7);
    const street = `${pick(D.streets)}, ${ri(1, 2500)}`;
    const zip = country === 'BR' ? `${digits(5)}-${digits(3)}` : country === 'GB' ? `${pick(['SW1A', 'M1', 'B2', 'LS1', 'G1', 'BS1', 'L1'])} ${ri(1, 9)}${pick(['AA', 'AB', 'BD', 'HX'])}` : digits(5);
    const h: Household = { id: ++hid, country, city, street, zip, members: [], landline: null, famEmail: null };
    households.push(h);
    const size = wpick([[1, 30], [2, 28], [3, 20], [4, 15], [5, 7]] as const);
    h.landline = size >= 2 && chance(country === 'IN' || country === 'MX' ? 0.35 : 0.55) ? genPhone(country, city, 'fixed') : chance(0.15) ? genPhone(country, city, 'fixed') : null;
    const famSur = zpick(D.sur, 0.8);
    if (size >= 2 && chance(0.2)) {
      let e: string;
      do e = `${pick(D.famEmail(stripAccents(famSur).toLowerCase().replace(/[^a-z]/g, '')))}${usedEmails.size % 3 === 0 ? '' : ri(1, 99)}@${pick(D.domains)}`;
      while (emailUsed(e));
      useEmail(e);
      h.famEmail = e;
    }
    const pAge = ri(25, 80);
    const g1 = gender();
    const s1 = surnamesFor(country, famSur, null);
    const p1 = mkPerson(h, 'parent', g1, pAge, firstFor(country, g1), s1);
    let spouse: Person | null = null;
    if (size >= 2) {
      const g2 = g1 === 'm' ? 'f' : 'm';
      const s2 = ['US', 'GB', 'DE'].includes(country) && chance(0.75) ? famSur : surnamesFor(country, null, null);
      spouse = mkPerson(h, 'spouse', g2, Math.max(20, pAge + ri(-6, 6)), firstFor(country, g2), s2);
    }
    const father = g1 === 'm' ? p1 : spouse;
    const mother = g1 === 'f' ? p1 : spouse;
    for (let k = 2; k < size; k++) {
      const g = gender();
      const age = Math.max(5, pAge - ri(20, 35));
      let sur: string;
      if (country === 'MX' || country === 'ES') sur = `${head((father ?? p1).last, ' ')} ${head((mother ?? p1).last, ' ')}`;
      else if (country === 'BR') {
        const ms = head((mother ?? p1).last, ' ');
        sur = ms === famSur ? famSur : `${ms} ${famSur}`;
      } else sur = famSur;
      let first = firstFor(country, g);
      let junior: string | null = null;
      for (let t = 0; t < 20 && h.members.some((o) => o.first === first); t++) first = firstFor(country, g);
      if (g === 'm' && father !== null && k === 2 && chance(0.2)) {
        first = father.first;
        junior = pick(D.junior);
        if (country !== 'BR') sur = father.last;
      }
      const c = mkPerson(h, 'child', g, age, first, sur);
      if (junior !== null) {
        c.junior = junior;
        c.nick = (father as Person).nick;
      }
      if (junior !== null && chance(0.3)) c.email = null;
    }
    // shared family mobile: a child or elderly parent uses another member's mobile
    for (const m of h.members) {
      if (m.mobile === null && chance(SHARE_MOB)) {
        const other = h.members.find((o) => o.mobile !== null && o !== m);
        if (other !== undefined) m.sharedMobile = other.mobile as string;
      }
    }
  }
  persons.length = N;

  // ---------- rendering helpers ----------
  const withAccents = (s: string): string => (chance(0.25) ? stripAccents(s) : s);
  function typo(s: string): string {
    if (s.length < 4) return s;
    const i = ri(1, s.length - 2);
    const k = ri(0, 3);
    if (k === 0) return s.slice(0, i) + s.slice(i + 1); // deletion
    if (k === 1) return s.slice(0, i) + (s[i + 1] as string) + (s[i] as string) + s.slice(i + 2); // transposition
    if (k === 2) return s.slice(0, i) + (s[i] as string) + s.slice(i); // doubling
    return s.slice(0, i) + pick('aeiousnrlt'.split('')) + s.slice(i + 1); // substitution
  }
  const shortLast = (p: Person): string => (p.country === 'MX' || p.country === 'ES' || p.country === 'BR' ? head(p.last, ' ') : p.last);
  function fullName(p: Person, o: { nick?: boolean; firstOnly?: boolean; lastShort?: boolean; junior?: boolean; typo?: number } = {}): string {
    let first = o.nick === true && p.nick !== null ? p.nick : p.first;
    if (o.firstOnly === true) first = head(first, ' ');
    const last = o.lastShort === true ? shortLast(p) : p.last;
    let name = `${first} ${last}`;
    if (p.junior !== undefined && o.junior !== false && chance(0.7)) name += ` ${p.junior}`;
    name = withAccents(name);
    if (o.typo !== undefined && chance(o.typo)) name = typo(name);
    return name;
  }
  /** `Given Surname` then `Surname, Given` as a list would print it. */
  const surnameFirst = (n: string): string => {
    const parts = n.split(' ');
    return `${parts.slice(1).join(' ')}, ${parts[0]}`;
  };
  function variedName(p: Person): string {
    const k = r();
    if (k < 0.45) return fullName(p, { lastShort: chance(0.5), typo: 0.08 });
    if (k < 0.6) return fullName(p, { nick: true, lastShort: true });
    if (k < 0.7) return surnameFirst(fullName(p, { lastShort: chance(0.5) }));
    if (k < 0.8) return fullName(p, { lastShort: true }).toUpperCase();
    if (k < 0.9) return fullName(p, { lastShort: true }).toLowerCase();
    return `${(head(p.first, ' ') as string)[0]}. ${tail(p.last)}`;
  }
  function emailVariant(e: string): string {
    let [l, d] = e.split('@') as [string, string];
    if (d === 'gmail.com') {
      if (chance(0.15)) l = l.replace(/\./g, '');
      else if (chance(0.12)) l = `${l}+${pick(['shop', 'promo', 'news', 'loja', 'compras'])}`;
      if (chance(0.05)) d = 'googlemail.com';
    }
    let out = `${l}@${d}`;
    if (chance(0.1)) out = out.toUpperCase();
    else if (r() < 0.1) out = cap(out); // (a second draw: chance(0.1) twice reads as a duplicate condition)
    if (chance(0.05)) out = ` ${out} `;
    return out;
  }
  function chooseEmail(p: Person): string | null {
    const opts: [string, number][] = [];
    if (p.email !== null) opts.push([p.email, 8]);
    if (p.email2 !== null) opts.push([p.email2, 3]);
    if (p.workEmail !== null) opts.push([p.workEmail, 3]);
    if (p.hh.famEmail !== null && (p.role === 'parent' || chance(FAM_OTHER))) opts.push([p.hh.famEmail, p.email !== null ? 1.2 : 4]);
    return opts.length > 0 ? wpick(opts) : null;
  }
  function choosePhone(p: Person, { allowLandline = true } = {}): string | null {
    const opts: [string, number][] = [];
    if (p.mobile !== null) opts.push([p.mobile, 8]);
    if (p.oldMobile !== null) opts.push([p.oldMobile, 3]);
    if (p.sharedMobile !== undefined) opts.push([p.sharedMobile, 6]);
    if (allowLandline && p.hh.landline !== null && (p.role === 'parent' || chance(LAND_OTHER))) opts.push([p.hh.landline, p.mobile !== null ? 1.5 : 6]);
    return opts.length > 0 ? wpick(opts) : null;
  }
  const isoDate = (dt: Person['dob']): string => `${dt.y}-${pad2(dt.m)}-${pad2(dt.d)}`;
  function fmtDob(dt: Person['dob'], style: 'us' | 'eu' | 'de' | 'iso'): string {
    if (style === 'us') return `${dt.m}/${dt.d}/${dt.y}`;
    if (style === 'eu') return `${pad2(dt.d)}/${pad2(dt.m)}/${dt.y}`;
    if (style === 'de') return `${pad2(dt.d)}.${pad2(dt.m)}.${dt.y}`;
    return isoDate(dt);
  }
  const ts = (): string => `2025-${pad2(ri(1, 12))}-${pad2(ri(1, 28))}T${pad2(ri(0, 23))}:${pad2(ri(0, 59))}:${pad2(ri(0, 59))}Z`;
  const firstName = (p: Person): string => head(p.first, ' ');

  // ---------- sources ----------
  const files: Record<Source, Row[]> = { whatsapp: [], sms: [], voice: [], email: [], webchat: [], messenger: [], instagram: [], telegram: [], store: [], crm_hubspot: [], crm_salesforce: [] };
  const meta: RowMeta[] = [];
  const combined: Row[] = [];
  let seq = 0;
  function emit(file: Source, row: Row, p: Person, info: Info, comb: Info): void {
    row.true_person = p.id;
    files[file].push(row);
    meta.push({ file, idx: files[file].length - 1, person: p.id, hh: p.hh.id, ...info });
    combined.push({ source: file, record_id: `${file}-${++seq}`, name: '', email: '', phone: '', handle: '', user_id: '', city: '', dob: '', loyalty_card: '', ...comb, true_person: p.id });
  }
  const SRC: Record<string, (p: Person) => boolean> = {
    whatsapp(p) {
      const ph = p.mobile !== null && chance(0.9) ? (p.oldMobile !== null && chance(0.25) ? p.oldMobile : p.mobile) : (p.sharedMobile ?? p.mobile);
      if (ph === null) return false;
      const old9 = p.country === 'BR' && chance(0.35);
      const wa = fmtPhone(ph, p.country, 'digits', { old9, wa: p.country === 'MX' && chance(0.7) });
      const k = r();
      const base = firstName(p);
      let name: string;
      if (k < 0.25) name = withAccents(p.nick ?? base);
      else if (k < 0.45) name = withAccents(base);
      else if (k < 0.75) name = fullName(p, { lastShort: true, nick: chance(0.3) });
      else if (k < 0.85) name = `${withAccents(p.nick ?? base)} ${pick(['🌻', '✨', '❤️', '🙏', '⚽', '💙', '😎'])}`;
      else if (k < 0.9) name = pick(['.', '🙂', '~', '', 'Cliente']);
      else name = fullName(p, { lastShort: false, typo: 0.2 });
      emit('whatsapp', { wa_id: wa, profile: { name }, last_message_at: ts(), message_count: ri(1, 40) }, p, { phone: ph, old9, name }, { name, phone: wa });
      return true;
    },
    sms(p) {
      const ph = choosePhone(p, { allowLandline: false });
      if (ph === null) return false;
      const st = wpick([['national', 6], ['e164', 3], ['intl', 1]] as const);
      const s = fmtPhone(ph, p.country, st, { old9: p.country === 'BR' && chance(0.2), mobile: true });
      const message = ['Oi, meu pedido ainda não chegou', 'Hola, quiero saber de mi pedido', 'STOP', 'Is my order shipped?', 'ok obrigado', 'Danke', 'Yes'];
      emit('sms', { sms_id: `SM${digits(12)}`, sender_number: s, received_at: ts(), message: pick(message) }, p, { phone: ph }, { phone: s });
      return true;
    },
    voice(p) {
      const ph = choosePhone(p);
      if (ph === null) return false;
      const fromLand = ph === p.hh.landline;
      const s = chance(0.6) ? fmtPhone(ph, p.country, 'e164') : fmtPhone(ph, p.country, 'national');
      const upperFirst = stripAccents(firstName(p)).toUpperCase();
      let cname = '';
      if (p.country === 'US' || p.country === 'GB') {
        cname = fromLand ? `${stripAccents(tail(p.last)).toUpperCase()} ${upperFirst}`.slice(0, 15) : pick(['WIRELESS CALLER', `${stripAccents(p.last).toUpperCase()} ${upperFirst}`.slice(0, 15), p.hh.city.toUpperCase().slice(0, 15), '']);
      } else if (chance(0.3)) cname = stripAccents(fullName(p, { lastShort: true, junior: false })).toUpperCase();
      emit('voice', { call_sid: `CA${digits(16)}`, caller_number: s, caller_name: cname, called_number: BIZ[p.country], direction: 'inbound', duration_sec: ri(5, 900), start_time: ts() }, p, { phone: ph, fromLand, cname }, { name: cname, phone: s });
      return true;
    },
    email(p) {
      const e = chooseEmail(p);
      if (e === null) return false;
      const addr = emailVariant(e);
      const k = r();
      let dn: string;
      if (k < 0.5) dn = fullName(p, { lastShort: chance(0.5) });
      else if (k < 0.6) dn = fullName(p, { nick: true, lastShort: true });
      else if (k < 0.7) dn = fullName(p, { lastShort: true }).toUpperCase();
      else if (k < 0.78) dn = `${tail(p.last)}, ${p.first}`;
      else if (k < 0.85 && e === p.hh.famEmail) dn = `Família ${tail(p.last)}`;
      else dn = '';
      const fam = e === p.hh.famEmail;
      const subject = pick(['Pedido', 'Re: your order', 'Devolução', 'Factura', 'Question', 'Reclamação']);
      emit('email', { Subject: subject, Body: '...', 'From: (Name)': dn, 'From: (Address)': addr, 'From: (Type)': 'SMTP', 'To: (Name)': 'Atendimento', 'To: (Address)': 'support@shop.example', Received: ts() }, p, { email: e, fam, dn }, { name: dn, email: addr });
      return true;
    },
    webchat(p) {
      let name = chance(0.85) ? variedName(p) : withAccents(firstName(p));
      if (chance(0.5)) name = name.toLowerCase();
      const em = chooseEmail(p);
      let emailTyped = em;
      let typoed = false;
      if (em !== null && chance(0.12)) {
        const [l, d] = em.split('@') as [string, string];
        emailTyped = chance(0.5) ? `${typo(l)}@${d}` : `${l}@${d.replace('gmail', pick(['gmial', 'gmai', 'gmal'])).replace('hotmail', 'hotmal')}`;
        typoed = true;
      }
      if (em !== null && chance(0.15)) emailTyped = null;
      const phone = chance(RICH ? 0.55 : 0.3) ? choosePhone(p) : null;
      const phTyped = phone !== null ? fmtPhone(phone, p.country, chance(0.5) ? 'national' : 'intl') : null;
      if (emailTyped === null && phTyped === null && chance(0.7)) return false;
      const placeholder = chance(0.03);
      const vis = { name, email: placeholder ? pick(PLACE_EMAIL) : (emailTyped ?? ''), phone: phTyped ?? '' };
      emit('webchat', { session_id: `wc_${digits(10)}`, started_at: ts(), visitor: vis, page: pick(['/checkout', '/produtos', '/help', '/es/ayuda', '/contact']) }, p, { email: em, typoed, phone, placeholder }, { name, email: vis.email, phone: vis.phone });
      return true;
    },
    messenger(p) {
      if (p.psid === null) return false;
      const name = chance(0.8) ? fullName(p, { lastShort: chance(0.6), nick: chance(0.15) }) : withAccents(`${p.nick ?? firstName(p)} ${tail(p.last)}`);
      const mcPhone = RICH && chance(0.45) ? choosePhone(p, { allowLandline: false }) : null;
      const mcEmail = RICH && chance(0.35) ? chooseEmail(p) : null;
      const row: Row = { PSID: p.psid, 'Full Name': name, 'Page ID': '112233445566778', 'Last Message': ts(), Labels: pick(['', 'lead', 'vip', 'reclamação']) };
      if (RICH) {
        row.Phone = mcPhone !== null ? fmtPhone(mcPhone, p.country, pick(['national', 'intl', 'e164'])) : '';
        row.Email = mcEmail !== null ? emailVariant(mcEmail) : '';
      }
      emit('messenger', row, p, { name, phone: mcPhone, email: mcEmail }, { name, user_id: p.psid, phone: (row.Phone as string | undefined) ?? '', email: (row.Email as string | undefined) ?? '' });
      return true;
    },
    instagram(p) {
      const k = r();
      let name: string;
      if (k < 0.4) name = fullName(p, { lastShort: true, nick: chance(0.3) });
      else if (k < 0.7) name = `${withAccents(p.nick ?? firstName(p))}${chance(0.4) ? ` ${pick(['✨', '🌸', '🔥', '| fitness', '💫'])}` : ''}`;
      else if (k < 0.85) name = '';
      else name = fullName(p, { lastShort: false });
      const igEmail = RICH && chance(0.3) ? chooseEmail(p) : null;
      const igPhone = RICH && chance(0.3) ? choosePhone(p, { allowLandline: false }) : null;
      const row: Row = { igsid: p.igsid, username: p.igUser, name, follower_count: ri(10, 5000), is_verified_user: false };
      if (RICH) {
        row.email = igEmail !== null ? emailVariant(igEmail) : '';
        row.phone = igPhone !== null ? fmtPhone(igPhone, p.country, pick(['national', 'intl'])) : '';
      }
      emit('instagram', row, p, { name, user: p.igUser, email: igEmail, phone: igPhone }, { name, handle: `@${p.igUser}`, user_id: p.igsid, email: (row.email as string | undefined) ?? '', phone: (row.phone as string | undefined) ?? '' });
      return true;
    },
    telegram(p) {
      const first = withAccents(chance(0.3) && p.nick !== null ? p.nick : firstName(p));
      const last = chance(0.55) ? withAccents(tail(p.last)) : '';
      const ph = chance(RICH ? 0.5 : 0.15) ? p.mobile : null;
      const row = { user_id: p.tgid, username: p.tgUser ?? '', first_name: first, last_name: last, language_code: LANGUAGE[p.country], phone_number: ph !== null ? fmtPhone(ph, p.country, 'digits') : '' };
      emit('telegram', row, p, { name: `${first} ${last}`, phone: ph }, { name: `${first} ${last}`.trim(), handle: p.tgUser !== null ? `@${p.tgUser}` : '', user_id: p.tgid, phone: ph ?? '' });
      return true;
    },
    store(p) {
      let name = chance(0.3) ? surnameFirst(fullName(p, { lastShort: chance(0.5), junior: true })).toUpperCase() : fullName(p, { lastShort: chance(0.5), typo: 0.1 });
      if (chance(0.3)) name = stripAccents(name).toUpperCase();
      const ph = choosePhone(p);
      let phs = ph !== null ? fmtPhone(ph, p.country, chance(0.85) ? 'national' : 'intl', { old9: p.country === 'BR' && chance(0.3), mobile: ph !== p.hh.landline }) : '';
      const placeholder = chance(0.04);
      if (placeholder) phs = pick(PLACE_PHONE);
      const card = p.loyalty ?? '';
      const dob = chance(0.4) ? fmtDob(p.dob, p.country === 'US' ? 'us' : p.country === 'DE' ? 'de' : 'eu') : '';
      const row = { Customer: name, 'Phone No.': phs, 'Loyalty Card': card, City: withAccents(p.hh.city), 'Birth Date': dob, Store: `Loja ${ri(1, 40)}`, 'Total Spent': (r() * 500).toFixed(2).replace('.', ',') };
      emit('store', row, p, { name, phone: ph, placeholder, card }, { name, phone: phs, loyalty_card: card, city: p.hh.city, dob });
      return true;
    },
    crm(p) {
      const hub = chance(0.55);
      const em = chooseEmail(p);
      let emT = em !== null ? emailVariant(em) : '';
      const placeholder = chance(0.04);
      if (placeholder) emT = pick(PLACE_EMAIL);
      const mob = p.mobile !== null ? (p.oldMobile !== null && chance(0.3) ? p.oldMobile : p.mobile) : (p.sharedMobile ?? null);
      const land = p.hh.landline !== null && chance(0.6) && (p.role === 'parent' || chance(LAND_OTHER * 3)) ? p.hh.landline : null;
      const fmt = (e: string | null, mobile: boolean): string =>
        e !== null ? fmtPhone(e, p.country, wpick([['national', 5], ['intl', 3], ['e164', 2]] as const), { old9: mobile && p.country === 'BR' && chance(0.25), mobile, mx1: chance(0.3) }) : '';
      let first = withAccents(chance(0.1) && p.nick !== null ? p.nick : p.first);
      let last = withAccents(p.last) + (p.junior !== undefined && chance(0.8) ? ` ${p.junior}` : '');
      if (chance(0.05)) first = typo(first);
      if (chance(0.1)) {
        first = first.toUpperCase();
        last = last.toUpperCase();
      }
      const dob = chance(0.55) ? fmtDob(p.dob, hub ? 'iso' : p.country === 'US' ? 'us' : 'eu') : '';
      const country = chance(0.7) ? COUNTRY_NAME[p.country] : '';
      const info = { email: em, mob, land, placeholder };
      if (hub) {
        const row = {
          'Record ID': String(ri(10000000, 99999999)), 'First Name': first, 'Last Name': last, Email: emT, 'Phone Number': fmt(land, false), 'Mobile Phone Number': fmt(mob, true), 'Street Address': p.hh.street, City: withAccents(p.hh.city),
          'Postal Code': p.hh.zip, 'Country/Region': country, 'Date of birth': dob, 'Contact owner': pick(OWNERS), 'Lifecycle Stage': pick(['lead', 'customer', 'subscriber']), 'Create Date': ts(),
        };
        emit('crm_hubspot', row, p, info, { name: `${first} ${last}`, email: emT, phone: fmt(mob ?? land, mob !== null), city: p.hh.city, dob });
      } else {
        const row = {
          'Contact ID': `003${Math.floor(r() * 1e15).toString(36).toUpperCase().padStart(12, '0')}`, Salutation: p.gender === 'f' ? pick(['Ms.', 'Mrs.', 'Sra.', '']) : pick(['Mr.', 'Sr.', '']), 'First Name': first, 'Last Name': last, Email: emT,
          Mobile: fmt(mob, true), 'Home Phone': fmt(land, false), 'Mailing Street': p.hh.street, 'Mailing City': p.hh.city, 'Mailing Zip/Postal Code': p.hh.zip, 'Mailing Country': country, Birthdate: dob,
          'Account Name': pick(['Household', `${tail(p.last)} Household`, 'Retail B2C']), 'Contact Owner Alias': pick(['cmend', 'tbeck', 'aruiz']),
        };
        emit('crm_salesforce', row, p, info, { name: `${first} ${last}`, email: emT, phone: fmt(mob ?? land, mob !== null), city: p.hh.city, dob });
      }
      return true;
    },
  };
  for (const p of persons) {
    const n = wpick([[1, 22], [2, 26], [3, 20], [4, 15], [5, 10], [6, 7]] as const);
    let made = 0;
    let guard = 0;
    while (made < n && guard++ < 40) {
      const src = wpick(Object.entries(PROP[p.country]));
      if ((SRC[src] as (p: Person) => boolean)(p)) made++;
    }
  }
  const sources = Object.keys(files) as Source[];
  // within-file duplicates (re-exports): copy 3% of rows
  for (const f of sources) {
    const rows = files[f];
    const n0 = rows.length;
    for (let i = 0; i < n0; i++) {
      if (!chance(0.03)) continue;
      rows.push(JSON.parse(JSON.stringify(rows[i])) as Row);
      const m = meta.find((x) => x.file === f && x.idx === i) as RowMeta;
      meta.push({ ...m, idx: rows.length - 1, dup: true });
    }
  }
  // shuffle each file (and keep meta in sync)
  const metaBySource = {} as Record<Source, RowMeta[]>;
  for (const f of sources) {
    const rows = files[f];
    const ms = meta.filter((m) => m.file === f).sort((a, b) => a.idx - b.idx);
    const order = rows.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    files[f] = order.map((i) => rows[i] as Row);
    order.forEach((oi, ni) => {
      (ms[oi] as RowMeta).idx = ni;
    });
    metaBySource[f] = ms.sort((a, b) => a.idx - b.idx);
  }
  const summary = `seed ${SEED}: ${persons.length} persons, ${households.length} households, rows: ${sources.map((f) => `${f}=${files[f].length}`).join(' ')} total=${meta.length}`;
  const personSummaries = persons.map((p) => ({
    id: p.id, hh: p.hh.id, country: p.country, role: p.role, first: p.first, last: p.last, nick: p.nick, junior: p.junior ?? null, mobile: p.mobile, oldMobile: p.oldMobile,
    sharedMobile: p.sharedMobile ?? null, landline: p.hh.landline, email: p.email, email2: p.email2, workEmail: p.workEmail, famEmail: p.hh.famEmail,
  }));
  return { files, meta: metaBySource, combined, persons: personSummaries, summary };
}

// ---------- writers ----------

/** CSV with the union of the rows' keys as header (first-seen order); cells quoted when needed. */
export function toCsv(rows: readonly Row[], sep = ','): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const q = (v: unknown): string => {
    const s = v === null || v === undefined ? '' : String(v);
    return s.includes(sep) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[cols.map(q).join(sep), ...rows.map((r) => cols.map((c) => q(r[c])).join(sep))].join('\n')}\n`;
}

const toJsonl = (rows: readonly unknown[]): string => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

/** Write the 11 source files plus combined.csv, files.txt, meta.jsonl, persons.jsonl; returns the 11 paths. */
export function writeLists(out: string, g: GeneratedLists): string[] {
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const [f, fmt] of Object.entries(FORMATS) as [Source, 'jsonl' | 'csv' | 'csv;'][]) {
    const file = join(out, `${f}.${fmt === 'jsonl' ? 'jsonl' : 'csv'}`);
    writeFileSync(file, fmt === 'jsonl' ? toJsonl(g.files[f]) : toCsv(g.files[f], fmt === 'csv;' ? ';' : ','));
    written.push(file);
  }
  writeFileSync(join(out, 'combined.csv'), toCsv(g.combined));
  writeFileSync(join(out, 'files.txt'), `${written.join('\n')}\n`);
  const meta = Object.values(g.meta)
    .flat()
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.idx - b.idx));
  writeFileSync(join(out, 'meta.jsonl'), toJsonl(meta));
  writeFileSync(join(out, 'persons.jsonl'), toJsonl(g.persons));
  return written;
}

function main(args: readonly string[]): void {
  const num = (name: string, fallback: number): number => Number(option(args, name, String(fallback)));
  const seed = num('--seed', 1);
  const g = generateLists({
    seed, persons: num('--persons', 3000), diverse: args.includes('--diverse'), rich: args.includes('--rich'),
    shareMobile: num('--share-mobile', 0.006), landlineOther: num('--landline-other', 0.008), familyEmailOther: num('--family-email-other', 0.015),
  });
  const out = option(args, '--out', '');
  if (out === '') throw new Error('--out DIR is required (e.g. --out /tmp/lists-s1)');
  writeLists(out, g);
  console.error(g.summary);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
