// What a contact-list column holds, judged by the words of its name, for the names no alias lists:
// `contact_phone`, `customerEmail`, `IG handle`, `telegram_user_id`, `Messenger PSID`,
// `home phone number`. Exports name their columns every way; a column missed here becomes a
// plain attribute and its identifiers stop linking anything, so the common words are read.
// Names that say they hold something *about* a value (`email_verified`, `phone_type`,
// `last_email_date`) stay attributes.

import type { Channel } from '../model/channel.js';
import type { ColumnSpec } from './contact-row.js';

/** The lower-case words of a column name: `customerEmail` -> customer, email; `address1` -> address, 1. */
export function columnWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([a-z])(\d)/gi, '$1 $2')
    .toLowerCase()
    .replace(/whats app/g, 'whatsapp') // `WhatsApp` split by its capital
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** A set of words, built on first use (importing omnilink builds nothing). */
interface Words {
  has(word: string): boolean;
}

const set = (...list: string[]): Words => {
  let built: Set<string> | undefined;
  return { has: (word) => (built ??= new Set(list)).has(word) };
};

/** Words that make a column a fact about a value, not the value. */
const ABOUT = set(
  'verified', 'verify', 'valid', 'validated', 'optin', 'opt', 'optout', 'consent', 'type', 'kind', 'status', 'date', 'count',
  'domain', 'sent', 'opened', 'bounced', 'bounce', 'subscribed', 'unsubscribed', 'marketing', 'preferred', 'preference',
  'flag', 'hash', 'hashed', 'md5', 'sha', 'sha256', 'score', 'quality', 'carrier', 'ext', 'extension', 'at', 'time',
  'timestamp', 'created', 'updated', 'template', 'campaign', 'total', 'is', 'has', 'allowed', 'blocked', 'place', 'version',
  'model', 'subject', 'body', 'message', 'messages', 'code', 'prefix', 'ddd', 'country', 'followers', 'following', 'likes',
  'url', 'link', 'app', 'os', 'device', 'ad', 'ads', 'post', 'language', 'locale', 'timezone', 'md',
);
/**
 * Words naming someone or something other than the customer (the account owner, a referrer, a
 * relative, the business's page or bot): such a column holds their value, shared by many rows.
 */
const OTHER_PARTY = set(
  'owner', 'agent', 'rep', 'representative', 'referrer', 'referred', 'referral', 'parent', 'mother', 'father', 'mae', 'pai',
  'spouse', 'husband', 'wife', 'emergency', 'guardian', 'responsavel', 'manager', 'assigned', 'assignee', 'seller', 'vendedor',
  'salesperson', 'company', 'business', 'org', 'organization', 'organisation', 'employer', 'empresa', 'fantasia', 'store',
  'shop', 'brand', 'page', 'bot', 'group', 'recipient', 'ship', 'shipping', 'billing', 'bill', 'delivery', 'partner',
  'product', 'file', 'list', 'street', 'city', 'account', 'channel', 'source', 'campaign', 'lead',
  // Spanish and Portuguese: agent, advisor, broker, attendant, executive, manager, mother, father, spouse, branch.
  'agente', 'asesor', 'assessor', 'consultor', 'consultora', 'corretor', 'corredor', 'atendente', 'ejecutivo', 'executivo',
  'representante', 'gerente', 'responsable', 'madre', 'padre', 'conyuge', 'sucursal', 'filial', 'vendedora',
  // More people and places that are not the customer.
  'assistant', 'support', 'queue', 'team', 'cc', 'bcc', 'collaborator', 'follower', 'submitter', 'sender', 'author',
  'participant', 'dependent', 'tag', 'item', 'items', 'note', 'metadata', 'entry', 'branch', 'switchboard', 'main',
  'companies', 'organizations', 'organisations', 'owners', 'agents', 'assignees', 'referrals', 'recipients',
  'participants', 'dependents', 'collaborators', 'followers', 'tags', 'notes', 'authors',
);
const NAME = set('name', 'nome', 'nombre', 'nom');
const GIVEN = set('first', 'given', 'fore', 'primeiro', 'pre', 'prenom', 'primer');
const FAMILY = set('last', 'family', 'sur', 'surname', 'sobrenome', 'apellido', 'apellidos', 'ultimo');
/** Name columns that are not the person's name even without another party named. */
const NOT_A_NAME = set('user', 'screen', 'nick', 'nickname', 'apelido');
const EMAIL = set('email', 'mail', 'correo', 'emails');
const PHONE = set('phone', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'celular', 'telefone', 'telefono', 'msisdn', 'caller', 'fone', 'movil', 'phones');
const LANDLINE = set('home', 'landline', 'fixo', 'fixed', 'residencial', 'house', 'casa', 'fijo', 'household', 'family', 'familia');
/** The words a platform column may have besides the platform's name. */
const PLATFORM_ID = set('id', 'psid', 'igsid', 'userid', 'uid', 'scoped', 'user');
const PLATFORM_HANDLE = set('handle', 'username', 'user', 'profile', 'at', 'url', 'link', 'account', 'messenger', 'facebook');
/** Words saying whose account it is: the customer's. */
const PLATFORM_OWNER = set('customer', 'contact', 'client', 'cliente', 'do', 'da', 'de', 'del', 'dm');
/** Handle columns: one of these words, standing alone (`user_agent` is not a handle). */
const HANDLE_ALONE = set('handle', 'username', 'screenname', 'login');

