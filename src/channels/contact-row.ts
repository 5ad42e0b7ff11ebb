import { lazy } from '../internal/lazy.js';
import { isChannel, type Channel } from '../model/channel.js';
import type { ContactRecord, PersonName, PostalAddress } from '../model/contact-record.js';
import type { Identifier, IdentifierKind } from '../model/identifier.js';
import type { Issue, Result } from '../model/issue.js';
import { normalizeDate } from '../normalize/date.js';
import { normalizeEmail } from '../normalize/email.js';
import { toIdentifier } from '../normalize/identifier.js';
import { normalizePhone } from '../normalize/phone.js';
import { channelFromWords, customerPath, recognizeByWords } from './_column-words.js';
import { businessPartiesOf, directionOf, partyKeyOf } from './_log-parties.js';
import { INTERNATIONAL_PHONE } from './_phone-format.js';
import { toIsoTime } from './_time.js';

/**
 * What a column of a contact list holds. `attribute` keeps the value under its column name;
 * `ignore` drops the column from the record (it is still written back out by the CLI).
 */
export type RowField =
  | 'id'
  | 'full_name'
  | 'given_name'
  | 'family_name'
  | 'email'
  | 'phone'
  | 'landline'
  | 'birth_date'
  | 'street_number'
  | 'address'
  | 'address_2'
  | 'postcode'
  | 'city'
  | 'region'
  | 'country'
  | 'handle'
  | 'user_id'
  | 'contact'
  | 'external_id'
  | 'loyalty_id'
  | 'channel'
  | 'source'
  | 'direction'
  | 'observed_at'
  | 'attribute'
  | 'ignore';

/** A column's meaning, when a name alone is not enough. */
export interface ColumnSpec {
  readonly field: RowField;
  /** For `handle`, `user_id`, `external_id`: the namespace (`instagram`, `crm`, ...). @defaultValue the row's channel */
  readonly namespace?: string;
  /** For `phone`/`email`/`handle`: the channel the value belongs to (a `whatsapp` column). */
  readonly channel?: Channel;
  /**
   * For a message or call log's `From`/`To` columns: whose value it is. The customer is the sender
   * of an inbound row and the recipient of an outbound one (a `direction` column says which, else
   * the business's own number or mailbox, see {@link findBusinessParties}); the business's cells
   * are kept as attributes. @defaultValue none: the value is the customer's
   */
  readonly party?: LogParty;
}

/** The two parties of a message or call log row. */
export type LogParty = 'sender' | 'recipient';

/** Column name -> meaning. Columns not named here are recognised by name (see {@link recognizeColumn}). */
export type ColumnMapping = Readonly<Record<string, RowField | ColumnSpec>>;

/** Options of {@link recordFromRow}. */
export interface RecordFromRowOptions {
  /** Explicit meanings for columns; others are recognised by name. @defaultValue {} */
  readonly mapping?: ColumnMapping;
  /** The record id when the row has no id column. Required in that case. */
  readonly fallbackId?: string;
  /** Prefix for record ids (keeps ids from different files apart). @defaultValue '' */
  readonly idPrefix?: string;
  /** The dataset the row came from (kept as `source`). */
  readonly source?: string;
  /** The channel when the row has no channel column. @defaultValue 'crm' */
  readonly channel?: Channel;
  /**
   * Country for national-format phone numbers (ISO 3166-1 alpha-2), when the row has no country
   * column of its own (a row's `country` — `Brasil`, `MX`, `USA` — wins).
   */
  readonly defaultCountry?: string;
  /**
   * Countries to read a national-format phone number in when the row names no country and no
   * `defaultCountry` is given — typically the countries the rest of the file names (see
   * {@link frequentCountries}). Every valid reading becomes a key of the identifier, so
   * `(81) 99764-1547` on a country-less row still meets the `+5581997641547` of a WhatsApp row.
   * Numbers written with `+` or `00` are never reread. @defaultValue []
   */
  readonly candidateCountries?: readonly string[];
  /**
   * Whether the input holds a phone key elsewhere (`phone:+5581997641547`): a national number valid
   * in several candidate countries is read in the one whose number it holds, and in none when it
   * holds several (that would bridge two customers). @defaultValue none known: the first candidate where it is valid
   */
  readonly isKnownPhoneKey?: (key: string) => boolean;
  /** Day/month order for ambiguous birth dates. @defaultValue 'DMY' */
  readonly dateOrder?: 'DMY' | 'MDY' | 'YMD';
  /** Columns never read as evidence (a ground-truth column). @defaultValue [] */
  readonly exclude?: readonly string[];
  /**
   * The business's own numbers and mailboxes in a message or call log, as {@link findBusinessParties}
   * finds them: a row with no direction cell whose sender is one of them is an outbound row, and
   * its recipient is the customer. @defaultValue [] (such rows are read as inbound)
   */
  readonly businessParties?: readonly string[];
}

/** A record read from a row, and the values in it that could not be read (kept raw, reported). */
export interface RowRecord {
  readonly record: ContactRecord;
  readonly warnings: readonly Issue[];
}

