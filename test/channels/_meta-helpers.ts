// Shared helpers of the Meta adapter tests (WhatsApp, Messenger, Instagram).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Channel } from '../../src/model/channel.js';
import { safeParseContactRecord } from '../../src/model/contact-record.js';
import type { Identifier } from '../../src/model/identifier.js';
import type { Result } from '../../src/model/issue.js';
import { safeParseMessage } from '../../src/model/message.js';
import { safeParseMessageEvent } from '../../src/model/message-event.js';
import type { NormalizedBatch } from '../../src/model/normalized-batch.js';

export const RECEIVED = '2025-01-01T00:00:00.000Z';
export const ctx = { receivedAt: RECEIVED };

export function fixture(folder: string, name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/channel-payloads/${folder}/${name}`, import.meta.url), 'utf8'));
}

/** Unwrap a successful batch, checking every item against the model. */
export function ok(r: Result<NormalizedBatch>): NormalizedBatch {
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.issues)}`);
  for (const m of r.data.messages) expect(safeParseMessage(m)).toMatchObject({ success: true });
  for (const e of r.data.events) expect(safeParseMessageEvent(e)).toMatchObject({ success: true });
  for (const c of r.data.records) expect(safeParseContactRecord(c)).toMatchObject({ success: true });
  return r.data;
}

/** Epoch seconds or milliseconds -> ISO, computed independently of the adapter. */
export const iso = (epoch: number): string => new Date(epoch < 1e11 ? epoch * 1000 : epoch).toISOString();

export const phone = (value: string, generic = false): Identifier => ({
  kind: 'phone',
  value,
  key: `phone:+${value.replace(/^\+/, '')}`,
  verified: true,
  ...(generic ? { generic: true } : {}),
});
export const userId = (namespace: string, value: string): Identifier => ({ kind: 'user_id', value, namespace, key: `user_id:${namespace}:${value}`, verified: true });

/** The record id scheme: `<channel>:contact:<anchor key>#<sha256(sorted other keys)[0..12]>`. */
export function recordId(channel: Channel, anchor: Identifier, others: readonly Identifier[]): string {
  const keys = others.map((o) => o.key!).sort();
  return `${channel}:contact:${anchor.key!}${keys.length > 0 ? `#${createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 12)}` : ''}`;
}

/** A contact record as the adapters build it: anchor first, provenance on every identifier. */
export function record(channel: Channel, ids: readonly Identifier[], observedAt: string, name?: string): unknown {
  const [anchor, ...others] = ids;
  const id = recordId(channel, anchor!, others);
  return {
    id,
    channel,
    source: channel,
    identifiers: ids.map((i) => ({ ...i, provenance: { channel, source: channel, recordId: id, observedAt } })),
    ...(name !== undefined ? { name: { full: name } } : {}),
    observedAt,
  };
}

/** The content key of an event: `<channel>:sha256:<sha256 of the JSON parts, undefined as null>`. */
export function contentKey(channel: Channel, parts: readonly (string | number | undefined)[]): string {
  return `${channel}:sha256:${createHash('sha256').update(JSON.stringify(parts.map((p) => p ?? null))).digest('hex')}`;
}