/** Words that make a column an identifier of a message rather than a number. */
const MESSAGE_ID = set('id', 'sid', 'uuid', 'guid', 'key', 'ref');

const has = (words: readonly string[], of: Words): boolean => words.some((w) => of.has(w));

/** Parts of a flattened JSON name that hold the customer themself (`customer.default_address.phone`). */
const CUSTOMER_CONTAINERS = set('customer', 'contact', 'contacts', 'user', 'person', 'profile', 'address', 'defaultaddress', 'location', 'properties', 'customattributes', 'identify', 'from', 'visitor', 'lead');

/** Every part before the last of a flattened JSON name is a container of the customer (or a list index). */
export function customerPath(parts: readonly string[]): boolean {
  return parts.every((p) => /^\d+$/.test(p) || CUSTOMER_CONTAINERS.has(p.toLowerCase().replace(/[^a-z0-9]/g, '')));
}

/** A messaging platform named in the words, with the channel its ids belong to. */
function platformOf(words: readonly string[]): { namespace: string; channel?: Channel; word: string } | undefined {
  for (const w of words) {
    if (w === 'instagram' || w === 'ig' || w === 'insta') return { namespace: 'instagram', channel: 'instagram', word: w };
    if (w === 'telegram' || w === 'tg') return { namespace: 'telegram', channel: 'telegram', word: w };
    if (w === 'messenger' || w === 'facebook' || w === 'fb' || w === 'psid') return { namespace: 'messenger', channel: 'messenger', word: w };
    if (w === 'twitter') return { namespace: 'x', word: w };
  }
  // LINE only as `line user id` / `line_id`: `address line 1` is an address.
  if (words.includes('line') && (words.includes('id') || words.includes('userid')) && !words.includes('address')) return { namespace: 'line', channel: 'line', word: 'line' };
  return undefined;
}

/**
 * The meaning of a column by the words of its name, or undefined when they say nothing sure. Only
 * fields a wrong guess cannot turn into false links beyond the column's own values: no customer
 * or loyalty ids (a word-read `account_owner_id` would be a unique key shared by every row).
 */
export function recognizeByWords(name: string): ColumnSpec | undefined {
  return byWords(columnWords(name));
}

/**
 * Words naming a party of a message or call log (`from_phone`, `To Email`, `called_number`).
 * `sender` and `recipient` are not among them: outside a log (`sender_name` of a parcel,
 * `recipient_name` of a gift) they name someone else, so only their aliases read them.
 */
const SENDER_WORDS = set('from');
const RECIPIENT_WORDS = set('to', 'called', 'callee');
/** Fields a log party's column holds. */
const PARTY_FIELDS: ReadonlySet<string> = new Set(['phone', 'email', 'full_name']);

