// The Messenger Platform webhook format, shared by Messenger (`object: page`) and Instagram
// Messaging (`object: instagram`): entry[].messaging[] (and entry[].standby[] under the handover
// protocol) holding one event each: message (incl. echoes and unsends), message_edit, reaction,
// delivery, read, postback, referral. Customer ids (PSID, IGSID) are scoped to the page or
// Instagram account, so their namespace carries that account id.

import type { Identifier } from '../model/identifier.js';
import { fail, issue, ok, type Result } from '../model/issue.js';
import { type Attachment, type GeoLocation, MAX_MESSAGE_ATTACHMENTS, type Message, type MessageKind } from '../model/message.js';
import type { DeleteEvent, EditEvent, MessageEvent, ReactionEvent, StatusEvent } from '../model/message-event.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { contentKey, providerKey } from './_batch.js';
import { asRecord, bool, field, list, num, record, text } from './_read.js';
import { AdapterRun, type IdSpec, MAX_ID, MAX_TEXT, MAX_URL, type Path, startRun, type Writable } from './_run.js';
import type { NormalizeContext } from './adapter.js';

/** Attachment types that make a message with text captioned media (kind `media`). */
const CAPTIONED_TYPES: ReadonlySet<string> = new Set(['image', 'video', 'audio', 'file']);

/** What differs between Messenger and Instagram. */
export interface MessagingSpec {
  readonly provider: 'messenger' | 'instagram';
  /** The `object` value of the webhook body. */
  readonly object: 'page' | 'instagram';
  /** Namespace of a customer id scoped to account `accountId` (`messenger:page:<id>`). */
  customerNamespace(accountId: string): string;
  /** Namespace of the business account's own id. */
  readonly accountNamespace: string;
}

/** Events of the handover protocol and others omnilink does not model; kept raw. */
const UNMODELLED = [
  'optin',
  'account_linking',
  'pass_thread_control',
  'take_thread_control',
  'request_thread_control',
  'app_roles',
  'policy_enforcement',
  'messaging_feedback',
  'game_play',
  'checkout_update',
  'payment',
  'response_feedback',
];

const REFERRAL_FIELDS = ['ref', 'source', 'type', 'ad_id', 'referer_uri', 'ads_context_data', 'product'];

/** Events omnilink models, in the order they are looked for. */
const HANDLED = ['message', 'message_edit', 'reaction', 'delivery', 'read', 'postback', 'referral'];

/** True when the item carries one of the {@link HANDLED} events as an object. */
function handlesAny(item: unknown): boolean {
  for (const k of HANDLED) if (asRecord(field(item, k)) !== undefined) return true;
  return false;
}

/** The first of `keys` the item has (with any value). */
function firstPresent(item: unknown, keys: readonly string[]): string | undefined {
  for (const k of keys) if (field(item, k) !== undefined) return k;
  return undefined;
}

interface Parties {
  readonly account: string;
  readonly customer: Identifier | undefined;
  readonly business: Identifier | undefined;
  readonly conversationId: string;
}

class MessagingRun {
  readonly accountSpec: IdSpec;
  constructor(
    readonly run: AdapterRun,
    readonly spec: MessagingSpec,
  ) {
    this.accountSpec = { kind: 'user_id', namespace: spec.accountNamespace };
  }

  /** The spec of customer ids scoped to `account` (one account per delivery, nearly always: kept). */
  customerSpec(account: string): IdSpec {
    if (account !== this.lastAccount || this.lastCustomerSpec === undefined) {
      this.lastAccount = account;
      this.lastCustomerSpec = { kind: 'user_id', namespace: this.spec.customerNamespace(account) };
    }
    return this.lastCustomerSpec;
  }
  private lastAccount: string | undefined;
  private lastCustomerSpec: IdSpec | undefined;

  get channel(): 'messenger' | 'instagram' {
    return this.spec.provider;
  }

  unsupported(kind: string, reason: string, path: Path, raw: unknown): void {
    this.run.b.unsupported.push({ provider: this.spec.provider, channel: this.channel, kind: kind.slice(0, 128), reason, path, raw });
  }

