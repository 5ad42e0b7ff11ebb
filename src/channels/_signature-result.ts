import { OmnilinkError } from '../model/errors.js';
import { fail, issue, ok, type Result } from '../model/issue.js';

/** The success value of every `verifyXxxSignature`. */
export const VERIFIED: Result<true> = ok(true);

/** A failed verification: the request must be rejected (HTTP 401/403). */
export function mismatch(message: string, path: readonly (string | number)[] = ['signatureHeader']): Result<true> {
  return fail(issue('signature_mismatch', path, message));
}

/** A secret is configuration, not request data: a missing one is a programming error. */
export function requireSecret(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new OmnilinkError('invalid_argument', `${name} must be a non-empty string`);
  }
  return value;
}
