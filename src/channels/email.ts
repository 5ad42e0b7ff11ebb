// EMAIL ADAPTER SHAPE (for the dispatcher): email is not a `ChannelAdapter`, because parsing MIME
// (postal-mime) is asynchronous and the input is a raw RFC 5322 message, not a JSON body:
//
//   export interface EmailAdapter {
//     readonly provider: 'email';
//     detect(raw: unknown): boolean;   // a string/bytes starting with an RFC 5322 header block
//     normalize(raw: string | Uint8Array | ArrayBuffer, context: EmailNormalizeContext): Promise<Result<NormalizedBatch>>;
//   }
//   export const emailAdapter: EmailAdapter;  // normalize === normalizeEmailMessage
//
// `EmailNormalizeContext` is `NormalizeContext` plus `ownAddresses` (our own mailboxes/domains, which
// make a message outbound). Never throws for bad data; an unparseable message is a failed Result.
import type { Address, Attachment as MimeAttachment, Email, Header, Mailbox } from 'postal-mime';
import type * as PostalMimeModule from 'postal-mime';
import { sha256Hex } from '../internal/sha256.js';
import { MAX_EMAIL_BYTES, checkPayloadLimits } from '../internal/untrusted.js';
import type { Identifier } from '../model/identifier.js';
import { type Issue, type Result, fail, issue, ok } from '../model/issue.js';
import { type Attachment, type EmailDetails, MAX_MESSAGE_ATTACHMENTS, MAX_MESSAGE_RECIPIENTS, type Message } from '../model/message.js';
import type { StatusEvent } from '../model/message-event.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { normalizeEmail } from '../normalize/email.js';
import type { NormalizeContext } from './adapter.js';
import { BatchBuilder, contentKey } from './_batch.js';
import { type MimeHelpers, decodeExactUtf8, readSimpleEmail, repairWindows1252Email, windows1252Helpers } from './_email-mime.js';
import { splitQuotedHtml, splitQuotedText } from './_email-quote.js';
import { htmlToText } from './_html-text.js';
import { contactRecord, hasOwnKeys, identify } from './_identify.js';
import type { Writable } from './_run.js';
import { type Scope, finish, openScope } from './_scope.js';
import { toIsoTime } from './_time.js';

const CHANNEL = 'email' as const;
/** Most message ids kept from References / In-Reply-To (the model allows 10 000 and 1 000). */
const MAX_REFERENCES = 1000;
const MAX_ID_LENGTH = 1000;

/** {@link normalizeEmailMessage}'s context: the usual one plus our own addresses. */
export interface EmailNormalizeContext extends NormalizeContext {
  /**
   * Our own mailboxes (`support@shop.example`) or whole domains (`@shop.example`). A message from one
   * of them is outbound, and our addresses never become contact records.
   * @defaultValue [] (every message is inbound)
   */
  readonly ownAddresses?: readonly string[];
}

/** The email adapter: `detect` and an asynchronous `normalize` (see the comment at the top of this file). */
export interface EmailAdapter {
  readonly provider: 'email';
  detect(raw: unknown): boolean;
  normalize(raw: string | Uint8Array | ArrayBuffer, context: EmailNormalizeContext): Promise<Result<NormalizedBatch>>;
}

/** Message ids in a References / In-Reply-To value, without angle brackets, deduplicated, in order. */
function messageIds(value: string | undefined): string[] {
  if (value === undefined) return [];
  const out: string[] = [];
  const add = (id: string): void => {
    const t = id.trim();
    if (t.length > 0 && t.length <= MAX_ID_LENGTH && !out.includes(t) && out.length < MAX_REFERENCES) out.push(t);
  };
  let found = false;
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('<', i);
    if (open < 0) break;
    const close = value.indexOf('>', open + 1);
    if (close < 0) break;
    add(value.slice(open + 1, close));
    found = true;
    i = close + 1;
  }
  if (!found) for (const token of value.split(/[\s,]+/)) add(token);
  return out;
}

function header(email: Email, name: string): string | undefined {
  return email.headers.find((h: Header) => h.key === name)?.value.trim();
}

function mailboxes(addresses: readonly Address[] | Address | undefined): { name: string; address: string }[] {
  if (addresses === undefined) return [];
  const list = Array.isArray(addresses) ? addresses : [addresses as Address];
  const out: { name: string; address: string }[] = [];
  for (const a of list) {
    if (a.group !== undefined) {
      for (const m of a.group as Mailbox[]) if (m.address.length > 0) out.push(m);
    }
    else if (a.address !== undefined && a.address.length > 0) out.push({ name: a.name, address: a.address });
  }
  return out;
}

