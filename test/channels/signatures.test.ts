import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, fromBase64, fromHex, toBase64, toHex } from '../../src/channels/_crypto.js';
import { verifyLineSignature } from '../../src/channels/verify-line-signature.js';
import { verifyMetaSignature } from '../../src/channels/verify-meta-signature.js';
import { verifyTwilioSignature } from '../../src/channels/verify-twilio-signature.js';
import { OmnilinkError } from '../../src/model/errors.js';

const VERIFIED = { success: true, data: true };
const mismatch = (path = ['signatureHeader']) => ({ success: false, issues: [{ code: 'signature_mismatch', path }] });

// Twilio's own request-validation vector (twilio-python tests; see the fixture README).
const vector = JSON.parse(readFileSync(new URL('../fixtures/channel-payloads/twilio/voice-request-signature-vector.json', import.meta.url), 'utf8')) as {
  auth_token: string;
  url: string;
  params: Record<string, string>;
  'expected_X-Twilio-Signature': string;
};

const metaBody = readFileSync(new URL('../fixtures/channel-payloads/whatsapp-cloud/text.json', import.meta.url));

describe('verifyMetaSignature', () => {
  const appSecret = 'meta-app-secret';
  const good = `sha256=${createHmac('sha256', appSecret).update(metaBody).digest('hex')}`;

  it('accepts the HMAC-SHA256 of the raw body, as bytes, string or ArrayBuffer, header in either case', async () => {
    expect(await verifyMetaSignature({ rawBody: metaBody, signatureHeader: good, appSecret })).toEqual(VERIFIED);
    expect(await verifyMetaSignature({ rawBody: metaBody.toString('utf8'), signatureHeader: good, appSecret })).toEqual(VERIFIED);
    const buffer = metaBody.buffer.slice(metaBody.byteOffset, metaBody.byteOffset + metaBody.byteLength);
    expect(await verifyMetaSignature({ rawBody: buffer, signatureHeader: good.toUpperCase().replace('SHA256=', 'sha256='), appSecret })).toEqual(VERIFIED);
  });

  it('reads a DataView or a subarray as the bytes it views; a parsed body is an argument error, not a mismatch', async () => {
    const bytes = new Uint8Array([0, 0, ...metaBody, 0]);
    expect(await verifyMetaSignature({ rawBody: bytes.subarray(2, 2 + metaBody.length), signatureHeader: good, appSecret })).toEqual(VERIFIED);
    expect(await verifyMetaSignature({ rawBody: new DataView(bytes.buffer, 2, metaBody.length) as unknown as Uint8Array, signatureHeader: good, appSecret })).toEqual(VERIFIED);
    // An ArrayBuffer made in another realm (a vm context, a test runner) is bytes too.
    const foreign = runInNewContext('new ArrayBuffer(n)', { n: metaBody.length }) as ArrayBuffer;
    new Uint8Array(foreign).set(metaBody);
    expect(await verifyMetaSignature({ rawBody: foreign, signatureHeader: good, appSecret })).toEqual(VERIFIED);
    for (const parsed of [JSON.parse(metaBody.toString('utf8')) as unknown, null, 42]) {
      await expect(verifyMetaSignature({ rawBody: parsed as string, signatureHeader: good, appSecret })).rejects.toThrow(/read it before any JSON parsing/);
    }
  });

  it('accepts the legacy X-Hub-Signature (sha1=)', async () => {
    const sha1 = `sha1=${createHmac('sha1', appSecret).update(metaBody).digest('hex')}`;
    expect(await verifyMetaSignature({ rawBody: metaBody, signatureHeader: sha1, appSecret })).toEqual(VERIFIED);
  });

  it('rejects a changed body, a wrong secret, a re-serialized body, and malformed or missing headers', async () => {
    const reserialized = JSON.stringify(JSON.parse(metaBody.toString('utf8')));
    expect(await verifyMetaSignature({ rawBody: reserialized, signatureHeader: good, appSecret })).toMatchObject(mismatch());
    expect(await verifyMetaSignature({ rawBody: metaBody, signatureHeader: good, appSecret: 'other' })).toMatchObject(mismatch());
    for (const header of [undefined, null, '', 'sha256', 'md5=abcd', 'sha256=zz', `sha256=${'0'.repeat(64)}`, good.slice(0, -2)]) {
      expect(await verifyMetaSignature({ rawBody: metaBody, signatureHeader: header, appSecret })).toMatchObject(mismatch());
    }
  });

  it('an empty secret is misuse and throws', async () => {
    await expect(verifyMetaSignature({ rawBody: metaBody, signatureHeader: good, appSecret: '' })).rejects.toBeInstanceOf(OmnilinkError);
  });

  it('property: any body verifies under its own HMAC and fails after any one-byte change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.string({ minLength: 1 }), fc.nat(), async (body, secret, at) => {
        const header = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
        expect(await verifyMetaSignature({ rawBody: body, signatureHeader: header, appSecret: secret })).toEqual(VERIFIED);
        const changed = Uint8Array.from(body);
        const i = at % changed.length;
        changed[i] = changed[i]! ^ 0x01;
        expect((await verifyMetaSignature({ rawBody: changed, signatureHeader: header, appSecret: secret })).success).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});

describe('verifyTwilioSignature', () => {
  it("matches Twilio's published vector", async () => {
    const r = await verifyTwilioSignature({ url: vector.url, params: vector.params, signatureHeader: vector['expected_X-Twilio-Signature'], authToken: vector.auth_token });
    expect(r).toEqual(VERIFIED);
  });

  it('agrees with an independent HMAC-SHA1 of url + sorted key/value pairs (repeated fields sorted too)', async () => {
    const url = 'https://example.com/twilio/sms?tenant=7';
    const params = { To: '+15005550006', From: '+15551234567', Body: 'Olá 👋', MediaUrl0: 'https://x/1', NumMedia: '1', Tag: ['b', 'a'] };
    const data = `${url}BodyOlá 👋From+15551234567MediaUrl0https://x/1NumMedia1TagaTagbTo+15005550006`;
    const header = createHmac('sha1', 'token').update(data, 'utf8').digest('base64');
    expect(await verifyTwilioSignature({ url, params, signatureHeader: header, authToken: 'token' })).toEqual(VERIFIED);
    expect(await verifyTwilioSignature({ url, params: { ...params, Body: 'Ola' }, signatureHeader: header, authToken: 'token' })).toMatchObject(mismatch());
    expect(await verifyTwilioSignature({ url: `${url}&x=1`, params, signatureHeader: header, authToken: 'token' })).toMatchObject(mismatch());
  });

  it('accepts the URL with the default port added or removed, as Twilio helpers do', async () => {
    const sign = (u: string) => createHmac('sha1', vector.auth_token).update(u + 'CallSidCA1').digest('base64');
    const params = { CallSid: 'CA1' };
    expect(await verifyTwilioSignature({ url: 'https://a.example.com:443/voice', params, signatureHeader: sign('https://a.example.com/voice'), authToken: vector.auth_token })).toEqual(VERIFIED);
    expect(await verifyTwilioSignature({ url: 'https://a.example.com/voice', params, signatureHeader: sign('https://a.example.com:443/voice'), authToken: vector.auth_token })).toEqual(VERIFIED);
    expect(await verifyTwilioSignature({ url: 'http://a.example.com/voice', params, signatureHeader: sign('http://a.example.com:80/voice'), authToken: vector.auth_token })).toEqual(VERIFIED);
    expect(await verifyTwilioSignature({ url: 'https://a.example.com/voice', params, signatureHeader: sign('https://b.example.com/voice'), authToken: vector.auth_token })).toMatchObject(mismatch());
  });

  it('JSON bodies: the URL (with bodySHA256) is signed alone and the body must hash to bodySHA256', async () => {
    const body = '{"MessageSid":"SM1","Body":"hi"}';
    const url = `https://example.com/hook?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
    const header = createHmac('sha1', 'tok').update(url).digest('base64');
    expect(await verifyTwilioSignature({ url, rawBody: body, signatureHeader: header, authToken: 'tok' })).toEqual(VERIFIED);
    expect(await verifyTwilioSignature({ url, rawBody: body.replace('hi', 'ho'), signatureHeader: header, authToken: 'tok' })).toMatchObject(mismatch(['rawBody']));
    // Without the body, a signed URL proves nothing about the body that came with it.
    expect(await verifyTwilioSignature({ url, signatureHeader: header, authToken: 'tok' })).toMatchObject(mismatch(['rawBody']));
    expect(await verifyTwilioSignature({ url, params: {}, signatureHeader: header, authToken: 'tok' })).toMatchObject(mismatch(['rawBody']));
    const bare = 'https://example.com/hook';
    expect(await verifyTwilioSignature({ url: bare, rawBody: body, signatureHeader: createHmac('sha1', 'tok').update(bare).digest('base64'), authToken: 'tok' })).toMatchObject(mismatch(['url']));
  });

  it('params and rawBody together are misuse and throw, even where the body alone would verify (the params would go unchecked)', async () => {
    const body = '{"MessageSid":"SM1","Body":"hi"}';
    const url = `https://example.com/hook?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
    const header = createHmac('sha1', 'tok').update(url).digest('base64');
    for (const params of [{ Body: 'pay me' }, {}]) {
      const thrown = await verifyTwilioSignature({ url, params, rawBody: body, signatureHeader: header, authToken: 'tok' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(thrown).toBeInstanceOf(OmnilinkError);
      expect(thrown).toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('not both') as string });
    }
    await expect(verifyTwilioSignature({ url, params: {}, rawBody: body, signatureHeader: undefined, authToken: 'tok' })).rejects.toBeInstanceOf(OmnilinkError);
  });

  it('rejects missing, non-base64 and wrong headers; an empty token throws', async () => {
    for (const h of [undefined, '', 'not base64!', 'AAAA']) {
      expect(await verifyTwilioSignature({ url: vector.url, params: vector.params, signatureHeader: h, authToken: vector.auth_token })).toMatchObject(mismatch());
    }
    await expect(verifyTwilioSignature({ url: vector.url, params: vector.params, signatureHeader: 'x', authToken: '' })).rejects.toBeInstanceOf(OmnilinkError);
  });
});

describe('verifyLineSignature', () => {
  const body = readFileSync(new URL('../fixtures/channel-payloads/line/text-1to1.json', import.meta.url));
  const channelSecret = 'line-channel-secret';
  const good = createHmac('sha256', channelSecret).update(body).digest('base64');

  it('accepts the base64 HMAC-SHA256 of the raw body', async () => {
    expect(await verifyLineSignature({ rawBody: body, signatureHeader: good, channelSecret })).toEqual(VERIFIED);
    expect(await verifyLineSignature({ rawBody: body.toString('utf8'), signatureHeader: good, channelSecret })).toEqual(VERIFIED);
  });

  it('rejects another body, another secret, hex instead of base64, a missing header', async () => {
    expect(await verifyLineSignature({ rawBody: `${body.toString('utf8')} `, signatureHeader: good, channelSecret })).toMatchObject(mismatch());
    expect(await verifyLineSignature({ rawBody: body, signatureHeader: good, channelSecret: 'x' })).toMatchObject(mismatch());
    const hex = createHmac('sha256', channelSecret).update(body).digest('hex');
    expect(await verifyLineSignature({ rawBody: body, signatureHeader: hex, channelSecret })).toMatchObject(mismatch());
    expect(await verifyLineSignature({ rawBody: body, signatureHeader: undefined, channelSecret })).toMatchObject(mismatch());
  });
});

describe('byte helpers', () => {
  it('hex and base64 round-trip and agree with Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(toHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromHex(toHex(bytes))).toEqual(bytes);
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
    expect(fromHex('abc')).toBeUndefined();
    expect(fromHex('zz')).toBeUndefined();
    expect(fromBase64('abc')).toBeUndefined();
  });

  it('constantTimeEqual is equality', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
        expect(constantTimeEqual(a, Uint8Array.from(a))).toBe(true);
      }),
    );
  });
});
