import type { FieldSource, FieldType } from './field-spec.js';

/** The default source of a field type, or undefined when the type needs an explicit one. */
export function defaultSourceOf(type: FieldType): FieldSource | undefined {
  switch (type) {
    case 'name':
    case 'given_name':
    case 'family_name':
      return 'name';
    case 'email':
      return 'identifiers:email';
    case 'phone':
      return 'identifiers:phone';
    case 'handle':
      return 'identifiers:username,user_id';
    case 'external_id':
      return 'identifiers:external_id,loyalty_id';
    case 'date':
      return 'birthDate';
    case 'postcode':
      return 'address.postcode';
    case 'city':
      return 'address.city';
    case 'address':
      return 'address.line';
    case 'categorical':
    case 'text':
      return undefined;
  }
}

/** Whether term-frequency adjustment is on by default for a field type. */
export function defaultTermFrequencyOf(type: FieldType): boolean {
  switch (type) {
    case 'given_name':
    case 'family_name':
    case 'name':
    case 'email':
    case 'phone':
    case 'handle':
    case 'city':
    case 'postcode':
    case 'address':
      return true;
    default:
      return false;
  }
}
