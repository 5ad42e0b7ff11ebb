import type { Identifier } from '../model/identifier.js';
import { type Result, fail, issue, ok } from '../model/issue.js';
import type { Attachment, ConversationRef, GeoLocation, Message, MessageKind } from '../model/message.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import type { EditEvent } from '../model/message-event.js';
import type { ChannelAdapter, NormalizeContext } from './adapter.js';
import { BatchBuilder, contentKey, providerKey } from './_batch.js';
import { contactRecord, hasOwnKeys, identify } from './_identify.js';
import { asRecord, bool, field, list, num, record, text } from './_read.js';
import type { Writable } from './_run.js';
import { type Scope, finish, guardPayload, notAnObject, openScope } from './_scope.js';
import { toIsoTime } from './_time.js';

// LINE Messaging API webhooks (https://developers.line.biz/en/reference/messaging-api/#webhooks):
// `{ destination, events[] }`.
//
// User ids. LINE issues a user id per *provider* (`U` + 32 hex digits): the same person has a
// different id under each provider, every channel (bot, LINE Login) of one provider sees the same id,
// and an id never names two people. So the namespace is simply `line`: bots of one provider link, and
// ids of different providers never collide. Namespacing by `destination` (the bot) would split one
// user across the bots of one provider for nothing.
//
// Idempotency. A message is `line:<message.id>`; a redelivery (`deliveryContext.isRedelivery`) carries
// the same message id and `webhookEventId`, so it gives the same keys. Other events are keyed by
// `webhookEventId` (a ULID, unique per event and kept on redelivery); unsend by the unsent message id.

const CHANNEL = 'line' as const;
const NAMESPACE = 'line';

/** The conversation an event's `source` names, and the user in it when LINE says. */
interface Source {
  readonly conversation: ConversationRef;
  readonly userId?: string;
}

function readSource(source: unknown, destination: string | undefined): Source | undefined {
  const type = text(source, 'type');
  const userId = text(source, 'userId');
  const user = userId !== undefined ? { userId } : {};
  switch (type) {
    case 'user':
      return userId === undefined ? undefined : { conversation: { id: `line:chat:${destination ?? 'unknown'}:${userId}`, kind: 'private' }, ...user };
    case 'group': {
      const groupId = text(source, 'groupId');
      return groupId === undefined ? undefined : { conversation: { id: `line:group:${groupId}`, kind: 'group' }, ...user };
    }
    case 'room': {
      const roomId = text(source, 'roomId');
      return roomId === undefined ? undefined : { conversation: { id: `line:room:${roomId}`, kind: 'group' }, ...user };
    }
    default:
      return undefined;
  }
}

/** What a LINE message object carries. */
interface Content {
  kind: MessageKind;
  text?: string;
  attachments: Attachment[];
  location?: GeoLocation;
  extra: Record<string, string>;
}

function mediaAttachment(type: string, message: Record<string, unknown>, id: string): Attachment {
  const provider = record(message, 'contentProvider');
  // Content sent through LINE is fetched by message id; external content has its own URL.
  const url = text(provider, 'type') === 'external' ? text(provider, 'originalContentUrl') : undefined;
  return { type, providerId: id, ...(url !== undefined ? { url } : {}) };
}