  /**
   * Who is who in one messaging item. The page/account is the side whose id equals `entry.id`;
   * when that does not decide (ids missing, or test payloads with made-up entry ids) the roles
   * decide: for an echo the page is the sender, otherwise the recipient.
   */
  parties(item: unknown, entryId: string | undefined, echo: boolean, path: Path): Parties | undefined {
    const senderPath = [...path, 'sender'];
    const recipientPath = [...path, 'recipient'];
    const senderId = this.run.str(record(item, 'sender'), 'id', senderPath, 512);
    const recipientId = this.run.str(record(item, 'recipient'), 'id', recipientPath, 512);
    const senderIsEntry = entryId !== undefined && senderId === entryId;
    const recipientIsEntry = entryId !== undefined && recipientId === entryId;
    const pageIsSender = senderIsEntry !== recipientIsEntry ? senderIsEntry : echo;
    const account = (pageIsSender ? senderId : recipientId) ?? entryId;
    const customerId = pageIsSender ? recipientId : senderId;
    const customerPath = pageIsSender ? recipientPath : senderPath;
    if (account === undefined) {
      this.run.issue('required', path, 'neither the item nor its entry names the page or account');
      return undefined;
    }
    if (customerId === undefined) this.run.issue('required', customerPath, 'the customer id is missing');
    const customer = this.run.id(this.customerSpec(account), customerId, customerPath, 'id');
    const business = this.run.id(this.accountSpec, account, pageIsSender ? senderPath : recipientPath, 'id');
    return { account, customer, business, conversationId: `${this.channel}:chat:${account}:${customerId ?? 'unknown'}` };
  }

  addRecord(customer: Identifier | undefined, observedAt: string): void {
    if (customer === undefined) return;
    const id = this.run.recordId(customer, []);
    if (this.run.b.hasRecord(id)) return; // the first record of a customer is the one kept
    this.run.b.addRecord({
      id,
      channel: this.channel,
      source: this.spec.provider,
      identifiers: AdapterRun.withProvenance([customer], { channel: this.channel, source: this.spec.provider, recordId: id, observedAt }),
      observedAt,
    });
  }

  /**
   * The shared head of an event, as a fresh object: the caller sets `type` and the rest in the
   * model's order (assigning after these fields gives the same key order as spreading them first).
   */
  eventBase<E extends MessageEvent>(id: string, parties: Parties, occurredAt: string, actor: Identifier | undefined, sequence: number | undefined): Writable<E> {
    const head = { id, channel: this.channel, provider: this.spec.provider, conversationId: parties.conversationId, occurredAt, receivedAt: this.run.receivedAt } as Partial<Writable<E>> as Writable<E>;
    if (sequence !== undefined) head.sequence = sequence;
    head.actor = actor !== undefined ? [actor] : [];
    return head;
  }

