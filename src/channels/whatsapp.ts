import type { ContactRecord } from '../model/contact-record.js';
import type { Identifier } from '../model/identifier.js';
import type { Result } from '../model/issue.js';
import { fail, issue, ok } from '../model/issue.js';
import type { Attachment, GeoLocation, Message, MessageKind } from '../model/message.js';
import type { DeleteEvent, EditEvent, IdentityChangeEvent, MessageEvent, ReactionEvent, StatusEvent } from '../model/message-event.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { contentKey, providerKey } from './_batch.js';
import { asRecord, bool, field, list, num, record, text } from './_read.js';
import { AdapterRun, type IdSpec, MAX_ID, MAX_LABEL, MAX_TEXT, MAX_URL, type Path, pushId, pushIds, startRun, type Writable } from './_run.js';
import type { ChannelAdapter, NormalizeContext } from './adapter.js';

/**
 * Namespace of WhatsApp business-scoped user ids (BSUID, `user_id`): unique per business portfolio.
 *
 * @example
 * ```ts
 * toIdentifier({ kind: 'user_id', value: 'US.13491208655302741918', namespace: WHATSAPP_BSUID_NAMESPACE, verified: true });
 * // key 'user_id:whatsapp:bsuid:US.13491208655302741918'
 * ```
 */
export const WHATSAPP_BSUID_NAMESPACE = 'whatsapp:bsuid';
/**
 * Namespace of WhatsApp parent BSUIDs (`parent_user_id`, `US.ENT.…`): one id shared by the linked
 * business portfolios of a managed business. Kept apart from {@link WHATSAPP_BSUID_NAMESPACE}: a
 * contact carries one BSUID and one parent BSUID, and they must not look like two conflicting ids.
 *
 * @example
 * ```ts
 * record.identifiers.filter((i) => i.namespace === WHATSAPP_PARENT_BSUID_NAMESPACE); // the parent BSUID, if enabled
 * ```
 */
export const WHATSAPP_PARENT_BSUID_NAMESPACE = 'whatsapp:parent_bsuid';
/**
 * Namespace of WhatsApp usernames (compared case-insensitively, without `@`).
 *
 * @example
 * ```ts
 * // contacts[].profile.username '@realsheenanelson' -> key 'username:whatsapp:realsheenanelson'
 * ```
 */
export const WHATSAPP_USERNAME_NAMESPACE = 'whatsapp';
/**
 * Namespace of the business's own phone number id (`metadata.phone_number_id`); it only appears as a
 * message recipient (inbound) or sender (outbound), never in a contact record.
 *
 * @example
 * ```ts
 * message.recipients.find((i) => i.namespace === WHATSAPP_PHONE_NUMBER_ID_NAMESPACE)?.value; // '106540352242922'
 * ```
 */
export const WHATSAPP_PHONE_NUMBER_ID_NAMESPACE = 'whatsapp:phone_number_id';

const PROVIDER = 'whatsapp';
const CHANNEL = 'whatsapp';
const MEDIA_TYPES: Readonly<Record<string, string>> = { image: 'image', video: 'video', audio: 'audio', document: 'file', sticker: 'sticker' };
const STATUSES: Readonly<Record<string, StatusEvent['status']>> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed', played: 'read' };
const REFERRAL_FIELDS = ['source_url', 'source_id', 'source_type', 'headline', 'body', 'media_type', 'image_url', 'video_url', 'thumbnail_url', 'ctwa_clid'];

// Identifier specs, made once (every delivery builds several identifiers of each).
const PHONE: IdSpec = { kind: 'phone' };
const BSUID: IdSpec = { kind: 'user_id', namespace: WHATSAPP_BSUID_NAMESPACE };
const PARENT_BSUID: IdSpec = { kind: 'user_id', namespace: WHATSAPP_PARENT_BSUID_NAMESPACE };
const USERNAME: IdSpec = { kind: 'username', namespace: WHATSAPP_USERNAME_NAMESPACE };
const PHONE_NUMBER_ID: IdSpec = { kind: 'user_id', namespace: WHATSAPP_PHONE_NUMBER_ID_NAMESPACE };

/** The business side of one `value`: its phone number and phone number id. */
interface Business {
  readonly ids: readonly Identifier[];
  /** Scopes private conversations: phone_number_id, else the WABA id. */
  readonly scope: string;
}

/** A customer as one message or status names them. */
interface Customer {
  readonly ids: Identifier[];
  readonly name: string | undefined;
  /**
   * Names the private chat: the phone (`wa_id`) when this webhook or its `contacts[]` entry gives
   * it, else the BSUID. Every webhook of a chat whose phone is known carries it (statuses often only
   * `recipient_id`), so one chat keeps one key whichever optional ids a webhook adds. A username user
   * whose phone Meta shows later moves from the BSUID key to the phone key (docs/backend-webhooks.md).
   */
  readonly chatKey: string | undefined;
}

