import type { Channel } from '../model/channel.js';
import type { Identifier } from '../model/identifier.js';
import { type Result, fail, issue, ok } from '../model/issue.js';
import type { Attachment, GeoLocation, Message, MessageStatus } from '../model/message.js';
import type { IdentityChangeEvent, StatusEvent } from '../model/message-event.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import type { ChannelAdapter, NormalizeContext } from './adapter.js';
import { BatchBuilder, contentKey, providerKey } from './_batch.js';
import { type FoundIdentifier, contactRecord, hasOwnKeys, identify } from './_identify.js';
import { asRecord, field } from './_read.js';
import { type Writable, identityKey } from './_run.js';
import { type Scope, finish, guardPayload, openScope } from './_scope.js';
import { toIsoTime } from './_time.js';

// Twilio webhooks, given as the form fields of the request (an object of strings; a field sent twice
// may be an array, its first value is used).
//
// - Inbound messages (SMS/MMS, WhatsApp, Messenger and RCS through Twilio): a Message, inbound.
// - Message status callbacks (`MessageStatus` other than received/receiving): a `status` event on the
//   message `MessageSid`; `undelivered` and `canceled` are `failed`.
// - Voice (`CallSid`): every voice webhook and status callback re-emits the call as ONE message,
//   `voice:<CallSid>`, kind `call`, with the newest `call.status`; copies of the same call fold with
//   `mergeCallMessages` (furthest lifecycle stage wins, earliest `occurredAt`).
//
// Channel from the address prefix: `whatsapp:` -> whatsapp, `messenger:` -> messenger, `rcs:` -> other,
// a `CallSid` -> voice, otherwise sms. Twilio sends no time with inbound messages: `occurredAt` is
// `receivedAt`, or the `Timestamp` field (RFC 2822) that status callbacks carry.

/**
 * The `Timestamp` of a status callback as ISO, or `receivedAt` when there is none; one that cannot be
 * read (or names a day that does not exist, 30 Feb) is said with an `invalid_value` issue.
 */
function timestampOf(fields: Record<string, unknown>, scope: Scope, batch: BatchBuilder): string {
  const raw = param(fields, 'Timestamp');
  if (raw === undefined) return scope.receivedAt;
  const t = toIsoTime(raw);
  if (t !== undefined) return t;
  batch.issues.push(issue('invalid_value', ['Timestamp'], 'twilio: unreadable Timestamp (no zone, or a day or time that does not exist); receivedAt used instead'));
  return scope.receivedAt;
}

/** Twilio's caller-id stand-ins for withheld numbers (keypad spellings of ANONYMOUS, RESTRICTED, ...). */
const WITHHELD = new Map([
  ['+266696687', 'anonymous'],
  ['+7378742833', 'restricted'],
  ['+2562533', 'blocked'],
  ['+8656696', 'unknown'],
  ['+86282452253', 'unavailable'],
]);

