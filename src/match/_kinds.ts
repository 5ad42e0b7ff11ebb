import type { AnyColumn, FieldKind } from './_kind.js';
import { dateKind } from './_kind-date.js';
import { emailKind } from './_kind-email.js';
import { idKind } from './_kind-id.js';
import { nameKind } from './_kind-name.js';
import { phoneKind } from './_kind-phone.js';
import { textKind } from './_kind-text.js';
import type { FieldType } from './field-spec.js';

/**
 * Field type -> field kind (the code that builds, compares and blocks a column).
 *
 * @internal
 */
export function kindOf(type: FieldType): FieldKind<AnyColumn> {
  let kind: FieldKind<never>;
  switch (type) {
    case 'name':
    case 'given_name':
    case 'family_name':
      kind = nameKind as FieldKind<never>;
      break;
    case 'email':
      kind = emailKind as FieldKind<never>;
      break;
    case 'phone':
      kind = phoneKind as FieldKind<never>;
      break;
    case 'handle':
    case 'external_id':
      kind = idKind as FieldKind<never>;
      break;
    case 'date':
      kind = dateKind as FieldKind<never>;
      break;
    default:
      kind = textKind as FieldKind<never>;
  }
  return kind as unknown as FieldKind<AnyColumn>;
}

/** Key of the column a field reads (fields of the same kind and source share a column). */
export function columnKeyOf(type: FieldType, source: string): string {
  return `${kindOf(type).kind}|${source}`;
}