/** `Name <address>`, or the address alone. */
function formatMailbox(m: { name: string; address: string }): string {
  return m.name.length > 0 && m.name !== m.address ? `${m.name} <${m.address}>` : m.address;
}

const notOwn = (): boolean => false;

/** Own-address matcher: strict email keys and `@domain` entries. */
function ownMatcher(own: readonly string[] | undefined): (address: string) => boolean {
  if (own === undefined || own.length === 0) return notOwn;
  const keys = new Set<string>();
  const domains = new Set<string>();
  for (const entry of own ?? []) {
    const t = entry.trim().toLowerCase();
    if (t.startsWith('@')) domains.add(t.slice(1));
    else {
      const n = normalizeEmail(t);
      keys.add(n.success ? n.data.key : t);
    }
  }
  return (address) => {
    const n = normalizeEmail(address);
    if (n.success) return keys.has(n.data.key) || domains.has(n.data.domain);
    const lower = address.trim().toLowerCase();
    return keys.has(lower) || domains.has(lower.slice(lower.lastIndexOf('@') + 1));
  };
}

/**
 * The subject prefixes mail clients put on out-of-office replies that carry none of the headers
 * (Outlook's 'Automatic reply:' and its translations, 'Out of Office:', 'Auto:').
 */
const AUTO_REPLY_SUBJECT = /^\s*(?:automatic reply|auto(?:matic)?-?reply|out of (?:the )?office|auto|r[ée]ponse automatique|respuesta autom[áa]tica|resposta autom[áa]tica|risposta automatica|automatische antwort|abwesenheitsnotiz|autosvar|automatisch antwoord)\s*:/i;

/**
 * Auto-Submitted != no, Precedence bulk/junk/auto_reply, X-Autoreply, X-Autorespond (RFC 3834 and
 * common practice), or a subject an out-of-office reply starts with (see AUTO_REPLY_SUBJECT).
 */
function isAutoReply(email: Email): boolean {
  const auto = header(email, 'auto-submitted')?.toLowerCase();
  if (auto !== undefined && auto.length > 0 && !auto.startsWith('no')) return true;
  const precedence = header(email, 'precedence')?.toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'auto_reply') return true;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const v = header(email, name)?.toLowerCase();
    if (v !== undefined && v !== 'no' && v !== 'false') return true;
  }
  return email.subject !== undefined && AUTO_REPLY_SUBJECT.test(email.subject);
}

/** A delivery status notification: multipart/report; report-type=delivery-status, a delivery-status part, X-Failed-Recipients. */
function isBounce(email: Email): boolean {
  const type = header(email, 'content-type')?.toLowerCase() ?? '';
  if (type.startsWith('multipart/report') && type.includes('delivery-status')) return true;
  if (email.attachments.some((a) => a.mimeType === 'message/delivery-status' || a.mimeType === 'message/global-delivery-status')) return true;
  return header(email, 'x-failed-recipients') !== undefined;
}

function partText(part: MimeAttachment): string {
  const c = part.content;
  if (typeof c === 'string') return c;
  return new TextDecoder('utf-8', { fatal: false }).decode(c instanceof ArrayBuffer ? new Uint8Array(c) : c);
}

/** One recipient of a delivery status notification (RFC 3464 per-recipient fields). */
interface DsnRecipient {
  readonly address?: string;
  readonly action?: string;
  readonly status?: string;
  readonly diagnostic?: string;
}

/** What a DSN says happened to the returned message: the status, the recipients it happened to, why. */
interface BounceOutcome {
  readonly status: 'failed' | 'delivered';
  readonly recipients: readonly string[];
  readonly code?: string;
  readonly detail?: string;
}

/** Facts of a bounce, the returned message's ids, and its outcome when the DSN states one. */
interface BounceFacts {
  readonly extra: Record<string, string>;
  readonly original?: { readonly messageId?: string; readonly root?: string };
  readonly outcome?: BounceOutcome;
}

