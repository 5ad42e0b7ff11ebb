import type { Identifier } from '../model/identifier.js';
import { type Issue, type Result, fail, issue, ok } from '../model/issue.js';
import type { Attachment, ConversationRef, GeoLocation, Message, MessageKind } from '../model/message.js';
import { MAX_REACTIONS, MAX_REACTION_LENGTH } from '../model/message-event.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import type { ChannelAdapter, NormalizeContext } from './adapter.js';
import { BatchBuilder, providerKey } from './_batch.js';
import { contactRecord, hasOwnKeys, identify, joinName } from './_identify.js';
import { asRecord, bool, field, list, num, record, text } from './_read.js';
import type { Writable } from './_run.js';
import { type Scope, finish, guardPayload, notAnObject, openScope } from './_scope.js';
import { toIsoTime } from './_time.js';

// Telegram Bot API `Update` objects (https://core.telegram.org/bots/api#update).
//
// Ids. Telegram message ids are unique only inside one chat, so the provider message id is
// `<chat.id>:<message_id>` and the idempotency key `telegram:<chat.id>:<message_id>`; a redelivered
// update gives the same keys. `update_id` becomes `sequence`. Users: kind `user_id`, namespace
// `telegram` (a Telegram user id is global, the same for every bot); usernames: kind `username`,
// namespace `telegram`. Both are verified: Telegram vouches for the sender.

const CHANNEL = 'telegram' as const;

/** Update fields that carry a Message, and how to read them. */
const MESSAGE_UPDATES: Readonly<Record<string, MessageUpdate>> = {
  message: { edited: false, channelPost: false, business: false },
  edited_message: { edited: true, channelPost: false, business: false },
  channel_post: { edited: false, channelPost: true, business: false },
  edited_channel_post: { edited: true, channelPost: true, business: false },
  business_message: { edited: false, channelPost: false, business: true },
  edited_business_message: { edited: true, channelPost: false, business: true },
};

/** How to read an update field that carries a Message. */
interface MessageUpdate {
  readonly edited: boolean;
  readonly channelPost: boolean;
  /** A message of a chat of a connected business account (`business_message`). */
  readonly business: boolean;
}

/** {@link normalizeTelegramUpdate}'s context: the usual one plus our own bots. */
export interface TelegramNormalizeContext extends NormalizeContext {
  /**
   * The user ids of our own bots (the number before the `:` of a bot token). A message from one
   * of them is outbound; a message from any other bot is inbound (another bot in a group).
   * @defaultValue undefined: a bot's message is ours (outbound) in a private chat, where the only
   * bot is ours, and another participant's (inbound) in a group.
   */
  readonly ownBotIds?: readonly (string | number)[];
}

/** Message fields that describe the message rather than carry its content. */
const METADATA_FIELDS = new Set([
  'message_id', 'message_thread_id', 'direct_messages_topic', 'from', 'sender_chat', 'sender_boost_count',
  'sender_business_bot', 'date', 'business_connection_id', 'chat', 'forward_origin', 'forward_from',
  'forward_from_chat', 'forward_from_message_id', 'forward_signature', 'forward_sender_name', 'forward_date',
  'is_topic_message', 'is_automatic_forward', 'reply_to_message', 'external_reply', 'quote', 'reply_to_story',
  'reply_to_checklist_task_id', 'via_bot', 'edit_date', 'has_protected_content', 'is_from_offline', 'is_paid_post',
  'media_group_id', 'author_signature', 'paid_star_count', 'text', 'entities', 'link_preview_options',
  'suggested_post_info', 'effect_id', 'caption', 'caption_entities', 'show_caption_above_media', 'has_media_spoiler',
  'reply_markup',
]);

/** Message fields that mark a service message (a member joined, a title changed, a pin, ...). */
const SERVICE_FIELDS = new Set([
  'new_chat_members', 'left_chat_member', 'new_chat_title', 'new_chat_photo', 'delete_chat_photo',
  'group_chat_created', 'supergroup_chat_created', 'channel_chat_created', 'message_auto_delete_timer_changed',
  'migrate_to_chat_id', 'migrate_from_chat_id', 'pinned_message', 'users_shared', 'chat_shared',
  'connected_website', 'write_access_allowed', 'proximity_alert_triggered', 'boost_added', 'chat_background_set',
  'forum_topic_created', 'forum_topic_edited', 'forum_topic_closed', 'forum_topic_reopened',
  'general_forum_topic_hidden', 'general_forum_topic_unhidden', 'giveaway_created', 'giveaway_completed',
  'giveaway_winners', 'video_chat_scheduled', 'video_chat_started', 'video_chat_ended',
  'video_chat_participants_invited', 'web_app_data', 'successful_payment', 'refunded_payment', 'gift',
  'unique_gift', 'paid_message_price_changed', 'checklist_tasks_done', 'checklist_tasks_added',
  'direct_message_price_changed',
]);

