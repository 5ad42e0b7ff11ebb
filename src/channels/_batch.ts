import { sha256Hex } from '../internal/sha256.js';
import type { Channel } from '../model/channel.js';
import type { ContactRecord } from '../model/contact-record.js';
import type { Issue } from '../model/issue.js';
import type { Message } from '../model/message.js';
import type { MessageEvent } from '../model/message-event.js';
import type { NormalizedBatch, UnsupportedItem } from '../model/normalized-batch.js';

/** Mutable accumulator an adapter fills while walking one delivery. */
export class BatchBuilder {
  readonly records: ContactRecord[] = [];
  readonly messages: Message[] = [];
  readonly events: MessageEvent[] = [];
  readonly unsupported: UnsupportedItem[] = [];
  readonly issues: Issue[] = [];
  private readonly recordIds = new Set<string>();

  /** True when a record with this id was added (later ones with the same id are not kept). */
  hasRecord(id: string): boolean {
    return this.recordIds.has(id);
  }

  /** Add a contact record once per id (a delivery often names the same sender several times). */
  addRecord(record: ContactRecord): void {
    if (this.recordIds.has(record.id)) return;
    this.recordIds.add(record.id);
    this.records.push(record);
  }

  build(): NormalizedBatch {
    return { records: this.records, messages: this.messages, events: this.events, unsupported: this.unsupported, issues: this.issues };
  }
}

/**
 * The idempotency key of a message or event with a provider id: `<channel>:<providerId>`.
 * The channel prefix keeps ids from different channels apart; ids are never compared across channels.
 */
export function providerKey(channel: Channel, providerId: string): string {
  return `${channel}:${providerId}`;
}

/**
 * The idempotency key of something the provider gave no id for: a hash of its identifying content.
 * `parts` must be the fields that stay the same on redelivery (never the arrival time).
 */
export function contentKey(channel: Channel, parts: readonly (string | number | undefined)[]): string {
  const values: (string | number | null)[] = [];
  for (const p of parts) values.push(p === undefined ? null : p);
  return `${channel}:sha256:${sha256Hex(JSON.stringify(values))}`;
}