/** The address of a `Final-Recipient: rfc822; <ana@example.com>` value. */
function dsnAddress(value: string): string | undefined {
  let addr = value.slice(value.indexOf(';') + 1).trim();
  if (addr.startsWith('<') && addr.endsWith('>')) addr = addr.slice(1, -1).trim();
  return addr.length > 0 && addr.length <= MAX_ID_LENGTH ? addr : undefined;
}

/**
 * The per-recipient field groups of a message/delivery-status part (RFC 3464 section 2): groups are
 * separated by blank lines, folded lines are unfolded; the per-message group (no recipient, no action)
 * is skipped.
 */
function dsnRecipients(text: string): DsnRecipient[] {
  const out: DsnRecipient[] = [];
  const unfolded = text.slice(0, 100_000).replace(/\r?\n[ \t]+/g, ' ');
  for (const group of unfolded.split(/\r?\n[ \t]*\r?\n/)) {
    const r: { -readonly [K in keyof DsnRecipient]: DsnRecipient[K] } = {};
    for (const line of group.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'final-recipient' && r.address === undefined) {
        const address = dsnAddress(value);
        if (address !== undefined) r.address = address;
      } else if (name === 'action' && r.action === undefined && value.length > 0) r.action = value.slice(0, 64);
      else if (name === 'status' && r.status === undefined && value.length > 0) r.status = value.slice(0, 256);
      else if (name === 'diagnostic-code' && r.diagnostic === undefined && value.length > 0) r.diagnostic = value.slice(0, 4096);
    }
    if (r.address !== undefined || r.action !== undefined) out.push(r);
    if (out.length >= 1000) break;
  }
  return out;
}

/**
 * What the DSN reports: `failed` when a recipient's Action is failed or X-Failed-Recipients names
 * one, else `delivered` when a recipient's Action is delivered; none for delayed, relayed or
 * expanded only (the message may still arrive), nor when the DSN states no action.
 */
function bounceOutcome(recipients: readonly DsnRecipient[], xFailed: readonly string[]): BounceOutcome | undefined {
  const failed = recipients.filter((r) => r.action?.toLowerCase() === 'failed');
  const chosen = failed.length > 0 || xFailed.length > 0 ? failed : recipients.filter((r) => r.action?.toLowerCase() === 'delivered');
  if (chosen.length === 0 && xFailed.length === 0) return undefined;
  const addresses: string[] = [];
  for (const a of [...chosen.map((r) => r.address), ...xFailed]) if (a !== undefined && !addresses.includes(a) && addresses.length < 100) addresses.push(a);
  const first = chosen[0];
  return {
    status: failed.length > 0 || xFailed.length > 0 ? 'failed' : 'delivered',
    recipients: addresses,
    ...(first?.status !== undefined ? { code: first.status } : {}),
    ...(first?.diagnostic !== undefined ? { detail: first.diagnostic } : {}),
  };
}

/** The content types of a DSN's returned message or of its headers alone (RFC 3462, RFC 6533). */
const RETURNED_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']);

/** Facts of a bounce: failed recipients, action, status, diagnostic, and the bounced message's ids. */
function bounceFacts(email: Email): BounceFacts {
  const extra: Record<string, string> = {};
  const recipients: string[] = [];
  const status = email.attachments.find((a) => a.mimeType === 'message/delivery-status' || a.mimeType === 'message/global-delivery-status');
  const perRecipient = status !== undefined ? dsnRecipients(partText(status)) : [];
  for (const r of perRecipient) {
    if (r.address !== undefined && !recipients.includes(r.address)) recipients.push(r.address);
    if (r.action !== undefined && extra.bounceAction === undefined) extra.bounceAction = r.action;
    if (r.status !== undefined && extra.bounceStatus === undefined) extra.bounceStatus = r.status;
    if (r.diagnostic !== undefined && extra.bounceDiagnostic === undefined) extra.bounceDiagnostic = r.diagnostic;
  }
  const xFailed: string[] = [];
  const failedHeader = header(email, 'x-failed-recipients');
  if (failedHeader !== undefined) {
    for (const a of failedHeader.split(',')) {
      const address = dsnAddress(a);
      if (address !== undefined && !xFailed.includes(address)) xFailed.push(address);
    }
  }
  for (const a of xFailed) if (!recipients.includes(a)) recipients.push(a);
  if (recipients.length > 0) extra.bouncedRecipients = recipients.join(', ');
  const outcome = bounceOutcome(perRecipient, xFailed);
  // The returned message (message/rfc822) or its headers (text/rfc822-headers).
  const returned = email.attachments.find((a) => RETURNED_TYPES.has(a.mimeType));
  if (returned === undefined) return { extra };
  const head = partText(returned).slice(0, 200_000);
  const end = head.search(/\r?\n\r?\n/);
  const block = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const get = (name: string): string | undefined => {
    for (const line of block.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
    }
    return undefined;
  };
  const messageId = messageIds(get('message-id'))[0];
  const root = messageIds(get('references'))[0] ?? messageIds(get('in-reply-to'))[0] ?? messageId;
  if (messageId !== undefined) extra.bouncedMessageId = messageId;
  return {
    extra,
    original: { ...(messageId !== undefined ? { messageId } : {}), ...(root !== undefined ? { root } : {}) },
    ...(outcome !== undefined ? { outcome } : {}),
  };
}

