import type { ContactRecord } from '../../src/model/contact-record.js';
import type { PairScorer } from '../../src/resolve/pair-scorer.js';

// A transparent scorer for resolver tests: shared non-generic identifier keys are strong evidence,
// an equal full name is weak evidence. Generic identifiers count for nothing.
function strongKeys(r: ContactRecord): Set<string> {
  const keys = new Set<string>();
  for (const id of r.identifiers) if (id.key !== undefined && id.generic !== true) keys.add(id.key);
  return keys;
}

export const testScorer: PairScorer = {
  blockingKeys: (r) => (r.name?.full ? [`name:${r.name.full.toLowerCase()}`] : []),
  score(a, b) {
    const kb = strongKeys(b);
    const shared = [...strongKeys(a)].filter((k) => kb.has(k)).length;
    const sameName = a.name?.full !== undefined && a.name.full.toLowerCase() === b.name?.full?.toLowerCase();
    const weight = shared * 12 + (sameName ? 4 : 0) - 8;
    return { weight, probability: 1 / (1 + 2 ** -weight) };
  },
  explain: (a, b) => ({ a: a.id, b: b.id }),
};

export function rec(id: string, name: string | undefined, ids: [kind: 'email' | 'phone' | 'external_id', key: string][], extra: Partial<ContactRecord> = {}): ContactRecord {
  return {
    id,
    channel: 'crm',
    identifiers: ids.map(([kind, key]) => ({ kind, value: key, key: `${kind}:${key}`, verified: false })),
    ...(name !== undefined ? { name: { full: name } } : {}),
    ...extra,
  };
}