/** Outbound message statuses and what they mean in the model. */
const MESSAGE_STATUS: Readonly<Record<string, MessageStatus>> = {
  accepted: 'pending',
  scheduled: 'pending',
  queued: 'pending',
  sending: 'pending',
  sent: 'sent',
  delivered: 'delivered',
  partially_delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

/** A form field: a string, or the first string of a repeated field. NULs are left to the caller. */
function param(fields: Record<string, unknown>, key: string): string | undefined {
  const v = field(fields, key);
  const s = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
  if (s === undefined) return undefined;
  const t = s.trim();
  return t.length > 0 ? t : undefined;
}

/** Remove NUL characters (carriers send them, databases refuse them), counting them. */
function stripNul(value: string): { text: string; removed: number } {
  if (value.indexOf('\u0000') === -1) return { text: value, removed: 0 };
  let removed = 0;
  let out = '';
  for (const ch of value) {
    if (ch === '\u0000') removed++;
    else out += ch;
  }
  return { text: out, removed };
}

/** A Twilio address split into its channel prefix and the address proper. */
interface Address {
  readonly raw: string;
  readonly prefix?: string;
  readonly bare: string;
}

function parseAddress(raw: string | undefined): Address | undefined {
  if (raw === undefined) return undefined;
  const colon = raw.indexOf(':');
  if (colon > 0 && colon < 16 && /^[a-z]+$/i.test(raw.slice(0, colon))) {
    return { raw, prefix: raw.slice(0, colon).toLowerCase(), bare: raw.slice(colon + 1) };
  }
  return { raw, bare: raw };
}

function channelOf(addresses: readonly (Address | undefined)[], isCall: boolean): Channel {
  if (isCall) return 'voice';
  let messenger = false;
  let rcs = false;
  for (const a of addresses) {
    const prefix = a?.prefix;
    if (prefix === 'whatsapp') return 'whatsapp';
    if (prefix === 'messenger') messenger = true;
    else if (prefix === 'rcs') rcs = true;
  }
  return messenger ? 'messenger' : rcs ? 'other' : 'sms';
}

/** What kind of identifier an address is. */
function addressIdentifier(address: Address, other: Address | undefined, accountSid: string | undefined): FoundIdentifier | undefined {
  switch (address.prefix) {
    case undefined:
    case 'whatsapp':
    case 'rcs':
    case 'tel':
      // Phones keep the raw value (`whatsapp:+55...`); the normalizer reads past the prefix.
      if (/^\+?[\d\s().-]+$/.test(address.bare)) return { kind: 'phone', value: address.raw, verified: true };
      // A short code or an alphanumeric sender id: not a phone, kept as an opaque Twilio address.
      return { kind: 'other', value: address.bare, namespace: 'twilio:address', verified: true };
    case 'messenger':
      // Page-scoped id: the page is the other side of the conversation.
      return other?.prefix === 'messenger'
        ? { kind: 'user_id', value: address.bare, namespace: `messenger:page:${other.bare}`, verified: true }
        : { kind: 'user_id', value: address.bare, namespace: 'messenger:twilio', verified: true };
    case 'client':
      return { kind: 'user_id', value: address.bare, namespace: accountSid !== undefined ? `twilio:client:${accountSid}` : 'twilio:client', verified: true };
    case 'sip':
      return { kind: 'other', value: address.bare, namespace: 'sip', verified: true };
    default:
      return { kind: 'other', value: address.bare, namespace: `twilio:${address.prefix}`, verified: true };
  }
}

/** Everything one webhook names, read once. */
interface Parties {
  readonly customer?: Address;
  readonly business?: Address;
  readonly customerIds: Identifier[];
  readonly businessIds: Identifier[];
  readonly withheld?: string;
}

function readParties(
  fields: Record<string, unknown>,
  customerKey: 'From' | 'To',
  scope: Scope,
  channel: Channel,
  observedAt: string,
  batch: BatchBuilder,
): Parties {
  const from = parseAddress(param(fields, 'From') ?? param(fields, 'Caller'));
  const to = parseAddress(param(fields, 'To') ?? param(fields, 'Called'));
  const customer = customerKey === 'From' ? from : to;
  const business = customerKey === 'From' ? to : from;
  const accountSid = param(fields, 'AccountSid');
  const customerIds: Identifier[] = [];
  const businessIds: Identifier[] = [];
  let withheld: string | undefined;
  if (customer !== undefined) {
    withheld = WITHHELD.get(customer.bare.replace(/[^\d+]/g, ''));
    const found = withheld === undefined ? addressIdentifier(customer, business, accountSid) : undefined;
    const id = found !== undefined ? identify(found, scope, channel, observedAt, batch.issues, [customerKey]) : undefined;
    if (id !== undefined) customerIds.push(id);
    // WhatsApp: WaId is the account's phone digits; kept when it normalizes to another number.
    const waId = param(fields, 'WaId');
    if (waId !== undefined && withheld === undefined) {
      const wa = identify({ kind: 'phone', value: waId, verified: true }, scope, channel, observedAt, batch.issues, ['WaId']);
      if (wa !== undefined && wa.key !== undefined && !customerIds.some((c) => c.key === wa.key)) customerIds.push(wa);
    }
  }
  if (business !== undefined) {
    const found = addressIdentifier(business, customer, accountSid);
    const id = found !== undefined ? identify(found, scope, channel, observedAt, batch.issues, [customerKey === 'From' ? 'To' : 'From']) : undefined;
    if (id !== undefined) businessIds.push(id);
  }
  const parties: Writable<Parties> = { customerIds, businessIds };
  if (customer !== undefined) parties.customer = customer;
  if (business !== undefined) parties.business = business;
  if (withheld !== undefined) parties.withheld = withheld;
  return parties;
}

/** `<channel>:chat:<business side>:<customer key>`: a messaging service or number, and the customer. */
function conversationId(channel: Channel, fields: Record<string, unknown>, parties: Parties): string | undefined {
  const customer = parties.customerIds[0];
  if (customer === undefined) return undefined;
  const businessSide = param(fields, 'MessagingServiceSid') ?? (parties.businessIds[0] !== undefined ? identityKey(parties.businessIds[0]) : 'unknown');
  return `${channel}:chat:${businessSide}:${identityKey(customer)}`;
}

/** `<prefix>City` (else `Caller`/`Called` + `City`) ... as the attributes `numberCity`, ...: [field, fallback, attribute]. */
const FROM_PLACE = [
  ['FromCity', 'CallerCity', 'numberCity'],
  ['FromState', 'CallerState', 'numberState'],
  ['FromZip', 'CallerZip', 'numberZip'],
  ['FromCountry', 'CallerCountry', 'numberCountry'],
] as const;
const TO_PLACE = [
  ['ToCity', 'CalledCity', 'numberCity'],
  ['ToState', 'CalledState', 'numberState'],
  ['ToZip', 'CalledZip', 'numberZip'],
  ['ToCountry', 'CalledCountry', 'numberCountry'],
] as const;

/** The customer's contact record: their address, WhatsApp profile name, number location. */
function addCustomerRecord(batch: BatchBuilder, fields: Record<string, unknown>, parties: Parties, scope: Scope, channel: Channel, observedAt: string, prefix: 'From' | 'To'): void {
  const attributes: Record<string, string> = {};
  // Where the carrier places the number, not where the person lives: an attribute, not an address.
  for (const [field_, fallback, name] of prefix === 'From' ? FROM_PLACE : TO_PLACE) {
    const v = param(fields, field_) ?? param(fields, fallback);
    if (v !== undefined) attributes[name] = v;
  }
  const callerName = param(fields, 'CallerName');
  if (callerName !== undefined) attributes.callerName = callerName;
  const profile = param(fields, 'ProfileName');
  const record = contactRecord({
    channel,
    scope,
    identifiers: parties.customerIds,
    name: profile !== undefined ? { full: stripNul(profile).text } : undefined,
    attributes,
    observedAt,
  });
  if (record !== undefined) batch.addRecord(record);
}

function attachmentType(mime: string | undefined): string {
  const m = mime?.toLowerCase() ?? '';
  if (m.startsWith('image/')) return 'image';
  if (m.startsWith('video/')) return 'video';
  if (m.startsWith('audio/')) return 'audio';
  if (m === 'text/vcard' || m === 'text/x-vcard') return 'contact';
  return 'file';
}

/** `MediaUrl0`..`MediaUrl19` and `MediaContentType0`..: the field names, written out once. */
const MEDIA_URL = [
  'MediaUrl0', 'MediaUrl1', 'MediaUrl2', 'MediaUrl3', 'MediaUrl4', 'MediaUrl5', 'MediaUrl6', 'MediaUrl7', 'MediaUrl8', 'MediaUrl9',
  'MediaUrl10', 'MediaUrl11', 'MediaUrl12', 'MediaUrl13', 'MediaUrl14', 'MediaUrl15', 'MediaUrl16', 'MediaUrl17', 'MediaUrl18', 'MediaUrl19',
];
const MEDIA_CONTENT_TYPE = [
  'MediaContentType0', 'MediaContentType1', 'MediaContentType2', 'MediaContentType3', 'MediaContentType4', 'MediaContentType5', 'MediaContentType6',
  'MediaContentType7', 'MediaContentType8', 'MediaContentType9', 'MediaContentType10', 'MediaContentType11', 'MediaContentType12', 'MediaContentType13',
  'MediaContentType14', 'MediaContentType15', 'MediaContentType16', 'MediaContentType17', 'MediaContentType18', 'MediaContentType19',
];

/** `MediaUrlN`/`MediaContentTypeN`; Twilio sends at most 10, a hostile body is read up to 20. */
function readMedia(fields: Record<string, unknown>): Attachment[] {
  const out: Attachment[] = [];
  for (let i = 0; i < 20; i++) {
    const url = param(fields, MEDIA_URL[i]!);
    if (url === undefined) continue;
    const mimeType = param(fields, MEDIA_CONTENT_TYPE[i]!);
    out.push(mimeType !== undefined ? { type: attachmentType(mimeType), url, mimeType } : { type: attachmentType(mimeType), url });
  }
  return out;
}

function readLocation(fields: Record<string, unknown>): GeoLocation | undefined {
  const lat = Number(param(fields, 'Latitude'));
  const lon = Number(param(fields, 'Longitude'));
  if (param(fields, 'Latitude') === undefined || param(fields, 'Longitude') === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  const name = param(fields, 'Label');
  const address = param(fields, 'Address');
  return { latitude: lat, longitude: lon, ...(name !== undefined ? { name } : {}), ...(address !== undefined ? { address } : {}) };
}

/** Fields copied into `extra` when present. */
const MESSAGE_EXTRA: readonly (readonly [string, string])[] = [
  ['AccountSid', 'accountSid'],
  ['OptOutType', 'optOutType'],
  ['MessagingServiceSid', 'messagingServiceSid'],
  ['NumSegments', 'numSegments'],
  ['MessageType', 'messageType'],
  ['ButtonPayload', 'buttonPayload'],
  ['ListId', 'listId'],
  ['ReferralSourceId', 'referralSourceId'],
  ['ReferralSourceType', 'referralSourceType'],
  ['ReferralSourceUrl', 'referralSourceUrl'],
  ['ReferralHeadline', 'referralHeadline'],
  ['ReferralBody', 'referralBody'],
  ['ReferralCtwaClid', 'referralCtwaClid'],
  ['ChannelMetadata', 'channelMetadata'],
];

function copyExtra(fields: Record<string, unknown>, pairs: readonly (readonly [string, string])[]): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const [from, to] of pairs) {
    const v = param(fields, from);
    if (v !== undefined) extra[to] = v;
  }
  return extra;
}

