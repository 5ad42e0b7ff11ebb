// Telegram signs nothing: it sends setWebhook's secret_token back in X-Telegram-Bot-Api-Secret-Token.
// verifyTelegramSecretToken compares the two as the other verifiers compare signatures (same Result,
// same codes), and a header of another length is a mismatch, never an exception (Node's
// crypto.timingSafeEqual throws ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH there, which became a 500).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OmnilinkError, verifyTelegramSecretToken } from '../../src/index.js';

const VERIFIED = { success: true, data: true };
const secret = 'my-bot_webhook-Secret-0123456789';
const mismatch = (message: string) => ({ success: false, issues: [{ code: 'signature_mismatch', path: ['header'], message }] });

describe('verifyTelegramSecretToken', () => {
  it('accepts the secret token setWebhook was given (surrounding whitespace of the header aside)', async () => {
    expect(await verifyTelegramSecretToken({ header: secret, secret })).toEqual(VERIFIED);
    expect(await verifyTelegramSecretToken({ header: ` ${secret}\t`, secret })).toEqual(VERIFIED);
    expect(await verifyTelegramSecretToken({ header: 'x'.repeat(256), secret: 'x'.repeat(256) })).toEqual(VERIFIED);
  });

  it('a wrong header of any length is a mismatch, not a throw; a missing one says so', async () => {
    for (const header of [`${secret}x`, secret.slice(0, -1), secret.toUpperCase(), 'x', 'x'.repeat(10_000), `${secret}\u0000`, 'ü'.repeat(secret.length)]) {
      expect(await verifyTelegramSecretToken({ header, secret }), header.slice(0, 40)).toEqual(mismatch('secret token does not match'));
    }
    for (const header of [undefined, null, '', '   ']) {
      expect(await verifyTelegramSecretToken({ header, secret })).toEqual(mismatch('no secret token header (X-Telegram-Bot-Api-Secret-Token)'));
    }
  });

  it('a secret setWebhook would not accept is misuse and throws OmnilinkError invalid_argument', async () => {
    for (const bad of ['', `${secret}\n`, 'has space', 'x'.repeat(257), 'ümlaut', 42 as unknown as string, undefined as unknown as string]) {
      const thrown = await verifyTelegramSecretToken({ header: secret, secret: bad }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(thrown, String(bad).slice(0, 20)).toBeInstanceOf(OmnilinkError);
      expect(thrown).toMatchObject({ code: 'invalid_argument' });
    }
  });

  it('property: a token verifies only itself', async () => {
    const token = fc.stringMatching(/^[\w-]{1,64}$/);
    await fc.assert(
      fc.asyncProperty(token, fc.string({ maxLength: 80 }), async (s, other) => {
        expect(await verifyTelegramSecretToken({ header: s, secret: s })).toEqual(VERIFIED);
        const r = await verifyTelegramSecretToken({ header: other, secret: s });
        expect(r.success).toBe(other.trim() === s);
      }),
      { numRuns: 300 },
    );
  });
});
