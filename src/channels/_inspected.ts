// The untrusted-input guard runs once per delivery. `normalizeDelivery` inspects the body itself (its
// issues carry the `body` path prefix) and then runs the adapter through {@link normalizeInspected},
// which marks "this body, under this context of normalizeDelivery's own making, is already inspected"
// for the duration of that synchronous call; the adapter's guard then skips the second walk. Only
// that exact context object and body are trusted, and only during the call: every direct adapter
// call is still inspected.
import { checkPayloadLimits, inspectUntrusted } from '../internal/untrusted.js';
import type { Issue, Result } from '../model/issue.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import type { ChannelAdapter, NormalizeContext } from './adapter.js';

let guardedContext: NormalizeContext | undefined;
let guardedBody: unknown;

/** `adapter.normalize(body, context)` for a body that passed {@link inspectUntrusted} under `context.limits`. */
export function normalizeInspected(adapter: ChannelAdapter, body: unknown, context: NormalizeContext): Result<NormalizedBatch> {
  guardedContext = context;
  guardedBody = body;
  try {
    return adapter.normalize(body, context);
  } finally {
    guardedContext = undefined;
    guardedBody = undefined;
  }
}

/**
 * {@link inspectUntrusted} for an adapter, skipped when `normalizeDelivery` already did it for this
 * body. Throws `invalid_argument` for bad `context.limits` ({@link checkPayloadLimits}).
 */
export function inspectOnce(body: unknown, context: NormalizeContext): Issue[] {
  if (context === guardedContext && body === guardedBody && typeof body === 'object' && body !== null) return [];
  return inspectUntrusted(body, checkPayloadLimits(context.limits));
}
