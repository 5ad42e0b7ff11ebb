// The `dedupe --config FILE`: read and checked once, before any input is read, so that a misspelt
// key or field is one usage error naming it, never a setting silently ignored or a run whose every
// row is rejected.

import { readFileSync } from 'node:fs';
import type { ColumnMapping, ColumnSpec, RowField } from '../channels/contact-row.js';
import { CHANNELS } from '../model/channel.js';
import { IDENTIFIER_KINDS } from '../model/identifier.js';
import type { UniqueIdentifierRule } from '../resolve/resolver-types.js';
import { UsageError } from './command.js';

/** What a `--config` file may set (see the dedupe help and docs/data-teams.md). */
export interface DedupeConfig {
  readonly columns?: ColumnMapping;
  readonly defaultCountry?: string;
  readonly threshold?: number;
  readonly nameOnlyThreshold?: number;
  readonly blocklist?: readonly string[];
  readonly unique?: readonly UniqueIdentifierRule[];
}

/** Every field a column may be mapped to (a Record, so the compiler checks it against RowField). */
const FIELDS: Readonly<Record<RowField, true>> = {
  id: true, full_name: true, given_name: true, family_name: true, email: true, phone: true, landline: true, birth_date: true,
  street_number: true, address: true, address_2: true, postcode: true, city: true, region: true, country: true, handle: true,
  user_id: true, contact: true, external_id: true, loyalty_id: true, channel: true, source: true, direction: true,
  observed_at: true, attribute: true, ignore: true,
};
const SPEC_KEYS: Readonly<Record<keyof ColumnSpec, true>> = { field: true, namespace: true, channel: true, party: true };
const KEYS: Readonly<Record<keyof DedupeConfig, true>> = { columns: true, defaultCountry: true, threshold: true, nameOnlyThreshold: true, blocklist: true, unique: true };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (record: object, key: string): boolean => Object.hasOwn(record, key);
const quoted = (key: string): string => JSON.stringify(key);

function checkSpec(column: string, spec: unknown, fail: (message: string) => never): void {
  const where = `"columns".${quoted(column)}`;
  const field = typeof spec === 'string' ? spec : isObject(spec) ? spec['field'] : undefined;
  if (isObject(spec)) {
    for (const key of Object.keys(spec)) if (!has(SPEC_KEYS, key)) fail(`${where}: unknown key ${quoted(key)} (known: ${Object.keys(SPEC_KEYS).join(', ')})`);
    if (spec['namespace'] !== undefined && typeof spec['namespace'] !== 'string') fail(`${where}.namespace must be a string`);
    if (spec['channel'] !== undefined && !(CHANNELS as readonly unknown[]).includes(spec['channel'])) fail(`${where}.channel must be one of ${CHANNELS.join(', ')}`);
    if (spec['party'] !== undefined && spec['party'] !== 'sender' && spec['party'] !== 'recipient') fail(`${where}.party must be "sender" or "recipient"`);
  } else if (typeof spec !== 'string') fail(`${where} must be a field name or {"field": ...}`);
  if (typeof field !== 'string' || !has(FIELDS, field)) fail(`${where}: unknown field ${JSON.stringify(field)} (fields: ${Object.keys(FIELDS).join(', ')})`);
}

/**
 * Read and check a `--config` file; `{}` without one. Any problem is a {@link UsageError} naming
 * the file and the key: unknown keys, wrong types, probabilities outside 0..1, a column mapped to
 * an unknown field.
 */
export function readDedupeConfig(path: string | undefined): DedupeConfig {
  if (path === undefined) return {};
  const fail = (message: string): never => {
    throw new UsageError(`--config ${path}: ${message}`);
  };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (!isObject(value)) return fail('expected a JSON object');
  for (const key of Object.keys(value)) if (!has(KEYS, key)) fail(`unknown key ${quoted(key)} (known: ${Object.keys(KEYS).join(', ')})`);
  const { columns, defaultCountry, threshold, nameOnlyThreshold, blocklist, unique } = value;
  if (columns !== undefined) {
    if (!isObject(columns)) fail('"columns" must be an object of column name -> field');
    else for (const [column, spec] of Object.entries(columns)) checkSpec(column, spec, fail);
  }
  if (defaultCountry !== undefined && typeof defaultCountry !== 'string') fail('"defaultCountry" must be a string (ISO 3166-1 alpha-2)');
  for (const [key, p] of [['threshold', threshold], ['nameOnlyThreshold', nameOnlyThreshold]] as const) {
    if (p !== undefined && !(typeof p === 'number' && p >= 0 && p <= 1)) fail(`${quoted(key)} must be a probability between 0 and 1 (a number; got ${JSON.stringify(p)})`);
  }
  if (blocklist !== undefined && !(Array.isArray(blocklist) && blocklist.every((b) => typeof b === 'string'))) fail('"blocklist" must be a list of strings');
  if (unique !== undefined) {
    if (!Array.isArray(unique)) fail('"unique" must be a list of {"kind": ..., "namespace"?: ...}');
    else {
      for (const [i, rule] of unique.entries()) {
        if (!isObject(rule) || !(IDENTIFIER_KINDS as readonly unknown[]).includes(rule['kind'])) fail(`"unique"[${i}].kind must be one of ${IDENTIFIER_KINDS.join(', ')}`);
        else {
          for (const key of Object.keys(rule)) if (key !== 'kind' && key !== 'namespace') fail(`"unique"[${i}]: unknown key ${quoted(key)} (known: kind, namespace)`);
          if (rule['namespace'] !== undefined && typeof rule['namespace'] !== 'string') fail(`"unique"[${i}].namespace must be a string`);
        }
      }
    }
  }
  return value as DedupeConfig;
}
