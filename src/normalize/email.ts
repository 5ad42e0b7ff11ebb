import { lazy } from '../internal/lazy.js';
import { type Result, fail, issue, ok } from '../model/issue.js';
import { toALabelDomain } from './_domain.js';
import { mailDomainTypoOf } from './_mail-domain-typo.js';
import { hasControl, hasLoneSurrogate, preview, utf8Length } from './_text.js';
import { isKnownGivenName } from './nicknames.js';

/**
 * An email address reduced to the keys identity resolution matches on.
 *
 * - `key`: the strict key `local@domain`: NFC, lowercased, domain in A-labels. Two addresses with the
 *   same key are the same mailbox (mailbox providers treat the local part case-insensitively in
 *   practice, although RFC 5321 allows otherwise).
 * - `looseKey`: for matching only, never for delivery: `+tag` dropped; for Gmail dots removed and
 *   `googlemail.com` mapped to `gmail.com`; `me.com`/`mac.com` mapped to `icloud.com`; a mistyped
 *   provider domain mapped to the provider (`gmial.com`, `gmail.com.br`, `hotmail.co`, `outlok.com`).
 * - `generic`: a role or placeholder address (`info@`, `noreply@`, `test@test.com`, `@example.com`)
 *   or a household's mailbox (`familia.souza@`, `casa.miranda@`, `joaoemaria@`, `kennethandlinda@`)
 *   that many people share or nobody owns: weak evidence.
 *
 * @example
 * ```ts
 * const r = normalizeEmail('Ana.Silva+promo@GoogleMail.com');
 * if (r.success) r.data; // { key: 'ana.silva+promo@googlemail.com', looseKey: 'anasilva@gmail.com', local: 'ana.silva+promo', domain: 'googlemail.com', generic: false }
 * ```
 */
export interface NormalizedEmail {
  readonly key: string;
  readonly looseKey: string;
  /** The local part as used in `key` (NFC, lowercased). */
  readonly local: string;
  /** The domain in A-labels (`xn--fa-hia.de`), lowercased, without a trailing dot. */
  readonly domain: string;
  readonly generic: boolean;
}

/** RFC 5321 §4.5.3.1.1: a local part is at most 64 octets. */
const MAX_LOCAL_OCTETS = 64;
/** RFC 5321 §4.5.3.1.3 (path of 256 octets less the angle brackets): an address is at most 254 octets. */
const MAX_ADDRESS_OCTETS = 254;
/** Inputs longer than this are refused before any processing (a bound on work for hostile input). */
const MAX_INPUT_LENGTH = 1024;

/** RFC 5322 `atext` (ASCII part); any non-ASCII character is also allowed (RFC 6531). */
function isAtext(c: number): boolean {
  if (c > 0x7f) return true;
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return true;
  // ! # $ % & ' * + - / = ? ^ _ ` { | } ~
  switch (c) {
    case 0x21: case 0x23: case 0x24: case 0x25: case 0x26: case 0x27: case 0x2a: case 0x2b: case 0x2d:
    case 0x2f: case 0x3d: case 0x3f: case 0x5e: case 0x5f: case 0x60: case 0x7b: case 0x7c: case 0x7d: case 0x7e:
      return true;
    default:
      return false;
  }
}

/** Why a dot-atom or quoted-string local part is malformed, or undefined when it is fine. */
function localPartProblem(local: string): string | undefined {
  if (local.charCodeAt(0) === 0x22) {
    // quoted-string: "..." with \-escapes; printable ASCII and non-ASCII inside.
    if (local.length < 2 || local.charCodeAt(local.length - 1) !== 0x22) return 'unterminated quoted local part';
    for (let i = 1; i < local.length - 1; i++) {
      const c = local.charCodeAt(i);
      if (c === 0x5c) {
        i++;
        if (i >= local.length - 1) return 'dangling escape in quoted local part';
      } else if (c === 0x22) return 'unescaped quote in quoted local part';
    }
    return undefined;
  }
  let prevDot = true; // a leading dot is an error, like a doubled one
  for (let i = 0; i < local.length; i++) {
    const c = local.charCodeAt(i);
    if (c === 0x2e) {
      if (prevDot) return i === 0 ? 'local part starts with a dot' : 'local part has two dots in a row';
      prevDot = true;
    } else if (isAtext(c)) prevDot = false;
    else return `local part contains ${JSON.stringify(local[i])}, which needs quoting`;
  }
  return prevDot ? 'local part ends with a dot' : undefined;
}

