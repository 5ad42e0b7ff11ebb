/**
 * Stable codes for problems found in *data*. They never change meaning between releases, so callers
 * may switch on them.
 */
export type IssueCode =
  | 'invalid_type'
  | 'required'
  | 'invalid_format'
  | 'invalid_value'
  | 'too_big'
  | 'too_small'
  | 'too_deep'
  | 'forbidden_key'
  | 'ambiguous'
  | 'impossible'
  | 'unsupported'
  | 'signature_mismatch'
  | 'unrecognized_keys';

/** One problem with a piece of data: what went wrong (`code`), where (`path`) and why (`message`). */
export interface Issue {
  readonly code: IssueCode;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** A non-empty, readonly list of issues: a failure always says at least one reason. */
export type Issues = readonly [Issue, ...Issue[]];

/** The outcome of a `safeXxx` function: data on success, issues on failure. Never throws for bad data. */
export type Result<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: Issues };

/**
 * Build a successful {@link Result}.
 *
 * @example
 * ```ts
 * const r = ok(42); // { success: true, data: 42 }
 * ```
 */
export function ok<T>(data: T): Result<T> {
  return { success: true, data };
}

/**
 * Build a failed {@link Result} from one or more issues.
 *
 * @example
 * ```ts
 * const r = fail({ code: 'required', path: ['email'], message: 'email is empty' });
 * ```
 */
export function fail<T = never>(first: Issue, ...rest: Issue[]): Result<T> {
  return { success: false, issues: [first, ...rest] };
}

/**
 * Build one {@link Issue}.
 *
 * @example
 * ```ts
 * issue('invalid_format', ['phone'], 'not a phone number');
 * ```
 */
export function issue(code: IssueCode, path: readonly (string | number)[], message: string): Issue {
  return { code, path, message };
}