const SENDER_PHONE: ColumnSpec = { field: 'phone', party: 'sender' };
const SENDER_EMAIL: ColumnSpec = { field: 'email', party: 'sender' };
const SENDER_NAME: ColumnSpec = { field: 'full_name', party: 'sender' };
const RECIPIENT_PHONE: ColumnSpec = { field: 'phone', party: 'recipient' };
const RECIPIENT_EMAIL: ColumnSpec = { field: 'email', party: 'recipient' };
const RECIPIENT_NAME: ColumnSpec = { field: 'full_name', party: 'recipient' };

const ALIASES: Readonly<Record<string, RowField | ColumnSpec>> = {
  id: 'id', recordid: 'id', recid: 'id', uniqueid: 'id', contactid: 'id', rowid: 'id',
  name: 'full_name', fullname: 'full_name', contactname: 'full_name', displayname: 'full_name', customername: 'full_name', nome: 'full_name', nombre_completo: 'full_name', profilename: 'full_name',
  firstname: 'given_name', givenname: 'given_name', forename: 'given_name', first: 'given_name', nombre: 'given_name', primeironome: 'given_name', prenom: 'given_name',
  lastname: 'family_name', surname: 'family_name', familyname: 'family_name', last: 'family_name', apellido: 'family_name', apellidos: 'family_name', sobrenome: 'family_name', nom: 'family_name',
  email: 'email', emailaddress: 'email', mail: 'email', correo: 'email', workemail: 'email', personalemail: 'email',
  phone: 'phone', phonenumber: 'phone', telephone: 'phone', tel: 'phone', mobile: 'phone', mobilephone: 'phone', cell: 'phone', cellphone: 'phone', celular: 'phone',
  telefone: 'phone', telefono: 'phone', workphone: 'phone', msisdn: 'phone',
  landline: 'landline', homephone: 'landline', home: 'landline', telefonefixo: 'landline', fixo: 'landline', residencial: 'landline',
  telefonoresidencial: 'landline', telefonefixoresidencial: 'landline', fonefixo: 'landline',
  whatsapp: { field: 'phone', channel: 'whatsapp' }, waid: { field: 'phone', channel: 'whatsapp' }, whatsappnumber: { field: 'phone', channel: 'whatsapp' },
  sms: { field: 'phone', channel: 'sms' },
  dob: 'birth_date', dateofbirth: 'birth_date', birthdate: 'birth_date', birthday: 'birth_date', nascimento: 'birth_date', datanascimento: 'birth_date', fechanacimiento: 'birth_date',
  streetnumber: 'street_number', housenumber: 'street_number',
  address: 'address', address1: 'address', addressline1: 'address', street: 'address', streetaddress: 'address', endereco: 'address', direccion: 'address',
  address2: 'address_2', addressline2: 'address_2',
  postcode: 'postcode', postalcode: 'postcode', zip: 'postcode', zipcode: 'postcode', cep: 'postcode', codigopostal: 'postcode', plz: 'postcode',
  city: 'city', town: 'city', suburb: 'city', cidade: 'city', ciudad: 'city', locality: 'city',
  state: 'region', region: 'region', province: 'region', uf: 'region', estado: 'region',
  country: 'country', pais: 'country', countrycode: 'country', countryregion: 'country', mailingcountry: 'country', defaultaddresscountrycode: 'country',
  mailingstreet: 'address', mailingcity: 'city', mailingpostalcode: 'postcode', mailingstate: 'region', defaultaddressaddress1: 'address',
  defaultaddresscity: 'city', defaultaddresszip: 'postcode', apellidopaterno: 'family_name', apellidomaterno: 'family_name',
  handle: 'handle', username: 'handle', userhandle: 'handle',
  instagram: { field: 'handle', namespace: 'instagram', channel: 'instagram' }, telegram: { field: 'handle', namespace: 'telegram', channel: 'telegram' },
  twitter: { field: 'handle', namespace: 'x' }, line: { field: 'user_id', namespace: 'line', channel: 'line' },
  // A generic contact column of a list merging several channels: its cell and the row's channel say what it is.
  identifier: 'contact', identity: 'contact', contact: 'contact', contactinfo: 'contact', contactvalue: 'contact', contacthandle: 'contact',
  contactdetails: 'contact', channelcontact: 'contact', channelidentifier: 'contact', channeluserid: 'contact', senderid: 'contact', platformuserid: 'contact',
  userid: 'user_id', psid: { field: 'user_id', channel: 'messenger' }, igsid: { field: 'user_id', channel: 'instagram' }, telegramid: { field: 'user_id', namespace: 'telegram', channel: 'telegram' },
  externalid: 'external_id', customerid: 'external_id', crmid: 'external_id', clientid: 'external_id',
  loyaltyid: 'loyalty_id', membershipid: 'loyalty_id', loyaltynumber: 'loyalty_id', memberid: 'loyalty_id',
  // Message and call logs name both parties: the customer is the sender of inbound rows and the
  // recipient of outbound ones (see LogParty). A party cell is read as what it holds: an email, a number.
  from: SENDER_PHONE, sender: SENDER_PHONE, fromnumber: SENDER_PHONE, sendernumber: SENDER_PHONE, caller: SENDER_PHONE, callernumber: SENDER_PHONE, ani: SENDER_PHONE,
  callerid: SENDER_PHONE, fromaddress: SENDER_EMAIL, fromemail: SENDER_EMAIL, senderaddress: SENDER_EMAIL, senderemail: SENDER_EMAIL, fromname: SENDER_NAME,
  to: RECIPIENT_PHONE, tonumber: RECIPIENT_PHONE, recipient: RECIPIENT_PHONE, recipientnumber: RECIPIENT_PHONE, called: RECIPIENT_PHONE, callednumber: RECIPIENT_PHONE,
  callee: RECIPIENT_PHONE, dialednumber: RECIPIENT_PHONE, destination: RECIPIENT_PHONE, destinationnumber: RECIPIENT_PHONE, dnis: RECIPIENT_PHONE,
  toaddress: RECIPIENT_EMAIL, toemail: RECIPIENT_EMAIL, toname: RECIPIENT_NAME,
  direction: 'direction', calldirection: 'direction', messagedirection: 'direction', inout: 'direction',
  // Caller-ID text is no name: LAST FIRST cut at 15 letters, WIRELESS CALLER, a city. Compared as a
  // name, it vetoed the phone it came with.
  callername: 'attribute', calleridname: 'attribute', cnam: 'attribute',
  customer: 'full_name', cliente: 'full_name', nomecliente: 'full_name', nombrecliente: 'full_name',
  loyaltycard: 'loyalty_id', loyaltycardnumber: 'loyalty_id', loyaltycardno: 'loyalty_id', membercard: 'loyalty_id', membershipcard: 'loyalty_id', membershipnumber: 'loyalty_id',
  cartaofidelidade: 'loyalty_id', tarjetafidelidad: 'loyalty_id', tarjetadefidelidad: 'loyalty_id',
  // German, French and Italian exports (`Vorname`, `Handynummer`, `Courriel`, `Cognome`, ...).
  vorname: 'given_name', nachname: 'family_name', familienname: 'family_name', telefon: 'phone', telefonnummer: 'phone', handy: 'phone',
  handynummer: 'phone', mobil: 'phone', mobilnummer: 'phone', mobiltelefon: 'phone', festnetz: 'landline', festnetznummer: 'landline',
  geburtsdatum: 'birth_date', geburtstag: 'birth_date', strasse: 'address', hausnummer: 'street_number', ort: 'city', stadt: 'city',
  wohnort: 'city', land: 'country', portable: 'phone', telephoneportable: 'phone', courriel: 'email', adresse: 'address', ville: 'city',
  pays: 'country', datedenaissance: 'birth_date', nomcomplet: 'full_name', cognome: 'family_name', cellulare: 'phone', indirizzo: 'address',
  citta: 'city', datadinascita: 'birth_date',
  // A whole name asked for in one column: `Nombre y apellidos`, `Nome e sobrenome`, `First and last name`.
  nombreyapellidos: 'full_name', nombreyapellido: 'full_name', nomeesobrenome: 'full_name', firstandlastname: 'full_name',
  channel: 'channel', source: 'source', dataset: 'source',
  observedat: 'observed_at', lastseen: 'observed_at', updatedat: 'observed_at', lastcontact: 'observed_at',
};

