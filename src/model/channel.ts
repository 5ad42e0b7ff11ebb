import * as z from 'zod/mini';
import { lazy } from '../internal/lazy.js';

/**
 * Every channel a customer can reach a business through. `crm` covers imports and CRM exports;
 * `store` is in-person contact; `other` is anything else, never a reason to drop data.
 */
export const CHANNELS = [
  'whatsapp',
  'sms',
  'voice',
  'email',
  'messenger',
  'instagram',
  'telegram',
  'line',
  'webchat',
  'store',
  'crm',
  'other',
] as const;

/** One of {@link CHANNELS}. */
export type Channel = (typeof CHANNELS)[number];

/**
 * The webhook providers omnilink has adapters for: every one has an adapter (email's is
 * asynchronous, `normalizeEmailMessage`), and every normalized message and event names one as its
 * `provider`. A provider may carry several channels: Twilio carries sms, whatsapp and voice, so a
 * Twilio Voice call is provider `twilio`, channel `voice`. (`normalizeDelivery` also accepts the
 * envelope name `"voice"` of the CLI's format for a Twilio Voice webhook; it is no provider.)
 */
export const PROVIDERS = [
  'whatsapp',
  'messenger',
  'instagram',
  'telegram',
  'twilio',
  'line',
  'email',
  'webchat',
] as const;

/** One of {@link PROVIDERS}. */
export type Provider = (typeof PROVIDERS)[number];

/**
 * True when `value` names a known channel.
 *
 * @example
 * ```ts
 * isChannel('whatsapp'); // true
 * isChannel('fax'); // false
 * ```
 */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/**
 * True when `value` names a known provider.
 *
 * @example
 * ```ts
 * isProvider('twilio'); // true
 * ```
 */
export function isProvider(value: unknown): value is Provider {
  return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value);
}

/** @internal */
export const channelSchema: () => z.ZodMiniType<Channel> = lazy(() => z.enum(CHANNELS));
/** @internal */
export const providerSchema: () => z.ZodMiniType<Provider> = lazy(() => z.enum(PROVIDERS));