  attachment(raw: unknown, path: Path, stickerId: string | undefined): { att: Attachment; location?: GeoLocation } | undefined {
    const run = this.run;
    if (asRecord(raw) === undefined) {
      run.issue('invalid_type', path, 'attachment is not an object');
      return undefined;
    }
    const type = text(raw, 'type') ?? 'unknown';
    const payload = record(raw, 'payload');
    const pPath = [...path, 'payload'];
    const att: Writable<Attachment> = { type: 'unknown' };
    const url = run.str(payload, 'url', pPath, MAX_URL) ?? run.str(raw, 'url', path, MAX_URL);
    if (url !== undefined) att.url = url;
    let location: GeoLocation | undefined;
    switch (type) {
      case 'image':
      case 'video':
      case 'audio':
      case 'file': {
        const sticker = run.str(payload, 'sticker_id', pPath, 256) ?? (type === 'image' ? stickerId : undefined);
        att.type = sticker !== undefined ? 'sticker' : type;
        const id = sticker ?? run.str(payload, 'attachment_id', pPath, 1024);
        if (id !== undefined) att.providerId = id;
        break;
      }
      case 'story_mention':
        att.type = 'story';
        break;
      case 'ig_reel':
      case 'reel': {
        att.type = 'reel';
        const id = run.str(payload, 'reel_video_id', pPath, 1024);
        const title = run.str(payload, 'title', pPath, 65_536);
        if (id !== undefined) att.providerId = id;
        if (title !== undefined) att.caption = title;
        break;
      }
      case 'ig_post':
      case 'share': {
        att.type = type === 'ig_post' ? 'post' : 'share';
        const id = run.str(payload, 'ig_post_media_id', pPath, 1024);
        const title = run.str(payload, 'title', pPath, 65_536);
        if (id !== undefined) att.providerId = id;
        if (title !== undefined) att.caption = title;
        break;
      }
      case 'fallback': {
        att.type = 'fallback';
        const title = run.str(raw, 'title', path, 65_536) ?? run.str(payload, 'title', pPath, 65_536);
        if (title !== undefined) att.caption = title;
        break;
      }
      case 'template': {
        att.type = 'template';
        const templateType = run.str(payload, 'template_type', pPath, 64);
        if (templateType !== undefined) att.caption = templateType;
        break;
      }
      case 'location': {
        att.type = 'location';
        const coordinates = record(payload, 'coordinates');
        const latitude = num(coordinates, 'lat');
        const longitude = num(coordinates, 'long');
        if (latitude !== undefined && longitude !== undefined && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
          location = { latitude, longitude };
        } else {
          run.issue('invalid_value', [...pPath, 'coordinates'], 'location attachment has no valid coordinates');
        }
        break;
      }
      case 'unsupported_type':
        att.type = 'unsupported';
        break;
      default:
        att.type = type.length > 0 && type.length <= 64 ? type : 'unknown';
    }
    return location !== undefined ? { att, location } : { att };
  }

  referralExtra(referral: unknown, extra: Record<string, string>): void {
    for (const key of REFERRAL_FIELDS) {
      const v = field(referral, key);
      if (typeof v === 'string' && v.length > 0) extra[`referral_${key}`] = v;
      else if (v !== undefined && v !== null && typeof v === 'object') extra[`referral_${key}`] = JSON.stringify(v);
    }
  }