/** What a message carries, read from its content fields. */
interface Content {
  kind: MessageKind;
  text?: string;
  attachments: Attachment[];
  location?: GeoLocation;
  extra: Record<string, string>;
  /** A contact the sender shared: the phone and whose it is. */
  sharedContact?: { phone: string; userId?: string };
}

/** One file object (document, audio, voice, ...) as an attachment. */
function fileAttachment(type: string, file: unknown, caption: string | undefined): Attachment | undefined {
  const providerId = text(file, 'file_id');
  if (providerId === undefined) return undefined;
  const mimeType = text(file, 'mime_type');
  const filename = text(file, 'file_name');
  const size = num(file, 'file_size');
  const a: Writable<Attachment> = { type, providerId };
  if (mimeType !== undefined) a.mimeType = mimeType;
  if (filename !== undefined) a.filename = filename;
  if (size !== undefined && Number.isSafeInteger(size) && size >= 0) a.size = size;
  if (caption !== undefined) a.caption = caption;
  return a;
}

/** Attach the file under `key` of the message, when there is one; true when it was attached. */
function attachFile(content: Content, msg: Record<string, unknown>, type: string, key: string, caption: string | undefined, telegramType?: string): boolean {
  const a = fileAttachment(type, field(msg, key), caption);
  if (a === undefined) return false;
  content.attachments.push(a);
  content.kind = 'media';
  if (telegramType !== undefined) content.extra.telegramMediaType = telegramType;
  return true;
}

/** The largest size of a photo (`PhotoSize[]`, smallest first by convention, but not trusted to be). */
function largestPhoto(sizes: readonly unknown[]): unknown {
  let best: unknown;
  let bestArea = -1;
  let bestBytes = -1;
  for (const size of sizes) {
    if (text(size, 'file_id') === undefined) continue;
    const area = (num(size, 'width') ?? 0) * (num(size, 'height') ?? 0);
    const bytes = num(size, 'file_size') ?? 0;
    if (area > bestArea || (area === bestArea && bytes > bestBytes)) {
      best = size;
      bestArea = area;
      bestBytes = bytes;
    }
  }
  return best;
}

function readLocation(value: unknown): GeoLocation | undefined {
  const latitude = num(value, 'latitude');
  const longitude = num(value, 'longitude');
  return latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
}

