// normalizeDelivery's envelope and options: what is refused, for which reason, and how.
import { describe, expect, it } from 'vitest';
import { normalizeEmailMessage } from '../../src/channels/email.js';
import { normalizeLineWebhook } from '../../src/channels/line.js';
import { normalizeDelivery } from '../../src/channels/normalize-delivery.js';
import { adapterFor } from '../../src/channels/registry.js';
import { whatsappAdapter } from '../../src/channels/whatsapp.js';
import type { PayloadLimits } from '../../src/internal/untrusted.js';
import { PROVIDERS, isProvider } from '../../src/model/channel.js';
import { OmnilinkError } from '../../src/model/errors.js';

const RECEIVED = '2024-05-01T10:00:00.000Z';

describe('a JSON text body that does not parse', () => {
  it('is refused as not JSON whether the provider is given or not (never as an unknown provider)', async () => {
    const body = '{"object":"whatsapp_business_account","entry":[';
    const given = await normalizeDelivery({ provider: 'whatsapp', receivedAt: RECEIVED, body });
    const detected = await normalizeDelivery({ receivedAt: RECEIVED, body });
    expect(given).toMatchObject({ success: false, issues: [{ code: 'invalid_format', path: ['body'] }] });
    expect(given.success === false && given.issues[0]!.message).toMatch(/^not JSON: /);
    expect(detected).toEqual(given);
    // The guard's refusals of parsed text come first too (a body too deep to walk names no provider).
    const deep = `{"object":"page","entry":[${'['.repeat(40)}${']'.repeat(40)}]}`;
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body: deep })).toMatchObject({ success: false, issues: [{ code: 'too_deep' }] });
    // Text that does not look like JSON still goes to detection (Twilio form fields, an email).
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body: 'hello' })).toMatchObject({ success: false, issues: [{ code: 'unsupported', path: ['provider'] }] });
  });
});

describe('limits', () => {
  const body = { object: 'whatsapp_business_account', entry: [] };

  it('a bad limit throws OmnilinkError invalid_argument naming it, before any delivery is read', async () => {
    const bad: unknown[] = [-1, Number.NaN, 1.5, Number.NEGATIVE_INFINITY, '1000', null, true];
    for (const key of ['maxDepth', 'maxNodes', 'maxStringLength', 'maxBytes', 'maxEmailBytes']) {
      for (const value of bad) {
        const limits = { [key]: value } as PayloadLimits;
        const thrown = await normalizeDelivery({ receivedAt: RECEIVED, body }, { limits }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(thrown, `${key} ${String(value)}`).toBeInstanceOf(OmnilinkError);
        expect(thrown).toMatchObject({ code: 'invalid_argument', message: expect.stringContaining(`limits.${key} must be a whole number >= 0 or Infinity`) as string });
        // Also when the envelope itself is bad: misuse is said whatever the data.
        await expect(normalizeDelivery(null as never, { limits })).rejects.toThrow(`limits.${key}`);
        // And through an adapter called directly.
        expect(() => whatsappAdapter.normalize(body, { receivedAt: RECEIVED, limits }), key).toThrow(OmnilinkError);
        expect(() => normalizeLineWebhook({ events: [] }, { receivedAt: RECEIVED, limits }), key).toThrow(OmnilinkError);
        await expect(normalizeEmailMessage('From: a@example.com\r\n\r\nhi\r\n', { receivedAt: RECEIVED, limits })).rejects.toThrow(OmnilinkError);
      }
    }
    await expect(normalizeDelivery({ receivedAt: RECEIVED, body }, { limits: { maxbytes: 10 } as PayloadLimits })).rejects.toThrow('limits.maxbytes is not a limit');
    await expect(normalizeDelivery({ receivedAt: RECEIVED, body }, { limits: 5 as never })).rejects.toThrow('limits must be an object');
  });

  it('whole numbers from 0, Infinity and undefined are limits; a body longer than maxBytes characters is too_big', async () => {
    for (const limits of [{ maxDepth: 0 }, { maxNodes: Number.POSITIVE_INFINITY, maxBytes: undefined } as unknown as PayloadLimits, { maxStringLength: 10, maxEmailBytes: 0 }, {}]) {
      await expect(normalizeDelivery({ receivedAt: RECEIVED, body }, { limits })).resolves.toHaveProperty('success');
    }
    // Characters (UTF-16 code units), not bytes: 'é' is one character, two bytes of UTF-8.
    const text = JSON.stringify({ ...body, note: 'é'.repeat(20) });
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body: text }, { limits: { maxBytes: text.length } })).toMatchObject({ success: true });
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body: text }, { limits: { maxBytes: text.length - 1 } })).toEqual({
      success: false,
      issues: [{ code: 'too_big', path: ['body'], message: `body is longer than ${text.length - 1} characters` }],
    });
  });
});

describe('PROVIDERS and the envelope name "voice"', () => {
  const call = { CallSid: 'CA1', AccountSid: 'AC1', From: '+15551234567', To: '+15005550006', Direction: 'inbound', CallStatus: 'ringing' };

  it('every provider listed has an adapter, and "voice" (a channel Twilio carries) is not one', () => {
    for (const provider of PROVIDERS) expect(provider === 'email' || adapterFor(provider) !== undefined, provider).toBe(true);
    expect(isProvider('voice')).toBe(false);
    expect(PROVIDERS).not.toContain('voice');
  });

  it('normalizeDelivery reads a "voice" envelope (the CLI format) as the Twilio Voice webhook it is', async () => {
    const twilio = await normalizeDelivery({ provider: 'twilio', receivedAt: RECEIVED, body: call });
    expect(twilio.success && twilio.data.messages.map((m) => [m.provider, m.channel, m.kind])).toEqual([['twilio', 'voice', 'call']]);
    expect(await normalizeDelivery({ provider: 'voice', receivedAt: RECEIVED, body: call })).toEqual(twilio);
    expect(await normalizeDelivery({ provider: 'voice', receivedAt: RECEIVED, body: new URLSearchParams(call).toString() })).toEqual(twilio);
    expect(await normalizeDelivery({ provider: 'voice', receivedAt: RECEIVED, body: JSON.stringify(call) })).toEqual(twilio);
  });

  it('a "voice" envelope without a CallSid says what to give instead', async () => {
    const refusal = {
      success: false,
      issues: [{ code: 'invalid_value', path: ['provider'], message: 'provider "voice" is a Twilio Voice webhook and this body has no CallSid: give provider "twilio" (SMS, WhatsApp and voice), or none to detect it' }],
    };
    const sms = { MessageSid: 'SM1', AccountSid: 'AC1', From: '+15551234567', To: '+15005550006', Body: 'hello' };
    for (const body of [sms, new URLSearchParams(sms).toString(), {}, { ...call, CallSid: '' }]) {
      expect(await normalizeDelivery({ provider: 'voice', receivedAt: RECEIVED, body }), JSON.stringify(body)).toEqual(refusal);
    }
  });
});
