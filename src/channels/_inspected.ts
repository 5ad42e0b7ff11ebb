// The untrusted-input guard runs once per delivery. `normalizeDelivery` inspects the body itself (its
// issues carry the `body` path prefix) and then hands the adapter a context of its own making; it
// marks that context as "this body is already inspected under these limits", and the adapter's
// guard skips the second walk. Only that exact context object and body are trusted: a caller of an
// adapter never holds such a context, so every direct adapter call is still inspected.
import { inspectUntrusted } from '../internal/untrusted.js';
import type { Issue } from '../model/issue.js';
import type { NormalizeContext } from './adapter.js';

let inspected: WeakMap<NormalizeContext, unknown> | undefined;

/** Record that `body` passed {@link inspectUntrusted} under `context.limits`. */
export function markInspected(context: NormalizeContext, body: unknown): void {
  (inspected ??= new WeakMap()).set(context, body);
}

/** {@link inspectUntrusted} for an adapter, skipped when `normalizeDelivery` already did it for this body. */
export function inspectOnce(body: unknown, context: NormalizeContext): Issue[] {
  if (inspected !== undefined && typeof body === 'object' && body !== null && inspected.get(context) === body) return [];
  return inspectUntrusted(body, context.limits);
}