function readContent(msg: Record<string, unknown>): Content {
  const caption = text(msg, 'caption');
  const content: Content = { kind: 'text', attachments: [], extra: {} };
  const body = text(msg, 'text') ?? caption;
  if (body !== undefined) content.text = body;

  const photo = largestPhoto(list(msg, 'photo'));
  if (photo !== undefined) {
    const a = fileAttachment('image', photo, caption);
    if (a !== undefined) {
      content.attachments.push(a);
      content.kind = 'media';
    }
  }
  // `animation` messages also carry a `document` with the same file, kept once.
  if (!attachFile(content, msg, 'video', 'animation', caption, 'animation')) attachFile(content, msg, 'file', 'document', caption);
  attachFile(content, msg, 'audio', 'audio', caption);
  attachFile(content, msg, 'voice', 'voice', caption);
  attachFile(content, msg, 'video', 'video', caption);
  attachFile(content, msg, 'video', 'video_note', caption, 'video_note');

  const sticker = record(msg, 'sticker');
  if (sticker !== undefined) {
    const emoji = text(sticker, 'emoji');
    const animated = bool(sticker, 'is_animated') === true || field(sticker, 'is_animated') === 1;
    const video = bool(sticker, 'is_video') === true;
    const a = fileAttachment('sticker', sticker, emoji);
    if (a !== undefined) {
      content.attachments.push({ ...a, mimeType: animated ? 'application/x-tgsticker' : video ? 'video/webm' : 'image/webp' });
    }
    content.kind = 'sticker';
    if (emoji !== undefined) content.extra.stickerEmoji = emoji;
    const set = text(sticker, 'set_name');
    if (set !== undefined) content.extra.stickerSet = set;
  }

  const venue = record(msg, 'venue');
  const location = readLocation(venue !== undefined ? field(venue, 'location') : field(msg, 'location'));
  if (location !== undefined) {
    const name = venue !== undefined ? text(venue, 'title') : undefined;
    const address = venue !== undefined ? text(venue, 'address') : undefined;
    content.location = { ...location, ...(name !== undefined ? { name } : {}), ...(address !== undefined ? { address } : {}) };
    content.kind = 'location';
    const live = num(field(msg, 'location'), 'live_period');
    if (live !== undefined) content.extra.livePeriodSeconds = String(live);
  }

  const contact = record(msg, 'contact');
  if (contact !== undefined) {
    const phone = text(contact, 'phone_number');
    const name = joinName(text(contact, 'first_name'), text(contact, 'last_name'));
    const userId = text(contact, 'user_id');
    content.kind = 'contacts';
    content.attachments.push({ type: 'contact', ...(name !== undefined ? { caption: name } : {}) });
    if (phone !== undefined) {
      content.extra.contactPhone = phone;
      content.sharedContact = { phone, ...(userId !== undefined ? { userId } : {}) };
    }
    if (name !== undefined) content.extra.contactName = name;
    if (userId !== undefined) content.extra.contactUserId = userId;
    const vcard = text(contact, 'vcard');
    if (vcard !== undefined) content.extra.contactVcard = vcard;
  }

  const poll = record(msg, 'poll');
  if (poll !== undefined) {
    content.kind = 'interactive';
    const question = text(poll, 'question');
    if (question !== undefined && content.text === undefined) content.text = question;
    const id = text(poll, 'id');
    if (id !== undefined) content.extra.pollId = id;
    const options = list(poll, 'options').map((o) => text(o, 'text')).filter((o): o is string => o !== undefined);
    if (options.length > 0) content.extra.pollOptions = JSON.stringify(options);
  }

  if (content.attachments.length === 0 && content.location === undefined && content.kind === 'text' && content.text === undefined) {
    const service = Object.keys(msg).find((k) => SERVICE_FIELDS.has(k) && msg[k] !== undefined);
    if (service !== undefined) {
      content.kind = 'system';
      content.extra.telegramService = service;
    } else {
      content.kind = 'unsupported';
      const other = Object.keys(msg).find((k) => !METADATA_FIELDS.has(k) && msg[k] !== undefined);
      if (other !== undefined) content.extra.telegramContent = other;
    }
  }
  const mediaGroup = text(msg, 'media_group_id');
  if (mediaGroup !== undefined) content.extra.mediaGroupId = mediaGroup;
  const thread = text(msg, 'message_thread_id');
  if (thread !== undefined) content.extra.threadId = thread;
  return content;
}

function conversationOf(chat: Record<string, unknown>, chatId: string): ConversationRef {
  const type = text(chat, 'type');
  const kind = type === 'group' || type === 'supergroup' ? 'group' : type === 'channel' ? 'channel' : 'private';
  const title = kind === 'private' ? undefined : text(chat, 'title');
  const id = `telegram:chat:${chatId}`;
  return title !== undefined ? { id, kind, title: title.slice(0, 1024) } : { id, kind };
}

/** Forward facts (Bot API 7 `forward_origin`, or the older `forward_*` fields). */
function readForward(msg: Record<string, unknown>, extra: Record<string, string>): boolean {
  const origin = record(msg, 'forward_origin');
  if (origin !== undefined) {
    const type = text(origin, 'type');
    if (type !== undefined) extra.forwardOrigin = type;
    const user = record(origin, 'sender_user');
    const chat = record(origin, 'sender_chat') ?? record(origin, 'chat');
    const from =
      (user !== undefined ? joinName(text(user, 'first_name'), text(user, 'last_name')) : undefined) ??
      text(origin, 'sender_user_name') ??
      (chat !== undefined ? text(chat, 'title') : undefined);
    if (from !== undefined) extra.forwardedFrom = from;
    const date = toIsoTime(field(origin, 'date'));
    if (date !== undefined) extra.forwardedDate = date;
    return true;
  }
  const legacyUser = record(msg, 'forward_from');
  const legacyChat = record(msg, 'forward_from_chat');
  const legacyName = text(msg, 'forward_sender_name');
  if (legacyUser === undefined && legacyChat === undefined && legacyName === undefined && field(msg, 'forward_date') === undefined) return false;
  const from =
    (legacyUser !== undefined ? joinName(text(legacyUser, 'first_name'), text(legacyUser, 'last_name')) : undefined) ??
    legacyName ??
    (legacyChat !== undefined ? text(legacyChat, 'title') : undefined);
  if (from !== undefined) extra.forwardedFrom = from;
  const date = toIsoTime(field(msg, 'forward_date'));
  if (date !== undefined) extra.forwardedDate = date;
  return true;
}