function readBusiness(run: AdapterRun, value: unknown, entryId: string | undefined, path: Path): Business {
  const metadata = record(value, 'metadata');
  const mPath = [...path, 'metadata'];
  const phoneNumberId = run.str(metadata, 'phone_number_id', mPath, 256);
  const ids: Identifier[] = [];
  pushId(ids, run.id(PHONE, run.str(metadata, 'display_phone_number', mPath, 256), mPath, 'display_phone_number'));
  pushId(ids, run.id(PHONE_NUMBER_ID, phoneNumberId, mPath, 'phone_number_id'));
  return { ids, scope: phoneNumberId ?? entryId ?? 'unknown' };
}

/** Customer identifiers from a set of id fields: phone (`wa_id`), BSUID, parent BSUID, username. */
function customerIds(
  run: AdapterRun,
  source: unknown,
  keys: { readonly waId: string; readonly userId: string; readonly parentUserId: string },
  path: Path,
): CustomerIds {
  const waId = run.str(source, keys.waId, path, 256);
  const userId = run.str(source, keys.userId, path, 512);
  const ids: Identifier[] = [];
  pushId(ids, run.id(PHONE, waId, path, keys.waId));
  pushId(ids, run.id(BSUID, userId, path, keys.userId));
  pushId(ids, run.id(PARENT_BSUID, run.str(source, keys.parentUserId, path, 512), path, keys.parentUserId));
  return { ids, waId, userId };
}

/** The identifiers of one set of id fields, and the raw phone and BSUID that tie them to `contacts[]`. */
interface CustomerIds {
  readonly ids: Identifier[];
  readonly waId: string | undefined;
  readonly userId: string | undefined;
}

interface ContactEntry extends CustomerIds {
  readonly name: string | undefined;
}

const CONTACT_KEYS = { waId: 'wa_id', userId: 'user_id', parentUserId: 'parent_user_id' } as const;

function readContacts(run: AdapterRun, value: unknown, path: Path): ContactEntry[] {
  const out: ContactEntry[] = [];
  const contacts = run.list(value, 'contacts', path);
  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i];
    const cPath = [...path, 'contacts', i];
    if (asRecord(c) === undefined) {
      run.issue('invalid_type', cPath, 'contact is not an object');
      continue;
    }
    const profile = record(c, 'profile');
    const { ids, waId, userId } = customerIds(run, c, CONTACT_KEYS, cPath);
    const pPath = [...cPath, 'profile'];
    const username = run.str(profile, 'username', pPath, 512) ?? run.str(c, 'username', cPath, 512);
    pushId(ids, run.id(USERNAME, username, pPath, 'username'));
    const name = run.str(profile, 'name', pPath, MAX_LABEL);
    out.push({ ids, waId, userId, name });
  }
  return out;
}

/** Record one contact record per customer seen, with their profile name. */
function addRecord(run: AdapterRun, customer: { readonly ids: readonly Identifier[]; readonly name: string | undefined }, observedAt: string): void {
  const ids = customer.ids;
  if (ids.length === 0) return;
  // BSUID first when there is one (the phone may be withheld for username users). Chats are keyed
  // the other way, phone first (see Customer.chatKey): a status often carries only the phone.
  let anchor: Identifier | undefined;
  for (const i of ids) {
    if (i.namespace === WHATSAPP_BSUID_NAMESPACE) {
      anchor = i;
      break;
    }
  }
  if (anchor === undefined) {
    for (const i of ids) {
      if (i.kind === 'phone') {
        anchor = i;
        break;
      }
    }
  }
  anchor ??= ids[0]!;
  const others: Identifier[] = [];
  for (const i of ids) if (i !== anchor) others.push(i);
  const id = run.recordId(anchor, others);
  // The same customer is named by the message and by contacts[]: the first record is the one kept.
  if (run.b.hasRecord(id)) return;
  others.unshift(anchor);
  // Filled in the model's field order, the name only when known (no object spread).
  const record = { id, channel: CHANNEL, source: PROVIDER, identifiers: AdapterRun.withProvenance(others, { channel: CHANNEL, source: PROVIDER, recordId: id, observedAt }) } as Writable<ContactRecord>;
  if (customer.name !== undefined) record.name = { full: customer.name };
  record.observedAt = observedAt;
  run.b.addRecord(record);
}

/** The customer a message or status concerns: its own id fields joined with the matching `contacts[]` entry. */
function resolveCustomer(
  run: AdapterRun,
  contacts: readonly ContactEntry[],
  source: unknown,
  keys: { readonly waId: string; readonly userId: string; readonly parentUserId: string },
  path: Path,
  soleContactFallback: boolean,
): Customer {
  const own = customerIds(run, source, keys, path);
  let contact: ContactEntry | undefined;
  for (const c of contacts) {
    if ((own.waId !== undefined && c.waId === own.waId) || (own.userId !== undefined && c.userId === own.userId)) {
      contact = c;
      break;
    }
  }
  if (contact === undefined && soleContactFallback && own.waId === undefined && own.userId === undefined && contacts.length === 1) contact = contacts[0];
  let ids = own.ids;
  if (contact !== undefined) {
    ids = own.ids.slice();
    for (const i of contact.ids) pushId(ids, i);
  }
  return { ids, name: contact?.name, chatKey: own.waId ?? contact?.waId ?? own.userId ?? contact?.userId };
}