  message(msg: Record<string, unknown>, parties: Parties, occurredAt: string, path: Path, standby: boolean): void {
    const run = this.run;
    const mPath = [...path, 'message'];
    const echo = bool(msg, 'is_echo') === true;
    const mid = run.str(msg, 'mid', mPath, MAX_ID);
    const sequence = num(msg, 'seq');
    if (bool(msg, 'is_deleted') === true) {
      if (mid === undefined) return run.issue('required', [...mPath, 'mid'], 'unsent message does not name its mid');
      const event = this.eventBase<DeleteEvent>(contentKey(this.channel, ['delete', mid]), parties, occurredAt, echo ? parties.business : parties.customer, sequence);
      event.type = 'delete';
      event.targetMessageId = mid;
      run.b.events.push(event);
      return;
    }
    const extra: Record<string, string> = {};
    const attachments: Attachment[] = [];
    let location: GeoLocation | undefined;
    const stickerId = run.str(msg, 'sticker_id', mPath, 256);
    const rawAttachments = list(msg, 'attachments');
    if (rawAttachments.length > MAX_MESSAGE_ATTACHMENTS) run.issue('too_big', [...mPath, 'attachments'], `more than ${MAX_MESSAGE_ATTACHMENTS} attachments; the rest dropped`);
    for (let i = 0; i < rawAttachments.length && i < MAX_MESSAGE_ATTACHMENTS; i++) {
      const read = this.attachment(rawAttachments[i], [...mPath, 'attachments', i], stickerId);
      if (read === undefined) continue;
      attachments.push(read.att);
      location ??= read.location;
    }
    const body = run.str(msg, 'text', mPath, MAX_TEXT);
    const quickReply = run.str(record(msg, 'quick_reply'), 'payload', [...mPath, 'quick_reply'], MAX_TEXT);
    if (quickReply !== undefined) extra['quick_reply_payload'] = quickReply;
    let kind: MessageKind;
    if (bool(msg, 'is_unsupported') === true) kind = 'unsupported';
    else if (quickReply !== undefined) kind = 'interactive';
    // Text with a photo, video, audio or file is captioned media, as a WhatsApp captioned image is.
    else if (body !== undefined) kind = attachments.some((a) => CAPTIONED_TYPES.has(a.type)) ? 'media' : 'text';
    else {
      const first = attachments[0]?.type;
      kind =
        first === undefined || first === 'unsupported'
          ? 'unsupported'
          : first === 'sticker'
            ? 'sticker'
            : first === 'location'
              ? 'location'
              : first === 'template'
                ? 'interactive'
                : 'media';
    }
    const replyTo = record(msg, 'reply_to');
    const replyMid = run.str(replyTo, 'mid', [...mPath, 'reply_to'], MAX_ID);
    const story = record(replyTo, 'story');
    const storyId = run.str(story, 'id', [...mPath, 'reply_to', 'story'], MAX_ID);
    const storyUrl = run.str(story, 'url', [...mPath, 'reply_to', 'story'], MAX_URL);
    if (storyId !== undefined) extra['reply_to_story_id'] = storyId;
    if (storyUrl !== undefined) extra['reply_to_story_url'] = storyUrl;
    if (echo) {
      const appId = text(msg, 'app_id');
      const metadata = text(msg, 'metadata');
      if (appId !== undefined) extra['app_id'] = appId;
      if (metadata !== undefined) extra['metadata'] = metadata;
    }
    if (stickerId !== undefined) extra['sticker_id'] = stickerId;
    if (standby) extra['standby'] = 'true';
    this.referralExtra(record(msg, 'referral'), extra);

    const message: Writable<Message> = {
      id: mid !== undefined ? providerKey(this.channel, mid) : contentKey(this.channel, ['message', parties.conversationId, occurredAt, body]),
      channel: this.channel,
      provider: this.spec.provider,
      conversation: { id: parties.conversationId, kind: 'private' },
      direction: echo ? 'outbound' : 'inbound',
      kind,
      occurredAt,
      receivedAt: run.receivedAt,
      sender: idList(echo ? parties.business : parties.customer),
      recipients: idList(echo ? parties.customer : parties.business),
      attachments,
      status: echo ? 'sent' : 'received',
    };
    if (mid !== undefined) message.providerMessageId = mid;
    else run.issue('required', [...mPath, 'mid'], 'message has no mid; keyed by content');
    if (sequence !== undefined) message.sequence = sequence;
    if (body !== undefined) message.text = body;
    if (location !== undefined) message.location = location;
    if (replyMid !== undefined) message.replyTo = replyMid;
    if (Object.keys(extra).length > 0) message.extra = extra;
    run.b.messages.push(message);
  }