/** The provider id of the message this one replies to (same chat, or `external_reply` in another). */
function readReplyTo(msg: Record<string, unknown>, chatId: string): string | undefined {
  const reply = record(msg, 'reply_to_message');
  if (reply !== undefined) {
    const id = text(reply, 'message_id');
    const replyChat = text(record(reply, 'chat'), 'id') ?? chatId;
    if (id !== undefined) return `${replyChat}:${id}`;
  }
  const external = record(msg, 'external_reply');
  if (external !== undefined) {
    const id = text(external, 'message_id');
    const externalChat = text(record(external, 'chat'), 'id');
    if (id !== undefined && externalChat !== undefined) return `${externalChat}:${id}`;
  }
  return undefined;
}

/** A Telegram user as identifiers: the user id, then the username when there is one. */
function userIdentifiers(user: Record<string, unknown>, scope: Scope, observedAt: string, issues: Issue[], path: readonly (string | number)[]): Identifier[] {
  const out: Identifier[] = [];
  const id = text(user, 'id');
  if (id !== undefined) {
    const i = identify({ kind: 'user_id', value: id, namespace: 'telegram', verified: true }, scope, CHANNEL, observedAt, issues, [...path, 'id']);
    if (i !== undefined) out.push(i);
  }
  const username = text(user, 'username');
  if (username !== undefined && out.length > 0) {
    const u = identify({ kind: 'username', value: username, namespace: 'telegram', verified: true }, scope, CHANNEL, observedAt, issues, [...path, 'username']);
    if (u !== undefined) out.push(u);
  }
  return out;
}

function userName(user: Record<string, unknown>): { full?: string; given?: string; family?: string } {
  const given = text(user, 'first_name');
  const family = text(user, 'last_name');
  const full = joinName(given, family);
  const name: { full?: string; given?: string; family?: string } = {};
  if (full !== undefined) name.full = full;
  if (given !== undefined) name.given = given;
  if (family !== undefined) name.family = family;
  return name;
}

/** Add the contact record of a (human) Telegram user, with a verified phone when they shared their own. */
function addUserRecord(
  batch: BatchBuilder,
  user: Record<string, unknown>,
  identifiers: readonly Identifier[],
  scope: Scope,
  observedAt: string,
  ownPhone: Identifier | undefined,
): void {
  if (identifiers.length === 0) return;
  const locale = text(user, 'language_code');
  const name = userName(user);
  const r = contactRecord({ channel: CHANNEL, scope, name, observedAt, locale, identifiers });
  if (r !== undefined) batch.addRecord(r);
  if (ownPhone !== undefined) {
    // A separate record linking the account to the phone: the anchor (user id) ties it to the first.
    const withPhone = contactRecord({ channel: CHANNEL, scope, name, observedAt, locale, identifiers: [identifiers[0]!, ownPhone] });
    if (withPhone !== undefined) batch.addRecord(withPhone);
  }
}

function occurred(value: unknown, scope: Scope, batch: BatchBuilder, path: readonly (string | number)[]): string {
  const t = toIsoTime(value);
  if (t !== undefined) return t;
  batch.issues.push(issue(value === undefined ? 'required' : 'invalid_value', path, 'telegram: missing or unreadable date; receivedAt used instead'));
  return scope.receivedAt;
}

