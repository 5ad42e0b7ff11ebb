import type { ContactRecord } from '../model/contact-record.js';
import type { Identifier, IdentifierKind } from '../model/identifier.js';

/**
 * Reading field values out of a {@link ContactRecord} by {@link FieldSource}.
 *
 * @internal
 */

/** The identifier kinds a source `identifiers:<kind>[,<kind>...]` selects, or undefined for other sources. */
export function identifierKindsOf(source: string): readonly IdentifierKind[] | undefined {
  if (!source.startsWith('identifiers:')) return undefined;
  return source
    .slice('identifiers:'.length)
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0) as IdentifierKind[];
}

/** Identifiers of the selected kinds. */
export function readIdentifiers(record: ContactRecord, kinds: readonly IdentifierKind[]): Identifier[] {
  const out: Identifier[] = [];
  for (const id of record.identifiers) if (kinds.includes(id.kind)) out.push(id);
  return out;
}

/** The string at a non-identifier source, or undefined when absent or blank. */
export function readString(record: ContactRecord, source: string): string | undefined {
  let v: string | undefined;
  if (source.startsWith('attributes.')) {
    const attributes = record.attributes;
    const key = source.slice('attributes.'.length);
    v = attributes !== undefined && Object.prototype.hasOwnProperty.call(attributes, key) ? attributes[key] : undefined;
  } else {
    switch (source) {
      case 'birthDate':
        v = record.birthDate;
        break;
      case 'address.line':
        v = record.address?.line;
        break;
      case 'address.city':
        v = record.address?.city;
        break;
      case 'address.postcode':
        v = record.address?.postcode;
        break;
      case 'address.region':
        v = record.address?.region;
        break;
      case 'address.country':
        v = record.address?.country;
        break;
      case 'name.full':
        v = record.name?.full;
        break;
      case 'name.given':
        v = record.name?.given;
        break;
      case 'name.family':
        v = record.name?.family;
        break;
      case 'locale':
        v = record.locale;
        break;
      case 'source':
        v = record.source;
        break;
      case 'channel':
        v = record.channel;
        break;
      default:
        v = undefined;
    }
  }
  if (typeof v !== 'string') return undefined;
  return v.trim().length > 0 ? v : undefined;
}

/** A reader of one source, resolved once (the hot loop then does no string dispatch). */
export function stringReader(source: string): (record: ContactRecord) => string | undefined {
  const clean = (v: string | undefined): string | undefined => (typeof v === 'string' && v.trim().length > 0 ? v : undefined);
  if (source.startsWith('attributes.')) {
    const key = source.slice('attributes.'.length);
    return (r) => {
      const a = r.attributes;
      return a !== undefined && Object.prototype.hasOwnProperty.call(a, key) ? clean(a[key]) : undefined;
    };
  }
  switch (source) {
    case 'birthDate':
      return (r) => clean(r.birthDate);
    case 'address.line':
      return (r) => clean(r.address?.line);
    case 'address.city':
      return (r) => clean(r.address?.city);
    case 'address.postcode':
      return (r) => clean(r.address?.postcode);
    default:
      return (r) => readString(r, source);
  }
}

/** Whether a source names something this module can read. */
export function isKnownSource(source: string): boolean {
  if (identifierKindsOf(source) !== undefined) return true;
  if (source === 'name') return true;
  if (source.startsWith('attributes.') && source.length > 'attributes.'.length) return true;
  return [
    'birthDate',
    'address.line',
    'address.city',
    'address.postcode',
    'address.region',
    'address.country',
    'name.full',
    'name.given',
    'name.family',
    'locale',
    'source',
    'channel',
  ].includes(source);
}

/**
 * Feed a column one row per record from `source`: with `identifiers:<kinds>`, every identifier of
 * those kinds that is not generic goes to `onIdentifier`; with any other source, its string (when
 * present) goes to `onString`. `endRow` closes each record's row.
 */
export function feedRows(
  records: readonly ContactRecord[],
  source: { readonly kinds: readonly IdentifierKind[] | undefined; readonly read: (record: ContactRecord) => string | undefined },
  onIdentifier: (id: Identifier) => void,
  onString: (value: string) => void,
  endRow: () => void,
): void {
  const { kinds, read } = source;
  for (const record of records) {
    if (kinds !== undefined) {
      for (const id of record.identifiers) if (id.generic !== true && kinds.includes(id.kind)) onIdentifier(id);
    } else {
      const v = read(record);
      if (v !== undefined) onString(v);
    }
    endRow();
  }
}

/** What {@link feedRows} reads from a source. */
export interface RowSource {
  readonly kinds: readonly IdentifierKind[] | undefined;
  readonly read: (record: ContactRecord) => string | undefined;
}

/** Row sources by source (a handful: one per field spec ever prepared), shared and read only. */
const rowSources = new Map<string, RowSource>();

/** What {@link feedRows} reads from a source, worked out once per source (not per column: a one-record add makes a column per field). */
export function rowSource(source: string): RowSource {
  let found = rowSources.get(source);
  if (found === undefined) {
    found = { kinds: identifierKindsOf(source), read: stringReader(source) };
    rowSources.set(source, found);
  }
  return found;
}
