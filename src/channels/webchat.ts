import { sha256Hex } from '../internal/sha256.js';
import type { Identifier } from '../model/identifier.js';
import { type Result, fail, issue, ok } from '../model/issue.js';
import type { Attachment, Message } from '../model/message.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import type { ChannelAdapter, NormalizeContext } from './adapter.js';
import { BatchBuilder, contentKey, providerKey } from './_batch.js';
import { contactRecord, hasOwnKeys, identify } from './_identify.js';
import { field } from './_read.js';
import type { Writable } from './_run.js';
import { type Scope, finish, guardPayload, openScope } from './_scope.js';
import { toIsoTime } from './_time.js';
import { readPlainWebChatEvent } from './_webchat-plain.js';
import { WEBCHAT_SCHEMA_V1, type WebChatEvent, safeParseWebChatEvent } from './webchat-event.js';

const CHANNEL = 'webchat' as const;

/** {@link normalizeWebChatEvent}'s context: the usual one plus how far to trust `identify`. */
export interface WebChatNormalizeContext extends NormalizeContext {
  /**
   * True when the event did not come from the browser unchecked (your backend authenticated the
   * visitor, or verified a signature over `identify`): its email, phone and external id are then
   * marked verified. @defaultValue false (typed into a form: asserted)
   */
  readonly trustIdentify?: boolean;
}

function attachmentType(mime: string | undefined): string {
  const m = mime?.toLowerCase() ?? '';
  if (m.startsWith('image/')) return 'image';
  if (m.startsWith('video/')) return 'video';
  if (m.startsWith('audio/')) return 'audio';
  return 'file';
}

/**
 * One part of a joined id with `%` and `:` escaped, so that joins cannot collide: a browser that
 * sends visitor `brand:v1` on a widget without a siteId must not become visitor `v1` of site
 * `brand`. Ids without either character (all a widget makes) are unchanged.
 */
function part(id: string): string {
  return id.includes(':') || id.includes('%') ? id.replaceAll('%', '%25').replaceAll(':', '%3A') : id;
}

/** `<siteId>:<id>`, or `<id>` without a site, each part escaped (see {@link part}). */
function scoped(siteId: string | undefined, id: string): string {
  return siteId !== undefined ? `${part(siteId)}:${part(id)}` : part(id);
}

/** Walks one event. */
class WebChatRun {
  readonly batch = new BatchBuilder();
  readonly occurredAt: string;
  readonly visitor: Identifier[];
  readonly conversation: Message['conversation'];

  constructor(
    readonly event: WebChatEvent,
    readonly scope: Scope,
    readonly trust: boolean,
  ) {
    const sent = toIsoTime(event.sentAt);
    // A valid date outside the accepted range (1990-2199): the arrival time stands in, and it is said.
    if (sent === undefined) this.batch.issues.push(issue('invalid_value', ['sentAt'], `sentAt ${event.sentAt} is outside the accepted time range; receivedAt used`));
    this.occurredAt = sent ?? scope.receivedAt;
    const namespace = event.siteId !== undefined ? `webchat:${part(event.siteId)}` : 'webchat';
    const v = identify({ kind: 'visitor_id', value: event.visitorId, namespace, verified: true }, scope, CHANNEL, this.occurredAt, this.batch.issues, ['visitorId']);
    // The key toIdentifier made, unless a part needs escaping (see part): then the same key, escaped.
    const escaped = event.siteId !== undefined && part(event.siteId) !== event.siteId ? true : part(event.visitorId) !== event.visitorId;
    this.visitor = v === undefined ? [] : [escaped && v.key !== undefined ? { ...v, key: `visitor_id:${namespace.trim()}:${part(event.visitorId.trim())}` } : v];
    this.conversation = { id: `webchat:session:${scoped(event.siteId, event.sessionId)}`, kind: 'private' };
  }

  get fromVisitor(): boolean {
    return (this.event.from ?? 'visitor') === 'visitor';
  }

