import type { z } from 'zod';
import { ValidationError } from '../model/errors.js';
import type { Issue, IssueCode, Issues, Result } from '../model/issue.js';

function codeOf(zodIssue: z.core.$ZodIssue): IssueCode {
  switch (zodIssue.code) {
    case 'invalid_type':
      return zodIssue.input === undefined ? 'required' : 'invalid_type';
    case 'too_big':
      return 'too_big';
    case 'too_small':
      return 'too_small';
    case 'invalid_format':
      return 'invalid_format';
    case 'unrecognized_keys':
      return 'unrecognized_keys';
    default:
      return 'invalid_value';
  }
}

/** Translate zod's issues into omnilink's stable issue codes and paths. */
export function fromZodIssues(zodIssues: readonly z.core.$ZodIssue[]): Issues {
  const issues: Issue[] = zodIssues.map((i) => ({
    code: codeOf(i),
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  }));
  const [first, ...rest] = issues;
  return first ? [first, ...rest] : [{ code: 'invalid_value', path: [], message: 'invalid value' }];
}

/** Run a schema and return omnilink's {@link Result}. */
export function safeParseWith<T>(schema: z.ZodType<T>, input: unknown): Result<T> {
  const r = schema.safeParse(input);
  return r.success ? { success: true, data: r.data } : { success: false, issues: fromZodIssues(r.error.issues) };
}

/** Run a schema and throw {@link ValidationError} on failure. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = safeParseWith(schema, input);
  if (!r.success) throw new ValidationError(r.issues, what);
  return r.data;
}