function handleMessage(
  msg: Record<string, unknown>,
  how: MessageUpdate,
  ownBots: ReadonlySet<string> | undefined,
  sequence: number,
  scope: Scope,
  batch: BatchBuilder,
  path: readonly (string | number)[],
): void {
  const chat = record(msg, 'chat');
  const chatId = text(chat, 'id');
  const messageId = text(msg, 'message_id');
  if (chat === undefined || chatId === undefined || messageId === undefined) {
    batch.issues.push(issue('required', path, 'telegram: message without chat.id or message_id, skipped'));
    return;
  }
  const providerMessageId = `${chatId}:${messageId}`;
  const id = providerKey(CHANNEL, providerMessageId);
  const conversation = conversationOf(chat, chatId);
  const occurredAt = occurred(field(msg, 'date'), scope, batch, [...path, 'date']);

  // The sender. `sender_chat` means the message was sent on behalf of a chat (a channel, an anonymous
  // group admin); `from` then holds a placeholder bot account and says nothing about a person.
  const from = record(msg, 'from');
  const senderChat = record(msg, 'sender_chat');
  const fromBot = bool(from, 'is_bot') === true;
  const fromId = text(from, 'id');
  // A bot's message is ours when the bot is one of ours; without that list, when the chat is
  // private (the only bot in a private chat is ours).
  const ourBot = fromBot && (ownBots !== undefined ? fromId !== undefined && ownBots.has(fromId) : conversation.kind === 'private');
  // In a private chat of a connected business account the chat is the customer: a message from
  // anyone else is the business owner's, typed in their own Telegram app.
  const fromOwner = how.business && conversation.kind === 'private' && senderChat === undefined && fromId !== undefined && fromId !== chatId;
  const outbound = how.channelPost || ourBot || fromOwner || record(msg, 'sender_business_bot') !== undefined;
  const sender = from !== undefined && senderChat === undefined ? userIdentifiers(from, scope, occurredAt, batch.issues, [...path, 'from']) : [];
  const senderName = senderChat !== undefined ? text(senderChat, 'title') : from !== undefined ? joinName(text(from, 'first_name'), text(from, 'last_name')) : undefined;

  const content = readContent(msg);
  if (senderChat !== undefined) {
    const senderChatId = text(senderChat, 'id');
    if (senderChatId !== undefined) content.extra.senderChatId = senderChatId;
  }

  // A contact is the sender's own phone only when its user_id is the sender's id; anyone else's
  // contact stays message content.
  let ownPhone: Identifier | undefined;
  const shared = content.sharedContact;
  if (shared !== undefined && shared.userId !== undefined && fromId !== undefined && shared.userId === fromId && senderChat === undefined && !fromBot && !fromOwner) {
    const digits = shared.phone.trim();
    ownPhone = identify(
      { kind: 'phone', value: digits, verified: true, ...(digits.startsWith('+') ? {} : { normalizeAs: `+${digits}` }) },
      scope, CHANNEL, occurredAt, batch.issues, [...path, 'contact', 'phone_number'],
    );
  }

  // Customers only: not a bot, not the business owner.
  if (from !== undefined && senderChat === undefined && !fromBot && !fromOwner) addUserRecord(batch, from, sender, scope, occurredAt, ownPhone);

  if (how.edited) {
    const editedAt = occurred(field(msg, 'edit_date'), scope, batch, [...path, 'edit_date']);
    const editDate = text(msg, 'edit_date') ?? editedAt;
    batch.events.push({
      type: 'edit',
      id: `${id}:edit:${editDate}`,
      channel: CHANNEL,
      provider: 'telegram',
      conversationId: conversation.id,
      occurredAt: editedAt,
      receivedAt: scope.receivedAt,
      sequence,
      actor: sender,
      targetMessageId: providerMessageId,
      ...(content.text !== undefined ? { text: content.text } : {}),
    });
    return;
  }

  // In a private chat the chat is the customer: an outbound message is addressed to them.
  const recipients: Identifier[] = [];
  if (outbound && conversation.kind === 'private') {
    const r = identify({ kind: 'user_id', value: chatId, namespace: 'telegram', verified: true }, scope, CHANNEL, occurredAt, batch.issues, [...path, 'chat', 'id']);
    if (r !== undefined) recipients.push(r);
  }
  const forwarded = readForward(msg, content.extra);
  const replyTo = readReplyTo(msg, chatId);
  // A reply to a story (Bot API `reply_to_story`: a Story, its chat and id): no message to point
  // replyTo at, so the story is named in extra.
  const story = record(msg, 'reply_to_story');
  if (story !== undefined) {
    const storyId = text(story, 'id');
    const storyChat = text(record(story, 'chat'), 'id');
    if (storyId !== undefined) content.extra.replyToStoryId = storyId;
    if (storyChat !== undefined) content.extra.replyToStoryChatId = storyChat;
  }
  // Filled in the model's field order, optional fields only when present.
  const message = {
    id,
    channel: CHANNEL,
    provider: 'telegram',
    providerMessageId,
    conversation,
    direction: outbound ? 'outbound' : 'inbound',
    kind: content.kind,
    occurredAt,
    receivedAt: scope.receivedAt,
  } as Writable<Message>;
  message.sequence = sequence;
  message.sender = sender;
  if (senderName !== undefined) message.senderName = senderName.slice(0, 1024);
  message.recipients = recipients;
  if (content.text !== undefined) message.text = content.text;
  message.attachments = content.attachments;
  if (content.location !== undefined) message.location = content.location;
  if (replyTo !== undefined) message.replyTo = replyTo;
  if (forwarded) message.forwarded = true;
  message.status = outbound ? 'sent' : 'received';
  if (hasOwnKeys(content.extra)) message.extra = content.extra;
  batch.messages.push(message);
}