  /** The visitor's bare record, and one with what they told us when they did. */
  records(): void {
    const locale = this.event.locale;
    const bare = contactRecord({ channel: CHANNEL, scope: this.scope, observedAt: this.occurredAt, locale, identifiers: this.visitor });
    if (bare !== undefined) this.batch.addRecord(bare);
    const told = this.event.identify;
    if (told === undefined || this.visitor.length === 0) return;
    const asserted: Identifier[] = [];
    this.assert(asserted, 'email', told.email, 'email', this.scope);
    this.assert(asserted, 'phone', told.phone, 'phone', told.country !== undefined ? { ...this.scope, defaultCountry: told.country } : this.scope);
    this.assert(asserted, 'external_id', told.externalId, 'externalId', this.scope);
    const name = told.name?.trim();
    if (asserted.length === 0 && (name === undefined || name.length === 0)) return;
    const record = contactRecord({
      channel: CHANNEL,
      scope: this.scope,
      observedAt: this.occurredAt,
      locale,
      identifiers: [...this.visitor, ...asserted],
      name: name !== undefined && name.length > 0 ? { full: name } : undefined,
    });
    if (record === undefined) return;
    // A name alone would give the bare record's id: a hash of the name tells them apart.
    this.batch.addRecord(asserted.length === 0 && name !== undefined ? { ...record, id: `${record.id}#name:${sha256Hex(name).slice(0, 12)}` } : record);
  }

  /** One identifier the visitor typed in (`identify.<path>`), asserted unless the context trusts it. */
  private assert(asserted: Identifier[], kind: 'email' | 'phone' | 'external_id', value: string | undefined, path: string, scope: Scope): void {
    if (value === undefined || value.trim().length === 0) return;
    const i = identify({ kind, value, verified: this.trust }, scope, CHANNEL, this.occurredAt, this.batch.issues, ['identify', path]);
    if (i !== undefined) asserted.push(i);
  }

  pageExtra(): Record<string, string> {
    const extra: Record<string, string> = {};
    const page = this.event.page;
    if (page?.url !== undefined && page.url.length > 0) extra.pageUrl = page.url;
    if (page?.title !== undefined && page.title.length > 0) extra.pageTitle = page.title;
    if (page?.referrer !== undefined && page.referrer.length > 0) extra.referrer = page.referrer;
    if (this.event.eventId !== undefined) extra.eventId = this.event.eventId;
    return extra;
  }

  message(): void {
    const e = this.event;
    const attachments: Attachment[] = [];
    for (const a of e.attachments ?? []) {
      const att: Writable<Attachment> = { type: a.type ?? attachmentType(a.mimeType) };
      if (a.url !== undefined) att.url = a.url;
      if (a.name !== undefined && a.name.length > 0) att.filename = a.name;
      if (a.mimeType !== undefined) att.mimeType = a.mimeType;
      if (a.size !== undefined) att.size = a.size;
      attachments.push(att);
    }
    const providerMessageId = e.messageId ?? e.eventId;
    const id =
      providerMessageId !== undefined
        ? providerKey(CHANNEL, scoped(e.siteId, providerMessageId))
        : contentKey(CHANNEL, [
            'message', e.siteId, e.sessionId, e.visitorId, e.sentAt, e.from, e.text,
            // Two files sent at one instant are two messages (added only when there are attachments:
            // the ids of text messages stay what they were).
            ...(attachments.length > 0 ? [JSON.stringify(attachments.map((a) => [a.type, a.url ?? null, a.filename ?? null, a.size ?? null]))] : []),
          ]);
    const inbound = this.fromVisitor;
    const extra = this.pageExtra();
    if (!inbound && e.agent?.id !== undefined) extra.agentId = e.agent.id;
    if (!inbound) extra.from = e.from ?? 'agent';
    const text = e.text !== undefined && e.text.length > 0 ? e.text : undefined;
    // Filled in the model's field order, optional fields only when present.
    const message = { id, channel: CHANNEL, provider: 'webchat' } as Partial<Writable<Message>> as Writable<Message>;
    if (providerMessageId !== undefined) message.providerMessageId = scoped(e.siteId, providerMessageId);
    message.conversation = this.conversation;
    message.direction = inbound ? 'inbound' : 'outbound';
    message.kind = attachments.length > 0 ? 'media' : 'text';
    message.occurredAt = this.occurredAt;
    message.receivedAt = this.scope.receivedAt;
    message.sender = inbound ? this.visitor : [];
    const senderName = inbound ? e.identify?.name?.trim() : e.agent?.name;
    if (senderName !== undefined && senderName.length > 0) message.senderName = senderName;
    message.recipients = inbound ? [] : this.visitor;
    if (text !== undefined) message.text = text;
    message.attachments = attachments;
    if (e.replyTo !== undefined) message.replyTo = scoped(e.siteId, e.replyTo);
    message.status = inbound ? 'received' : 'sent';
    if (hasOwnKeys(extra)) message.extra = extra;
    this.batch.messages.push(message);
  }