function attachmentType(mime: string): string {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'file';
}

/** Alternative bodies (text/watch-html, a second text/plain) are not attachments. */
const BODY_TYPES = new Set(['text/plain', 'text/html', 'text/watch-html', 'text/enriched']);

/** The attachments, the first MAX_MESSAGE_ATTACHMENTS of them: past the model's cap the message would be dropped whole. */
function readAttachments(email: Email, issues: Issue[]): Attachment[] {
  const out: Attachment[] = [];
  let dropped = 0;
  for (const a of email.attachments) {
    if (a.disposition === null && a.filename === null && BODY_TYPES.has(a.mimeType)) continue;
    if (out.length >= MAX_MESSAGE_ATTACHMENTS) {
      dropped++;
      continue;
    }
    const c = a.content;
    const size = typeof c === 'string' ? undefined : c.byteLength;
    const contentId = a.contentId !== undefined ? messageIds(a.contentId)[0] ?? a.contentId : undefined;
    out.push({
      type: attachmentType(a.mimeType),
      mimeType: a.mimeType,
      ...(a.filename !== null ? { filename: a.filename } : {}),
      ...(size !== undefined ? { size } : {}),
      ...(contentId !== undefined ? { providerId: contentId } : {}),
      ...(a.description !== undefined ? { caption: a.description } : {}),
    });
  }
  if (dropped > 0) {
    issues.push(issue('too_big', ['attachments'], `email: ${out.length + dropped} attachments, more than ${MAX_MESSAGE_ATTACHMENTS}; the first ${MAX_MESSAGE_ATTACHMENTS} kept, ${dropped} dropped`));
  }
  return out;
}

/**
 * The conversation part of an Outlook `Thread-Index` ([MS-OXOMSG] 2.2.1.3, PidTagConversationIndex):
 * its first 22 bytes (a reserved byte, 5 bytes of time, a 16-byte GUID) are the same in every message
 * of a conversation, and each reply appends a 5-byte block. The 22 bytes as base64, and whether the
 * message is a reply (a block follows); undefined when the value is not such an index.
 */
function outlookThreadIndex(value: string | undefined): { readonly key: string; readonly reply: boolean } | undefined {
  if (value === undefined || value.length > 4096) return undefined;
  const compact = value.replace(/\s+/g, '');
  if (!/^[\w+/]+={0,2}$/.test(compact)) return undefined;
  let bytes: string;
  try {
    bytes = atob(compact);
  } catch {
    return undefined;
  }
  if (bytes.length < 22 || (bytes.length - 22) % 5 !== 0) return undefined;
  return { key: btoa(bytes.slice(0, 22)), reply: bytes.length > 22 };
}

/** The subject without its Re:/Fwd: prefixes, for the thread title. */
function threadTitle(subject: string | undefined): string | undefined {
  if (subject === undefined) return undefined;
  let t = subject.trim();
  for (let i = 0; i < 10; i++) {
    const m = /^(?:re|fw|fwd|aw|wg|sv|vs|antw|rv|tr|res|enc)\s?(?:\[\d+\])?\s?:\s*/i.exec(t);
    if (m === null) break;
    t = t.slice(m[0].length);
  }
  return t.length > 0 ? t.slice(0, 1024) : undefined;
}

function bodyDigestText(text: string | undefined, html: string | undefined): string {
  const body = text ?? (html !== undefined ? htmlToText(html) : '');
  // The words joined by single spaces (what split on whitespace, dropping empty words, then join gives).
  return body.replace(/\s+/g, ' ').trim();
}

