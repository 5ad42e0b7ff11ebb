import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChannelAdapter,
  type DeliveryEnvelope,
  type NormalizedBatch,
  type Provider,
  type Result,
  adapterFor,
  CHANNEL_ADAPTERS,
  detectProvider,
  instagramAdapter,
  messengerAdapter,
  normalizeDelivery,
  normalizeInstagram,
  normalizeMessenger,
  normalizeWhatsApp,
  verifyLineSignature,
  verifyMetaSignature,
  verifyTwilioSignature,
  whatsappAdapter,
} from '../../src/index.js';

describe('public types of the Meta adapters, signatures and dispatch', () => {
  it('adapters are synchronous and return a Result of a batch', () => {
    expectTypeOf(normalizeWhatsApp).returns.toEqualTypeOf<Result<NormalizedBatch>>();
    expectTypeOf(normalizeMessenger).parameter(1).toHaveProperty('receivedAt').toEqualTypeOf<string>();
    expectTypeOf(normalizeInstagram).parameter(0).toBeUnknown();
    expectTypeOf(whatsappAdapter).toEqualTypeOf<ChannelAdapter>();
    expectTypeOf(messengerAdapter).toEqualTypeOf<ChannelAdapter>();
    expectTypeOf(instagramAdapter).toEqualTypeOf<ChannelAdapter>();
    expectTypeOf(CHANNEL_ADAPTERS).toEqualTypeOf<readonly ChannelAdapter[]>();
    expectTypeOf(adapterFor).returns.toEqualTypeOf<ChannelAdapter | undefined>();
  });

  it('verifiers are async and resolve to Result<true>; options are checked', () => {
    expectTypeOf(verifyMetaSignature).returns.resolves.toEqualTypeOf<Result<true>>();
    expectTypeOf(verifyTwilioSignature).returns.resolves.toEqualTypeOf<Result<true>>();
    expectTypeOf(verifyLineSignature).returns.resolves.toEqualTypeOf<Result<true>>();
    // @ts-expect-error the Meta verifier needs the app secret
    void verifyMetaSignature({ rawBody: '', signatureHeader: '' });
    // @ts-expect-error a header value may be null (Headers.get) but not a number
    void verifyLineSignature({ rawBody: '', signatureHeader: 1, channelSecret: 's' });
  });

  it('dispatch: detectProvider names a Provider; normalizeDelivery resolves to a Result', () => {
    expectTypeOf(detectProvider).returns.toEqualTypeOf<Provider | undefined>();
    expectTypeOf(normalizeDelivery).returns.resolves.toEqualTypeOf<Result<NormalizedBatch>>();
    expectTypeOf<DeliveryEnvelope>().toHaveProperty('receivedAt').toEqualTypeOf<string>();
    // @ts-expect-error provider must be a known provider
    const bad: DeliveryEnvelope = { provider: 'fax', receivedAt: '' };
    void bad;
  });
});
