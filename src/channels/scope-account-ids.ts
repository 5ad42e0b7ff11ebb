// A CRM export lists a customer's Messenger PSID or Instagram IGSID bare, while webhooks name the
// page or account the id is scoped to (`messenger:page:<page>`): the same id under two keys, so the
// contact list never links to the chats. Scoped ids are unique numbers (one per user and page), so
// a bare id can safely be tried under every page the webhooks show: under the wrong page it
// matches nobody.

import type { ContactRecord } from '../model/contact-record.js';
import type { Identifier } from '../model/identifier.js';
import { toIdentifier } from '../normalize/identifier.js';

/** The platforms whose user ids are scoped, and the prefix of their scoped namespaces. */
const SCOPED: Readonly<Record<string, string>> = { messenger: 'messenger:page:', instagram: 'instagram:account:' };

/**
 * Records with every bare Messenger or Instagram user id (namespace `messenger` / `instagram`, as a
 * contact list's `psid` column gives it) joined by the same id under each page or account
 * namespace in `namespaces` (typically those of the webhook records). Records without such ids are
 * returned as they are; a bare id whose platform has no namespace in `namespaces` stays bare.
 *
 * @example
 * ```ts
 * const crm = rows.map((r) => recordFromRow(r)).flatMap((r) => (r.success ? [r.data.record] : []));
 * const pages = batches.flatMap((b) => b.records.flatMap((r) => r.identifiers.map((i) => i.namespace ?? '')));
 * resolver.add(scopeAccountIds(crm, pages)); // psid 6543… now meets user_id:messenger:page:1122…:6543…
 * ```
 */
export function scopeAccountIds(records: readonly ContactRecord[], namespaces: Iterable<string>): ContactRecord[] {
  const byPlatform = new Map<string, string[]>();
  for (const ns of new Set(namespaces)) {
    for (const [platform, prefix] of Object.entries(SCOPED)) {
      if (!ns.startsWith(prefix) || ns.length === prefix.length) continue;
      let list = byPlatform.get(platform);
      if (list === undefined) byPlatform.set(platform, (list = []));
      list.push(ns);
    }
  }
  for (const list of byPlatform.values()) list.sort();
  if (byPlatform.size === 0) return [...records];
  return records.map((record) => {
    if (!record.identifiers.some((i) => i.kind === 'user_id' && i.namespace !== undefined && byPlatform.has(i.namespace))) return record;
    const identifiers: Identifier[] = [];
    for (const id of record.identifiers) {
      const scopes = id.kind === 'user_id' && id.namespace !== undefined ? byPlatform.get(id.namespace) : undefined;
      // The bare id stays too: it still meets other lists' bare ids.
      identifiers.push(id);
      if (scopes === undefined) continue;
      for (const namespace of scopes) {
        const r = toIdentifier({ kind: 'user_id', value: id.value, namespace, verified: id.verified });
        identifiers.push(r.success ? { ...r.data, ...(id.provenance !== undefined ? { provenance: id.provenance } : {}) } : id);
      }
    }
    return { ...record, identifiers };
  });
}