/** Text, attachments and kind of a message body (also used for the new content of an edit). */
interface Content {
  kind: MessageKind;
  text?: string;
  attachments: Attachment[];
  location?: GeoLocation;
  extra: Record<string, string>;
  /** Set for types omnilink does not model: the message is kept as `unsupported` and the raw payload too. */
  unknownType?: string;
}

function readErrors(run: AdapterRun, errors: readonly unknown[], path: Path, extra: Record<string, string>): void {
  const first = errors[0];
  if (first === undefined) return;
  const code = run.str(first, 'code', [...path, 0], 256);
  const title = run.str(first, 'title', [...path, 0], 4096) ?? run.str(first, 'message', [...path, 0], 4096);
  const detail = run.str(record(first, 'error_data'), 'details', [...path, 0, 'error_data'], 65_536);
  if (code !== undefined) extra['error_code'] = code;
  if (title !== undefined) extra['error_title'] = title;
  if (detail !== undefined) extra['error_detail'] = detail;
}

function readLocation(run: AdapterRun, loc: unknown, path: Path): GeoLocation | undefined {
  const latitude = num(loc, 'latitude');
  const longitude = num(loc, 'longitude');
  if (latitude === undefined || longitude === undefined || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    run.issue('invalid_value', path, 'location has no valid latitude/longitude');
    return undefined;
  }
  const out: Writable<GeoLocation> = { latitude, longitude };
  const name = run.str(loc, 'name', path, MAX_LABEL);
  const address = run.str(loc, 'address', path, 2048);
  const url = run.str(loc, 'url', path, MAX_URL);
  if (name !== undefined) out.name = name;
  if (address !== undefined) out.address = address;
  if (url !== undefined) out.url = url;
  return out;
}