// Country names as contact lists write them (en/pt/es, with and without accents) -> ISO 3166-1
// alpha-2, so a row's own country can read its national-format phone numbers.
const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  brasil: 'BR', brazil: 'BR', bra: 'BR', mexico: 'MX', mex: 'MX', argentina: 'AR', arg: 'AR', espana: 'ES', spain: 'ES',
  esp: 'ES', portugal: 'PT', prt: 'PT', usa: 'US', unitedstates: 'US', unitedstatesofamerica: 'US', estadosunidos: 'US',
  eua: 'US', eeuu: 'US', us: 'US', chile: 'CL', chl: 'CL', colombia: 'CO', col: 'CO', peru: 'PE', per: 'PE', uruguay: 'UY',
  uruguai: 'UY', ury: 'UY', paraguay: 'PY', paraguai: 'PY', bolivia: 'BO', venezuela: 'VE', ecuador: 'EC', equador: 'EC',
  canada: 'CA', can: 'CA', unitedkingdom: 'GB', uk: 'GB', reinounido: 'GB', england: 'GB', france: 'FR', franca: 'FR',
  francia: 'FR', germany: 'DE', alemanha: 'DE', alemania: 'DE', deutschland: 'DE', italy: 'IT', italia: 'IT', japan: 'JP',
  japao: 'JP', japon: 'JP', india: 'IN', china: 'CN', australia: 'AU',
};

/**
 * The ISO 3166-1 alpha-2 code of a country as a contact list writes it (`Brasil`, `México`, `ES`,
 * `USA`), or undefined.
 *
 * @example
 * ```ts
 * countryCodeOf('México'); // 'MX'
 * countryCodeOf('pt'); // 'PT'
 * ```
 */
export function countryCodeOf(value: string): string | undefined {
  const key = columnKey(value);
  if (key.length === 2) return key.toUpperCase();
  return own(COUNTRY_NAMES, key);
}