const ROLE_LOCAL_PARTS = lazy(
  () =>
    new Set(
      (
        'info informacion informacoes informacao admin administrator administracao administracion root sysadmin ' +
        'webmaster postmaster hostmaster abuse noc security privacy legal compliance ' +
        'noreply donotreply noresponder naoresponda nao-responda mailerdaemon bounce bounces ' +
        'notification notifications notificacoes alerts alert news newsletter marketing ' +
        'support suporte soporte help ajuda ayuda helpdesk servicedesk service services customerservice ' +
        'customercare atendimento atencion atencionalcliente sac ouvidoria faleconosco ' +
        'sales vendas ventas comercial billing finance financeiro financas facturacion cobranca accounts ' +
        'accounting contabilidade contabilidad invoices rh hr jobs careers vagas empleo recruiting ' +
        'contact contato contacto contactus hello hola ola oi office escritorio oficina team equipe equipo ' +
        'reception recepcao recepcion enquiries inquiries enquiry inquiry mail email correo ' +
        'test teste testing prueba pruebas example exemplo ejemplo sample demo null none nobody noone ' +
        'noemail nomail sememail sinemail sincorreo semcorreio naotem notengo anonymous anonimo user usuario ' +
        'no na nao sin nada'
      ).split(' '),
    ),
);

const GENERIC_DOMAINS = lazy(
  () =>
    new Set(
      (
        'example.com example.org example.net example.edu test.com teste.com prueba.com domain.com dominio.com ' +
        'email.test localhost.localdomain mailinator.com yopmail.com guerrillamail.com sharklasers.com ' +
        '10minutemail.com tempmail.com temp-mail.org trashmail.com dispostable.com maildrop.cc ' +
        'noemail.com nomail.com semail.com sememail.com'
      ).split(' '),
    ),
);

const RESERVED_TLDS = lazy(() => new Set(['example', 'test', 'invalid', 'localhost', 'local']));

/** Domains whose loose key drops dots and the +tag (Gmail) or only the +tag. */
const LOOSE_DOMAIN_RULES = lazy(() => {
  const rules = new Map<string, { readonly domain: string; readonly dropDots: boolean }>();
  rules.set('gmail.com', { domain: 'gmail.com', dropDots: true });
  rules.set('googlemail.com', { domain: 'gmail.com', dropDots: true });
  rules.set('me.com', { domain: 'icloud.com', dropDots: false });
  rules.set('mac.com', { domain: 'icloud.com', dropDots: false });
  return rules;
});

function stripSeparators(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x2e && c !== 0x2d && c !== 0x5f) out += s[i];
  }
  return out;
}

function allSameChar(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) !== s.charCodeAt(0)) return false;
  return true;
}

function isGenericEmail(base: string, domain: string): boolean {
  // the domain or any parent of it (`sub.example.com`)
  for (let from = 0; from >= 0; from = domain.indexOf('.', from) + 1 || -1) {
    if (GENERIC_DOMAINS().has(domain.slice(from))) return true;
  }
  const lastDot = domain.lastIndexOf('.');
  if (RESERVED_TLDS().has(domain.slice(lastDot + 1))) return true;
  const role = stripSeparators(base);
  if (ROLE_LOCAL_PARTS().has(role)) return true;
  if (role.length >= 3 && allSameChar(role)) return true;
  return isHouseholdLocal(base, role);
}