function readContent(run: AdapterRun, msg: unknown, path: Path): Content {
  const type = text(msg, 'type') ?? 'unknown';
  const content: Content = { kind: 'text', attachments: [], extra: {} };
  const media = MEDIA_TYPES[type];
  if (media !== undefined) {
    const m = record(msg, type);
    const mPath = [...path, type];
    const att: Writable<Attachment> = { type: type === 'audio' && bool(m, 'voice') === true ? 'voice' : media };
    const id = run.str(m, 'id', mPath, 1024);
    const url = run.str(m, 'url', mPath, MAX_URL);
    const mimeType = run.str(m, 'mime_type', mPath, 255);
    const sha256 = run.str(m, 'sha256', mPath, 128);
    const filename = run.str(m, 'filename', mPath, MAX_LABEL);
    const caption = run.str(m, 'caption', mPath, 65_536);
    if (id !== undefined) att.providerId = id;
    if (url !== undefined) att.url = url;
    if (mimeType !== undefined) att.mimeType = mimeType;
    if (sha256 !== undefined) att.sha256 = sha256;
    if (filename !== undefined) att.filename = filename;
    if (caption !== undefined) {
      att.caption = caption;
      content.text = caption;
    }
    if (type === 'sticker' && bool(m, 'animated') !== undefined) content.extra['sticker_animated'] = String(bool(m, 'animated'));
    content.attachments.push(att);
    content.kind = type === 'sticker' ? 'sticker' : 'media';
    return content;
  }
  switch (type) {
    case 'text': {
      const body = run.str(record(msg, 'text'), 'body', [...path, 'text'], MAX_TEXT);
      if (body !== undefined) content.text = body;
      else if (field(msg, 'text') !== undefined && record(msg, 'text') === undefined) run.issue('invalid_type', [...path, 'text'], 'text is not an object with a body; the text is lost');
      return content;
    }
    case 'location': {
      content.kind = 'location';
      const location = readLocation(run, record(msg, 'location'), [...path, 'location']);
      if (location !== undefined) content.location = location;
      return content;
    }
    case 'contacts': {
      content.kind = 'contacts';
      const shared: unknown[] = [];
      list(msg, 'contacts').forEach((c, i) => {
        const cPath = [...path, 'contacts', i];
        const name = record(c, 'name');
        const formatted = run.str(name, 'formatted_name', [...cPath, 'name'], MAX_LABEL) ?? run.str(name, 'first_name', [...cPath, 'name'], MAX_LABEL);
        content.attachments.push(formatted !== undefined ? { type: 'contact', caption: formatted } : { type: 'contact' });
        // Contacts a customer shares are other people: kept as data, never as the sender's identifiers.
        shared.push({
          ...(formatted !== undefined ? { name: formatted } : {}),
          phones: list(c, 'phones').flatMap((p) => (text(p, 'phone') !== undefined || text(p, 'wa_id') !== undefined ? [{ phone: text(p, 'phone'), wa_id: text(p, 'wa_id') }] : [])),
          emails: list(c, 'emails').flatMap((e) => (text(e, 'email') !== undefined ? [text(e, 'email')] : [])),
        });
      });
      if (content.attachments.length > 1000) content.attachments.length = 1000;
      content.extra['contacts'] = JSON.stringify(shared);
      return content;
    }
    case 'interactive': {
      content.kind = 'interactive';
      const inter = record(msg, 'interactive');
      const iPath = [...path, 'interactive'];
      const iType = run.str(inter, 'type', iPath, 64);
      if (iType !== undefined) content.extra['interactive_type'] = iType;
      const reply = iType !== undefined ? record(inter, iType) : undefined;
      const rPath = [...iPath, iType ?? 'reply'];
      if (iType === 'button_reply' || iType === 'list_reply') {
        const title = run.str(reply, 'title', rPath, MAX_TEXT);
        const id = run.str(reply, 'id', rPath, MAX_TEXT);
        const description = run.str(reply, 'description', rPath, MAX_TEXT);
        if (title !== undefined) content.text = title;
        if (id !== undefined) content.extra['reply_id'] = id;
        if (description !== undefined) content.extra['reply_description'] = description;
      } else if (iType === 'nfm_reply') {
        const body = run.str(reply, 'body', rPath, MAX_TEXT);
        const name = run.str(reply, 'name', rPath, MAX_LABEL);
        const response = run.str(reply, 'response_json', rPath, MAX_TEXT);
        if (body !== undefined) content.text = body;
        if (name !== undefined) content.extra['flow_name'] = name;
        if (response !== undefined) content.extra['response_json'] = response;
      } else if (reply !== undefined) {
        for (const key of ['id', 'title', 'response', 'body']) {
          const v = run.str(reply, key, rPath, MAX_TEXT);
          if (v !== undefined) content.extra[`reply_${key}`] = v;
        }
      }
      return content;
    }
    case 'button': {
      content.kind = 'interactive';
      const button = record(msg, 'button');
      const label = run.str(button, 'text', [...path, 'button'], MAX_TEXT);
      const payload = run.str(button, 'payload', [...path, 'button'], MAX_TEXT);
      if (label !== undefined) content.text = label;
      if (payload !== undefined) content.extra['button_payload'] = payload;
      return content;
    }
    case 'order': {
      content.kind = 'interactive';
      const order = record(msg, 'order');
      const note = run.str(order, 'text', [...path, 'order'], MAX_TEXT);
      const catalog = run.str(order, 'catalog_id', [...path, 'order'], MAX_ID);
      if (note !== undefined) content.text = note;
      if (catalog !== undefined) content.extra['order_catalog_id'] = catalog;
      content.extra['order_items'] = JSON.stringify(
        list(order, 'product_items').map((p) => ({
          product_retailer_id: text(p, 'product_retailer_id'),
          quantity: num(p, 'quantity'),
          item_price: num(p, 'item_price'),
          currency: text(p, 'currency'),
        })),
      );
      return content;
    }
    case 'unsupported': {
      content.kind = 'unsupported';
      return content;
    }
    case 'system': {
      content.kind = 'system';
      const body = run.str(record(msg, 'system'), 'body', [...path, 'system'], MAX_TEXT);
      const sType = run.str(record(msg, 'system'), 'type', [...path, 'system'], 64);
      if (body !== undefined) content.text = body;
      if (sType !== undefined) content.extra['system_type'] = sType;
      return content;
    }
    default: {
      content.kind = 'unsupported';
      content.extra['whatsapp_type'] = type.slice(0, 64);
      content.unknownType = type;
      return content;
    }
  }
}

/** Shared header of a message or echo: id and time. Returns undefined when the item cannot be keyed. */
function messageHead(run: AdapterRun, msg: unknown, path: Path, chatKey: string | undefined, type: string | undefined): { id: string; wamid?: string; occurredAt: string } {
  const wamid = run.str(msg, 'id', path, MAX_ID);
  const occurredAt = run.time(msg, 'timestamp', path) ?? run.receivedAt;
  if (wamid === undefined) {
    run.issue('required', [...path, 'id'], 'message has no id; keyed by content');
    return { id: contentKey(CHANNEL, ['message', chatKey, type, occurredAt]), occurredAt };
  }
  return { id: providerKey(CHANNEL, wamid), wamid, occurredAt };
}

function conversationOf(business: Business, customer: Customer, groupId: string | undefined): Message['conversation'] {
  if (groupId !== undefined) return { id: `${CHANNEL}:group:${groupId}`, kind: 'group' };
  return { id: `${CHANNEL}:chat:${business.scope}:${customer.chatKey ?? 'unknown'}`, kind: 'private' };
}

const SENDER_KEYS = { waId: 'from', userId: 'from_user_id', parentUserId: 'from_parent_user_id' } as const;
const ECHO_KEYS = { waId: 'to', userId: 'to_user_id', parentUserId: 'to_parent_user_id' } as const;
const GROUP_RECIPIENT_KEYS = { waId: 'recipient_participant_id', userId: 'recipient_participant_user_id', parentUserId: 'recipient_participant_parent_user_id' } as const;
const RECIPIENT_KEYS = { waId: 'recipient_id', userId: 'recipient_user_id', parentUserId: 'recipient_parent_user_id' } as const;