/** Does a string or byte array start with an RFC 5322 header block? Cheap: the first line only. */
function startsWithHeader(raw: unknown): boolean {
  let head: string;
  if (typeof raw === 'string') head = raw.slice(0, 1000);
  else if (raw instanceof Uint8Array) head = new TextDecoder('latin1').decode(raw.subarray(0, 1000));
  else if (raw instanceof ArrayBuffer) head = new TextDecoder('latin1').decode(new Uint8Array(raw, 0, Math.min(1000, raw.byteLength)));
  else return false;
  const first = head.split(/\r?\n/, 2);
  const line = first[0]?.startsWith('From ') === true ? first[1] : first[0];
  if (line === undefined) return false;
  const colon = line.indexOf(':');
  if (colon <= 0) return false;
  // A field name: printable US-ASCII except the colon (RFC 5322 section 2.2).
  for (let i = 0; i < colon; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/**
 * postal-mime, loaded on first use and kept: `import()` is asynchronous on every call, and under a
 * module loader with hooks (tsx, test runners) each call is a round trip to the loader thread.
 * Its exported addressParser and decodeWords also serve the synchronous reader (_email-mime.ts).
 */
let postalMime: typeof PostalMimeModule | undefined;
/** postal-mime's helpers with windows-1252 encoded words decoded from the fixed table (see internal/windows-1252.ts). */
let helpers: MimeHelpers | undefined;

function rawLength(raw: string | Uint8Array | ArrayBuffer): number {
  return typeof raw === 'string' ? raw.length : raw.byteLength;
}

/**
 * Normalize one email (a raw RFC 5322 / MIME message) into contact records and one message, or a
 * status event for a bounce. Asynchronous because MIME parsing (postal-mime) is.
 *
 * - Message: kind `email`; `text` is the new text of a reply, `email.quotedText` the quoted earlier
 *   messages (Gmail, Apple Mail, Outlook, Yahoo and Thunderbird markers, plain text or HTML);
 *   `email.html` the HTML body; attachments as metadata only (type, mime type, file name, size).
 * - Ids: `email:<Message-ID>#<digest>`, the digest hashing sender, date and body, because a
 *   Message-ID alone is not a safe unique key (mailers reuse them; anyone can forge one): the same
 *   email delivered twice keeps its id, two different emails sharing a Message-ID do not merge.
 *   Without a Message-ID: a content hash of From, Date, Subject and body. `providerMessageId` is
 *   left unset for the same reason; the Message-ID is in `email.messageId`.
 * - Time: `occurredAt` is the Date header when it names its zone (RFC 5322 section 3.3); a Date
 *   without a zone (`Tue, 04 Jun 2024 10:00:00`), or with a zone name other than UT/GMT/EST/.../PDT
 *   (`CEST`), is not read in the host's time zone: `receivedAt` is used, with an `invalid_value`
 *   issue and the header in `extra.dateHeader`.
 * - Thread: `email:thread:<root>`, the root being the first References id, else the first
 *   In-Reply-To id, else, for an Outlook reply without either, `thread-index:<base64 of the first
 *   22 bytes of its Thread-Index>` (the conversation part, the same in every message of the
 *   conversation), else the message's own Message-ID. A bounce joins the thread of the message it
 *   returns. Every message with a Thread-Index keeps that conversation part in `extra.threadIndex`,
 *   so an original (threaded by its Message-ID) can be matched to such replies.
 * - `email.autoReply` (Auto-Submitted, Precedence bulk/junk/auto_reply, X-Autoreply, X-Autorespond, or an out-of-office subject: 'Automatic reply:', 'Out of Office:', ...)
 *   and `email.bounce` (multipart/report delivery-status, X-Failed-Recipients).
 * - A bounce (RFC 3464 DSN) whose returned message (message/rfc822 or text/rfc822-headers part) has
 *   a Message-ID also gives a status event on that message (`targetMessageId`: the bare Message-ID,
 *   as the original's `email.messageId`): `failed` when a recipient's Action is failed or
 *   X-Failed-Recipients names one (actor: those recipients; `error`: Status and Diagnostic-Code),
 *   `delivered` for a success notification, none for a delay. Such a DSN is that status, not a
 *   message of its own (its facts go to the event's `extra`); any other bounce stays a message.
 * - Direction: outbound when From is one of `context.ownAddresses`; the sender (inbound) or the To/Cc
 *   recipients (outbound) become contact records with their email, asserted (`verified: false`: a
 *   From header proves nothing), and their display name.
 *
 * @example
 * ```ts
 * const r = await normalizeEmailMessage(rawEml, { receivedAt: new Date().toISOString(), ownAddresses: ['@shop.example'] });
 * const [newText, quoted] = r.success ? [r.data.messages[0]?.text, r.data.messages[0]?.email?.quotedText] : [];
 * ```
 */
export async function normalizeEmailMessage(raw: string | Uint8Array | ArrayBuffer, context: EmailNormalizeContext): Promise<Result<NormalizedBatch>> {
  const opened = openScope('email', context);
  if (!opened.success) return opened;
  const scope = opened.data;
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array) && !(raw instanceof ArrayBuffer)) {
    return fail(issue('invalid_type', [], 'email: the message must be a string, Uint8Array or ArrayBuffer'));
  }
  const maxBytes = checkPayloadLimits(context.limits)?.maxEmailBytes ?? MAX_EMAIL_BYTES;
  if (rawLength(raw) > maxBytes) return fail(issue('too_big', [], `email: message longer than ${maxBytes} ${typeof raw === 'string' ? 'characters' : 'bytes'}`));
  if (rawLength(raw) === 0 || !startsWithHeader(raw)) return fail(issue('invalid_format', [], 'email: not an RFC 5322 message (no header block)'));
  let email: Email;
  try {
    const mime = (postalMime ??= await import('postal-mime'));
    // Common shapes (text parts, alternatives) are read synchronously, with postal-mime's exact result.
    const text = typeof raw === 'string' ? raw : decodeExactUtf8(raw instanceof Uint8Array ? raw : new Uint8Array(raw));
    const fixed = (helpers ??= windows1252Helpers(mime));
    email = (text !== undefined ? readSimpleEmail(text, fixed) : undefined) as Email;
    if (email === undefined) {
      const parsed = await mime.default.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50, maxHeadersSize: 1_000_000 });
      // windows-1252 that postal-mime's TextDecoder read as Latin-1 is put right (the labels are ASCII: Latin-1 reads them).
      email = repairWindows1252Email(parsed, () => text ?? (typeof raw === 'string' ? raw : new TextDecoder('latin1').decode(raw)), fixed);
    }
  } catch (error) {
    return fail(issue('invalid_format', [], `email: unreadable MIME: ${error instanceof Error ? error.message : String(error)}`));
  }
  const batch = new BatchBuilder();
  buildMessage(email, scope, context, batch);
  return ok(finish(batch, 'email', CHANNEL));
}