// A family's mailbox: `familia.souza`, `familiarossi`, `andradefamily14`, `casa.miranda`, `family_smith`,
// `fam.silva`, `smithhousehold`, `kumarparivar` (Hindi: family).
const FAMILY_WORD = /famil(?:ia|y|ie|le)|household|parivar|haushalt/;
const HOME_PREFIX = /^(?:casa|hogar|fam)[._-][a-z]{3}/;

/** True when a known given name of four letters or more starts `s` (`theo…`, `thelma…`, `theresa…`). */
function startsWithGivenName(s: string): boolean {
  for (let end = 4; end <= s.length; end++) if (isKnownGivenName(s.slice(0, end))) return true;
  return false;
}

/**
 * A household's mailbox: a family word or prefix, "the" and a plural surname, or two given names joined by "and" in Portuguese,
 * Spanish or English (`joaoemaria`, `kennethelinda`, `juanyana`, `markandlisa`, digits ignored).
 * A compound given name is not a couple: `anaelisa` could be Ana Elisa, so it is not flagged.
 */
function isHouseholdLocal(base: string, letters: string): boolean {
  if ((letters.length >= 9 && FAMILY_WORD.test(letters)) || HOME_PREFIX.test(base)) return true;
  const s = letters.replace(/\d+/g, '');
  if (s.length < 7) return false;
  // `thesmiths90`, `thejoness`: "the Smiths", written as one word (not `theo.evans`, `theresas`,
  // `thelmasantos`: a given name starting with "the", then a surname).
  if (s.startsWith('the') && s.endsWith('s') && s.length >= 8 && !/[._-]/.test(base) && !startsWithGivenName(s)) return true;
  for (let i = 3; i < s.length - 3; i++) {
    const c = s[i];
    const width = c === 'e' || c === 'y' ? 1 : c === 'a' && s.startsWith('and', i) ? 3 : 0;
    if (width === 0) continue;
    const first = s.slice(0, i);
    const second = s.slice(i + width);
    if (second.length < 3 || !isKnownGivenName(first) || !isKnownGivenName(second)) continue;
    if (isKnownGivenName(s.slice(i))) continue; // Ana + Elisa, not Ana and Lisa
    return true;
  }
  return false;
}

/**
 * Peel `mailto:`, a display name (`Ana Lima <ana@example.com>`, as mail clients and exports write an
 * address) and one pair of angle brackets (`<ana@example.com>`), which carry no meaning.
 */
function unwrap(s: string): string {
  let t = s;
  if (t.length >= 7 && t.slice(0, 7).toLowerCase() === 'mailto:') {
    t = t.slice(7);
    const q = t.indexOf('?');
    if (q >= 0) t = t.slice(0, q);
    if (t.includes('%')) {
      try {
        t = decodeURIComponent(t);
      } catch {
        // keep it undecoded; validation below reports the problem
      }
    }
  }
  if (t.length >= 2 && t.charCodeAt(t.length - 1) === 0x3e) {
    const open = t.lastIndexOf('<');
    // `Name <addr>`: the address is what the brackets hold; a display name has no @ of its own.
    if (open === 0 || (open > 0 && !t.slice(0, open).includes('@'))) t = t.slice(open + 1, -1);
  }
  return t.trim();
}