function messageSid(fields: Record<string, unknown>): string | undefined {
  return param(fields, 'MessageSid') ?? param(fields, 'SmsMessageSid') ?? param(fields, 'SmsSid');
}

function handleInboundMessage(fields: Record<string, unknown>, scope: Scope, batch: BatchBuilder): void {
  const from = parseAddress(param(fields, 'From'));
  const to = parseAddress(param(fields, 'To'));
  const channel = param(fields, 'WaId') !== undefined && from?.prefix === undefined ? 'whatsapp' : channelOf([from, to], false);
  const occurredAt = scope.receivedAt;
  const parties = readParties(fields, 'From', scope, channel, occurredAt, batch);
  const sid = messageSid(fields);
  if (sid === undefined) {
    batch.issues.push(issue('required', ['MessageSid'], 'twilio: inbound message without MessageSid; keyed by a content hash'));
  }
  let text: string | undefined;
  const body = field(fields, 'Body');
  const rawBody = typeof body === 'string' ? body : Array.isArray(body) && typeof body[0] === 'string' ? body[0] : undefined;
  if (rawBody !== undefined) {
    const cleaned = stripNul(rawBody);
    if (cleaned.removed > 0) {
      batch.issues.push(issue('invalid_value', ['Body'], `twilio: removed ${cleaned.removed} NUL character${cleaned.removed > 1 ? 's' : ''} from the text`));
    }
    text = cleaned.text.length > 0 ? cleaned.text : undefined;
  }
  const attachments = readMedia(fields);
  const location = readLocation(fields);
  const extra = copyExtra(fields, MESSAGE_EXTRA);
  const button = param(fields, 'ButtonText') ?? param(fields, 'ListTitle');
  let kind: Message['kind'] = 'text';
  if (location !== undefined) kind = 'location';
  else if (button !== undefined) {
    kind = 'interactive';
    text ??= button;
  } else if (attachments.length > 0) kind = attachments.every((a) => a.type === 'contact') ? 'contacts' : 'media';
  else if (text === undefined && extra.messageType !== undefined && extra.messageType !== 'text') kind = 'unsupported';
  const forwarded = param(fields, 'Forwarded') === 'true' || param(fields, 'FrequentlyForwarded') === 'true';
  if (param(fields, 'FrequentlyForwarded') === 'true') extra.frequentlyForwarded = 'true';
  const replyTo = param(fields, 'OriginalRepliedMessageSid');
  const id = sid !== undefined ? providerKey(channel, sid) : contentKeyOf(channel, fields);
  const conversation = conversationId(channel, fields, parties) ?? `${channel}:chat:unknown`;
  const profile = param(fields, 'ProfileName');
  // Filled in the model's field order, optional fields only when present.
  const message = { id, channel, provider: 'twilio' } as Writable<Message>;
  if (sid !== undefined) message.providerMessageId = sid;
  message.conversation = { id: conversation, kind: 'private' };
  message.direction = 'inbound';
  message.kind = kind;
  message.occurredAt = occurredAt;
  message.receivedAt = scope.receivedAt;
  message.sender = parties.customerIds;
  if (profile !== undefined) message.senderName = stripNul(profile).text;
  message.recipients = parties.businessIds;
  if (text !== undefined) message.text = text;
  message.attachments = attachments;
  if (location !== undefined) message.location = location;
  if (replyTo !== undefined) message.replyTo = replyTo;
  if (forwarded) message.forwarded = true;
  message.status = 'received';
  if (hasOwnKeys(extra)) message.extra = extra;
  batch.messages.push(message);
  addCustomerRecord(batch, fields, parties, scope, channel, occurredAt, 'From');
  const optOut = extra.optOutType?.toUpperCase();
  if (optOut === 'STOP' || optOut === 'START') {
    // Advanced Opt-Out recognised a keyword: the customer withdrew (or gave back) consent to this
    // sender, as a LINE unfollow (or follow). HELP changes nothing: it stays in extra.optOutType.
    const change = optOut === 'STOP' ? 'unfollowed' : 'followed';
    const event: IdentityChangeEvent = {
      id: `${id}:opt-out:${optOut.toLowerCase()}`,
      channel,
      provider: 'twilio',
      conversationId: conversation,
      occurredAt,
      receivedAt: scope.receivedAt,
      actor: parties.customerIds,
      type: 'identity_change',
      change,
      ...(change === 'unfollowed' ? { previous: parties.customerIds } : { current: parties.customerIds }),
      extra: { optOutType: optOut },
    };
    batch.events.push(event);
  }
}

