import { compareInstants } from '../internal/instant.js';
import type { Channel } from '../model/channel.js';
import type { ContactRecord, PersonName, PostalAddress } from '../model/contact-record.js';
import type { IdentifierKind } from '../model/identifier.js';
import type { ChannelUsage } from './resolver-types.js';

/** One chosen value and where it came from. */
export interface GoldenValue<T> {
  readonly value: T;
  readonly recordId: string;
  readonly channel: Channel;
  readonly source?: string;
  readonly verified: boolean;
  readonly observedAt?: string;
  /** How many of the person's records carry this value. */
  readonly support: number;
}

/**
 * The best value of each attribute of a person, with provenance. Survivorship, in order: verified
 * values first, then the preferred sources (`sourcePriority`), then the most recent, then the most
 * frequent; ties fall to the smallest record id so the choice is deterministic.
 */
export interface GoldenRecord {
  readonly personId: string;
  readonly name?: GoldenValue<PersonName>;
  readonly birthDate?: GoldenValue<string>;
  readonly address?: GoldenValue<PostalAddress>;
  /** Every distinct email, best first. */
  readonly emails: readonly GoldenValue<string>[];
  /** Every distinct phone (E.164 where known), best first. */
  readonly phones: readonly GoldenValue<string>[];
  /** Every other distinct identifier (`kind:namespace:value`), best first, with its kind and namespace. */
  readonly otherIdentifiers: readonly (GoldenValue<string> & { readonly kind: IdentifierKind; readonly namespace?: string })[];
  readonly channelUsage: ChannelUsage;
}

/** Options of {@link goldenRecordOf}. */
export interface GoldenRecordOptions {
  /** Sources or channels preferred for attributes, best first. @defaultValue `['crm', 'store']` */
  readonly sourcePriority?: readonly string[];
}

interface Candidate<T, X extends object = object> {
  readonly key: string;
  readonly value: T;
  readonly record: ContactRecord;
  readonly verified: boolean;
  /** Fields the chosen value carries along (an identifier's kind and namespace). */
  readonly extra?: X;
}

function choose<T, X extends object = object>(candidates: readonly Candidate<T, X>[], priority: readonly string[]): (GoldenValue<T> & X)[] {
  const support = new Map<string, number>();
  for (const c of candidates) support.set(c.key, (support.get(c.key) ?? 0) + 1);
  const rank = (c: Candidate<T, X>): number => {
    const bySource = c.record.source !== undefined ? priority.indexOf(c.record.source) : -1;
    const byChannel = priority.indexOf(c.record.channel);
    const r = Math.min(bySource < 0 ? Infinity : bySource, byChannel < 0 ? Infinity : byChannel);
    return r === Infinity ? priority.length : r;
  };
  const sorted = [...candidates].sort(
    (x, y) =>
      Number(y.verified) - Number(x.verified) ||
      rank(x) - rank(y) ||
      compareInstants(y.record.observedAt ?? '', x.record.observedAt ?? '') ||
      support.get(y.key)! - support.get(x.key)! ||
      (x.record.id < y.record.id ? -1 : x.record.id > y.record.id ? 1 : 0),
  );
  const out: (GoldenValue<T> & X)[] = [];
  const seen = new Set<string>();
  for (const c of sorted) {
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    out.push({
      value: c.value,
      recordId: c.record.id,
      channel: c.record.channel,
      ...(c.record.source !== undefined ? { source: c.record.source } : {}),
      verified: c.verified,
      ...(c.record.observedAt !== undefined ? { observedAt: c.record.observedAt } : {}),
      support: support.get(c.key)!,
      ...(c.extra as X),
    } as GoldenValue<T> & X);
  }
  return out;
}

function nameKey(n: PersonName): string {
  return [n.full, n.given, n.family].map((s) => (s ?? '').trim().toLowerCase()).join('|');
}

/**
 * Compute the golden record of a person from its records.
 *
 * @example
 * ```ts
 * const golden = goldenRecordOf('p_1', records);
 * golden.name?.value; // { full: 'Ana Souza' }, from the CRM row
 * golden.phones[0]?.value; // '+5511987654321'
 * golden.channelUsage.channels; // ['crm', 'whatsapp']
 * ```
 */
export function goldenRecordOf(personId: string, records: readonly ContactRecord[], options: GoldenRecordOptions = {}): GoldenRecord {
  const priority = options.sourcePriority ?? ['crm', 'store'];
  const names: Candidate<PersonName>[] = [];
  const dates: Candidate<string>[] = [];
  const addresses: Candidate<PostalAddress>[] = [];
  const emails: Candidate<string>[] = [];
  const phones: Candidate<string>[] = [];
  const others: Candidate<string, { kind: IdentifierKind; namespace?: string }>[] = [];
  const perChannel: Partial<Record<Channel, number>> = {};
  let lastContactAt: string | undefined;
  let lastChannel: Channel | undefined;

  for (const record of records) {
    perChannel[record.channel] = (perChannel[record.channel] ?? 0) + 1;
    if (record.observedAt !== undefined && (lastContactAt === undefined || compareInstants(record.observedAt, lastContactAt) > 0)) {
      lastContactAt = record.observedAt;
      lastChannel = record.channel;
    }
    if (record.name && (record.name.full || record.name.given || record.name.family)) names.push({ key: nameKey(record.name), value: record.name, record, verified: false });
    if (record.birthDate !== undefined) dates.push({ key: record.birthDate, value: record.birthDate, record, verified: false });
    if (record.address && Object.keys(record.address).length > 0) addresses.push({ key: JSON.stringify(record.address), value: record.address, record, verified: false });
    for (const id of record.identifiers) {
      const key = id.key ?? `${id.kind}:${id.namespace ?? ''}:${id.value}`;
      if (id.kind === 'email') emails.push({ key, value: id.key?.replace(/^email:/, '') ?? id.value, record, verified: id.verified });
      else if (id.kind === 'phone') phones.push({ key, value: id.key?.replace(/^phone:/, '') ?? id.value, record, verified: id.verified });
      else others.push({ key, value: id.value, record, verified: id.verified, extra: { kind: id.kind, ...(id.namespace !== undefined ? { namespace: id.namespace } : {}) } });
    }
  }
  const [name] = choose(names, priority);
  const [birthDate] = choose(dates, priority);
  const [address] = choose(addresses, priority);
  const otherValues = choose(others, priority);
  const channels = (Object.keys(perChannel) as Channel[]).sort();
  return {
    personId,
    ...(name !== undefined ? { name } : {}),
    ...(birthDate !== undefined ? { birthDate } : {}),
    ...(address !== undefined ? { address } : {}),
    emails: choose(emails, priority),
    phones: choose(phones, priority),
    otherIdentifiers: otherValues,
    channelUsage: {
      channels,
      recordsPerChannel: perChannel,
      ...(lastContactAt !== undefined ? { lastContactAt } : {}),
      ...(lastChannel !== undefined ? { lastChannel } : {}),
    },
  };
}
