import type { ContactRecord, FieldSpec, Identifier } from '../../src/index.js';
import { bindModel } from '../../src/match/_scorer.js';
import { prepareRecords } from '../../src/match/prepare-records.js';
import { skeletonModel } from '../../src/match/train-model.js';

let next = 0;

/** A contact record for tests: only what is given. */
/** One field of each common type, for tests that prepare `rec` records. */
export const CONTACT_FIELDS: FieldSpec[] = [
  { name: 'given_name', type: 'given_name' },
  { name: 'family_name', type: 'family_name' },
  { name: 'email', type: 'email' },
  { name: 'phone', type: 'phone' },
  { name: 'dob', type: 'date' },
  { name: 'city', type: 'city' },
  { name: 'handle', type: 'handle' },
];

export function rec(parts: {
  id?: string;
  given?: string;
  family?: string;
  full?: string;
  emails?: string[];
  phones?: string[];
  ids?: Identifier[];
  dob?: string;
  postcode?: string;
  city?: string;
  line?: string;
  region?: string;
  source?: string;
  attributes?: Record<string, string>;
}): ContactRecord {
  const name =
    parts.given !== undefined || parts.family !== undefined || parts.full !== undefined
      ? {
          ...(parts.given !== undefined ? { given: parts.given } : {}),
          ...(parts.family !== undefined ? { family: parts.family } : {}),
          ...(parts.full !== undefined ? { full: parts.full } : {}),
        }
      : undefined;
  const address =
    parts.postcode !== undefined || parts.city !== undefined || parts.line !== undefined || parts.region !== undefined
      ? {
          ...(parts.postcode !== undefined ? { postcode: parts.postcode } : {}),
          ...(parts.city !== undefined ? { city: parts.city } : {}),
          ...(parts.line !== undefined ? { line: parts.line } : {}),
          ...(parts.region !== undefined ? { region: parts.region } : {}),
        }
      : undefined;
  return {
    id: parts.id ?? `r${next++}`,
    channel: 'crm',
    ...(parts.source !== undefined ? { source: parts.source } : {}),
    identifiers: [
      ...(parts.emails ?? []).map((value): Identifier => ({ kind: 'email', value, verified: false })),
      ...(parts.phones ?? []).map((value): Identifier => ({ kind: 'phone', value, verified: false })),
      ...(parts.ids ?? []),
    ],
    ...(name !== undefined ? { name } : {}),
    ...(parts.dob !== undefined ? { birthDate: parts.dob } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(parts.attributes !== undefined ? { attributes: parts.attributes } : {}),
  };
}

/** Level labels of every comparison for rows i and j of `records`. */
export function labels(records: readonly ContactRecord[], fields: readonly FieldSpec[], i = 0, j = 1, options?: { defaultCountry?: string }): Record<string, string> {
  const prepared = prepareRecords(records, fields, options);
  const model = skeletonModel(prepared.fields, [], false);
  const bound = bindModel(model, prepared);
  const out: Record<string, string> = {};
  bound.comparisons.forEach((c, k) => {
    out[c.name] = model.comparisons[k]?.levels[c.compare(i, j)]?.label ?? '?';
  });
  return out;
}

/** Label of one field type's comparison for two records. */
export function label(a: ContactRecord, b: ContactRecord, field: FieldSpec, options?: { defaultCountry?: string }): string {
  return labels([a, b], [field], 0, 1, options)[field.name] ?? '?';
}
