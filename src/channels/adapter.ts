import type { PayloadLimits } from '../internal/untrusted.js';
import type { Provider } from '../model/channel.js';
import type { Result } from '../model/issue.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';

/** What every adapter needs besides the payload. */
export interface NormalizeContext {
  /** When the delivery arrived (ISO-8601); becomes `receivedAt` of every message and event. */
  readonly receivedAt: string;
  /** ISO 3166-1 alpha-2 country for national-format phone numbers. @defaultValue undefined (international only) */
  readonly defaultCountry?: string;
  /** Size, depth and node limits for the untrusted payload; a bad one throws `OmnilinkError` (`invalid_argument`). @defaultValue see {@link PayloadLimits} */
  readonly limits?: PayloadLimits;
}

/**
 * One provider's adapter: a cheap structural `detect` used by `detectProvider`, and `normalize`,
 * which turns one delivery into a {@link NormalizedBatch}. `normalize` never throws for bad data:
 * a payload it cannot read at all gives a failed Result; a partly unreadable one gives a batch with
 * `issues`; kinds it does not model become `unsupported` items that keep the raw payload.
 */
export interface ChannelAdapter {
  readonly provider: Provider;
  detect(body: unknown): boolean;
  normalize(body: unknown, context: NormalizeContext): Result<NormalizedBatch>;
}
