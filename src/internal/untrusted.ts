import { OmnilinkError } from '../model/errors.js';
import type { Issue } from '../model/issue.js';
import { quoteUnsafeIntegers } from './exact-integers.js';

/**
 * Bounds for untrusted payloads (webhook bodies are attacker-controlled). Each is a whole number
 * >= 0, or `Infinity` for no bound; anything else (a negative number, NaN, a fraction, a string)
 * throws {@link OmnilinkError} `invalid_argument`, as does a key not listed here. Lengths are
 * counted in UTF-16 code units (JavaScript's `string.length`), not bytes: `maxBytes` and
 * `maxEmailBytes` keep their names but count characters, so a body within them may be up to 3
 * times as many bytes of UTF-8.
 *
 * @example
 * ```ts
 * const limits: PayloadLimits = { maxDepth: 24, maxBytes: 1_000_000 };
 * ```
 */
export interface PayloadLimits {
  /** Deepest nesting of objects and arrays. @defaultValue 32 */
  readonly maxDepth?: number;
  /** Most keys + array items in the whole payload. @defaultValue 100_000 */
  readonly maxNodes?: number;
  /** Longest single string, in UTF-16 code units (`string.length`). @defaultValue 1_000_000 */
  readonly maxStringLength?: number;
  /**
   * Longest text body (JSON or form-encoded text), in UTF-16 code units (`string.length`), not
   * bytes, despite the name. An object body is bounded by the other limits. @defaultValue 5_000_000
   */
  readonly maxBytes?: number;
  /**
   * Longest raw email (RFC 5322 text), in UTF-16 code units (`string.length`), not bytes, despite the
   * name (in bytes only for a message given to `normalizeEmailMessage` as bytes): mail carries its
   * attachments, base64-encoded, and a message must not be lost for one (a 25 MB attachment,
   * Gmail's limit, is ~34 M characters). @defaultValue 40_000_000
   */
  readonly maxEmailBytes?: number;
}

const LIMIT_NAMES: readonly string[] = ['maxDepth', 'maxNodes', 'maxStringLength', 'maxBytes', 'maxEmailBytes'];

/**
 * `limits` when every bound in it is a whole number >= 0 or `Infinity`, and it names no other key;
 * throws {@link OmnilinkError} `invalid_argument` naming the option otherwise. A bad bound is a
 * programming error, not bad data: `maxBytes: -1` would otherwise refuse every body as too big.
 */
export function checkPayloadLimits(limits: unknown): PayloadLimits | undefined {
  if (limits === undefined) return undefined;
  if (typeof limits !== 'object' || limits === null || isArray(limits)) {
    throw new OmnilinkError('invalid_argument', `limits must be an object (${LIMIT_NAMES.join(', ')}), got ${limits === null ? 'null' : isArray(limits) ? 'an array' : typeof limits}`);
  }
  for (const key of objectKeys(limits)) {
    const value: unknown = (limits as Record<string, unknown>)[key];
    if (!LIMIT_NAMES.includes(key)) throw new OmnilinkError('invalid_argument', `limits.${key} is not a limit (one of ${LIMIT_NAMES.join(', ')})`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 0))) {
      throw new OmnilinkError('invalid_argument', `limits.${key} must be a whole number >= 0 or Infinity (no limit), got ${typeof value === 'number' ? String(value) : typeof value}`);
    }
  }
  return limits as PayloadLimits;
}

const hasOwn = Object.prototype.hasOwnProperty;
const isArray = Array.isArray;
const objectKeys = Object.keys;

/**
 * Walk an untrusted JSON-like value and report what breaks the limits: nesting too deep, too many
 * nodes, strings too long, prototype-polluting keys (`__proto__`, `constructor`, `prototype`),
 * values JSON cannot hold (functions, symbols, non-finite numbers). An object property whose value
 * is `undefined` is absent, as `JSON.stringify` leaves it out (a body built as
 * `{ ...event, beacon: undefined }` is the body without `beacon`); an `undefined` array item (or a
 * hole) is still refused as `invalid_type`: JSON.stringify would turn it into `null`, which moves no
 * index but is a value the sender never gave, and the adapters would read it as a broken item. Cannot overflow the stack: a
 * recursive walk bounded by `maxDepth` when that is small (the default 32), an iterative one
 * otherwise; both visit in the same order and report the same issues. Returns at most a handful of
 * issues; stops at the first limit breach.
 */