/**
 * The shared head of an event, as a fresh object: the caller sets `type` and the rest in the model's
 * order (assigning after these fields gives the same key order as spreading them first).
 */
function eventBase<E extends MessageEvent>(run: AdapterRun, id: string, conversationId: string, occurredAt: string, actor: readonly Identifier[]): Writable<E> {
  return { id, channel: CHANNEL, provider: PROVIDER, conversationId, occurredAt, receivedAt: run.receivedAt, actor } as Partial<Writable<E>> as Writable<E>;
}

function handleSystem(run: AdapterRun, msg: unknown, path: Path, head: { id: string; occurredAt: string }, customer: Customer, conversationId: string): boolean {
  const system = record(msg, 'system');
  const sPath = [...path, 'system'];
  const sType = text(system, 'type');
  if (sType === 'user_changed_number' || sType === 'customer_changed_number') {
    const newWaId = run.str(system, 'wa_id', sPath, 256) ?? run.str(system, 'new_wa_id', sPath, 256);
    const current = pushIds(
      [],
      run.id(PHONE, newWaId, [...sPath, text(system, 'wa_id') !== undefined ? 'wa_id' : 'new_wa_id']),
      run.id(BSUID, run.str(system, 'user_id', sPath, 512), [...sPath, 'user_id']),
    );
    const event = eventBase<IdentityChangeEvent>(run, head.id, conversationId, head.occurredAt, customer.ids);
    event.type = 'identity_change';
    event.change = 'number_changed';
    if (customer.ids.length > 0) event.previous = customer.ids;
    if (current.length > 0) event.current = current;
    run.b.events.push(event);
    return true;
  }
  if (sType === 'user_changed_user_id') {
    const previous = pushIds(
      [],
      run.id(BSUID, run.str(system, 'previous_user_id', sPath, 512), [...sPath, 'previous_user_id']),
      run.id(PARENT_BSUID, run.str(system, 'previous_parent_user_id', sPath, 512), [...sPath, 'previous_parent_user_id']),
    );
    const current = pushIds(
      [],
      run.id(BSUID, run.str(system, 'user_id', sPath, 512), [...sPath, 'user_id']),
      run.id(PARENT_BSUID, run.str(system, 'parent_user_id', sPath, 512), [...sPath, 'parent_user_id']),
    );
    const event = eventBase<IdentityChangeEvent>(run, head.id, conversationId, head.occurredAt, customer.ids.length > 0 ? customer.ids : previous);
    event.type = 'identity_change';
    event.change = 'user_id_rotated';
    if (previous.length > 0) event.previous = previous;
    if (current.length > 0) event.current = current;
    run.b.events.push(event);
    return true;
  }
  if (sType === 'customer_identity_changed') {
    const identity = record(msg, 'identity');
    const event = eventBase<IdentityChangeEvent>(run, head.id, conversationId, head.occurredAt, customer.ids);
    event.type = 'identity_change';
    event.change = 'security_code_changed';
    if (customer.ids.length > 0) event.current = customer.ids;
    const extra: Record<string, string> = {};
    const hash = run.str(identity, 'hash', [...path, 'identity'], 1024);
    const acknowledged = bool(identity, 'acknowledged');
    const created = run.time(identity, 'created_timestamp', [...path, 'identity']);
    if (hash !== undefined) extra['identity_hash'] = hash;
    if (acknowledged !== undefined) extra['identity_acknowledged'] = String(acknowledged);
    if (created !== undefined) extra['identity_created_at'] = created;
    if (Object.keys(extra).length > 0) event.extra = extra;
    run.b.events.push(event);
    return true;
  }
  return false;
}