/** The emoji of a `ReactionType`: the emoji itself, `custom_emoji:<id>`, or `paid`. */
function reactionEmoji(reaction: unknown): string | undefined {
  switch (text(reaction, 'type')) {
    case 'emoji':
      return text(reaction, 'emoji');
    case 'custom_emoji': {
      const id = text(reaction, 'custom_emoji_id');
      return id !== undefined ? `custom_emoji:${id}` : undefined;
    }
    case 'paid':
      return 'paid';
    default:
      return undefined;
  }
}

/**
 * `message_reaction`: the reactor's reactions on a message changed from `old_reaction` to
 * `new_reaction`, which is their whole set now (up to 3). One ReactionEvent with the set in `emojis`
 * (`emoji` its first), or without emoji when they removed them all: a later update replaces it.
 */
function handleReaction(update: Record<string, unknown>, sequence: number, scope: Scope, batch: BatchBuilder, path: readonly (string | number)[]): void {
  const chat = record(update, 'chat');
  const chatId = text(chat, 'id');
  const messageId = text(update, 'message_id');
  if (chat === undefined || chatId === undefined || messageId === undefined) {
    batch.issues.push(issue('required', path, 'telegram: message_reaction without chat.id or message_id, skipped'));
    return;
  }
  const occurredAt = occurred(field(update, 'date'), scope, batch, [...path, 'date']);
  const user = record(update, 'user');
  const actorChat = record(update, 'actor_chat');
  const actor = user !== undefined ? userIdentifiers(user, scope, occurredAt, batch.issues, [...path, 'user']) : [];
  if (user !== undefined && bool(user, 'is_bot') !== true) addUserRecord(batch, user, actor, scope, occurredAt, undefined);
  const who = text(user, 'id') ?? (actorChat !== undefined ? `chat${text(actorChat, 'id') ?? ''}` : 'anonymous');
  const target = `${chatId}:${messageId}`;
  const base = {
    type: 'reaction' as const,
    channel: CHANNEL,
    provider: 'telegram' as const,
    conversationId: `telegram:chat:${chatId}`,
    occurredAt,
    receivedAt: scope.receivedAt,
    sequence,
    actor,
    targetMessageId: target,
  };
  const idBase = `${providerKey(CHANNEL, target)}:reaction:${who}:${text(update, 'date') ?? occurredAt}`;
  const emojis = list(update, 'new_reaction').map(reactionEmoji).filter((e): e is string => e !== undefined);
  const set = [...new Set(emojis.filter((e) => e.length <= MAX_REACTION_LENGTH))].slice(0, MAX_REACTIONS);
  batch.events.push(set.length === 0 ? { ...base, id: idBase } : { ...base, id: idBase, emoji: set[0]!, ...(set.length > 1 ? { emojis: set } : {}) });
}

/** `callback_query`: a user pressed an inline keyboard button. Becomes a `postback` message. */
function handleCallback(query: Record<string, unknown>, sequence: number, scope: Scope, batch: BatchBuilder, path: readonly (string | number)[]): void {
  const queryId = text(query, 'id');
  const from = record(query, 'from');
  if (queryId === undefined || from === undefined) {
    batch.issues.push(issue('required', path, 'telegram: callback_query without id or from, skipped'));
    return;
  }
  // A callback query has no date of its own.
  const occurredAt = scope.receivedAt;
  const sender = userIdentifiers(from, scope, occurredAt, batch.issues, [...path, 'from']);
  addUserRecord(batch, from, sender, scope, occurredAt, undefined);
  const origin = record(query, 'message');
  const chat = record(origin, 'chat');
  const chatId = text(chat, 'id');
  const originId = text(origin, 'message_id');
  const chatInstance = text(query, 'chat_instance');
  const conversation: ConversationRef =
    chat !== undefined && chatId !== undefined
      ? conversationOf(chat, chatId)
      : { id: chatInstance !== undefined ? `telegram:chat-instance:${chatInstance}` : `telegram:chat:${text(from, 'id') ?? 'unknown'}`, kind: 'private' };
  const extra: Record<string, string> = {};
  const data = text(query, 'data');
  if (data !== undefined) extra.callbackData = data;
  const game = text(query, 'game_short_name');
  if (game !== undefined) extra.gameShortName = game;
  const inline = text(query, 'inline_message_id');
  if (inline !== undefined) extra.inlineMessageId = inline;
  if (chatInstance !== undefined) extra.chatInstance = chatInstance;
  const senderName = joinName(text(from, 'first_name'), text(from, 'last_name'));
  batch.messages.push({
    id: providerKey(CHANNEL, `callback:${queryId}`),
    channel: CHANNEL,
    provider: 'telegram',
    providerMessageId: `callback:${queryId}`,
    conversation,
    direction: 'inbound',
    kind: 'postback',
    occurredAt,
    receivedAt: scope.receivedAt,
    sequence,
    sender,
    ...(senderName !== undefined ? { senderName } : {}),
    recipients: [],
    attachments: [],
    ...(chatId !== undefined && originId !== undefined ? { replyTo: `${chatId}:${originId}` } : {}),
    status: 'received',
    extra,
  });
}