export function inspectUntrusted(value: unknown, limits: PayloadLimits = {}): Issue[] {
  const maxDepth = limits.maxDepth ?? 32;
  // NaN or Infinity: no depth bound, so no recursion either.
  if (!(maxDepth <= MAX_RECURSIVE_DEPTH)) return inspectUntrustedIteratively(value, limits);
  const walk: Walk = {
    maxDepth,
    maxNodes: limits.maxNodes ?? 100_000,
    maxString: limits.maxStringLength ?? 1_000_000,
    nodes: 0,
    issues: [],
    path: [],
    ownOnly: !hasEnumerableInherited(),
  };
  visit(value, 0, walk);
  return walk.issues;
}

/** Deepest `maxDepth` walked recursively (one small frame per level, far below any stack limit). */
const MAX_RECURSIVE_DEPTH = 1000;

/** State of one recursive walk: the limits, the count so far, the issues, the path to the current value. */
interface Walk {
  readonly maxDepth: number;
  readonly maxNodes: number;
  readonly maxString: number;
  nodes: number;
  readonly issues: Issue[];
  readonly path: (string | number)[];
  /**
   * True when `Object.prototype` has no enumerable property (the normal case): for-in over a plain
   * object then lists its own keys only, and the own-property check per key can be skipped.
   */
  readonly ownOnly: boolean;
}

/** Does for-in over a plain object list an inherited key (something made a property of `Object.prototype` enumerable)? */
function hasEnumerableInherited(): boolean {
  for (const key in EMPTY) if (key !== undefined) return true;
  return false;
}
const EMPTY = {};

/** A key that pollutes prototypes when an object is built from it: `__proto__`, `constructor`, `prototype`. */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/** Visit one value (pre-order, keys in order). False when a limit was breached and the walk must stop. */
function visit(v: unknown, depth: number, w: Walk): boolean {
  if (++w.nodes > w.maxNodes) {
    w.issues.push({ code: 'too_big', path: [], message: `payload has more than ${w.maxNodes} values` });
    return false;
  }
  if (typeof v === 'string') {
    if (v.length > w.maxString) w.issues.push({ code: 'too_big', path: w.path.slice(), message: `string longer than ${w.maxString} characters` });
    return true;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) w.issues.push({ code: 'invalid_type', path: w.path.slice(), message: 'number is not finite' });
    return true;
  }
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v !== 'object') {
    w.issues.push({ code: 'invalid_type', path: w.path.slice(), message: `${typeof v} is not JSON` });
    return true;
  }
  if (depth >= w.maxDepth) {
    w.issues.push({ code: 'too_deep', path: w.path.slice(), message: `nested deeper than ${w.maxDepth} levels` });
    return false;
  }
  const path = w.path;
  if (isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      // Strings within the limit and finite numbers (most values) are counted here, without a call: same count, same order.
      if (w.nodes < w.maxNodes && (typeof item === 'string' ? item.length <= w.maxString : typeof item === 'number' && Number.isFinite(item))) {
        w.nodes++;
        continue;
      }
      path.push(i);
      const go = visit(item, depth + 1, w);
      path.pop();
      if (!go) return false;
    }
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    w.issues.push({ code: 'invalid_type', path: path.slice(), message: 'not a plain object' });
    return true;
  }
  // All forbidden keys of an object are reported before anything below it, as the iterative walk does:
  // the walk notes where this object's issues start, and when it met a forbidden key (rare), puts
  // them all there at the end (also when it stops early). JSON.parse creates an own "__proto__"
  // property, so the own-property checks are reliable. for-in lists own keys in Object.keys order
  // (plus inherited enumerable ones, skipped by hasOwn).
  const record = v as Record<string, unknown>;
  const issuesBefore = w.issues.length;
  let forbidden = false;
  let go = true;
  const ownOnly = w.ownOnly;
  for (const key in record) {
    // Only 9- and 11-character keys can be forbidden.
    if ((key.length === 9 || key.length === 11) && isForbiddenKey(key)) {
      if (hasOwn.call(record, key)) forbidden = true;
      continue;
    }
    if (!ownOnly && !hasOwn.call(record, key)) continue;
    const item = record[key];
    // A property set to undefined is absent, as JSON.stringify leaves it out ({ ...event, x: undefined }).
    if (item === undefined) continue;
    if (w.nodes < w.maxNodes && (typeof item === 'string' ? item.length <= w.maxString : typeof item === 'number' && Number.isFinite(item))) {
      w.nodes++;
      continue;
    }
    path.push(key);
    go = visit(item, depth + 1, w);
    path.pop();
    if (!go) break;
  }
  if (forbidden || !go) reportForbiddenKeys(record, path, w.issues, issuesBefore);
  return go;
}

