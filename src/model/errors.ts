import type { Issue, Issues } from './issue.js';

/** Codes for errors thrown on *misuse* (a wrong argument, an invalid configuration) or by `parseXxx`. */
export type OmnilinkErrorCode =
  | 'invalid_argument'
  | 'invalid_config'
  | 'validation_failed'
  | 'unknown_provider'
  | 'signature_mismatch'
  | 'not_found'
  | 'conflict';

/** Where every copy of the library brands its errors (see OmnilinkError's hasInstance). */
const KINDS = Symbol.for('omnilink.errorKinds');

/** The brand of an error class: a name that minifying cannot change. */
function brandOf(cls: unknown): string | undefined {
  return cls === ValidationError ? 'ValidationError' : cls === OmnilinkError ? 'OmnilinkError' : undefined;
}

/** The brands of an error class and of the classes it extends. */
function kindsOf(cls: unknown): string[] {
  const kinds: string[] = [];
  for (let c = cls; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    const b = brandOf(c);
    if (b !== undefined) kinds.push(b);
  }
  return kinds;
}

/**
 * Base class of every error omnilink throws. `code` is stable; `message` is for humans.
 *
 * @example
 * ```ts
 * try { parseContactRecord(input); } catch (e) {
 *   if (e instanceof OmnilinkError && e.code === 'validation_failed') { ... }
 * }
 * ```
 */
export class OmnilinkError extends Error {
  /** A stable, switchable code. */
  readonly code: OmnilinkErrorCode;

  constructor(code: OmnilinkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OmnilinkError';
    this.code = code;
    Object.defineProperty(this, KINDS, { value: kindsOf(new.target) });
  }

  /**
   * `instanceof` also holds for an error of another copy of the library (its ESM and CommonJS
   * builds loaded side by side, or two installed versions): every copy brands its errors with the
   * names of their classes under one `Symbol.for` key.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kinds: unknown = value !== null && typeof value === 'object' ? (value as { [KINDS]?: unknown })[KINDS] : undefined;
    const brand = brandOf(this);
    return Array.isArray(kinds) && brand !== undefined && kinds.includes(brand);
  }
}

/**
 * Thrown by `parseXxx` functions when data is invalid; carries the same issues `safeParseXxx` returns.
 *
 * @example
 * ```ts
 * try { parseMessage(body); } catch (e) {
 *   if (e instanceof ValidationError) report(e.issues[0].path, e.issues[0].code);
 * }
 * ```
 */
export class ValidationError extends OmnilinkError {
  /** Every problem found, with its path. */
  readonly issues: Issues;

  constructor(issues: Issues, what = 'value') {
    super('validation_failed', `invalid ${what}: ${formatIssues(issues)}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/**
 * Render issues as one readable line, e.g. `identifiers.0.value: required (value is empty)`.
 *
 * @example
 * ```ts
 * formatIssues([{ code: 'required', path: ['email'], message: 'email is empty' }]);
 * // "email: email is empty (required)"
 * ```
 */
export function formatIssues(issues: readonly Issue[]): string {
  return issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message} (${i.code})`)
    .join('; ');
}