/**
 * `my_chat_member` in a private chat: the user blocked the bot (new status `kicked`) or unblocked it
 * (`member` after `kicked`), Telegram's unfollow and follow; an `identity_change` event as LINE's.
 * False for any other change (a group, an admin right, ...): kept as an unsupported item.
 */
function handleBlock(update: Record<string, unknown>, sequence: number, scope: Scope, batch: BatchBuilder, path: readonly (string | number)[]): boolean {
  const chat = record(update, 'chat');
  const chatId = text(chat, 'id');
  const user = record(update, 'from');
  if (chat === undefined || chatId === undefined || user === undefined || text(chat, 'type') !== 'private') return false;
  const before = text(record(update, 'old_chat_member'), 'status');
  const after = text(record(update, 'new_chat_member'), 'status');
  if (after === undefined) return false;
  const change = after === 'kicked' && before !== 'kicked' ? 'unfollowed' : after === 'member' && before === 'kicked' ? 'followed' : undefined;
  if (change === undefined) return false;
  const occurredAt = occurred(field(update, 'date'), scope, batch, [...path, 'date']);
  const actor = userIdentifiers(user, scope, occurredAt, batch.issues, [...path, 'from']);
  if (bool(user, 'is_bot') !== true) addUserRecord(batch, user, actor, scope, occurredAt, undefined);
  batch.events.push({
    type: 'identity_change',
    id: `${providerKey(CHANNEL, `${chatId}:member`)}:${text(update, 'date') ?? occurredAt}:${change}`,
    channel: CHANNEL,
    provider: 'telegram',
    conversationId: `telegram:chat:${chatId}`,
    occurredAt,
    receivedAt: scope.receivedAt,
    sequence,
    actor,
    change,
    ...(change === 'followed' ? { current: actor } : { previous: actor }),
    extra: before !== undefined ? { oldStatus: before, newStatus: after } : { newStatus: after },
  });
  return true;
}

/** `deleted_business_messages`: messages deleted in a business chat. One DeleteEvent each. */
function handleBusinessDeletion(update: Record<string, unknown>, sequence: number, scope: Scope, batch: BatchBuilder, path: readonly (string | number)[]): void {
  const chatId = text(record(update, 'chat'), 'id');
  if (chatId === undefined) {
    batch.issues.push(issue('required', path, 'telegram: deleted_business_messages without chat.id, skipped'));
    return;
  }
  list(update, 'message_ids').forEach((raw, i) => {
    const messageId = typeof raw === 'number' || typeof raw === 'string' ? text({ v: raw }, 'v') : undefined;
    if (messageId === undefined) {
      batch.issues.push(issue('invalid_type', [...path, 'message_ids', i], 'telegram: message id is not a number'));
      return;
    }
    const target = `${chatId}:${messageId}`;
    batch.events.push({
      type: 'delete',
      id: `${providerKey(CHANNEL, target)}:delete`,
      channel: CHANNEL,
      provider: 'telegram',
      conversationId: `telegram:chat:${chatId}`,
      occurredAt: scope.receivedAt,
      receivedAt: scope.receivedAt,
      sequence,
      actor: [],
      targetMessageId: target,
    });
  });
}