function readContent(message: Record<string, unknown>, id: string): Content {
  const content: Content = { kind: 'text', attachments: [], extra: {} };
  const type = text(message, 'type');
  switch (type) {
    case 'text': {
      const body = text(message, 'text');
      if (body !== undefined) content.text = body;
      const emojis = list(message, 'emojis');
      if (emojis.length > 0) {
        content.extra.lineEmojis = JSON.stringify(emojis.map((e) => ({ index: num(e, 'index'), length: num(e, 'length'), productId: text(e, 'productId'), emojiId: text(e, 'emojiId') })));
      }
      const mentionees = list(record(message, 'mention'), 'mentionees');
      const mentioned = mentionees.map((m) => (text(m, 'type') === 'all' ? '@all' : text(m, 'userId'))).filter((u): u is string => u !== undefined);
      if (mentioned.length > 0) content.extra.mentions = mentioned.join(',');
      if (mentionees.some((m) => bool(m, 'isSelf') === true)) content.extra.mentionsBot = 'true';
      break;
    }
    case 'image':
    case 'video':
    case 'audio': {
      content.kind = 'media';
      content.attachments.push(mediaAttachment(type, message, id));
      const duration = num(message, 'duration');
      if (duration !== undefined) content.extra.durationMs = String(duration);
      const set = record(message, 'imageSet');
      const setId = text(set, 'id');
      if (setId !== undefined) {
        content.extra.imageSetId = setId;
        const index = num(set, 'index');
        const total = num(set, 'total');
        if (index !== undefined) content.extra.imageSetIndex = String(index);
        if (total !== undefined) content.extra.imageSetTotal = String(total);
      }
      break;
    }
    case 'file': {
      content.kind = 'media';
      const filename = text(message, 'fileName');
      const size = num(message, 'fileSize');
      content.attachments.push({
        type: 'file',
        providerId: id,
        ...(filename !== undefined ? { filename } : {}),
        ...(size !== undefined && Number.isSafeInteger(size) && size >= 0 ? { size } : {}),
      });
      break;
    }
    case 'location': {
      const latitude = num(message, 'latitude');
      const longitude = num(message, 'longitude');
      content.kind = 'location';
      if (latitude !== undefined && longitude !== undefined) {
        const name = text(message, 'title');
        const address = text(message, 'address');
        content.location = { latitude, longitude, ...(name !== undefined ? { name } : {}), ...(address !== undefined ? { address } : {}) };
      }
      break;
    }
    case 'sticker': {
      content.kind = 'sticker';
      const packageId = text(message, 'packageId');
      const stickerId = text(message, 'stickerId');
      content.attachments.push({ type: 'sticker', ...(packageId !== undefined && stickerId !== undefined ? { providerId: `${packageId}/${stickerId}` } : {}) });
      if (packageId !== undefined) content.extra.stickerPackageId = packageId;
      if (stickerId !== undefined) content.extra.stickerId = stickerId;
      const resource = text(message, 'stickerResourceType');
      if (resource !== undefined) content.extra.stickerResourceType = resource;
      const keywords = list(message, 'keywords').filter((k): k is string => typeof k === 'string');
      if (keywords.length > 0) content.extra.stickerKeywords = JSON.stringify(keywords);
      // Message stickers carry the text the user typed on them.
      const typed = text(message, 'text');
      if (typed !== undefined) content.text = typed;
      break;
    }
    default:
      content.kind = 'unsupported';
      if (type !== undefined) content.extra.lineMessageType = type;
  }
  const quoteToken = text(message, 'quoteToken');
  if (quoteToken !== undefined) content.extra.quoteToken = quoteToken;
  const readToken = text(message, 'markAsReadToken');
  if (readToken !== undefined) content.extra.markAsReadToken = readToken;
  return content;
}

/** The idempotency key of an event that is not a message: its `webhookEventId`, else a content hash. */
function eventKey(event: Record<string, unknown>, type: string, suffix?: string): string {
  const id = text(event, 'webhookEventId');
  if (id !== undefined) return providerKey(CHANNEL, `event:${id}${suffix !== undefined ? `:${suffix}` : ''}`);
  return contentKey(CHANNEL, [type, text(event, 'timestamp'), JSON.stringify(field(event, 'source') ?? null), JSON.stringify(field(event, type) ?? null), suffix]);
}

/** Walks one delivery. */
class LineRun {
  readonly batch = new BatchBuilder();
  private botIds: Identifier[] | undefined;
  constructor(
    readonly scope: Scope,
    readonly destination: string | undefined,
  ) {}

  user(userId: string | undefined, observedAt: string, path: readonly (string | number)[]): Identifier[] {
    if (userId === undefined) return [];
    const id = identify({ kind: 'user_id', value: userId, namespace: NAMESPACE, verified: true }, this.scope, CHANNEL, observedAt, this.batch.issues, path);
    if (id === undefined) return [];
    const r = contactRecord({ channel: CHANNEL, scope: this.scope, identifiers: [id], observedAt });
    if (r !== undefined) this.batch.addRecord(r);
    return [id];
  }

  /** The bot (`destination`) as the recipient, built once per delivery (so a bad id is reported once). */
  bot(observedAt: string): Identifier[] {
    if (this.botIds === undefined) {
      const id =
        this.destination === undefined
          ? undefined
          : identify({ kind: 'user_id', value: this.destination, namespace: NAMESPACE, verified: true }, this.scope, CHANNEL, observedAt, this.batch.issues, ['destination']);
      this.botIds = id !== undefined ? [id] : [];
    }
    return this.botIds;
  }

