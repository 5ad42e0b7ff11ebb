import type { Provider } from '../model/channel.js';
import { asRecord, field } from './_read.js';
import { CHANNEL_ADAPTERS } from './registry.js';

/** The provider of a Meta webhook's `object`. */
function metaProvider(object: string): Provider | undefined {
  switch (object) {
    case 'whatsapp_business_account':
      return 'whatsapp';
    case 'page':
      return 'messenger';
    case 'instagram':
      return 'instagram';
    default:
      return undefined;
  }
}
const TWILIO_SIDS = ['MessageSid', 'SmsSid', 'SmsMessageSid', 'CallSid', 'AccountSid'];
/** The fields naming what a Twilio webhook is about (a message or a call); a form body needs one of them. */
const TWILIO_SUBJECT_SIDS = ['MessageSid', 'SmsSid', 'SmsMessageSid', 'CallSid'];
const JSON_TEXT_START = /^[[{"]/;
const LINE_BREAK = /[\r\n]/;

/**
 * True when `text` is an `application/x-www-form-urlencoded` body with Twilio's fields: an
 * `AccountSid` and a message or call sid. Form encoding escapes line breaks, so a text with one
 * inside (an email, a paragraph that merely mentions `MessageSid=`) is not a form; nor is JSON text.
 */
function looksLikeTwilioForm(text: string): boolean {
  const body = text.trim();
  if (body === '' || JSON_TEXT_START.test(body) || LINE_BREAK.test(body) || !body.includes('AccountSid=')) return false;
  const params = new URLSearchParams(body);
  const account = params.get('AccountSid');
  if (account === null || account === '') return false;
  return TWILIO_SUBJECT_SIDS.some((k) => {
    const sid = params.get(k);
    return sid !== null && sid !== '';
  });
}
const EMAIL_HEADERS = new Set(['from', 'to', 'subject', 'date', 'message-id', 'received', 'return-path', 'mime-version', 'delivered-to', 'reply-to', 'cc']);
/** How much of a string is read to decide whether it is an email. */
const EMAIL_SCAN = 65_536;

/** True when `text` starts with an RFC 5322 header block naming at least one usual email header. */
function looksLikeEmail(text: string): boolean {
  const head = text.slice(0, EMAIL_SCAN);
  const lines = head.split(/\r?\n/);
  let i = lines[0]?.startsWith('From ') === true ? 1 : 0; // mbox separator line
  let headers = 0;
  let known = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') return headers > 0 && known;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (headers === 0) return false;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return false;
    const name = line.slice(0, colon);
    for (let c = 0; c < name.length; c++) {
      const code = name.charCodeAt(c);
      if (code < 0x21 || code > 0x7e) return false;
    }
    headers++;
    if (EMAIL_HEADERS.has(name.toLowerCase())) known = true;
  }
  // No blank line within the scanned part: a header block that long is still an email if it named one.
  return headers > 0 && known && head.length === EMAIL_SCAN;
}

/**
 * Tell which provider sent a webhook body, from its shape alone: `object` for Meta
 * (`whatsapp_business_account`, `page`, `instagram`), a numeric `update_id` for Telegram,
 * `destination` + `events` for LINE, `MessageSid`/`SmsSid`/`CallSid`/`AccountSid` for Twilio form
 * fields (as an object, or as form-encoded text with `AccountSid` and a message or call sid), a
 * string that starts with RFC 5322 headers for email, then each registered adapter's own `detect`
 * (the web chat `schema` marker). A JSON string is not parsed here: pass the parsed value.
 * Undefined when nothing matches: ask the caller.
 *
 * @example
 * ```ts
 * detectProvider({ object: 'whatsapp_business_account', entry: [] }); // 'whatsapp'
 * detectProvider({ update_id: 1, message: {} });                     // 'telegram'
 * detectProvider('From: ana@example.com\r\nSubject: hi\r\n\r\nhello'); // 'email'
 * detectProvider('MessageSid=SM1&AccountSid=AC1&Body=hi');          // 'twilio'
 * detectProvider({ hello: 'world' });                                 // undefined
 * ```
 */
export function detectProvider(body: unknown): Provider | undefined {
  if (typeof body === 'string') {
    if (looksLikeEmail(body)) return 'email';
    return looksLikeTwilioForm(body) ? 'twilio' : undefined;
  }
  const obj = asRecord(body);
  if (obj === undefined) return undefined;
  const object = field(obj, 'object');
  if (typeof object === 'string') {
    const meta = metaProvider(object);
    if (meta !== undefined) return meta;
  }
  if (typeof field(obj, 'update_id') === 'number') return 'telegram';
  if (typeof field(obj, 'destination') === 'string' && Array.isArray(field(obj, 'events'))) return 'line';
  if (TWILIO_SIDS.some((k) => typeof field(obj, k) === 'string')) return 'twilio';
  for (const adapter of CHANNEL_ADAPTERS) {
    if (adapter.detect(obj)) return adapter.provider;
  }
  return undefined;
}