function contentKeyOf(channel: Channel, fields: Record<string, unknown>): string {
  // Without a sid the only stable facts are the parties and the content.
  const parts = ['From', 'To', 'Body', 'MediaUrl0', 'Latitude', 'Longitude'].map((k) => param(fields, k));
  return contentKey(channel, parts);
}

function handleMessageStatus(fields: Record<string, unknown>, rawStatus: string, scope: Scope, batch: BatchBuilder): void {
  const from = parseAddress(param(fields, 'From'));
  const to = parseAddress(param(fields, 'To'));
  const channel = channelOf([from, to], false);
  const sid = messageSid(fields);
  const status = MESSAGE_STATUS[rawStatus];
  if (sid === undefined || status === undefined || !Object.prototype.hasOwnProperty.call(MESSAGE_STATUS, rawStatus)) {
    batch.unsupported.push({
      provider: 'twilio',
      channel,
      kind: 'message_status',
      reason: sid === undefined ? 'status callback without MessageSid' : `unknown message status ${JSON.stringify(rawStatus)}`,
      path: [],
      raw: fields,
    });
    return;
  }
  const occurredAt = timestampOf(fields, scope, batch);
  // The status is about an outbound message: the customer is `To`.
  const parties = readParties(fields, 'To', scope, channel, occurredAt, batch);
  const conversation = conversationId(channel, fields, parties);
  const errorCode = param(fields, 'ErrorCode');
  const errorMessage = param(fields, 'ErrorMessage');
  const event = { type: 'status', id: `${providerKey(channel, sid)}:status:${rawStatus}`, channel, provider: 'twilio' } as Writable<StatusEvent>;
  if (conversation !== undefined) event.conversationId = conversation;
  event.occurredAt = occurredAt;
  event.receivedAt = scope.receivedAt;
  // Whom the status concerns: the recipient, whatever the outcome (as WhatsApp Cloud's statuses name
  // `recipient_id`), so a message known only from its statuses still has its customer.
  event.actor = parties.customerIds;
  event.status = status;
  event.targetMessageId = sid;
  if (errorCode !== undefined || errorMessage !== undefined) {
    const error: { code?: string; title?: string } = {};
    if (errorCode !== undefined) error.code = errorCode;
    if (errorMessage !== undefined) error.title = errorMessage;
    event.error = error;
  }
  batch.events.push(event);
}