/**
 * Normalize an email address into a strict key, a loose matching key and a `generic` flag.
 * Never throws for bad data: malformed input comes back as issues (`required`, `invalid_format`,
 * `too_big`, `unsupported`). The raw value is not changed; callers keep it.
 *
 * Steps: trim; drop `mailto:`, a display name and `<…>`; Unicode NFC; split at the last `@`; validate the local part
 * (dot-atom or quoted string, RFC 5321 limits: local ≤ 64, domain ≤ 255, address ≤ 254 octets);
 * lowercase; domain to A-labels (UTS-46 non-transitional).
 *
 * @example
 * ```ts
 * const r = normalizeEmail('  J.Doe+news@GoogleMail.com ');
 * if (r.success) {
 *   r.data.key;      // 'j.doe+news@googlemail.com'
 *   r.data.looseKey; // 'jdoe@gmail.com'
 * }
 * normalizeEmail('ana@faß.de');   // key 'ana@xn--fa-hia.de'
 * normalizeEmail('info@acme.com'); // generic: true
 * normalizeEmail('ana.example.com'); // { success: false, issues: [{ code: 'invalid_format', ... }] }
 * ```
 */
export function normalizeEmail(raw: string): Result<NormalizedEmail> {
  if (typeof raw !== 'string') return fail(issue('invalid_type', [], 'email must be a string'));
  if (raw.length > MAX_INPUT_LENGTH) {
    return fail(issue('too_big', [], `email is longer than ${MAX_INPUT_LENGTH} characters`));
  }
  const trimmed = unwrap(raw.trim());
  if (trimmed.length === 0) return fail(issue('required', [], 'email is empty'));
  if (hasControl(trimmed) || hasLoneSurrogate(trimmed)) {
    return fail(issue('invalid_format', [], 'email contains control characters or broken Unicode'));
  }
  const s = trimmed.normalize('NFC');
  const at = s.lastIndexOf('@');
  if (at < 0) return fail(issue('invalid_format', [], `email ${preview(s)} has no @`));
  const rawLocal = s.slice(0, at);
  const rawDomain = s.slice(at + 1);
  if (rawLocal.length === 0) return fail(issue('invalid_format', [], 'email has an empty local part (nothing before @)'));
  if (rawDomain.length === 0) return fail(issue('invalid_format', [], 'email has an empty domain (nothing after @)'));
  const localProblem = localPartProblem(rawLocal);
  if (localProblem !== undefined) return fail(issue('invalid_format', [], `email ${localProblem}`));
  const local = rawLocal.toLowerCase();
  if (utf8Length(local) > MAX_LOCAL_OCTETS) {
    return fail(issue('too_big', [], `email local part is longer than ${MAX_LOCAL_OCTETS} octets`));
  }
  const d = toALabelDomain(rawDomain);
  if (!d.ok) {
    const code = d.reason.includes('longer') ? 'too_big' : d.reason.includes('not supported') ? 'unsupported' : 'invalid_format';
    return fail(issue(code, [], `email ${d.reason}`));
  }
  const domain = d.domain;
  const key = `${local}@${domain}`;
  if (utf8Length(key) > MAX_ADDRESS_OCTETS) {
    return fail(issue('too_big', [], `email is longer than ${MAX_ADDRESS_OCTETS} octets`));
  }

  const quoted = local.charCodeAt(0) === 0x22;
  let base = local;
  if (!quoted) {
    const plus = base.indexOf('+');
    if (plus > 0) {
      base = base.slice(0, plus);
      // `a.+tag` leaves `a.`: drop the dangling dots so the loose key stays a well-formed address
      let end = base.length;
      while (end > 1 && base.charCodeAt(end - 1) === 0x2e) end--;
      base = base.slice(0, end);
    }
  }
  // A mistyped provider domain (gmial.com, hotmail.co) is the provider's mailbox for matching.
  const provider = mailDomainTypoOf(domain) ?? domain;
  let looseDomain = provider;
  const rule = LOOSE_DOMAIN_RULES().get(provider);
  let looseLocal = base;
  if (rule !== undefined) {
    looseDomain = rule.domain;
    if (rule.dropDots && !quoted) looseLocal = base.replaceAll('.', '');
    if (looseLocal.length === 0) looseLocal = base;
  }
  return ok({
    key,
    looseKey: `${looseLocal}@${looseDomain}`,
    local,
    domain,
    generic: isGenericEmail(quoted ? local : base, domain),
  });
}