  item(item: unknown, entryId: string | undefined, entryTime: string | undefined, path: Path, standby: boolean): void {
    const run = this.run;
    if (asRecord(item) === undefined) return run.issue('invalid_type', path, 'messaging item is not an object');
    const msg = record(item, 'message');
    const echo = bool(msg, 'is_echo') === true;
    const occurredAt = run.time(item, 'timestamp', path) ?? entryTime ?? run.receivedAt;
    if (!handlesAny(item)) {
      const kind = firstPresent(item, UNMODELLED) ?? 'unknown';
      return this.unsupported(kind, kind === 'unknown' ? 'messaging event not recognised' : 'messaging event not modelled', path, item);
    }
    const parties = this.parties(item, entryId, echo, path);
    if (parties === undefined) return;
    this.addRecord(parties.customer, occurredAt);
    const customerActor = parties.customer;

    if (msg !== undefined) return this.message(msg, parties, occurredAt, path, standby);

    const edit = record(item, 'message_edit');
    if (edit !== undefined) {
      const ePath = [...path, 'message_edit'];
      const mid = run.str(edit, 'mid', ePath, MAX_ID);
      if (mid === undefined) return run.issue('required', [...ePath, 'mid'], 'message_edit does not name its mid');
      const newText = run.str(edit, 'text', ePath, MAX_TEXT);
      const count = num(edit, 'num_edit');
      const editCount = count !== undefined && Number.isSafeInteger(count) && count >= 0 ? count : undefined;
      const event = this.eventBase<EditEvent>(contentKey(this.channel, ['edit', mid, editCount, newText]), parties, occurredAt, customerActor, undefined);
      event.type = 'edit';
      event.targetMessageId = mid;
      if (newText !== undefined) event.text = newText;
      if (editCount !== undefined) event.editCount = editCount;
      run.b.events.push(event);
      return;
    }

    const reaction = record(item, 'reaction');
    if (reaction !== undefined) {
      const rPath = [...path, 'reaction'];
      const mid = run.str(reaction, 'mid', rPath, MAX_ID);
      if (mid === undefined) return run.issue('required', [...rPath, 'mid'], 'reaction does not name its mid');
      const action = text(reaction, 'action');
      const emoji = action === 'unreact' ? undefined : text(reaction, 'emoji');
      const name = text(reaction, 'reaction');
      const event = this.eventBase<ReactionEvent>(contentKey(this.channel, ['reaction', mid, parties.conversationId, action, emoji ?? name, occurredAt]), parties, occurredAt, customerActor, undefined);
      event.type = 'reaction';
      event.targetMessageId = mid;
      if (emoji !== undefined && emoji.length <= 64) event.emoji = emoji;
      if (name !== undefined && name.length <= 256) event.extra = { reaction: name };
      run.b.events.push(event);
      return;
    }

    const delivery = record(item, 'delivery');
    const read = record(item, 'read');
    if (delivery !== undefined || read !== undefined) {
      const receipt = (delivery ?? read)!;
      const status: StatusEvent['status'] = delivery !== undefined ? 'delivered' : 'read';
      const rPath = [...path, delivery !== undefined ? 'delivery' : 'read'];
      const watermark = run.time(receipt, 'watermark', rPath);
      const sequence = num(receipt, 'seq');
      const mids = [...list(receipt, 'mids'), ...(field(receipt, 'mid') !== undefined ? [field(receipt, 'mid')] : [])];
      const targets: string[] = [];
      for (let i = 0; i < mids.length && i < 1000; i++) {
        const m = mids[i];
        const mid = typeof m === 'string' && m.length > 0 && m.length <= MAX_ID ? m : undefined;
        if (mid === undefined) run.issue('invalid_value', [...rPath, 'mids', i], 'receipt mid is not a usable id');
        else targets.push(mid);
      }
      for (const t of targets) run.b.events.push(this.receipt(status, t, watermark, parties, occurredAt, customerActor, sequence));
      // The watermark covers every message sent before it, not only the listed mids (Meta: "all
      // messages that were sent before or at this timestamp were delivered"): it gets its own event.
      if (watermark !== undefined) run.b.events.push(this.receipt(status, undefined, watermark, parties, occurredAt, customerActor, sequence));
      else if (targets.length === 0) run.issue('required', rPath, `${status} receipt names neither message ids nor a watermark`);
      return;
    }

    const postback = record(item, 'postback');
    if (postback !== undefined) {
      const pPath = [...path, 'postback'];
      const mid = run.str(postback, 'mid', pPath, MAX_ID);
      const title = run.str(postback, 'title', pPath, MAX_TEXT);
      const payload = run.str(postback, 'payload', pPath, MAX_TEXT);
      const extra: Record<string, string> = {};
      if (payload !== undefined) extra['postback_payload'] = payload;
      this.referralExtra(record(postback, 'referral'), extra);
      if (standby) extra['standby'] = 'true';
      this.pushCustomerMessage(parties, occurredAt, 'postback', mid, ['postback', parties.conversationId, occurredAt, payload, title], title, extra);
      return;
    }

    // A standalone referral: the customer arrived from an m.me / ig.me link or an ad. No text,
    // but a touchpoint worth keeping on the timeline.
    const extra: Record<string, string> = {};
    this.referralExtra(record(item, 'referral'), extra);
    if (standby) extra['standby'] = 'true';
    this.pushCustomerMessage(parties, occurredAt, 'system', undefined, ['referral', parties.conversationId, occurredAt, extra['referral_ref'], extra['referral_ad_id']], undefined, extra);
  }

