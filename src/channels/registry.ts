import type { Provider } from '../model/channel.js';
import { instagramAdapter } from './instagram.js';
import { lineAdapter } from './line.js';
import { messengerAdapter } from './messenger.js';
import { telegramAdapter } from './telegram.js';
import { twilioAdapter } from './twilio.js';
import { webchatAdapter } from './webchat.js';
import { whatsappAdapter } from './whatsapp.js';
import type { ChannelAdapter } from './adapter.js';

/**
 * Every synchronous (JSON-body) adapter, in the order {@link detectProvider} asks them. Email is not
 * here: it reads a raw RFC 5322 message and is asynchronous (see `normalizeDelivery`).
 *
 * @example
 * ```ts
 * for (const adapter of CHANNEL_ADAPTERS) if (adapter.detect(body)) return adapter.normalize(body, { receivedAt });
 * ```
 */
export const CHANNEL_ADAPTERS: readonly ChannelAdapter[] = [
  whatsappAdapter,
  messengerAdapter,
  instagramAdapter,
  telegramAdapter,
  lineAdapter,
  twilioAdapter,
  webchatAdapter,
];

/**
 * The synchronous adapter of a provider, or undefined for `email`, whose adapter is asynchronous
 * (`normalizeEmailMessage`). Twilio's adapter reads Twilio Voice calls too (channel `voice`).
 *
 * @example
 * ```ts
 * const r = adapterFor('whatsapp')?.normalize(body, { receivedAt: new Date().toISOString() });
 * ```
 */
export function adapterFor(provider: Provider): ChannelAdapter | undefined {
  return CHANNEL_ADAPTERS.find((a) => a.provider === provider);
}