/** Outbound call lifecycle as a message status (inbound calls are `received`). */
function outboundCallStatus(callStatus: string): MessageStatus {
  switch (callStatus) {
    case 'ringing':
      return 'sent';
    case 'in-progress':
    case 'completed':
      return 'delivered';
    case 'busy':
    case 'no-answer':
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return 'pending';
  }
}

const CALL_EXTRA: readonly (readonly [string, string])[] = [
  ['AccountSid', 'accountSid'],
  ['Direction', 'twilioDirection'],
  ['ParentCallSid', 'parentCallSid'],
  ['ForwardedFrom', 'forwardedFrom'],
  ['CallbackSource', 'callbackSource'],
  ['SequenceNumber', 'callbackSequence'],
  ['AnsweredBy', 'answeredBy'],
  ['StirVerstat', 'stirVerstat'],
  ['Digits', 'digits'],
  ['DialCallSid', 'dialCallSid'],
  ['DialCallStatus', 'dialCallStatus'],
  ['RecordingDuration', 'recordingDuration'],
  ['QueueTime', 'queueTime'],
];

function handleCall(fields: Record<string, unknown>, callSid: string, scope: Scope, batch: BatchBuilder): void {
  const hasParties = param(fields, 'From') !== undefined || param(fields, 'To') !== undefined || param(fields, 'Caller') !== undefined;
  const callStatus = param(fields, 'CallStatus') ?? (param(fields, 'Digits') !== undefined || param(fields, 'SpeechResult') !== undefined ? 'in-progress' : undefined);
  if (!hasParties && callStatus === undefined) {
    // A recording or transcription status callback names the call but neither party nor status.
    batch.unsupported.push({
      provider: 'twilio',
      channel: 'voice',
      kind: param(fields, 'RecordingSid') !== undefined ? 'recording_status' : 'call_callback',
      reason: `callback without call parties or status; its facts belong to call voice:${callSid}`,
      path: [],
      raw: fields,
    });
    return;
  }
  const direction = param(fields, 'Direction')?.startsWith('outbound') === true ? 'outbound' : 'inbound';
  const status = callStatus ?? 'unknown';
  const duration = Number(param(fields, 'CallDuration') ?? param(fields, 'Duration'));
  const durationSeconds = Number.isFinite(duration) && duration >= 0 && (param(fields, 'CallDuration') ?? param(fields, 'Duration')) !== undefined ? duration : undefined;
  // Status callbacks carry `Timestamp` (RFC 2822), the time of that event; a completed call's start
  // is that minus its duration. Voice requests carry no time: the arrival time stands in.
  let occurredAt = timestampOf(fields, scope, batch);
  if (status === 'completed' && durationSeconds !== undefined && param(fields, 'Timestamp') !== undefined) {
    occurredAt = new Date(Date.parse(occurredAt) - durationSeconds * 1000).toISOString();
  }
  const parties = readParties(fields, direction === 'inbound' ? 'From' : 'To', scope, 'voice', occurredAt, batch);
  const extra = copyExtra(fields, CALL_EXTRA);
  if (parties.withheld !== undefined) extra.callerIdWithheld = parties.withheld;
  const attachments: Attachment[] = [];
  const recordingUrl = param(fields, 'RecordingUrl');
  if (recordingUrl !== undefined) {
    const recordingSid = param(fields, 'RecordingSid');
    attachments.push({ type: 'audio', url: recordingUrl, ...(recordingSid !== undefined ? { providerId: recordingSid } : {}) });
  }
  const spoken = param(fields, 'SpeechResult') ?? param(fields, 'TranscriptionText');
  const root = param(fields, 'ParentCallSid') ?? callSid;
  batch.messages.push({
    id: providerKey('voice', callSid),
    channel: 'voice',
    provider: 'twilio',
    providerMessageId: callSid,
    conversation: { id: `voice:call:${root}`, kind: 'call' },
    direction,
    kind: 'call',
    occurredAt,
    receivedAt: scope.receivedAt,
    sender: direction === 'inbound' ? parties.customerIds : parties.businessIds,
    recipients: direction === 'inbound' ? parties.businessIds : parties.customerIds,
    ...(spoken !== undefined ? { text: stripNul(spoken).text } : {}),
    attachments,
    status: direction === 'inbound' ? 'received' : outboundCallStatus(status),
    call: { status, ...(durationSeconds !== undefined ? { durationSeconds } : {}) },
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  });
  addCustomerRecord(batch, fields, parties, scope, 'voice', occurredAt, direction === 'inbound' ? 'From' : 'To');
}

