// normalizeDelivery's envelope and options: what is refused, for which reason, and how.
import { describe, expect, it } from 'vitest';
import { normalizeDelivery } from '../../src/channels/normalize-delivery.js';

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
