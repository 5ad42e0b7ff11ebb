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