/**
 * Normalize one Twilio webhook (its form fields as an object of strings) into contact records,
 * messages and events.
 *
 * - Inbound SMS/MMS/WhatsApp messages become an inbound {@link Message} with media (`MediaUrlN`),
 *   locations (`Latitude`/`Longitude`/`Label`/`Address`), button replies, referral facts and the
 *   WhatsApp `ProfileName`. Channel from the address prefix (`whatsapp:` -> whatsapp, else sms).
 * - Message status callbacks become a `status` event on `MessageSid` (`undelivered` -> `failed`,
 *   with `ErrorCode`/`ErrorMessage`).
 * - Voice webhooks and call status callbacks become the call as a `kind: 'call'` message with id
 *   `voice:<CallSid>`, re-emitted by every callback with its newest `call.status` and duration; fold
 *   the copies with {@link mergeCallMessages}. An outbound call's `status` follows the message
 *   ladder: `ringing` is `sent`, answered (`in-progress`, `completed`) is `delivered`, not reached
 *   (`busy`, `no-answer`, `failed`, `canceled`) is `failed`; Twilio's own value stays in `call.status`.
 * - Advanced Opt-Out: `OptOutType` (STOP, START, HELP) is kept in the message's `extra.optOutType`;
 *   STOP also gives an `identity_change` event `unfollowed` (the customer withdrew consent), START
 *   one `followed`, as LINE unfollow and follow do. A "stop" in a message without `OptOutType` is text.
 * - NUL characters in `Body` are removed and reported as an issue (`invalid_value`, path `['Body']`).
 *
 * @example
 * ```ts
 * const fields = Object.fromEntries(new URLSearchParams(rawBody));
 * const r = normalizeTwilioWebhook(fields, { receivedAt: new Date().toISOString() });
 * ```
 */
