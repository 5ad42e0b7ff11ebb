import { OmnilinkError } from '../model/errors.js';
import type { AnyColumn, FieldKind } from './_kind.js';
import { kindOf } from './_kinds.js';
import { type BlockingRule, blockingRuleName } from './blocking-rule.js';
import type { FieldType } from './field-spec.js';
import type { PreparedRecords, ResolvedField } from './prepare-records.js';

/**
 * Blocking rules bound to prepared columns.
 *
 * @internal
 */
interface Part {
  readonly kind: FieldKind<AnyColumn>;
  readonly type: FieldType;
  readonly column: AnyColumn;
  readonly transform: string;
}

export interface CompiledRule {
  readonly name: string;
  readonly parts: readonly Part[];
  /** Indices of the fields whose agreement the rule selects on (directly or by correlation). */
  readonly selects: readonly number[];
}

const LOCATION: ReadonlySet<FieldType> = new Set(['postcode', 'city', 'address']);
const NAMES: ReadonlySet<FieldType> = new Set(['name', 'given_name', 'family_name']);

/** Parse `field[:transform]` against the fields. */
function parsePart(part: string, fields: readonly ResolvedField[]): { field: number; transform: string } {
  const colon = part.indexOf(':');
  const name = colon >= 0 ? part.slice(0, colon) : part;
  const field = fields.findIndex((f) => f.name === name);
  if (field < 0) throw new OmnilinkError('invalid_config', `blocking part "${part}": no field named "${name}"`);
  const f = fields[field] as ResolvedField;
  const kind = kindOf(f.type);
  const transform = colon >= 0 ? part.slice(colon + 1) : (kind.transforms[0] ?? '');
  if (!kind.transforms.includes(transform)) {
    throw new OmnilinkError('invalid_config', `blocking part "${part}": ${f.type} fields support ${kind.transforms.join(', ')}`);
  }
  return { field, transform };
}

/** Bind rules to the prepared columns. Parts naming fields the data lacks throw. */
export function compileRules(prepared: Pick<PreparedRecords, 'fields' | 'columns'>, rules: readonly BlockingRule[]): CompiledRule[] {
  const fields = prepared.fields;
  return rules.map((rule) => {
    if (rule.on.length === 0) throw new OmnilinkError('invalid_config', `blocking rule "${blockingRuleName(rule)}" has no parts`);
    const parsed = rule.on.map((p) => parsePart(p, fields));
    const selects = new Set<number>();
    for (const { field } of parsed) {
      selects.add(field);
      const type = (fields[field] as ResolvedField).type;
      fields.forEach((g, k) => {
        if (LOCATION.has(type) && LOCATION.has(g.type)) selects.add(k);
        if (type === 'name' && NAMES.has(g.type)) selects.add(k);
        if (NAMES.has(type) && g.type === 'name') selects.add(k);
      });
    }
    return {
      name: blockingRuleName(rule),
      parts: parsed.map(({ field, transform }) => {
        const f = fields[field] as ResolvedField;
        return { kind: kindOf(f.type), type: f.type, column: prepared.columns[field] as AnyColumn, transform };
      }),
      selects: [...selects].sort((x, y) => x - y),
    };
  });
}

const MAX_COMBINATIONS = 16;

/** Push the keys of `row` under a compiled rule (the cartesian product of its parts' keys). */
export function ruleKeys(rule: CompiledRule, row: number, out: string[]): void {
  const first = rule.parts[0];
  if (first === undefined) return;
  if (rule.parts.length === 1) {
    first.kind.keys(first.type, first.column, row, first.transform, out);
    return;
  }
  let acc: string[] = [''];
  const partKeys: string[] = [];
  for (let p = 0; p < rule.parts.length; p++) {
    const part = rule.parts[p] as Part;
    partKeys.length = 0;
    part.kind.keys(part.type, part.column, row, part.transform, partKeys);
    if (partKeys.length === 0) return;
    const next: string[] = [];
    for (const a of acc) {
      for (const k of partKeys) {
        if (next.length >= MAX_COMBINATIONS) break;
        next.push(p === 0 ? k : `${a}\u0002${k}`);
      }
    }
    acc = next;
  }
  for (const k of acc) out.push(k);
}