/** One inbound `messages[]` item (or outbound `message_echoes[]` item when `echo`). */
function handleMessage(run: AdapterRun, msg: unknown, path: Path, business: Business, contacts: readonly ContactEntry[], echo: boolean): void {
  if (asRecord(msg) === undefined) return run.issue('invalid_type', path, 'message is not an object');
  const customer = echo
    ? resolveCustomer(run, contacts, msg, ECHO_KEYS, path, false)
    : resolveCustomer(run, contacts, msg, SENDER_KEYS, path, true);
  const groupId = run.str(msg, 'group_id', path, 256);
  const conversation = conversationOf(business, customer, groupId);
  const type = text(msg, 'type');
  const head = messageHead(run, msg, path, customer.chatKey, type);
  addRecord(run, customer, head.occurredAt);

  if (type === 'reaction' || type === 'edit' || type === 'revoke') {
    const inner = record(msg, type);
    const iPath = [...path, type];
    const target = run.str(inner, type === 'reaction' ? 'message_id' : 'original_message_id', iPath, MAX_ID);
    if (target === undefined) return run.issue('required', iPath, `${type} does not name the message it targets`);
    const actor = echo ? business.ids : customer.ids;
    if (type === 'reaction') {
      const emoji = text(inner, 'emoji');
      const event = eventBase<ReactionEvent>(run, head.id, conversation.id, head.occurredAt, actor);
      event.type = 'reaction';
      event.targetMessageId = target;
      if (emoji !== undefined && emoji.length <= 64) event.emoji = emoji;
      run.b.events.push(event);
    } else if (type === 'revoke') {
      const event = eventBase<DeleteEvent>(run, head.id, conversation.id, head.occurredAt, actor);
      event.type = 'delete';
      event.targetMessageId = target;
      run.b.events.push(event);
    } else {
      const edited = readContent(run, record(inner, 'message'), [...iPath, 'message']);
      const event = eventBase<EditEvent>(run, head.id, conversation.id, head.occurredAt, actor);
      event.type = 'edit';
      event.targetMessageId = target;
      if (edited.text !== undefined) event.text = edited.text;
      run.b.events.push(event);
    }
    return;
  }
  if (type === 'system' && handleSystem(run, msg, path, head, customer, conversation.id)) return;

  const content = readContent(run, msg, path);
  const message: Writable<Message> = {
    id: head.id,
    channel: CHANNEL,
    provider: PROVIDER,
    conversation,
    direction: echo ? 'outbound' : 'inbound',
    kind: content.kind,
    occurredAt: head.occurredAt,
    receivedAt: run.receivedAt,
    sender: echo ? business.ids : customer.ids,
    recipients: echo ? customer.ids : business.ids,
    attachments: content.attachments,
    status: echo ? 'sent' : 'received',
  };
  if (head.wamid !== undefined) message.providerMessageId = head.wamid;
  if (!echo && customer.name !== undefined) message.senderName = customer.name;
  if (content.text !== undefined) message.text = content.text;
  if (content.location !== undefined) message.location = content.location;
  const context = record(msg, 'context');
  const replyTo = run.str(context, 'id', [...path, 'context'], MAX_ID);
  if (replyTo !== undefined) message.replyTo = replyTo;
  if (bool(context, 'forwarded') === true || bool(context, 'frequently_forwarded') === true) message.forwarded = true;
  if (bool(context, 'frequently_forwarded') === true) content.extra['frequently_forwarded'] = 'true';
  const product = record(context, 'referred_product');
  if (product !== undefined) {
    const catalog = text(product, 'catalog_id');
    const retailer = text(product, 'product_retailer_id');
    if (catalog !== undefined) content.extra['referred_product_catalog_id'] = catalog;
    if (retailer !== undefined) content.extra['referred_product_retailer_id'] = retailer;
  }
  const referral = record(msg, 'referral');
  for (const key of REFERRAL_FIELDS) {
    const v = text(referral, key);
    if (v !== undefined) content.extra[`referral_${key}`] = v;
  }
  readErrors(run, list(msg, 'errors'), [...path, 'errors'], content.extra);
  if (Object.keys(content.extra).length > 0) message.extra = content.extra;
  run.b.messages.push(message);
  if (content.unknownType !== undefined) {
    run.b.unsupported.push({ provider: PROVIDER, channel: CHANNEL, kind: `message:${content.unknownType.slice(0, 64)}`, reason: 'message type not modelled; kept as an unsupported message and raw here', path, raw: msg });
  }
}

