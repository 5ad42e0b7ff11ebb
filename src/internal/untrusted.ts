import type { Issue } from '../model/issue.js';

/** Bounds for untrusted payloads (webhook bodies are attacker-controlled). */
export interface PayloadLimits {
  /** Deepest nesting of objects and arrays. @defaultValue 32 */
  readonly maxDepth?: number;
  /** Most keys + array items in the whole payload. @defaultValue 100_000 */
  readonly maxNodes?: number;
  /** Longest single string. @defaultValue 1_000_000 */
  readonly maxStringLength?: number;
  /** Largest raw body in characters, where a raw body is given. @defaultValue 5_000_000 */
  readonly maxBytes?: number;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const hasOwn = Object.prototype.hasOwnProperty;
const isArray = Array.isArray;
const objectKeys = Object.keys;

/**
 * Walk an untrusted JSON-like value and report what breaks the limits: nesting too deep, too many
 * nodes, strings too long, prototype-polluting keys (`__proto__`, `constructor`, `prototype`),
 * values JSON cannot hold (functions, symbols, non-finite numbers). Iterative, so a deep payload
 * cannot overflow the stack. Returns at most a handful of issues; stops at the first limit breach.
 */
export function inspectUntrusted(value: unknown, limits: PayloadLimits = {}): Issue[] {
  const maxDepth = limits.maxDepth ?? 32;
  const maxNodes = limits.maxNodes ?? 100_000;
  const maxString = limits.maxStringLength ?? 1_000_000;
  const issues: Issue[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (++nodes > maxNodes) {
      issues.push({ code: 'too_big', path: [], message: `payload has more than ${maxNodes} values` });
      return issues;
    }
    if (typeof v === 'string') {
      if (v.length > maxString) issues.push({ code: 'too_big', path, message: `string longer than ${maxString} characters` });
      continue;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) issues.push({ code: 'invalid_type', path, message: 'number is not finite' });
      continue;
    }
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v !== 'object') {
      issues.push({ code: 'invalid_type', path, message: `${typeof v} is not JSON` });
      continue;
    }
    if (path.length >= maxDepth) {
      issues.push({ code: 'too_deep', path, message: `nested deeper than ${maxDepth} levels` });
      return issues;
    }
    if (isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      issues.push({ code: 'invalid_type', path, message: 'not a plain object' });
      continue;
    }
    // JSON.parse creates an own "__proto__" property; objectKeys sees it, so the check is reliable.
    for (const key of objectKeys(v)) {
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push({ code: 'forbidden_key', path: [...path, key], message: `key "${key}" is not allowed (prototype pollution)` });
        continue;
      }
      if (hasOwn.call(v, key)) stack.push({ value: (v as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return issues;
}

/** Parse JSON text that came from outside, bounded in size, then inspected with {@link inspectUntrusted}. */
export function parseUntrustedJson(text: string, limits: PayloadLimits = {}): { value: unknown; issues: Issue[] } {
  const maxBytes = limits.maxBytes ?? 5_000_000;
  if (text.length > maxBytes) {
    return { value: undefined, issues: [{ code: 'too_big', path: [], message: `body longer than ${maxBytes} characters` }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { value: undefined, issues: [{ code: 'invalid_format', path: [], message: `not JSON: ${(error as Error).message}` }] };
  }
  return { value, issues: inspectUntrusted(value, limits) };
}