/**
 * Normalize one Telegram Bot API `Update` into contact records, messages and events.
 *
 * - `message`, `channel_post`, `business_message` become a {@link Message}; `edited_*` become an
 *   `edit` event targeting the original (`occurredAt` = `edit_date`); `message_reaction` becomes
 *   `reaction` events; `callback_query` a `postback` message; `deleted_business_messages` `delete`
 *   events; `my_chat_member` in a private chat, when the user blocks the bot (`kicked`) or unblocks it
 *   (`member` after `kicked`), an `identity_change` event `unfollowed` / `followed`, as LINE's
 *   unfollow / follow. Any other update kind (`poll`, `chat_boost`, ...) is kept as an
 *   {@link UnsupportedItem}.
 * - A body that is not an Update is a failed Result: no `update_id` (`required`), one that is not an
 *   integer (`invalid_type`), or nothing besides it (`required`).
 * - Ids: `telegram:<chat.id>:<message_id>` (message ids are per chat); `update_id` is the sequence.
 * - Direction: outbound for our bots' messages, channel posts, business-bot messages
 *   (`sender_business_bot`) and the business owner's messages (a `business_message` in a private
 *   chat whose `from.id` is not the chat's id: the chat is the customer); the rest inbound. Our
 *   bots are `context.ownBotIds`; without it, a bot's message (`from.is_bot`) is ours in a private
 *   chat (the only bot there is ours) and another participant's, inbound, in a group. Bots and the
 *   business owner never become contact records.
 * - A contact the sender shares is their verified phone only when `contact.user_id === from.id`;
 *   it then appears on a contact record with the user id. Anyone else's contact is message content.
 *
 * @example
 * ```ts
 * const r = normalizeTelegramUpdate(JSON.parse(body), { receivedAt: new Date().toISOString() });
 * const texts = r.success ? r.data.messages.map((m) => [m.id, m.text]) : [];
 * ```
 */
export function normalizeTelegramUpdate(body: unknown, context: TelegramNormalizeContext): Result<NormalizedBatch> {
  const opened = openScope('telegram', context);
  if (!opened.success) return opened;
  const scope = opened.data;
  const refused = guardPayload(body, context);
  if (refused !== undefined) return refused;
  const update = asRecord(body);
  if (update === undefined) return notAnObject('telegram');
  // Every Update has an integer update_id and (at most, in practice exactly) one update field: a body
  // without them is of another shape, and a failed Result says so, as the other adapters do. An
  // update kind this version does not know (poll, chat_boost, ...) is still an Update: unsupported.
  const sequence = field(update, 'update_id');
  if (sequence === undefined) return fail(issue('required', ['update_id'], 'telegram: not a Bot API Update: no update_id'));
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence)) return fail(issue('invalid_type', ['update_id'], 'telegram: not a Bot API Update: update_id is not an integer'));
  // A key set to undefined is absent (JSON has no undefined; the guard lets it through as absent).
  const keys = Object.keys(update).filter((k) => update[k] !== undefined);
  if (keys.length === 1) return fail(issue('required', [], 'telegram: an Update with nothing but update_id (no message, callback_query, ...)'));
  const batch = new BatchBuilder();
  const ownBots = Array.isArray(context.ownBotIds) ? new Set(context.ownBotIds.map((b) => String(b).trim())) : undefined;
  for (const key of keys) {
    if (key === 'update_id') continue;
    const value = asRecord(field(update, key));
    const how = MESSAGE_UPDATES[key];
    if (how !== undefined && Object.prototype.hasOwnProperty.call(MESSAGE_UPDATES, key) && value !== undefined) {
      handleMessage(value, how, ownBots, sequence, scope, batch, [key]);
    } else if (key === 'message_reaction' && value !== undefined) {
      handleReaction(value, sequence, scope, batch, [key]);
    } else if (key === 'callback_query' && value !== undefined) {
      handleCallback(value, sequence, scope, batch, [key]);
    } else if (key === 'deleted_business_messages' && value !== undefined) {
      handleBusinessDeletion(value, sequence, scope, batch, [key]);
    } else if (key === 'my_chat_member' && value !== undefined && handleBlock(value, sequence, scope, batch, [key])) {
      continue;
    } else {
      batch.unsupported.push({
        provider: 'telegram',
        channel: CHANNEL,
        kind: key,
        reason: value === undefined ? 'not an object' : 'update kind not modelled',
        path: [key],
        raw: field(update, key),
      });
    }
  }
  return ok(finish(batch, 'telegram', CHANNEL));
}

/**
 * The Telegram adapter: detects Bot API updates (`update_id` plus one update field) and normalizes
 * them with {@link normalizeTelegramUpdate}.
 *
 * @example
 * ```ts
 * if (telegramAdapter.detect(body)) telegramAdapter.normalize(body, { receivedAt });
 * ```
 */
export const telegramAdapter: ChannelAdapter = {
  provider: 'telegram',
  detect(body: unknown): boolean {
    const update = asRecord(body);
    if (update === undefined || typeof field(update, 'update_id') !== 'number') return false;
    return Object.keys(update).some((k) => k !== 'update_id' && asRecord(update[k]) !== undefined);
  },
  normalize: normalizeTelegramUpdate,
};