  /** One delivery or read receipt event, for one message id (or for the watermark alone). */
  receipt(
    status: StatusEvent['status'],
    target: string | undefined,
    watermark: string | undefined,
    parties: Parties,
    occurredAt: string,
    actor: Identifier | undefined,
    sequence: number | undefined,
  ): StatusEvent {
    const event = this.eventBase<StatusEvent>(contentKey(this.channel, [status, parties.conversationId, target, watermark]), parties, occurredAt, actor, sequence);
    event.type = 'status';
    event.status = status;
    if (target !== undefined) event.targetMessageId = target;
    if (watermark !== undefined) event.watermark = watermark;
    return event;
  }

  pushCustomerMessage(
    parties: Parties,
    occurredAt: string,
    kind: MessageKind,
    mid: string | undefined,
    keyParts: readonly (string | undefined)[],
    body: string | undefined,
    extra: Record<string, string>,
  ): void {
    const message: Writable<Message> = {
      id: mid !== undefined ? providerKey(this.channel, mid) : contentKey(this.channel, keyParts),
      channel: this.channel,
      provider: this.spec.provider,
      conversation: { id: parties.conversationId, kind: 'private' },
      direction: 'inbound',
      kind,
      occurredAt,
      receivedAt: this.run.receivedAt,
      sender: idList(parties.customer),
      recipients: idList(parties.business),
      attachments: [],
      status: 'received',
    };
    if (mid !== undefined) message.providerMessageId = mid;
    if (body !== undefined) message.text = body;
    if (Object.keys(extra).length > 0) message.extra = extra;
    this.run.b.messages.push(message);
  }
}

function idList(id: Identifier | undefined): Identifier[] {
  return id !== undefined ? [id] : [];
}

/** Normalize a Messenger Platform style webhook body (Messenger or Instagram). */
export function normalizeMessaging(body: unknown, context: NormalizeContext, spec: MessagingSpec): Result<NormalizedBatch> {
  const started = startRun(body, context, spec.provider, spec.provider);
  if (!started.success) return started;
  const run = started.data;
  if (asRecord(body) === undefined) return fail(issue('invalid_type', [], `a ${spec.provider} webhook body is a JSON object`));
  const object = field(body, 'object');
  if (object !== undefined && object !== spec.object) {
    return fail(issue('invalid_value', ['object'], `expected object "${spec.object}", got ${JSON.stringify(object)}`));
  }
  if (!Array.isArray(field(body, 'entry'))) return fail(issue('invalid_type', ['entry'], `a ${spec.provider} webhook body has an "entry" array`));
  const m = new MessagingRun(run, spec);
  const entries = list(body, 'entry');
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e];
    const ePath = ['entry', e];
    if (asRecord(entry) === undefined) {
      run.issue('invalid_type', ePath, 'entry is not an object');
      continue;
    }
    const entryId = run.str(entry, 'id', ePath, 512);
    const entryTime = run.time(entry, 'time', ePath);
    const messaging = run.list(entry, 'messaging', ePath);
    for (let i = 0; i < messaging.length; i++) m.item(messaging[i], entryId, entryTime, [...ePath, 'messaging', i], false);
    const standby = run.list(entry, 'standby', ePath);
    for (let i = 0; i < standby.length; i++) m.item(standby[i], entryId, entryTime, [...ePath, 'standby', i], true);
    const changes = run.list(entry, 'changes', ePath);
    for (let c = 0; c < changes.length; c++) {
      const change = changes[c];
      const cPath = [...ePath, 'changes', c];
      const value = record(change, 'value');
      // The App Dashboard's test notifications wrap a messaging event in a change.
      if (value !== undefined && asRecord(field(value, 'sender')) !== undefined) m.item(value, entryId, entryTime, [...cPath, 'value'], false);
      else m.unsupported(text(change, 'field') ?? 'unknown', 'webhook field not modelled', cPath, change);
    }
  }
  return ok(run.b.build());
}
