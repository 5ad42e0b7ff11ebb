// Defensive readers for untrusted payloads: own properties only, exact types, no coercion surprises.
// A webhook body is attacker-controlled; these never throw on JSON data and never return an inherited property.

const hasOwn = Object.prototype.hasOwnProperty;
const isArray = Array.isArray;

/** A plain object view of `value`, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** An own property of an object, or undefined. */
export function field(value: unknown, key: string): unknown {
  const record = asRecord(value);
  if (record === undefined) return undefined;
  // One lookup for an absent key (most optional fields); an inherited value is never returned.
  const v = record[key];
  return v !== undefined && hasOwn.call(record, key) ? v : undefined;
}

/** An own property as a record. */
export function record(value: unknown, key: string): Record<string, unknown> | undefined {
  return asRecord(field(value, key));
}

/** An own property as an array (empty when absent or not an array). */
export function list(value: unknown, key: string): readonly unknown[] {
  const v = field(value, key);
  return isArray(v) ? v : [];
}

/** An own property as a non-empty string; numbers (ids sent as numbers) are converted exactly. */
export function text(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  if (typeof v === 'string') return v.length > 0 ? v : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return Number.isSafeInteger(v) || !Number.isInteger(v) ? String(v) : BigInt(v).toString();
  return undefined;
}

/** An own property as a finite number; numeric strings are accepted. */
export function num(value: unknown, key: string): number | undefined {
  const v = field(value, key);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** An own property as a boolean; `"true"`/`"false"` strings are accepted. */
export function bool(value: unknown, key: string): boolean | undefined {
  const v = field(value, key);
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}