  occurred(event: Record<string, unknown>, path: readonly (string | number)[]): string {
    const t = toIsoTime(field(event, 'timestamp'));
    if (t !== undefined) return t;
    this.batch.issues.push(issue('required', [...path, 'timestamp'], 'line: missing or unreadable timestamp; receivedAt used instead'));
    return this.scope.receivedAt;
  }

  unsupported(event: Record<string, unknown>, type: string, reason: string, path: readonly (string | number)[]): void {
    this.batch.unsupported.push({ provider: 'line', channel: CHANNEL, kind: type, reason, path, raw: event });
  }

  /** A system message (join, leave, member joined/left, beacon, account link) in its conversation. */
  system(event: Record<string, unknown>, type: string, source: Source, sender: Identifier[], extra: Record<string, string>, id: string, path: readonly (string | number)[]): void {
    const occurredAt = this.occurred(event, path);
    this.batch.messages.push({
      id,
      channel: CHANNEL,
      provider: 'line',
      conversation: source.conversation,
      direction: 'inbound',
      kind: 'system',
      occurredAt,
      receivedAt: this.scope.receivedAt,
      sender,
      recipients: this.bot(occurredAt),
      attachments: [],
      status: 'received',
      extra: { lineEvent: type, ...modeExtra(event), ...extra },
    });
  }

  event(event: Record<string, unknown>, path: readonly (string | number)[]): void {
    const type = text(event, 'type') ?? 'unknown';
    const source = readSource(field(event, 'source'), this.destination);
    if (source === undefined) {
      this.unsupported(event, type, 'event without a readable source (user, group or room)', path);
      return;
    }
    switch (type) {
      case 'message':
        return this.message(event, source, path);
      case 'messageEdited':
        return this.edited(event, source, path);
      case 'unsend': {
        const target = text(record(event, 'unsend'), 'messageId');
        if (target === undefined) return this.unsupported(event, type, 'unsend without unsend.messageId', path);
        const occurredAt = this.occurred(event, path);
        this.batch.events.push({
          type: 'delete',
          id: `${providerKey(CHANNEL, target)}:unsend`,
          channel: CHANNEL,
          provider: 'line',
          conversationId: source.conversation.id,
          occurredAt,
          receivedAt: this.scope.receivedAt,
          actor: this.user(source.userId, occurredAt, [...path, 'source', 'userId']),
          targetMessageId: target,
        });
        return;
      }
      case 'follow':
      case 'unfollow': {
        const occurredAt = this.occurred(event, path);
        const actor = this.user(source.userId, occurredAt, [...path, 'source', 'userId']);
        const unblocked = bool(record(event, 'follow'), 'isUnblocked');
        this.batch.events.push({
          type: 'identity_change',
          id: eventKey(event, type),
          channel: CHANNEL,
          provider: 'line',
          conversationId: source.conversation.id,
          occurredAt,
          receivedAt: this.scope.receivedAt,
          actor,
          change: type === 'follow' ? 'followed' : 'unfollowed',
          ...(type === 'follow' ? { current: actor } : { previous: actor }),
          ...(unblocked !== undefined ? { extra: { isUnblocked: String(unblocked) } } : {}),
        });
        return;
      }
      case 'join':
      case 'leave':
        // The bot joined or left the group: the conversation's own history.
        return this.system(event, type, source, [], {}, eventKey(event, type), path);
      case 'memberJoined':
      case 'memberLeft': {
        const members = list(record(event, type === 'memberJoined' ? 'joined' : 'left'), 'members');
        const occurredAt = this.occurred(event, path);
        members.forEach((member, i) => {
          const userId = text(member, 'userId');
          if (userId === undefined) return;
          const sender = this.user(userId, occurredAt, [...path, type === 'memberJoined' ? 'joined' : 'left', 'members', i, 'userId']);
          // One message per member: a message has one sender.
          this.system(event, type, source, sender, {}, eventKey(event, type, userId), path);
        });
        return;
      }
      case 'postback':
        return this.postback(event, source, path);
      case 'beacon': {
        const beacon = record(event, 'beacon');
        const extra: Record<string, string> = {};
        for (const [key, name] of [['hwid', 'beaconHwid'], ['type', 'beaconType'], ['dm', 'beaconDm']] as const) {
          const v = text(beacon, key);
          if (v !== undefined) extra[name] = v;
        }
        const sender = this.user(source.userId, this.occurred(event, path), [...path, 'source', 'userId']);
        return this.system(event, type, source, sender, extra, eventKey(event, type), path);
      }
      case 'accountLink': {
        // The nonce is the caller's to resolve to their own account id; kept so they can.
        const link = record(event, 'link');
        const extra: Record<string, string> = {};
        const result = text(link, 'result');
        const nonce = text(link, 'nonce');
        if (result !== undefined) extra.accountLinkResult = result;
        if (nonce !== undefined) extra.accountLinkNonce = nonce;
        const sender = this.user(source.userId, this.occurred(event, path), [...path, 'source', 'userId']);
        return this.system(event, type, source, sender, extra, eventKey(event, type), path);
      }
      default:
        return this.unsupported(event, type, 'event type not modelled', path);
    }
  }