function handleStatus(run: AdapterRun, st: unknown, path: Path, business: Business, contacts: readonly ContactEntry[]): void {
  if (asRecord(st) === undefined) return run.issue('invalid_type', path, 'status is not an object');
  const raw = text(st, 'status');
  const status = raw !== undefined ? STATUSES[raw] : undefined;
  if (status === undefined) {
    run.b.unsupported.push({ provider: PROVIDER, channel: CHANNEL, kind: `status:${(raw ?? 'missing').slice(0, 64)}`, reason: 'status not modelled', path, raw: st });
    return;
  }
  const wamid = run.str(st, 'id', path, MAX_ID);
  if (wamid === undefined) return run.issue('required', [...path, 'id'], 'status does not name its message');
  const occurredAt = run.time(st, 'timestamp', path) ?? run.receivedAt;
  const group = text(st, 'recipient_type') === 'group';
  const recipient = resolveCustomer(
    run,
    contacts,
    st,
    group ? GROUP_RECIPIENT_KEYS : RECIPIENT_KEYS,
    path,
    false,
  );
  addRecord(run, recipient, occurredAt);
  const groupId = group ? run.str(st, 'recipient_id', path, 256) : undefined;
  const conversationId = conversationOf(business, recipient, groupId).id;
  const participant = recipient.chatKey;
  const event = eventBase<StatusEvent>(run, contentKey(CHANNEL, ['status', wamid, raw, group ? participant : undefined]), conversationId, occurredAt, recipient.ids);
  event.type = 'status';
  event.status = status;
  event.targetMessageId = wamid;
  const errors = list(st, 'errors');
  if (errors.length > 0) {
    const e: Record<string, string> = {};
    readErrors(run, errors, [...path, 'errors'], e);
    const error: { code?: string; title?: string; detail?: string } = {};
    if (e['error_code'] !== undefined) error.code = e['error_code'];
    if (e['error_title'] !== undefined) error.title = e['error_title'];
    if (e['error_detail'] !== undefined) error.detail = e['error_detail'];
    event.error = error;
  }
  const extra: Record<string, string> = {};
  if (raw !== status) extra['whatsapp_status'] = raw!;
  if (group) extra['recipient_type'] = 'group';
  const conv = record(st, 'conversation');
  const convId = text(conv, 'id');
  const origin = text(record(conv, 'origin'), 'type');
  const expiration = run.time(conv, 'expiration_timestamp', [...path, 'conversation']);
  if (convId !== undefined) extra['pricing_conversation_id'] = convId;
  if (origin !== undefined) extra['pricing_conversation_origin'] = origin;
  if (expiration !== undefined) extra['pricing_conversation_expires_at'] = expiration;
  const pricing = record(st, 'pricing');
  for (const [key, name] of [['category', 'pricing_category'], ['pricing_model', 'pricing_model'], ['type', 'pricing_type']] as const) {
    const v = text(pricing, key);
    if (v !== undefined) extra[name] = v;
  }
  const billable = bool(pricing, 'billable');
  if (billable !== undefined) extra['pricing_billable'] = String(billable);
  const callback = text(st, 'biz_opaque_callback_data');
  if (callback !== undefined) extra['biz_opaque_callback_data'] = callback;
  if (Object.keys(extra).length > 0) event.extra = extra;
  run.b.events.push(event);
}

function handleUserIdUpdate(run: AdapterRun, update: unknown, path: Path): void {
  if (asRecord(update) === undefined) return run.issue('invalid_type', path, 'user_id_update item is not an object');
  const occurredAt = run.time(update, 'timestamp', path) ?? run.receivedAt;
  const waId = run.str(update, 'wa_id', path, 256);
  const bsuid = record(update, 'user_id');
  const parent = record(update, 'parent_user_id');
  const side = (which: 'previous' | 'current'): Identifier[] =>
    pushIds(
      [],
      run.id(BSUID, run.str(bsuid, which, [...path, 'user_id'], 512), [...path, 'user_id', which]),
      run.id(PARENT_BSUID, run.str(parent, which, [...path, 'parent_user_id'], 512), [...path, 'parent_user_id', which]),
    );
  const previous = side('previous');
  const current = side('current');
  if (previous.length === 0 && current.length === 0) return run.issue('required', path, 'user_id_update names no previous or current user id');
  const phone = run.id(PHONE, waId, [...path, 'wa_id']);
  const event: Writable<IdentityChangeEvent> = {
    id: contentKey(CHANNEL, ['user_id_update', waId, previous[0]?.value, current[0]?.value, occurredAt]),
    channel: CHANNEL,
    provider: PROVIDER,
    occurredAt,
    receivedAt: run.receivedAt,
    actor: phone !== undefined ? [phone] : current,
    type: 'identity_change',
    change: 'user_id_rotated',
  };
  if (previous.length > 0) event.previous = previous;
  if (current.length > 0) event.current = current;
  const detail = run.str(update, 'detail', path, 4096);
  if (detail !== undefined) event.extra = { detail };
  run.b.events.push(event);
}

/** When the contacts of a value were seen: the first readable provider time beside them. */
function firstTime(run: AdapterRun, items: readonly unknown[]): string | undefined {
  for (const item of items) {
    const iso = run.isoTime(field(item, 'timestamp'));
    if (iso !== undefined) return iso;
  }
  return undefined;
}

function handleValue(run: AdapterRun, field_: string, value: unknown, entryId: string | undefined, path: Path): void {
  const business = readBusiness(run, value, entryId, path);
  const contacts = readContacts(run, value, path);
  const messages = run.list(value, field_ === 'smb_message_echoes' ? 'message_echoes' : 'messages', path);
  const statuses = run.list(value, 'statuses', path);
  const updates = run.list(value, 'user_id_update', path);
  if (field_ === 'smb_message_echoes') {
    for (let i = 0; i < messages.length; i++) handleMessage(run, messages[i], [...path, 'message_echoes', i], business, contacts, true);
  } else if (field_ === 'user_id_update') {
    for (let i = 0; i < updates.length; i++) handleUserIdUpdate(run, updates[i], [...path, 'user_id_update', i]);
  } else {
    const errors = run.list(value, 'errors', path);
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      // Errors reported beside a message (not inside it) describe that message.
      const withErrors = errors.length > 0 && messages.length === 1 && field(m, 'errors') === undefined ? { ...asRecord(m), errors } : m;
      handleMessage(run, withErrors, [...path, 'messages', i], business, contacts, false);
    }
    for (let i = 0; i < statuses.length; i++) handleStatus(run, statuses[i], [...path, 'statuses', i], business, contacts);
    if (errors.length > 0 && messages.length === 0) {
      run.b.unsupported.push({ provider: PROVIDER, channel: CHANNEL, kind: 'errors', reason: 'errors reported without a message', path: [...path, 'errors'], raw: errors });
    }
  }
  // Contacts named without a message or status (user_id_update, errors) are still contacts seen.
  if (contacts.length === 0) return;
  const observedAt = firstTime(run, messages) ?? firstTime(run, statuses) ?? firstTime(run, updates) ?? run.receivedAt;
  for (const c of contacts) addRecord(run, c, observedAt);
}

