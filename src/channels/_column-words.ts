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
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const set = (...words: string[]): ReadonlySet<string> => new Set(words);

/** Words that make a column a fact about a value, not the value. */
const ABOUT = set(
  'verified', 'verify', 'valid', 'validated', 'optin', 'opt', 'optout', 'consent', 'type', 'kind', 'status', 'date', 'count',
  'domain', 'sent', 'opened', 'bounced', 'bounce', 'subscribed', 'unsubscribed', 'marketing', 'preferred', 'preference',
  'flag', 'hash', 'hashed', 'md5', 'sha', 'sha256', 'score', 'quality', 'carrier', 'ext', 'extension', 'at', 'time',
  'timestamp', 'created', 'updated', 'template', 'campaign', 'total', 'is', 'has', 'allowed', 'blocked',
);
const NAME = set('name', 'nome', 'nombre', 'nom');
const GIVEN = set('first', 'given', 'fore', 'primeiro', 'pre', 'prenom', 'primer');
const FAMILY = set('last', 'family', 'sur', 'surname', 'sobrenome', 'apellido', 'apellidos', 'ultimo');
/** Names of things that are not the person. */
const NOT_PERSON = set('company', 'business', 'org', 'organization', 'organisation', 'employer', 'account', 'file', 'page', 'product', 'agent', 'rep', 'list', 'street', 'city', 'country', 'store', 'shop', 'brand', 'user', 'screen', 'bot', 'empresa');
const EMAIL = set('email', 'mail', 'correo', 'emails');
const PHONE = set('phone', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'celular', 'telefone', 'telefono', 'msisdn', 'caller', 'fone', 'movil', 'phones');
const LANDLINE = set('home', 'landline', 'fixo', 'fixed', 'residencial', 'house', 'casa', 'fijo');
const ID = set('id', 'psid', 'igsid', 'userid', 'uid', 'number', 'no', 'num', 'code', 'nr');
const HANDLE = set('handle', 'username', 'user', 'login', 'screen', 'nick', 'nickname');
const USER_ID = set('id', 'psid', 'igsid', 'userid', 'uid', 'scoped');
const EXTERNAL = set('customer', 'client', 'crm', 'contact', 'cliente', 'account', 'external', 'erp');
const LOYALTY = set('loyalty', 'member', 'membership', 'fidelidade', 'rewards');

const has = (words: readonly string[], of: ReadonlySet<string>): boolean => words.some((w) => of.has(w));

/** A messaging platform named in the words, with the channel its ids belong to. */
function platformOf(words: readonly string[]): { namespace: string; channel?: Channel } | undefined {
  for (const w of words) {
    if (w === 'instagram' || w === 'ig' || w === 'insta') return { namespace: 'instagram', channel: 'instagram' };
    if (w === 'telegram' || w === 'tg') return { namespace: 'telegram', channel: 'telegram' };
    if (w === 'messenger' || w === 'facebook' || w === 'fb' || w === 'psid') return { namespace: 'messenger', channel: 'messenger' };
    if (w === 'twitter') return { namespace: 'x' };
  }
  // LINE only as `line user id` / `line_id`: `address line 1` is an address.
  if (words.includes('line') && has(words, ID) && !words.includes('address')) return { namespace: 'line', channel: 'line' };
  return undefined;
}

/** The meaning of a column by the words of its name, or undefined when they say nothing sure. */
export function recognizeByWords(name: string): ColumnSpec | undefined {
  const words = columnWords(name);
  if (words.length === 0 || has(words, ABOUT)) return undefined;
  // A name first: `whatsapp_name` is a profile name, not a number.
  if (has(words, NAME) && !has(words, NOT_PERSON)) {
    if (has(words, GIVEN)) return { field: 'given_name' };
    if (has(words, FAMILY)) return { field: 'family_name' };
    return { field: 'full_name' };
  }
  if (words.includes('whatsapp') || (words.includes('wa') && has(words, ID))) return { field: 'phone', channel: 'whatsapp' };
  if (has(words, PHONE) || words.includes('sms')) {
    if (has(words, LANDLINE)) return { field: 'landline' };
    return words.includes('sms') ? { field: 'phone', channel: 'sms' } : { field: 'phone' };
  }
  if (has(words, EMAIL) || (words.includes('e') && words.includes('mail'))) return { field: 'email' };
  const platform = platformOf(words);
  if (platform !== undefined) {
    // Messenger and LINE columns hold page- or channel-scoped user ids; elsewhere an id word says so.
    const field = platform.namespace === 'messenger' || platform.namespace === 'line' || has(words, USER_ID) ? 'user_id' : 'handle';
    return { field, namespace: platform.namespace, ...(platform.channel !== undefined ? { channel: platform.channel } : {}) };
  }
  if (words.includes('birth') || words.includes('dob') || words.includes('born') || words.includes('nascimento') || words.includes('nacimiento')) return { field: 'birth_date' };
  if (words.includes('zip') || words.includes('postcode') || words.includes('postal') || words.includes('cep') || words.includes('plz')) return { field: 'postcode' };
  if (has(words, LOYALTY) && has(words, ID)) return { field: 'loyalty_id' };
  if (has(words, EXTERNAL) && has(words, ID)) return { field: 'external_id' };
  if (has(words, HANDLE) && !has(words, ID)) return { field: 'handle' };
  return undefined;
}

/** Words naming a channel in a contact list's channel cell, by channel, most specific first. */
const CHANNEL_WORDS: readonly (readonly [Channel, ReadonlySet<string>])[] = [
  ['whatsapp', set('whatsapp', 'wa', 'zap', 'wpp', 'whats')],
  ['messenger', set('messenger', 'facebook', 'fb', 'fbm')],
  ['instagram', set('instagram', 'ig', 'insta')],
  ['telegram', set('telegram', 'tg')],
  ['line', set('line')],
  ['webchat', set('webchat', 'chat', 'livechat', 'website', 'site', 'widget', 'web')],
  ['email', set('email', 'mail', 'correo', 'e')],
  ['sms', set('sms', 'text', 'texto', 'mms')],
  ['voice', set('voice', 'call', 'calls', 'phone', 'telefone', 'telefono', 'ligacao', 'llamada', 'ivr', 'callcenter')],
  ['store', set('store', 'instore', 'shop', 'loja', 'tienda', 'pos', 'retail', 'branch', 'counter', 'balcao', 'sucursal')],
  ['crm', set('crm', 'export', 'import', 'salesforce', 'hubspot', 'zendesk', 'erp', 'backoffice')],
];

/**
 * The channel a contact list's channel cell names (`WhatsApp`, `Facebook Messenger`, `IG DM`,
 * `web chat`, `phone call`, `in-store`, `CRM export`), or undefined.
 */
export function channelFromWords(value: string): Channel | undefined {
  const words = columnWords(value);
  for (const [channel, names] of CHANNEL_WORDS) if (has(words, names)) return channel;
  return undefined;
}