function buildMessage(email: Email, scope: Scope, context: EmailNormalizeContext, batch: BatchBuilder): void {
  const isOwn = ownMatcher(context.ownAddresses);
  const from = mailboxes(email.from)[0];
  if (from === undefined) batch.issues.push(issue('required', ['From'], 'email: no From address'));
  const outbound = from !== undefined && isOwn(from.address);

  // The Date header as written: the parsers' `date` is `new Date(value)`, which reads a date without a
  // zone in the host's time zone and rolls 30 February over to 2 March. toIsoTime refuses both (RFC
  // 5322 section 3.3 requires a zone; a day that does not exist is no time).
  const dateHeader = header(email, 'date') ?? email.date;
  const dateIso = toIsoTime(dateHeader);
  if (dateIso === undefined) {
    batch.issues.push(issue(dateHeader === undefined ? 'required' : 'invalid_value', ['Date'], dateHeader === undefined ? 'email: missing or unreadable Date; receivedAt used instead' : 'email: unreadable Date (no zone, or a day or time that does not exist); receivedAt used instead'));
  }
  const occurredAt = dateIso ?? scope.receivedAt;
  const subject = email.subject;
  const messageId = messageIds(email.messageId)[0];
  const inReplyTo = messageIds(email.inReplyTo);
  const references = messageIds(email.references);
  const bounce = isBounce(email);
  const autoReply = isAutoReply(email);
  const facts = bounce ? bounceFacts(email) : { extra: {} as Record<string, string> };

  // New text and quoted text: the plain-text part when there is one, else the HTML.
  let text: string | undefined;
  let quotedText: string | undefined;
  if (email.text !== undefined && email.text.trim().length > 0) {
    const split = splitQuotedText(email.text);
    text = split.text;
    quotedText = split.quoted;
  } else if (email.html !== undefined && email.html.trim().length > 0) {
    const split = splitQuotedHtml(email.html);
    text = split.text;
    quotedText = split.quoted;
  }
  if (text !== undefined && text.length === 0) text = undefined;

  const body = bodyDigestText(email.text, email.html);
  const fromAddress = from?.address.toLowerCase();
  const id =
    messageId !== undefined
      ? `email:${messageId}#${sha256Hex(JSON.stringify([fromAddress ?? null, dateIso ?? dateHeader ?? null, body])).slice(0, 16)}`
      : contentKey(CHANNEL, ['email', fromAddress, dateIso ?? dateHeader, subject, body]);
  const threadIndex = outlookThreadIndex(header(email, 'thread-index'));
  // A reply that names no parent (no References, no In-Reply-To) but carries an Outlook Thread-Index
  // joins the other such replies of its conversation by the index's conversation part.
  const root = facts.original?.root ?? references[0] ?? inReplyTo[0] ?? (threadIndex?.reply === true ? `thread-index:${threadIndex.key}` : messageId);
  const threadId = `email:thread:${root ?? id.slice('email:'.length)}`;
  const title = threadTitle(subject);

  const issues: Issue[] = batch.issues;
  const person = (m: { name: string; address: string }, path: (string | number)[]): Identifier | undefined =>
    identify({ kind: 'email', value: m.address, verified: false }, scope, CHANNEL, occurredAt, issues, path);
  const sender = from !== undefined ? [person(from, ['From'])].filter((i): i is Identifier => i !== undefined) : [];
  const to = mailboxes(email.to);
  const cc = mailboxes(email.cc);
  const bcc = mailboxes(email.bcc);
  const recipients: Identifier[] = [];
  const recipientMailboxes = [...to.map((m) => [m, 'To'] as const), ...cc.map((m) => [m, 'Cc'] as const), ...bcc.map((m) => [m, 'Bcc'] as const)];
  // Keys seen, and each value's first recipient (for the customers below): sets, not list
  // searches, as a header can name tens of thousands of addresses.
  const recipientKeys = new Set<string>();
  const recipientByValue = new Map<string, Identifier>();
  for (const [m, field] of recipientMailboxes) {
    const r = person(m, [field]);
    if (r === undefined) continue;
    if (r.key !== undefined) {
      if (recipientKeys.has(r.key)) continue;
      recipientKeys.add(r.key);
    }
    recipients.push(r);
    if (!recipientByValue.has(r.value)) recipientByValue.set(r.value, r);
  }

  const extra: Record<string, string> = facts.extra;
  const replyTo = mailboxes(email.replyTo);
  if (replyTo.length > 0) extra.replyTo = replyTo.map(formatMailbox).join(', ');
  if (cc.length > 0) extra.cc = cc.map(formatMailbox).join(', ');
  const listId = header(email, 'list-id');
  if (listId !== undefined) extra.listId = listId;
  if (email.deliveredTo !== undefined) extra.deliveredTo = email.deliveredTo;
  if (threadIndex !== undefined) extra.threadIndex = threadIndex.key;
  if (dateIso === undefined && dateHeader !== undefined) extra.dateHeader = dateHeader.slice(0, 256);

  // Filled field by field in the model's order (optional fields only when present), without object spreads.
  const details = {} as Writable<EmailDetails>;
  if (subject !== undefined) details.subject = subject;
  if (messageId !== undefined) details.messageId = messageId;
  if (inReplyTo.length > 0) details.inReplyTo = inReplyTo;
  if (references.length > 0) details.references = references;
  if (quotedText !== undefined && quotedText.length > 0) details.quotedText = quotedText;
  if (email.html !== undefined) details.html = email.html;
  details.autoReply = autoReply;
  details.bounce = bounce;
  const conversation: Writable<Message['conversation']> = { id: threadId, kind: 'thread' };
  if (title !== undefined) conversation.title = title;
  const message = {
    id,
    channel: CHANNEL,
    provider: 'email',
    conversation,
    direction: outbound ? 'outbound' : 'inbound',
    kind: 'email',
    occurredAt,
    receivedAt: scope.receivedAt,
    sender,
  } as Partial<Writable<Message>> as Writable<Message>;
  if (from !== undefined && from.name.length > 0) message.senderName = from.name.slice(0, 1024);
  // More recipients than the model holds would make the whole message invalid (and dropped): keep
  // the first ones in header order and say how many went. The customers below still come from the
  // full list, so every addressee of an outbound email keeps its contact record.
  if (recipients.length > MAX_MESSAGE_RECIPIENTS) {
    issues.push(
      issue('too_big', ['recipients'], `email: ${recipients.length} recipients (To, Cc, Bcc), more than ${MAX_MESSAGE_RECIPIENTS}; the first ${MAX_MESSAGE_RECIPIENTS} kept, ${recipients.length - MAX_MESSAGE_RECIPIENTS} dropped`),
    );
    message.recipients = recipients.slice(0, MAX_MESSAGE_RECIPIENTS);
  } else {
    message.recipients = recipients;
  }
  if (text !== undefined) message.text = text;
  message.attachments = readAttachments(email, issues);
  message.status = outbound ? 'sent' : 'received';
  message.email = details;
  if (hasOwnKeys(extra)) message.extra = extra;

  // A bounce comes from a mail system, not a person: no contact record. When it names the message
  // it returns, it is that message's status (failed, with the DSN's Status and Diagnostic-Code),
  // not a message of its own; else it stays a message, flagged `bounce`.
  if (bounce) {
    const target = facts.original?.messageId;
    if (target !== undefined && facts.outcome !== undefined) batch.events.push(bounceEvent(facts.outcome, target, id, threadId, occurredAt, scope, issues, message.extra));
    else batch.messages.push(message);
    return;
  }
  batch.messages.push(message);
  const customers = outbound ? recipientMailboxes.filter(([m, f]) => f !== 'Bcc' && !isOwn(m.address)).map(([m]) => m) : from !== undefined ? [from] : [];
  for (const m of customers) {
    const identifier = outbound ? recipientByValue.get(m.address.trim()) : sender[0];
    if (identifier === undefined) continue;
    const name = m.name.trim();
    const record = contactRecord({
      channel: CHANNEL,
      scope,
      identifiers: [identifier],
      ...(name.length > 0 && name.toLowerCase() !== m.address.toLowerCase() ? { name: { full: name } } : {}),
      observedAt: occurredAt,
    });
    if (record !== undefined) batch.addRecord(record);
  }
}