const MODELLED_FIELDS = new Set(['messages', 'smb_message_echoes', 'user_id_update']);

/**
 * Normalize one WhatsApp Cloud API webhook delivery (`object: "whatsapp_business_account"`).
 *
 * - `messages`: every message type becomes a {@link Message} (`text`, `media` with the media id to
 *   download, `sticker`, `location`, `contacts`, `interactive` for button/list/flow replies, template
 *   quick replies and orders, `system`, `unsupported`); reactions, edits and revokes become events
 *   targeting the original `wamid`; `user_changed_number`, `user_changed_user_id` and
 *   `customer_identity_changed` system messages become identity-change events.
 * - `statuses`: sent/delivered/read/failed (and `played`, as read) become status events, with
 *   errors, group participants and pricing facts (in `extra`).
 * - `contacts[]`: one {@link ContactRecord} per customer, with the phone (`wa_id`), the
 *   business-scoped user id (`user_id`, namespace `whatsapp:bsuid`), the parent BSUID
 *   (`whatsapp:parent_bsuid`), the username and the profile name. The business's own number is only
 *   ever a sender or recipient, never a contact.
 * - `user_id_update`: a `user_id_rotated` identity-change event; `smb_message_echoes`: outbound
 *   messages sent from the WhatsApp Business app.
 * - any other `field` (account_update, message_template_status_update, ...) is kept as an
 *   {@link UnsupportedItem} with its raw payload.
 *
 * @example
 * ```ts
 * const r = normalizeWhatsApp(JSON.parse(rawBody), { receivedAt: new Date().toISOString() });
 * if (r.success) for (const m of r.data.messages) show(m.id, m.kind, m.text);
 * ```
 */
export function normalizeWhatsApp(body: unknown, context: NormalizeContext): Result<NormalizedBatch> {
  const started = startRun(body, context, PROVIDER, CHANNEL);
  if (!started.success) return started;
  const run = started.data;
  if (asRecord(body) === undefined) return fail(issue('invalid_type', [], 'a WhatsApp webhook body is a JSON object'));
  const object = field(body, 'object');
  if (object !== undefined && object !== 'whatsapp_business_account') {
    return fail(issue('invalid_value', ['object'], `expected object "whatsapp_business_account", got ${JSON.stringify(object)}`));
  }
  if (!Array.isArray(field(body, 'entry'))) return fail(issue('invalid_type', ['entry'], 'a WhatsApp webhook body has an "entry" array'));
  const entries = list(body, 'entry');
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e];
    const ePath = ['entry', e];
    if (asRecord(entry) === undefined) {
      run.issue('invalid_type', ePath, 'entry is not an object');
      continue;
    }
    const entryId = run.str(entry, 'id', ePath, 256);
    const changes = run.list(entry, 'changes', ePath);
    for (let c = 0; c < changes.length; c++) {
      const change = changes[c];
      const cPath = [...ePath, 'changes', c];
      const name = text(change, 'field');
      const value = record(change, 'value');
      if (name === undefined || !MODELLED_FIELDS.has(name) || value === undefined) {
        run.b.unsupported.push({
          provider: PROVIDER,
          channel: CHANNEL,
          kind: (name ?? 'unknown').slice(0, 128),
          reason: value === undefined && name !== undefined && MODELLED_FIELDS.has(name) ? 'change has no value object' : 'webhook field not modelled',
          path: cPath,
          raw: change,
        });
        continue;
      }
      handleValue(run, name, value, entryId, [...cPath, 'value']);
    }
  }
  return ok(run.b.build());
}

/**
 * True when `body` looks like a WhatsApp Cloud API webhook (`object: "whatsapp_business_account"`).
 *
 * @example
 * ```ts
 * isWhatsAppPayload({ object: 'whatsapp_business_account', entry: [] }); // true
 * ```
 */
export function isWhatsAppPayload(body: unknown): boolean {
  return field(body, 'object') === 'whatsapp_business_account';
}

/**
 * The WhatsApp Cloud API {@link ChannelAdapter}: {@link isWhatsAppPayload} + {@link normalizeWhatsApp}.
 *
 * @example
 * ```ts
 * if (whatsappAdapter.detect(body)) whatsappAdapter.normalize(body, { receivedAt });
 * ```
 */
export const whatsappAdapter: ChannelAdapter = { provider: PROVIDER, detect: isWhatsAppPayload, normalize: normalizeWhatsApp };