/** Insert an issue for each own forbidden key of `record` at `at` of `issues`, in key order. */
function reportForbiddenKeys(record: Record<string, unknown>, path: readonly (string | number)[], issues: Issue[], at: number): void {
  const found: Issue[] = [];
  for (const key in record) {
    if (isForbiddenKey(key) && hasOwn.call(record, key)) {
      found.push({ code: 'forbidden_key', path: [...path, key], message: `key "${key}" is not allowed (prototype pollution)` });
    }
  }
  if (found.length > 0) issues.splice(at, 0, ...found);
}

/**
 * {@link inspectUntrusted} as an explicit-stack walk, for any `maxDepth` (a 100k-level payload cannot
 * overflow the stack). Same visit order, same issues.
 */
export function inspectUntrustedIteratively(value: unknown, limits: PayloadLimits = {}): Issue[] {
  const maxDepth = limits.maxDepth ?? 32;
  const maxNodes = limits.maxNodes ?? 100_000;
  const maxString = limits.maxStringLength ?? 1_000_000;
  const issues: Issue[] = [];
  // A path is only built when an issue needs it: each stack entry points at its parent entry.
  const values: unknown[] = [value];
  const keys: (string | number)[] = [''];
  const parents: number[] = [-1];
  const depths: number[] = [0];
  const pathOf = (index: number, extra?: string): (string | number)[] => {
    const path: (string | number)[] = extra === undefined ? [] : [extra];
    for (let i = index; i > 0; i = parents[i]!) path.push(keys[i]!);
    return path.reverse();
  };
  const pending: number[] = [0];
  let nodes = 0;
  while (pending.length > 0) {
    const at = pending.pop()!;
    const v = values[at];
    if (++nodes > maxNodes) {
      issues.push({ code: 'too_big', path: [], message: `payload has more than ${maxNodes} values` });
      return issues;
    }
    if (typeof v === 'string') {
      if (v.length > maxString) issues.push({ code: 'too_big', path: pathOf(at), message: `string longer than ${maxString} characters` });
      continue;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) issues.push({ code: 'invalid_type', path: pathOf(at), message: 'number is not finite' });
      continue;
    }
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v !== 'object') {
      issues.push({ code: 'invalid_type', path: pathOf(at), message: `${typeof v} is not JSON` });
      continue;
    }
    const depth = depths[at]!;
    if (depth >= maxDepth) {
      issues.push({ code: 'too_deep', path: pathOf(at), message: `nested deeper than ${maxDepth} levels` });
      return issues;
    }
    if (isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        pending.push(values.length);
        values.push(v[i]);
        keys.push(i);
        parents.push(at);
        depths.push(depth + 1);
      }
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      issues.push({ code: 'invalid_type', path: pathOf(at), message: 'not a plain object' });
      continue;
    }
    // JSON.parse creates an own "__proto__" property; objectKeys sees it, so the check is reliable.
    // Children are pushed in reverse so that they are visited in key order.
    const own = objectKeys(v);
    const firstChild = values.length;
    for (const key of own) {
      if (isForbiddenKey(key)) {
        issues.push({ code: 'forbidden_key', path: pathOf(at, key), message: `key "${key}" is not allowed (prototype pollution)` });
      } else if (hasOwn.call(v, key) && (v as Record<string, unknown>)[key] !== undefined) {
        // A property set to undefined is absent, as JSON.stringify leaves it out (see inspectUntrusted).
        values.push((v as Record<string, unknown>)[key]);
        keys.push(key);
        parents.push(at);
        depths.push(depth + 1);
      }
    }
    for (let i = values.length - 1; i >= firstChild; i--) pending.push(i);
  }
  return issues;
}

/** The default of {@link PayloadLimits.maxEmailBytes}. */
export const MAX_EMAIL_BYTES = 40_000_000;

/** Parse JSON text that came from outside, bounded in size, then inspected with {@link inspectUntrusted}. */
export function parseUntrustedJson(text: string, limits: PayloadLimits = {}): { value: unknown; issues: Issue[] } {
  const maxBytes = limits.maxBytes ?? 5_000_000;
  if (text.length > maxBytes) {
    return { value: undefined, issues: [{ code: 'too_big', path: [], message: `body longer than ${maxBytes} characters` }] };
  }
  let value: unknown;
  try {
    // A byte-order mark some clients put first is not JSON; numbers too big for a double would
    // come back rounded (two Messenger ids of 17 digits could become one): kept exactly, as strings.
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    value = JSON.parse(quoteUnsafeIntegers(body));
  } catch (error) {
    return { value: undefined, issues: [{ code: 'invalid_format', path: [], message: `not JSON: ${(error as Error).message}` }] };
  }
  return { value, issues: inspectUntrusted(value, limits) };
}