  message(event: Record<string, unknown>, source: Source, path: readonly (string | number)[]): void {
    const message = record(event, 'message');
    const id = text(message, 'id');
    if (message === undefined || id === undefined) {
      this.batch.issues.push(issue('required', [...path, 'message', 'id'], 'line: message event without message.id, skipped'));
      return;
    }
    const occurredAt = this.occurred(event, path);
    const content = readContent(message, id);
    const webhookEventId = text(event, 'webhookEventId');
    if (webhookEventId !== undefined) content.extra.webhookEventId = webhookEventId;
    const replyTo = text(message, 'quotedMessageId');
    const sender = this.user(source.userId, occurredAt, [...path, 'source', 'userId']);
    // Filled in the model's field order, optional fields only when present.
    const m = {
      id: providerKey(CHANNEL, id),
      channel: CHANNEL,
      provider: 'line',
      providerMessageId: id,
      conversation: source.conversation,
      direction: 'inbound',
      kind: content.kind,
      occurredAt,
      receivedAt: this.scope.receivedAt,
      sender,
      recipients: this.bot(occurredAt),
    } as Partial<Writable<Message>> as Writable<Message>;
    if (content.text !== undefined) m.text = content.text;
    m.attachments = content.attachments;
    if (content.location !== undefined) m.location = content.location;
    if (replyTo !== undefined) m.replyTo = replyTo;
    m.status = 'received';
    // content.extra never holds `mode`: standby is added last, as a merge would.
    const extra = content.extra;
    if (text(event, 'mode') === 'standby') extra.mode = 'standby';
    if (hasOwnKeys(extra)) m.extra = extra;
    this.batch.messages.push(m);
  }

  edited(event: Record<string, unknown>, source: Source, path: readonly (string | number)[]): void {
    const message = record(event, 'message');
    const target = text(message, 'id');
    if (message === undefined || target === undefined) {
      this.batch.issues.push(issue('required', [...path, 'message', 'id'], 'line: messageEdited without message.id, skipped'));
      return;
    }
    // Several edits may arrive out of order: the one with the largest timestamp is the latest.
    const occurredAt = this.occurred(event, path);
    const content = readContent(message, target);
    const edit: Writable<EditEvent> = {
      type: 'edit',
      id: eventKey(event, 'messageEdited'),
      channel: CHANNEL,
      provider: 'line',
      conversationId: source.conversation.id,
      occurredAt,
      receivedAt: this.scope.receivedAt,
      actor: this.user(source.userId, occurredAt, [...path, 'source', 'userId']),
      targetMessageId: target,
    };
    if (content.text !== undefined) edit.text = content.text;
    this.batch.events.push(edit);
  }