function byWords(words: readonly string[]): ColumnSpec | undefined {
  const party = has(words, SENDER_WORDS) ? 'sender' : has(words, RECIPIENT_WORDS) ? 'recipient' : undefined;
  if (party !== undefined) {
    const rest = words.filter((w) => !SENDER_WORDS.has(w) && !RECIPIENT_WORDS.has(w));
    if (rest.length === 0 || rest.every((w) => w === 'number' || w === 'no')) return { field: 'phone', party };
    const spec = byWords(rest);
    return spec !== undefined && PARTY_FIELDS.has(spec.field) && spec.party === undefined ? { ...spec, party } : undefined;
  }
  const platform = platformOf(words);
  if (platform !== undefined && !has(words, NAME)) {
    // The platform and nothing but id, handle or owner words (`customer_instagram`, `Instagram do
    // Cliente`, `instagram_url`): `instagram_followers` and `fb_page_id` are not an account.
    const rest = words.filter((w) => w !== platform.word && w !== 'line');
    if (rest.every((w) => PLATFORM_ID.has(w) || PLATFORM_HANDLE.has(w) || PLATFORM_OWNER.has(w))) {
      // Messenger and LINE columns hold page- or channel-scoped user ids; elsewhere an id word says so.
      const isId = platform.namespace === 'messenger' || platform.namespace === 'line' || rest.some((w) => w !== 'user' && PLATFORM_ID.has(w));
      return { field: isId ? 'user_id' : 'handle', namespace: platform.namespace, ...(platform.channel !== undefined ? { channel: platform.channel } : {}) };
    }
  }
  const postal = words.includes('zip') || words.includes('postal');
  if (words.length === 0 || words.some((w) => ABOUT.has(w) && !(w === 'code' && postal)) || has(words, OTHER_PARTY)) return undefined;
  // A name first: `whatsapp_name` is a profile name, not a number.
  if (has(words, NAME)) {
    if (has(words, NOT_A_NAME)) return words.length <= 2 && (words.includes('user') || words.includes('screen')) ? { field: 'handle' } : undefined;
    if (has(words, GIVEN)) return { field: 'given_name' };
    if (has(words, FAMILY)) return { field: 'family_name' };
    return { field: 'full_name' };
  }
  if (words.includes('whatsapp') || (words.includes('wa') && (words.includes('id') || words.includes('number')))) return { field: 'phone', channel: 'whatsapp' };
  // `sms` alone names the number texted (`SMS`, `sms_number`); with an id word it names the message (`sms_id`, Twilio's `sms_sid`).
  const smsNumber = words.includes('sms') && !has(words, MESSAGE_ID);
  if (has(words, PHONE) || smsNumber || (words.includes('contact') && words.includes('number'))) {
    if (has(words, LANDLINE)) return { field: 'landline' };
    return smsNumber ? { field: 'phone', channel: 'sms' } : { field: 'phone' };
  }
  if (has(words, EMAIL) || (words.includes('e') && words.includes('mail'))) return { field: 'email' };
  if (platform !== undefined) return undefined;
  if (words.includes('address')) return undefined; // postal_address is an address, not a postcode
  if (words.includes('birth') || words.includes('dob') || words.includes('born') || words.includes('nascimento') || words.includes('nacimiento')) return { field: 'birth_date' };
  if (words.includes('zip') || words.includes('postcode') || words.includes('postal') || words.includes('cep') || words.includes('plz')) return { field: 'postcode' };
  if (words.length === 1 && HANDLE_ALONE.has(words[0] as string)) return { field: 'handle' };
  if (words.length === 2 && words[0] === 'screen' && words[1] === 'name') return { field: 'handle' };
  return undefined;
}

const LEAD_SOURCE = set('ad', 'ads', 'lead', 'leads', 'campaign', 'campanha', 'campana', 'gpt');

/** Words naming a channel in a contact list's channel cell, by channel, most specific first. */
const CHANNEL_WORDS: readonly (readonly [Channel, Words])[] = [
  ['whatsapp', set('whatsapp', 'wa', 'zap', 'wpp', 'whats')],
  ['messenger', set('messenger', 'facebook', 'fb', 'fbm')],
  ['instagram', set('instagram', 'ig', 'insta')],
  ['telegram', set('telegram', 'tg')],
  ['line', set('line')],
  ['webchat', set('webchat', 'chat', 'livechat', 'website', 'site', 'widget', 'web')],
  ['email', set('email', 'mail', 'correo')],
  ['sms', set('sms', 'text', 'texto', 'mms')],
  ['voice', set('voice', 'call', 'calls', 'phone', 'telefone', 'telefono', 'ligacao', 'llamada', 'ivr', 'callcenter')],
  ['store', set('store', 'instore', 'shop', 'loja', 'tienda', 'retail', 'branch', 'counter', 'balcao', 'sucursal')],
  ['crm', set('crm', 'export', 'import', 'salesforce', 'hubspot', 'zendesk', 'erp', 'backoffice')],
];

/**
 * The channel a contact list's channel cell names (`WhatsApp`, `Facebook Messenger`, `IG DM`,
 * `web chat`, `phone call`, `in-store`, `CRM export`), or undefined.
 */
export function channelFromWords(value: string): Channel | undefined {
  const words = columnWords(value);
  // A lead source (`Facebook Ads`, `Instagram Lead Ads`) names where a lead came from, not a channel.
  if (has(words, LEAD_SOURCE)) return undefined;
  for (const [channel, names] of CHANNEL_WORDS) if (has(words, names)) return channel;
  return undefined;
}