/**
 * The countries a set of records names in their addresses, most frequent first: those on at least
 * 1% of the records that name one, at most `max`. Pass them to {@link recordFromRow} as
 * `candidateCountries` to read national phone numbers on rows that name no country.
 *
 * @example
 * ```ts
 * frequentCountries(records); // ['BR', 'MX', 'AR']
 * ```
 */
export function frequentCountries(records: Iterable<ContactRecord>, max = 6): string[] {
  const counts = new Map<string, number>();
  let total = 0;
  for (const record of records) {
    const raw = record.address?.country;
    const code = raw !== undefined ? countryCodeOf(raw) : undefined;
    if (code === undefined) continue;
    counts.set(code, (counts.get(code) ?? 0) + 1);
    total++;
  }
  return [...counts]
    .filter(([, n]) => n >= total / 100)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([code]) => code);
}

/**
 * A national-format phone on a row without a country, read in the candidate countries where it is a
 * valid number. One reading only joins the identifier's keys (and becomes the key when no other
 * reading exists): the one whose number the input holds elsewhere (`known`), else the first
 * candidate's. A number whose readings in two countries are both in the input (`06 12 34 56 78`,
 * French and Dutch) gets none: either reading could be another customer's, and both would bridge two.
 */
function withNationalReadings(
  r: Result<Identifier>,
  input: Parameters<typeof toIdentifier>[0],
  candidates: readonly string[],
  known: ((key: string) => boolean) | undefined,
): Result<Identifier> {
  const readings: { country: string; keys: string[] }[] = [];
  for (const country of candidates) {
    const n = normalizePhone(input.value, { defaultCountry: country });
    if (!n.success || !n.data.valid || n.data.generic) continue;
    const keys = [n.data.key, ...n.data.variantKeys].map((k) => `phone:${k}`);
    if (!readings.some((x) => x.keys[0] === keys[0])) readings.push({ country, keys });
  }
  const seen = known === undefined ? [] : readings.filter((x) => x.keys.some(known));
  if (seen.length > 1) return r;
  const chosen = seen[0] ?? readings[0];
  const first = chosen?.country;
  const keys = chosen?.keys ?? [];
  if (first === undefined) return r;
  const base = r.success ? r : toIdentifier(input, { defaultCountry: first });
  if (!base.success || base.data.key === undefined) return r;
  const own = base.data.key;
  const variantKeys = [...(base.data.variantKeys ?? [])];
  for (const k of keys) if (k !== own && !variantKeys.includes(k)) variantKeys.push(k);
  return { success: true, data: { ...base.data, variantKeys } };
}

/**
 * The emails or phones of one cell: split at `;` and `|`, emails also at `,`, and phones also at `/`, `,` or the word
 * "or" (ou, o) when the cell is no valid number as a whole but each piece is
 * (`(11) 98765-4321 / (11) 3333-4444`). A lone short piece of digits after a valid number is its
 * extension (`(11) 3333-4444 / 12`); anything else stays whole (`+55 11 3333/4444`,
 * `+1 555 123 4567, x12`), for the phone reader to take as it is.
 */
function splitValues(kind: 'email' | 'phone', value: string, countries: readonly (string | undefined)[]): string[] {
  const parts = value.split(/[;|]/).map((p) => p.trim()).filter((p) => p !== '');
  return kind === 'email' ? parts.flatMap(splitEmails) : parts.flatMap((part) => splitPhones(part, countries));
}

/** `a@x.com, b@y.com`: split at commas when every piece is an address (`Souza, Ana <ana@x.com>` is one). */
function splitEmails(part: string): string[] {
  if (!part.includes(',')) return [part];
  const pieces = part.split(',').map((p) => p.trim()).filter((p) => p !== '');
  return pieces.length > 1 && pieces.every(emailLike) ? pieces : [part];
}

/** `countries`: the row's country or the default, else the candidate countries (else none). */
function splitPhones(part: string, countries: readonly (string | undefined)[]): string[] {
  const pieces = part.split(/[/,]|\s(?:ou|or|o)\s/i).map((p) => p.trim()).filter((p) => p !== '');
  if (pieces.length < 2) return [part];
  const read = (text: string): string | undefined => {
    for (const country of countries) {
      const r = normalizePhone(text, country !== undefined ? { defaultCountry: country } : {});
      if (r.success && r.data.valid) return r.data.e164;
    }
    return undefined;
  };
  const [first, ...rest] = pieces as [string, ...string[]];
  const firstNumber = read(first);
  // The whole cell, when it is a valid number that the first piece starts (`+49 89 1234/567`), not
  // a number of another country made of the digits run together (`212-555-0123 / 12`).
  const whole = read(part);
  if (whole !== undefined && (firstNumber === undefined || whole.startsWith(firstNumber))) return [part];
  if (pieces.every((p) => p.replace(/\D/g, '').length >= 8 && read(p) !== undefined)) return pieces;
  if (rest.length === 1 && /^\d{1,5}$/.test(rest[0] as string) && firstNumber !== undefined) return [`${first} ext. ${rest[0] as string}`];
  return [part];
}

/** A cell that is an email address (`ana@x.com`, `Ana <ana@x.com>`), whatever its column says. */
function emailLike(cell: string): boolean {
  return cell.includes('@') && normalizeEmail(cell).success;
}