export function normalizeTwilioWebhook(fields: unknown, context: NormalizeContext): Result<NormalizedBatch> {
  const opened = openScope('twilio', context);
  if (!opened.success) return opened;
  const scope = opened.data;
  const refused = guardPayload(fields, context);
  if (refused !== undefined) return refused;
  const form = asRecord(fields);
  if (form === undefined) return fail(issue('invalid_type', [], 'twilio: the webhook fields must be an object'));
  const batch = new BatchBuilder();
  const callSid = param(form, 'CallSid');
  const status = param(form, 'MessageStatus') ?? param(form, 'SmsStatus');
  if (callSid !== undefined && messageSid(form) === undefined) {
    handleCall(form, callSid, scope, batch);
    return ok(finish(batch, 'twilio', 'voice'));
  }
  if (status !== undefined && status !== 'received' && status !== 'receiving') {
    handleMessageStatus(form, status, scope, batch);
    return ok(finish(batch, 'twilio'));
  }
  if (messageSid(form) === undefined && param(form, 'From') === undefined) {
    return fail(issue('invalid_format', [], 'twilio: neither a message (MessageSid/From) nor a call (CallSid)'));
  }
  handleInboundMessage(form, scope, batch);
  return ok(finish(batch, 'twilio'));
}

/**
 * The Twilio adapter: detects Twilio webhook fields (`AccountSid` with a message or call sid) and
 * normalizes them with {@link normalizeTwilioWebhook}.
 *
 * @example
 * ```ts
 * if (twilioAdapter.detect(fields)) twilioAdapter.normalize(fields, { receivedAt });
 * ```
 */
export const twilioAdapter: ChannelAdapter = {
  provider: 'twilio',
  detect(body: unknown): boolean {
    const form = asRecord(body);
    if (form === undefined) return false;
    const sid = param(form, 'MessageSid') ?? param(form, 'SmsSid') ?? param(form, 'SmsMessageSid') ?? param(form, 'CallSid');
    return sid !== undefined && (param(form, 'AccountSid') !== undefined || param(form, 'From') !== undefined);
  },
  normalize: normalizeTwilioWebhook,
};
