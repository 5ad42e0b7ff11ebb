import type { Identifier } from '../model/identifier.js';
import type { Message } from '../model/message.js';

/**
 * The key an identifier is placed by: its normalized `key` when it has one (set by the
 * normalizers, e.g. `phone:+5511987654321`), otherwise a raw fallback
 * `raw:<kind>:<namespace>:<value>` that can never collide with a normalized key.
 *
 * @example
 * ```ts
 * identifierKey({ kind: 'email', value: 'Ana@x.com', key: 'email:ana@x.com', verified: true }); // 'email:ana@x.com'
 * identifierKey({ kind: 'user_id', value: '42', namespace: 'telegram', verified: true }); // 'raw:user_id:telegram:42'
 * ```
 */
export function identifierKey(identifier: Identifier): string {
  return identifier.key ?? `raw:${identifier.kind}:${identifier.namespace ?? ''}:${identifier.value}`;
}

/**
 * The customer-side identifier keys of a message, in the message's own order and without
 * repeats: the sender's for an inbound message, the recipients' for an outbound one. These are the
 * keys a timeline uses to find the person a message belongs to.
 *
 * @example
 * ```ts
 * customerKeysOf(inboundWhatsApp); // ['phone:+5511987654321']
 * customerKeysOf(outboundEmail); // ['email:ana@example.com']
 * ```
 */
export function customerKeysOf(message: Message): readonly string[] {
  const ids = message.direction === 'inbound' ? message.sender : message.recipients;
  if (ids.length === 1) return [identifierKey(ids[0] as Identifier)];
  const keys: string[] = [];
  for (const id of ids) {
    const key = identifierKey(id);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}