/** The channel a channel or source cell names (`whatsapp`, `Facebook Messenger`, `IG DM`), or undefined. */
function channelOfCell(value: string): Channel | undefined {
  const c = value.toLowerCase();
  return isChannel(c) ? c : channelFromWords(value);
}

/** A cell that is a phone number (digits with phone punctuation, at least seven digits), whatever its column says. */
function phoneLike(cell: string): boolean {
  return /^\+?[\d\s().-]+$/.test(cell) && cell.replace(/\D/g, '').length >= 7;
}

/** Channels whose user ids are phone numbers (a WhatsApp id, Twilio's `From`). */
const PHONE_CHANNELS: ReadonlySet<Channel> = new Set(['whatsapp', 'sms', 'voice']);
/** Channels that name their users by a numeric or opaque id. */
const USER_ID_CHANNELS: ReadonlySet<Channel> = new Set(['messenger', 'instagram', 'telegram', 'line', 'webchat']);

/**
 * What a user-id cell or a generic contact cell (`identifier`, `contact`) holds on a row of
 * `channel`: an email wherever it is one, a `@handle` a username, a number a phone on phone
 * channels (WhatsApp's user id is the number); else a user id column is a user id, and a contact
 * cell what the channel calls its users by: digits a user id (PSID, Telegram id), a LINE `U…` id,
 * an Instagram or Telegram name a username, a web-chat visitor id, or a phone number elsewhere.
 * Undefined when nothing fits (an email channel's cell that is no address).
 */
function contactKindOf(cell: string, field: 'contact' | 'user_id', channel: Channel): IdentifierKind | undefined {
  if (emailLike(cell)) return 'email';
  if (/^@[\p{L}\p{N}._]{1,64}$/u.test(cell)) return 'username';
  if (PHONE_CHANNELS.has(channel) && (phoneLike(cell) || /^whatsapp:\+?\d/i.test(cell))) return 'phone';
  if (field === 'user_id') return 'user_id';
  if (USER_ID_CHANNELS.has(channel)) {
    if (/^\d{5,24}$/.test(cell) || (channel === 'line' && /^U[0-9a-f]{32}$/i.test(cell))) return 'user_id';
    if ((channel === 'instagram' || channel === 'telegram') && /^[\p{L}\p{N}._]{2,64}$/u.test(cell)) return 'username';
    if (channel === 'webchat' && /^[\w.:-]{4,128}$/.test(cell) && !phoneLike(cell)) return 'user_id';
  }
  return phoneLike(cell) ? 'phone' : undefined;
}

/** Column names that hold the customer's name in some exports and their id or a flag in others. */
const SOFT_NAME_COLUMNS: ReadonlySet<string> = new Set(['customer', 'cliente']);
const YES_NO: ReadonlySet<string> = new Set(['yes', 'no', 'sim', 'nao', 'não', 'si', 'sí', 'true', 'false', 'x', 'y', 'n', 's']);

/** The lookup form of a column name: lowercase letters and digits only. */
function columnKey(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/ß/g, 'ss').replace(/[^a-z0-9]/g, '');
}

/**
 * The channel a file or dataset name says its rows came from (`whatsapp_export.csv`,
 * `Instagram DMs.jsonl`, `crm_hubspot.csv`, `store-POS.csv`), or undefined. Give it to
 * {@link recordFromRow} as `channel`: a list exported from one channel often has no channel column,
 * and its usernames and user ids belong to that channel's namespace.
 *
 * @example
 * ```ts
 * channelOfName('telegram_users.csv'); // 'telegram'
 * channelOfName('customers.csv'); // undefined
 * ```
 */
export function channelOfName(name: string): Channel | undefined {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[a-z0-9]{1,8}$/i, '');
  return channelFromWords(base);
}

/**
 * What a column holds, judged by its name (`First Name`, `e-mail`, `WhatsApp`, `CEP`, ...), else
 * by the words in it (`contact_phone`, `customerEmail`, `IG handle`, `telegram_user_id`,
 * `home phone number`); `attribute` for anything else, and for names that describe a value rather
 * than hold it (`email_verified`, `phone_type`, `last_email_date`).
 *
 * @example
 * ```ts
 * recognizeColumn('E-mail Address'); // { field: 'email' }
 * recognizeColumn('WhatsApp'); // { field: 'phone', channel: 'whatsapp' }
 * recognizeColumn('ig_handle'); // { field: 'handle', namespace: 'instagram', channel: 'instagram' }
 * recognizeColumn('email_verified'); // { field: 'attribute' }
 * recognizeColumn('favourite_colour'); // { field: 'attribute' }
 * ```
 */
export function recognizeColumn(name: string): ColumnSpec {
  return meaningOf(name).spec;
}

/** What a column name means, and whether an alias (not its words) said so. */
interface ColumnMeaning {
  readonly spec: ColumnSpec;
  readonly aliased: boolean;
}

/**
 * Column names, memoized: every row of a list asks for the same few names, and reading a name's
 * words (Unicode folding, regexes) per cell would cost more than the row. Bounded: a JSON input
 * with ever-new keys clears it rather than grows it.
 */
const meanings = lazy(() => new Map<string, ColumnMeaning>());
const MAX_MEANINGS = 4096;