  postback(event: Record<string, unknown>, source: Source, path: readonly (string | number)[]): void {
    const postback = record(event, 'postback');
    const occurredAt = this.occurred(event, path);
    const extra: Record<string, string> = { ...modeExtra(event) };
    const data = text(postback, 'data');
    if (data !== undefined) extra.postbackData = data;
    const params = record(postback, 'params');
    if (params !== undefined) {
      const flat: Record<string, string> = {};
      for (const key of Object.keys(params)) {
        const v = text(params, key);
        if (v !== undefined) flat[key] = v;
      }
      if (Object.keys(flat).length > 0) extra.postbackParams = JSON.stringify(flat);
    }
    const webhookEventId = text(event, 'webhookEventId');
    if (webhookEventId !== undefined) extra.webhookEventId = webhookEventId;
    this.batch.messages.push({
      id: eventKey(event, 'postback'),
      channel: CHANNEL,
      provider: 'line',
      conversation: source.conversation,
      direction: 'inbound',
      kind: 'postback',
      occurredAt,
      receivedAt: this.scope.receivedAt,
      sender: this.user(source.userId, occurredAt, [...path, 'source', 'userId']),
      recipients: this.bot(occurredAt),
      attachments: [],
      status: 'received',
      extra,
    });
  }
}

/** `mode: standby` (another channel holds the chat, the bot only listens) is worth keeping. */
function modeExtra(event: Record<string, unknown>): Record<string, string> {
  const mode = text(event, 'mode');
  return mode === 'standby' ? { mode } : {};
}

/**
 * Normalize one LINE Messaging API webhook body (`{ destination, events[] }`) into contact
 * records, messages and events.
 *
 * - `message` events of every type (text with LINE emojis and mentions, image, video, audio, file,
 *   location, sticker) become messages `line:<message.id>`; `quotedMessageId` is `replyTo`. A
 *   redelivered event (`deliveryContext.isRedelivery`) gives the same ids.
 * - `messageEdited` -> `edit` event; `unsend` -> `delete` event; `follow`/`unfollow` ->
 *   `identity_change` (`followed`/`unfollowed`); `postback` -> `postback` message; `join`, `leave`,
 *   `memberJoined`/`memberLeft` (one per member), `beacon`, `accountLink` -> `system` messages.
 *   Other event types are kept as unsupported items.
 * - A body without an `events` array is not a LINE webhook: a failed Result (`required` or
 *   `invalid_type` at `['events']`). An empty `events` array (LINE's console "Verify") is an empty batch.
 * - User ids: kind `user_id`, namespace `line` (LINE scopes ids per provider and they never collide).
 *   Conversations: `line:chat:<destination>:<userId>`, `line:group:<groupId>`, `line:room:<roomId>`.
 *
 * @example
 * ```ts
 * const r = normalizeLineWebhook(JSON.parse(rawBody), { receivedAt: new Date().toISOString() });
 * const texts = r.success ? r.data.messages.map((m) => [m.conversation.id, m.text]) : [];
 * ```
 */
export function normalizeLineWebhook(body: unknown, context: NormalizeContext): Result<NormalizedBatch> {
  const opened = openScope('line', context);
  if (!opened.success) return opened;
  const refused = guardPayload(body, context);
  if (refused !== undefined) return refused;
  const webhook = asRecord(body);
  if (webhook === undefined) return notAnObject('line');
  // `events` is what makes a body a LINE webhook (LINE's console check sends it empty): without it
  // the body is of another shape, and a failed Result says so, as the other adapters do.
  const events = field(webhook, 'events');
  if (events === undefined) return fail(issue('required', ['events'], 'line: not a LINE webhook: no events array'));
  if (!Array.isArray(events)) return fail(issue('invalid_type', ['events'], 'line: not a LINE webhook: events is not an array'));
  const destination = text(webhook, 'destination');
  const run = new LineRun(opened.data, destination);
  if (destination === undefined) run.batch.issues.push(issue('required', ['destination'], 'line: webhook without destination (the bot user id)'));
  (events as readonly unknown[]).forEach((event, i) => {
    const e = asRecord(event);
    if (e === undefined) run.batch.issues.push(issue('invalid_type', ['events', i], 'line: event is not an object'));
    else run.event(e, ['events', i]);
  });
  return ok(finish(run.batch, 'line', CHANNEL));
}

/**
 * The LINE adapter: detects `{ destination, events: [] }` bodies and normalizes them with
 * {@link normalizeLineWebhook}.
 *
 * @example
 * ```ts
 * if (lineAdapter.detect(body)) lineAdapter.normalize(body, { receivedAt });
 * ```
 */
export const lineAdapter: ChannelAdapter = {
  provider: 'line',
  detect(body: unknown): boolean {
    return typeof field(body, 'destination') === 'string' && Array.isArray(field(body, 'events'));
  },
  normalize: normalizeLineWebhook,
};
