import { sha256Hex } from '../internal/sha256.js';
import type { Channel } from '../model/channel.js';
import type { ContactRecord } from '../model/contact-record.js';
import type { Issue } from '../model/issue.js';
import type { Message } from '../model/message.js';
import type { MessageEvent } from '../model/message-event.js';
import type { NormalizedBatch, UnsupportedItem } from '../model/normalized-batch.js';

/** Records looked up by scanning, below this count; by a set of ids from it on. */
const SCAN_RECORDS = 16;

/** Mutable accumulator an adapter fills while walking one delivery. */
export class BatchBuilder {
  readonly records: ContactRecord[] = [];
  readonly messages: Message[] = [];
  readonly events: MessageEvent[] = [];
  readonly unsupported: UnsupportedItem[] = [];
  readonly issues: Issue[] = [];
  /** Ids of the records, once there are many (a delivery usually names one or two senders: a scan is cheaper). */
  private recordIds: Set<string> | undefined;

  /** True when a record with this id was added (later ones with the same id are not kept). */
  hasRecord(id: string): boolean {
    const records = this.records;
    if (this.recordIds !== undefined) return this.recordIds.has(id);
    for (let i = 0; i < records.length; i++) if (records[i]!.id === id) return true;
    return false;
  }

  /** Add a contact record once per id (a delivery often names the same sender several times). */
  addRecord(record: ContactRecord): void {
    if (this.hasRecord(record.id)) return;
    this.records.push(record);
    if (this.recordIds !== undefined) this.recordIds.add(record.id);
    else if (this.records.length >= SCAN_RECORDS) this.recordIds = new Set(this.records.map((r) => r.id));
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