function meaningOf(name: string): ColumnMeaning {
  const memo = meanings();
  let m = memo.get(name);
  if (m === undefined) {
    const hit = aliasOf(name);
    m = hit === undefined ? { spec: recognizeByWords(name) ?? { field: 'attribute' }, aliased: false } : { spec: typeof hit === 'string' ? { field: hit } : hit, aliased: true };
    if (memo.size >= MAX_MEANINGS) memo.clear();
    memo.set(name, m);
  }
  return m;
}

/**
 * The alias a column name is, or for a flattened JSON name (`user.first_name`, `address.city`) the
 * alias of its last part, unless the parts before name someone else (`company.name`).
 */
function aliasOf(name: string): RowField | ColumnSpec | undefined {
  const hit = own(ALIASES, columnKey(name));
  if (hit !== undefined) return hit;
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || !customerPath(name.slice(0, dot).split('.'))) return undefined;
  const last = own(ALIASES, columnKey(name.slice(dot + 1)));
  // Never a record id from inside an object (`line_items.0.id` is not the row's id).
  return last === 'id' ? undefined : last;
}

/**
 * `table[key]` when `table` has it as its own property: a column named `constructor` or `toString`
 * must not find Object.prototype's.
 */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A column's meaning: the mapping's, else recognised by name. */
function specOf(column: string, mapping: ColumnMapping): ColumnSpec {
  const explicit = own(mapping, column);
  return explicit === undefined ? meaningOf(column).spec : typeof explicit === 'string' ? { field: explicit } : explicit;
}

/**
 * Which party of a log row is the customer: the one its direction cell says (the sender of an
 * inbound row, the recipient of an outbound one), else the recipient when the sender is one of the
 * business's own parties (or the row names no sender), else the sender. Undefined for a row that
 * names no party.
 */
function customerParty(specs: readonly (readonly [string, ColumnSpec, string])[], business: readonly string[] | undefined): LogParty | undefined {
  let sender = false;
  let recipient = false;
  let direction: ReturnType<typeof directionOf>;
  for (const [, spec, value] of specs) {
    if (spec.field === 'direction') direction ??= directionOf(value);
    if (spec.party === 'sender') sender = true;
    else if (spec.party === 'recipient') recipient = true;
  }
  if (!sender && !recipient) return undefined;
  if (direction !== undefined) return direction === 'outbound' ? 'recipient' : 'sender';
  if (!sender) return 'recipient';
  if (!recipient || business === undefined || business.length === 0) return 'sender';
  const keys = businessKeysOf(business);
  const isBusiness = (party: LogParty): boolean => specs.some(([, spec, value]) => spec.party === party && spec.field !== 'full_name' && keys.has(partyKeyOf(value)));
  return isBusiness('sender') && !isBusiness('recipient') ? 'recipient' : 'sender';
}

/**
 * The party keys of a list of business parties, made once per list: a CLI passes the same list
 * with every row of a log (weak: the list's owner decides how long it lives).
 */
const businessKeys = lazy(() => new WeakMap<readonly string[], ReadonlySet<string | undefined>>());

function businessKeysOf(business: readonly string[]): ReadonlySet<string | undefined> {
  let keys = businessKeys().get(business);
  if (keys === undefined) businessKeys().set(business, (keys = new Set(business.map(partyKeyOf))));
  return keys;
}

/** A party cell naming someone without a number or address (`Ana Souza`): no identifier. */
function displayNameOnly(value: string): boolean {
  return /\p{L}/u.test(value) && !/\d/.test(value) && !value.includes('@');
}

/** Options of {@link findBusinessParties}. */
export type FindBusinessPartiesOptions = Pick<RecordFromRowOptions, 'mapping' | 'exclude'>;

/**
 * The business's own numbers and mailboxes in a message or call log (Twilio's Messages or Calls
 * export, a PBX's call records, an Outlook export): the party cells (`From`, `To`, `caller_number`,
 * `To: (Address)`) whose number or address is on a quarter of the rows or more. Give them to
 * {@link recordFromRow} as `businessParties`, so that rows without a direction column are read
 * from the customer's side: on a row the business sent, the customer is the recipient.
 *
 * @example
 * ```ts
 * const rows = [
 *   { From: '+1 415 555 0101', To: '+18885550100' },
 *   { From: '+18885550100', To: '+1 415 555 0101' },
 *   { From: '+44 20 7946 0958', To: '+18885550100' },
 * ];
 * const businessParties = findBusinessParties(rows); // ['+18885550100']
 * recordFromRow(rows[1]!, { fallbackId: '2', businessParties }); // keyed on +14155550101, the customer
 * ```
 */
export function findBusinessParties(rows: Iterable<Readonly<Record<string, string | undefined>>>, options: FindBusinessPartiesOptions = {}): string[] {
  const mapping = options.mapping ?? {};
  const exclude = new Set(options.exclude ?? []);
  function* partyCells(): Generator<string[]> {
    for (const row of rows) {
      const cells: string[] = [];
      for (const [column, raw] of Object.entries(row)) {
        const value = raw?.trim();
        if (value === undefined || value === '' || exclude.has(column)) continue;
        const spec = specOf(column, mapping);
        if (spec.party !== undefined && spec.field !== 'full_name') cells.push(value);
      }
      yield cells;
    }
  }
  return businessPartiesOf(partyCells());
}

