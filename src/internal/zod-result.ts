import type * as z from 'zod/mini';
import { ValidationError } from '../model/errors.js';
import type { Issue, IssueCode, Issues, Result } from '../model/issue.js';

type ZodIssue = z.core.$ZodIssue;

function codeOf(i: ZodIssue): IssueCode {
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined ? 'required' : 'invalid_type';
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

// Our own messages: zod/mini ships none, and a library must not call the global z.config().
function messageOf(i: ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined ? `required ${i.expected} is missing` : `expected ${i.expected}, got ${describe(i.input)}`;
    case 'too_big':
      return `${i.origin === 'string' ? 'longer than' : i.origin === 'array' ? 'more items than' : 'greater than'} ${String(i.maximum)}`;
    case 'too_small':
      return i.origin === 'string' && i.minimum === 1
        ? 'must not be empty'
        : `${i.origin === 'string' ? 'shorter than' : i.origin === 'array' ? 'fewer items than' : 'less than'} ${String(i.minimum)}`;
    case 'invalid_format':
      return `not a valid ${i.format}`;
    case 'unrecognized_keys':
      return `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `expected one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    default:
      return i.message && i.message !== 'Invalid input' ? i.message : 'invalid value';
  }
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** Translate zod's issues into omnilink's stable issue codes, paths and messages. */
export function fromZodIssues(zodIssues: readonly ZodIssue[]): Issues {
  const issues: Issue[] = zodIssues.map((i) => ({
    code: codeOf(i),
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: messageOf(i),
  }));
  const [first, ...rest] = issues;
  return first ? [first, ...rest] : [{ code: 'invalid_value', path: [], message: 'invalid value' }];
}

/** Run a schema and return omnilink's {@link Result}. */
export function safeParseWith<T>(schema: z.ZodMiniType<T>, input: unknown): Result<T> {
  // reportInput lets issues tell "missing" from "wrong type"; the input itself is not kept.
  const r = schema.safeParse(input, { reportInput: true });
  return r.success ? { success: true, data: r.data } : { success: false, issues: fromZodIssues(r.error.issues) };
}

/** Run a schema and throw {@link ValidationError} on failure. */
export function parseWith<T>(schema: z.ZodMiniType<T>, input: unknown, what: string): T {
  const r = safeParseWith(schema, input);
  if (!r.success) throw new ValidationError(r.issues, what);
  return r.data;
}