  session(): void {
    const e = this.event;
    this.batch.messages.push({
      // One start and one end per session: deterministic without an event id.
      id: providerKey(CHANNEL, `${this.conversation.id.slice('webchat:'.length)}:${e.type}`),
      channel: CHANNEL,
      provider: 'webchat',
      conversation: this.conversation,
      direction: 'inbound',
      kind: 'system',
      occurredAt: this.occurredAt,
      receivedAt: this.scope.receivedAt,
      sender: this.visitor,
      recipients: [],
      attachments: [],
      status: 'received',
      extra: { webchatEvent: e.type, ...this.pageExtra() },
    });
  }

  read(): void {
    const e = this.event;
    const who = this.fromVisitor ? 'visitor' : (e.agent?.id ?? e.from ?? 'agent');
    for (const target of e.messageIds ?? []) {
      const providerMessageId = scoped(e.siteId, target);
      this.batch.events.push({
        type: 'status',
        id: `${providerKey(CHANNEL, providerMessageId)}:read:${who}`,
        channel: CHANNEL,
        provider: 'webchat',
        conversationId: this.conversation.id,
        occurredAt: this.occurredAt,
        receivedAt: this.scope.receivedAt,
        actor: this.fromVisitor ? this.visitor : [],
        status: 'read',
        targetMessageId: providerMessageId,
      });
    }
  }
}

/**
 * Normalize one event of omnilink's web chat widget (`schema: 'omnilink.webchat/v1'`, see
 * docs/webchat-payload.md) into contact records, messages and events.
 *
 * - Every event gives the visitor's record (kind `visitor_id`, namespace `webchat` or
 *   `webchat:<siteId>`, verified). `identify` (on any event) adds a record linking the visitor id to
 *   the email, phone, external id and name they gave, asserted (`verified: false`) unless
 *   `context.trustIdentify`.
 * - `message` -> a message (`webchat:<messageId>`, inbound from the visitor, outbound from an agent
 *   or bot); `session_start`/`session_end` -> `system` messages in the session's conversation
 *   `webchat:session:<sessionId>`; `read` -> a `read` status event per message id.
 * - An event that does not validate gives a failed Result with the schema's issues.
 *
 * @example
 * ```ts
 * const r = normalizeWebChatEvent(JSON.parse(body), { receivedAt: new Date().toISOString() });
 * ```
 */
export function normalizeWebChatEvent(body: unknown, context: WebChatNormalizeContext): Result<NormalizedBatch> {
  const opened = openScope('webchat', context);
  if (!opened.success) return opened;
  const refused = guardPayload(body, context);
  if (refused !== undefined) return refused;
  // Plainly valid events are read directly; anything else goes through the schema and its issues.
  let event = readPlainWebChatEvent(body);
  if (event === undefined) {
    const parsed = safeParseWebChatEvent(body);
    if (!parsed.success) return parsed;
    event = parsed.data;
  }
  // Escaped (see part), a siteId of ':' and '%' triples: the visitor's namespace must stay within the
  // model's 512 characters, as the 256 the schema allows the raw siteId keeps it.
  if (event.siteId !== undefined && part(event.siteId).length > 256) {
    return fail(issue('too_big', ['siteId'], 'siteId, with its ":" and "%" escaped, is longer than 256 characters'));
  }
  const run = new WebChatRun(event, opened.data, context.trustIdentify === true);
  run.records();
  switch (event.type) {
    case 'message':
      run.message();
      break;
    case 'session_start':
    case 'session_end':
      run.session();
      break;
    case 'read':
      run.read();
      break;
    case 'identify':
      break;
  }
  return ok(finish(run.batch, 'webchat', CHANNEL));
}

/**
 * The web chat adapter: detects widget events by their `schema` marker and normalizes them with
 * {@link normalizeWebChatEvent}.
 *
 * @example
 * ```ts
 * if (webchatAdapter.detect(body)) webchatAdapter.normalize(body, { receivedAt });
 * ```
 */
export const webchatAdapter: ChannelAdapter = {
  provider: 'webchat',
  detect(body: unknown): boolean {
    return field(body, 'schema') === WEBCHAT_SCHEMA_V1;
  },
  normalize: normalizeWebChatEvent,
};