/**
 * The status a DSN reports for the message it returns (`targetMessageId`: that message's bare
 * Message-ID, as its own `email.messageId` holds it). The actor is the recipients it failed for (or
 * was delivered to); `error` carries the DSN's Status code and Diagnostic-Code, `extra` the DSN's
 * facts (every recipient and its action, the Delivered-To).
 */
function bounceEvent(
  outcome: BounceOutcome,
  target: string,
  dsnId: string,
  threadId: string,
  occurredAt: string,
  scope: Scope,
  issues: Issue[],
  extra: Readonly<Record<string, string>> | undefined,
): StatusEvent {
  const actor: Identifier[] = [];
  for (const address of outcome.recipients) {
    const r = identify({ kind: 'email', value: address, verified: false }, scope, CHANNEL, occurredAt, issues, ['message/delivery-status', 'Final-Recipient']);
    if (r !== undefined && !actor.some((a) => a.key !== undefined && a.key === r.key)) actor.push(r);
  }
  const event = {
    id: contentKey(CHANNEL, ['bounce', outcome.status, target, dsnId]),
    channel: CHANNEL,
    provider: 'email',
    conversationId: threadId,
    occurredAt,
    receivedAt: scope.receivedAt,
    actor,
    type: 'status',
    status: outcome.status,
    targetMessageId: target,
  } as Writable<StatusEvent>;
  if (outcome.code !== undefined || outcome.detail !== undefined) {
    event.error = { ...(outcome.code !== undefined ? { code: outcome.code } : {}), ...(outcome.detail !== undefined ? { detail: outcome.detail } : {}) };
  }
  // What the DSN said of every recipient (delayed ones too), kept with the event that stands for it.
  if (extra !== undefined) event.extra = extra;
  return event;
}

/**
 * The email adapter (see {@link EmailAdapter}): detects raw RFC 5322 messages and normalizes them
 * with {@link normalizeEmailMessage}.
 *
 * @example
 * ```ts
 * if (emailAdapter.detect(raw)) await emailAdapter.normalize(raw, { receivedAt });
 * ```
 */
export const emailAdapter: EmailAdapter = {
  provider: 'email',
  detect: startsWithHeader,
  normalize: normalizeEmailMessage,
};