const isNameField = (field: RowField): boolean => field === 'full_name' || field === 'given_name' || field === 'family_name';

/**
 * Read one row of a contact list (column name -> value) into a {@link ContactRecord}. Values that
 * cannot be normalized (a malformed email, an impossible date) are kept as raw identifiers or
 * attributes and reported as warnings: nothing is dropped. A row with no id fails.
 *
 * @example
 * ```ts
 * const r = recordFromRow({ id: '7', name: 'Ana Souza', whatsapp: '5511987654321', email: 'ana@x.com' }, { defaultCountry: 'BR' });
 * r.success && r.data.record.identifiers.map((i) => i.key);
 * // ['phone:+5511987654321', 'email:ana@x.com']
 * ```
 */
export function recordFromRow(row: Readonly<Record<string, string | undefined>>, options: RecordFromRowOptions = {}): Result<RowRecord> {
  const mapping = options.mapping ?? {};
  const exclude = new Set(options.exclude ?? []);
  const warnings: Issue[] = [];
  let id: string | undefined;
  let channel: Channel = options.channel ?? 'crm';
  let source = options.source;
  let observedAt: string | undefined;
  const name: { full?: string; given?: string; family?: string } = {};
  const address: { line?: string; city?: string; postcode?: string; region?: string; country?: string } = {};
  let streetNumber: string | undefined;
  let address2: string | undefined;
  let birthDate: string | undefined;
  const attributes: Record<string, string> = {};
  // A record cannot hold an attribute named `__proto__` (the model refuses prototype keys): say so.
  const keep = (column: string, value: string): void => {
    if (column === '__proto__') warnings.push({ code: 'forbidden_key', path: [column], message: 'a column named __proto__ cannot be an attribute (ignored)' });
    else attributes[column] = value;
  };
  const pending: { column: string; spec: ColumnSpec; value: string }[] = [];

  const specs: [string, ColumnSpec, string][] = [];
  for (const [column, raw] of Object.entries(row)) {
    if (raw === undefined || exclude.has(column)) continue;
    const value = raw.trim();
    if (value === '') continue;
    specs.push([column, specOf(column, mapping), value]);
  }
  // A message or call log: the row's customer is one of its two parties; the business's cells, and
  // a party cell holding only a display name (`From: Ana Souza`), are kept as attributes.
  const customer = customerParty(specs, options.businessParties);
  for (const entry of specs) {
    const [, spec, value] = entry;
    if (spec.party !== undefined && (spec.party !== customer || (spec.field !== 'full_name' && displayNameOnly(value)))) entry[1] = { field: 'attribute' };
    // A name cell holding an email or a number (a WhatsApp profile with no name shows the number,
    // a chat visitor types an email as the name): read as what it is, never as a name.
    else if (isNameField(entry[1].field)) {
      if (emailLike(value)) entry[1] = { field: 'email' };
      else if (phoneLike(value)) entry[1] = { field: 'phone' };
    }
  }
  // A `Customer` / `Cliente` column is the name only when it holds one and no other column does:
  // exports also write the customer's id (`100234`, `C-1001`), an email, or yes/no there.
  for (const entry of specs) {
    const [column, , value] = entry;
    if (own(mapping, column) !== undefined || !SOFT_NAME_COLUMNS.has(columnKey(column))) continue;
    const other = specs.some(([c, sp]) => c !== column && isNameField(sp.field));
    if (emailLike(value)) entry[1] = { field: 'email' };
    else if (other || /\d/.test(value) || YES_NO.has(value.toLowerCase())) entry[1] = { field: 'attribute' };
  }
  // A name read from a column's words (`caller_name`) never adds to a name a named column gives.
  const named = (column: string): boolean => own(mapping, column) !== undefined || meaningOf(column).aliased;
  if (specs.some(([column, spec]) => isNameField(spec.field) && named(column))) {
    for (const entry of specs) {
      const [column, spec] = entry;
      if (isNameField(spec.field) && !named(column)) entry[1] = { field: 'attribute' };
    }
  }
  // The channel column decides namespaces of handles, so read it first; without one, a source cell
  // that names a channel (`source: whatsapp`, a list pasted from several exports) says it.
  const channelCells = specs.filter(([, spec]) => spec.field === 'channel');
  for (const [, , value] of channelCells) {
    const named = channelOfCell(value);
    if (named !== undefined) channel = named;
    else warnings.push({ code: 'invalid_value', path: ['channel'], message: `unknown channel "${value}" (kept as crm)` });
  }
  if (channelCells.length === 0) {
    for (const [, spec, value] of specs) if (spec.field === 'source') channel = channelOfCell(value) ?? channel;
  }
  for (const [column, spec, value] of specs) {
    switch (spec.field) {
      case 'id':
        id = value;
        break;
      case 'full_name':
        name.full = name.full === undefined ? value : `${name.full} ${value}`;
        break;
      case 'given_name':
        name.given = name.given === undefined ? value : `${name.given} ${value}`;
        break;
      case 'family_name':
        name.family = name.family === undefined ? value : `${name.family} ${value}`;
        break;
      case 'street_number':
        streetNumber = value;
        break;
      case 'address':
        address.line = address.line === undefined ? value : `${address.line}, ${value}`;
        break;
      case 'address_2':
        address2 = value;
        break;
      case 'postcode':
        address.postcode = value;
        break;
      case 'city':
        address.city = value;
        break;
      case 'region':
        address.region = value;
        break;
      case 'country':
        address.country = value;
        break;
      case 'birth_date': {
        const d = normalizeDate(value, { order: options.dateOrder ?? 'DMY' });
        if (d.success) birthDate = d.data.iso;
        else {
          keep(column, value);
          warnings.push({ code: d.issues[0].code, path: [column], message: `${d.issues[0].message} (kept as an attribute)` });
        }
        break;
      }
      case 'source':
        source = value;
        break;
      case 'observed_at': {
        // As the webhook adapters read times: never in the host's time zone, never rolled over (30 Feb).
        const t = toIsoTime(value);
        if (t === undefined) warnings.push({ code: 'invalid_format', path: [column], message: 'not a date-time with a zone, or a day or time that does not exist (ignored)' });
        else observedAt = t;
        break;
      }
      case 'channel':
      case 'ignore':
        break;
      case 'direction':
      case 'attribute':
        keep(column, value);
        break;
      default:
        pending.push({ column, spec, value });
    }
  }
  // A row's own country reads its national-format phones; the option is the fallback.
  const rowCountry = address.country !== undefined ? countryCodeOf(address.country) : undefined;
  const phoneCountry = rowCountry ?? options.defaultCountry;
  const candidates = options.candidateCountries ?? [];
  const rowId = id ?? options.fallbackId;
  if (rowId === undefined) return { success: false, issues: [{ code: 'required', path: ['id'], message: 'the row has no id' }] };
  const recordId = `${options.idPrefix ?? ''}${rowId}`;

  const identifiers: Identifier[] = [];
  const splitCountries: readonly (string | undefined)[] = phoneCountry !== undefined ? [phoneCountry] : candidates.length > 0 ? candidates : [undefined];
  for (const { column, spec, value } of pending) {
    const idChannel = spec.channel ?? channel;
    const kind = spec.field === 'contact' || spec.field === 'user_id' ? contactKindOf(value, spec.field, idChannel) : spec.field === 'handle' ? 'username' : spec.field === 'landline' ? 'phone' : (spec.field as IdentifierKind);
    if (kind === undefined) {
      // A `Contact` column of a CRM export holds the contact's name.
      if (displayNameOnly(value) && Object.keys(name).length === 0) name.full = value;
      else {
        keep(column, value);
        warnings.push({ code: 'invalid_value', path: [column], message: `neither an email, a phone nor a ${idChannel} user id or username (kept as an attribute)` });
      }
      continue;
    }
    // A household's landline is shared by the family: weak evidence, never a key that links alone.
    const household = spec.field === 'landline';
    const namespace = spec.namespace ?? (kind === 'username' || kind === 'user_id' ? idChannel : kind === 'external_id' || kind === 'loyalty_id' ? 'default' : undefined);
    // One cell may hold several values ("a@x.com; b@y.com").
    const parts = kind === 'email' || kind === 'phone' ? splitValues(kind, value, splitCountries) : [value];
    for (const part of parts) {
      // An email in a phone column (a log's `From`), a number in an email column: read as what it is.
      const partKind: IdentifierKind = kind === 'phone' && emailLike(part) ? 'email' : kind === 'email' && phoneLike(part) ? 'phone' : kind;
      const input = {
        kind: partKind,
        value: part,
        ...(namespace !== undefined ? { namespace } : {}),
        verified: false,
        provenance: { channel: idChannel, ...(source !== undefined ? { source } : {}), recordId },
      };
      let r = toIdentifier(input, phoneCountry !== undefined ? { defaultCountry: phoneCountry } : {});
      if (partKind === 'phone' && phoneCountry === undefined && candidates.length > 0 && !INTERNATIONAL_PHONE.test(part)) r = withNationalReadings(r, input, candidates, options.isKnownPhoneKey);
      if (r.success) identifiers.push(household && partKind === 'phone' && r.data.generic !== true ? { ...r.data, generic: true } : r.data);
      else {
        identifiers.push(input);
        warnings.push({ code: r.issues[0].code, path: [column], message: `${r.issues[0].message} (kept raw, not used for matching)` });
      }
    }
  }
  if (streetNumber !== undefined) address.line = address.line === undefined ? streetNumber : `${streetNumber} ${address.line}`;
  if (address2 !== undefined) address.line = address.line === undefined ? address2 : `${address.line}, ${address2}`;

  const record: ContactRecord = {
    id: recordId,
    channel,
    ...(source !== undefined ? { source } : {}),
    identifiers,
    ...(Object.keys(name).length > 0 ? { name: name as PersonName } : {}),
    ...(birthDate !== undefined ? { birthDate } : {}),
    ...(Object.keys(address).length > 0 ? { address: address as PostalAddress } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(observedAt !== undefined ? { observedAt } : {}),
  };
  return { success: true, data: { record, warnings } };
}
