// Builders of channel-agnostic messages and events for the timeline tests.
import type { Channel, Provider } from '../../src/model/channel.js';
import type { Identifier, IdentifierKind } from '../../src/model/identifier.js';
import type { ConversationKind, EmailDetails, Message, MessageStatus } from '../../src/model/message.js';
import type { DeleteEvent, EditEvent, IdentityChangeEvent, ReactionEvent, StatusEvent } from '../../src/model/message-event.js';

const T0 = Date.UTC(2024, 0, 15, 10, 0, 0);

/** 2024-01-15T10:00Z plus `minutes` (fractions allowed), as toISOString makes it. */
export function at(minutes: number): string {
  return new Date(T0 + Math.round(minutes * 60_000)).toISOString();
}

/** An identifier whose key is `key` (kind taken from the key's prefix). */
export function ident(key: string): Identifier {
  const kind = key.slice(0, key.indexOf(':')) as IdentifierKind;
  return { kind, value: key.slice(key.indexOf(':') + 1), key, verified: true };
}

export const BUSINESS: Identifier = ident('phone:+15550000000');

const PROVIDER: Record<Channel, Provider> = {
  whatsapp: 'whatsapp',
  sms: 'twilio',
  voice: 'twilio',
  email: 'email',
  messenger: 'messenger',
  instagram: 'instagram',
  telegram: 'telegram',
  line: 'line',
  webchat: 'webchat',
  store: 'webchat',
  crm: 'webchat',
  other: 'webchat',
};

export interface MsgSpec {
  readonly channel?: Channel;
  /** Provider message id; the message id is `<channel>:<pmid>` unless `id` is given. */
  readonly pmid?: string;
  readonly id?: string;
  /** The customer's identifier key. */
  readonly customer?: string;
  readonly direction?: 'inbound' | 'outbound';
  /** occurredAt in minutes after T0. */
  readonly minute?: number;
  readonly receivedMinute?: number;
  readonly text?: string;
  readonly status?: MessageStatus;
  readonly sequence?: number;
  readonly conversationId?: string;
  readonly conversationKind?: ConversationKind;
  readonly email?: Partial<EmailDetails>;
  readonly call?: Message['call'];
  readonly kind?: Message['kind'];
  readonly extra?: Record<string, string>;
}

export function msg(spec: MsgSpec): Message {
  const channel = spec.channel ?? 'whatsapp';
  const direction = spec.direction ?? 'inbound';
  const customer = ident(spec.customer ?? 'phone:+5511987654321');
  const minute = spec.minute ?? 0;
  const pmid = spec.pmid;
  const id = spec.id ?? `${channel}:${pmid ?? `hash-${minute}`}`;
  const m: Message = {
    id,
    channel,
    provider: PROVIDER[channel],
    ...(pmid !== undefined ? { providerMessageId: pmid } : {}),
    conversation: { id: spec.conversationId ?? `${channel}:chat:${customer.value}`, kind: spec.conversationKind ?? (channel === 'voice' ? 'call' : 'private') },
    direction,
    kind: spec.kind ?? (spec.call !== undefined ? 'call' : spec.email !== undefined ? 'email' : 'text'),
    occurredAt: at(minute),
    receivedAt: at(spec.receivedMinute ?? minute),
    ...(spec.sequence !== undefined ? { sequence: spec.sequence } : {}),
    sender: direction === 'inbound' ? [customer] : [BUSINESS],
    recipients: direction === 'inbound' ? [BUSINESS] : [customer],
    ...(spec.text !== undefined ? { text: spec.text } : {}),
    attachments: [],
    status: spec.status ?? (direction === 'inbound' ? 'received' : 'sent'),
    ...(spec.email !== undefined ? { email: { autoReply: false, bounce: false, ...spec.email } } : {}),
    ...(spec.call !== undefined ? { call: spec.call } : {}),
    ...(spec.extra !== undefined ? { extra: spec.extra } : {}),
  };
  return m;
}

interface EventSpec {
  readonly channel?: Channel;
  readonly id?: string;
  readonly minute?: number;
  readonly actor?: string;
  readonly sequence?: number;
}

function base(spec: EventSpec, kind: string, target: string) {
  const channel = spec.channel ?? 'whatsapp';
  const minute = spec.minute ?? 0;
  return {
    id: spec.id ?? `${channel}:${kind}:${target}:${minute}`,
    channel,
    provider: PROVIDER[channel],
    occurredAt: at(minute),
    receivedAt: at(minute),
    ...(spec.sequence !== undefined ? { sequence: spec.sequence } : {}),
    actor: spec.actor !== undefined ? [ident(spec.actor)] : [],
  };
}

export function statusEvent(target: string, status: MessageStatus, spec: EventSpec & { error?: StatusEvent['error'] } = {}): StatusEvent {
  return { ...base(spec, `status-${status}`, target), type: 'status', status, targetMessageId: target, ...(spec.error !== undefined ? { error: spec.error } : {}) };
}

export function watermarkEvent(conversationId: string, status: MessageStatus, watermarkMinute: number, spec: EventSpec = {}): StatusEvent {
  return { ...base(spec, `wm-${status}-${watermarkMinute}`, conversationId), type: 'status', status, conversationId, watermark: at(watermarkMinute) };
}

export function editEvent(target: string, text: string | undefined, spec: EventSpec = {}): EditEvent {
  return { ...base(spec, `edit-${text ?? ''}`, target), type: 'edit', targetMessageId: target, ...(text !== undefined ? { text } : {}) };
}

export function deleteEvent(target: string, spec: EventSpec = {}): DeleteEvent {
  return { ...base(spec, 'delete', target), type: 'delete', targetMessageId: target };
}

export function reactionEvent(target: string, emoji: string | undefined, spec: EventSpec = {}): ReactionEvent {
  return { ...base(spec, `react-${emoji ?? 'none'}-${spec.actor ?? ''}`, target), type: 'reaction', targetMessageId: target, ...(emoji !== undefined ? { emoji } : {}) };
}

/** An opt-out (`unfollowed`: an SMS STOP, a blocked bot) or opt-in (`followed`) by `spec.actor`. */
export function consentEvent(change: 'followed' | 'unfollowed', spec: EventSpec = {}): IdentityChangeEvent {
  return { ...base(spec, change, spec.actor ?? ''), type: 'identity_change', change };
}

export function rotationEvent(previous: string, current: string, spec: EventSpec = {}): IdentityChangeEvent {
  return { ...base(spec, 'rotate', current), type: 'identity_change', change: 'user_id_rotated', previous: [ident(previous)], current: [ident(current)] };
}
