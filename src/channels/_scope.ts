// Shared plumbing of the Telegram, Twilio, LINE, email and web chat adapters: the context every
// adapter reads (arrival time, default country), the untrusted-payload guard, and the last step that
// checks every produced item against the model so an adapter never hands out an invalid record.
import { inspectUntrusted } from '../internal/untrusted.js';
import type { Channel, Provider } from '../model/channel.js';
import { safeParseContactRecord } from '../model/contact-record.js';
import { type Issue, type Result, fail, issue, ok } from '../model/issue.js';
import { safeParseMessage } from '../model/message.js';
import { safeParseMessageEvent } from '../model/message-event.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import type { NormalizeContext } from './adapter.js';
import type { BatchBuilder } from './_batch.js';
import { toIsoTime } from './_time.js';

/** What an adapter knows while it walks one delivery. */
export interface Scope {
  readonly provider: Provider;
  /** Arrival time, normalized to `toISOString()` form. */
  readonly receivedAt: string;
  readonly defaultCountry?: string;
}

/**
 * Read the caller's context. A missing or unreadable `receivedAt` gives a failed Result (path
 * `['receivedAt']`), as the other adapters do: the CLI reads it from envelopes, where it is data.
 */
export function openScope(provider: Provider, context: NormalizeContext): Result<Scope> {
  if (typeof context !== 'object' || context === null) {
    return fail(issue('invalid_type', ['context'], `${provider}: context must be an object with receivedAt`));
  }
  const receivedAt = typeof context.receivedAt === 'string' ? toIsoTime(context.receivedAt) : undefined;
  if (receivedAt === undefined) {
    return fail(issue('invalid_value', ['receivedAt'], `${provider}: receivedAt must be an ISO-8601 date-time`));
  }
  return ok({ provider, receivedAt, ...(context.defaultCountry !== undefined ? { defaultCountry: context.defaultCountry } : {}) });
}

/** Refuse payloads that break the limits or carry prototype-polluting keys. */
export function guardPayload(body: unknown, context: NormalizeContext): Result<never> | undefined {
  const problems = inspectUntrusted(body, context.limits);
  const [first, ...rest] = problems;
  return first === undefined ? undefined : fail(first, ...rest);
}

/** A failed Result for a body that is not the expected JSON object. */
export function notAnObject(provider: Provider): Result<never> {
  return fail(issue('invalid_type', [], `${provider}: the body must be a JSON object`));
}

/**
 * Check every produced item against the model. An item that fails (an over-long file name from a
 * hostile payload, a coordinate out of range) is dropped and reported as issues with its path, so the
 * batch an adapter returns always parses.
 */
export function finish(batch: BatchBuilder, provider: Provider, channel?: Channel): NormalizedBatch {
  const out = batch.build();
  const issues: Issue[] = [...out.issues];
  const keep = <T>(items: readonly T[], check: (item: T) => Result<T>, what: string): T[] => {
    const kept: T[] = [];
    items.forEach((item, index) => {
      const r = check(item);
      if (r.success) {
        kept.push(item);
        return;
      }
      for (const i of r.issues) {
        issues.push(issue(i.code, [what, index, ...i.path], `${provider}${channel !== undefined ? `/${channel}` : ''}: dropped an invalid ${what.slice(0, -1)}: ${i.message}`));
      }
    });
    return kept;
  };
  return {
    records: keep(out.records, safeParseContactRecord, 'records'),
    messages: keep(out.messages, safeParseMessage, 'messages'),
    events: keep(out.events, safeParseMessageEvent, 'events'),
    unsupported: out.unsupported,
    issues,
  };
}
