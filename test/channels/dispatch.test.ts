import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectProvider } from '../../src/channels/detect-provider.js';
import { normalizeDelivery } from '../../src/channels/normalize-delivery.js';
import { adapterFor, CHANNEL_ADAPTERS } from '../../src/channels/registry.js';
import { PROVIDERS } from '../../src/model/channel.js';

const root = new URL('../fixtures/channel-payloads/', import.meta.url);
const files = (folder: string) => readdirSync(new URL(`${folder}/`, root)).map((name) => ({ name, text: readFileSync(new URL(`${folder}/${name}`, root), 'utf8') }));
const RECEIVED = '2025-01-01T00:00:00.000Z';

describe('detectProvider', () => {
  it.each([
    ['whatsapp-cloud', 'whatsapp'],
    ['messenger', 'messenger'],
    ['telegram', 'telegram'],
    ['line', 'line'],
  ] as const)('recognises every %s fixture as %s', (folder, provider) => {
    for (const f of files(folder)) expect([f.name, detectProvider(JSON.parse(f.text))]).toEqual([f.name, provider]);
  });

  it('recognises Instagram bodies that carry object, and leaves the Chatwoot ones without it undecided', () => {
    for (const f of files('instagram')) {
      expect([f.name, detectProvider(JSON.parse(f.text))]).toEqual([f.name, f.name.startsWith('restfb') ? 'instagram' : undefined]);
    }
  });

  it('recognises Twilio form fields (but not the signature vector file, which is not a webhook body)', () => {
    for (const f of files('twilio').filter((x) => !x.name.includes('signature-vector'))) expect([f.name, detectProvider(JSON.parse(f.text))]).toEqual([f.name, 'twilio']);
  });

  it('recognises the same Twilio fixtures sent form-encoded (as Twilio posts them), with no provider declared', async () => {
    const twilio = files('twilio').filter((x) => !x.name.includes('signature-vector'));
    for (const f of twilio) {
      const form = new URLSearchParams(JSON.parse(f.text) as Record<string, string>).toString();
      expect([f.name, detectProvider(form)]).toEqual([f.name, 'twilio']);
      const asObject = await normalizeDelivery({ provider: 'twilio', receivedAt: RECEIVED, body: JSON.parse(f.text) });
      const detected = await normalizeDelivery({ receivedAt: RECEIVED, body: form });
      expect([f.name, detected]).toEqual([f.name, asObject]);
    }
    // A voice call webhook (CallSid + AccountSid).
    expect(detectProvider('AccountSid=AC25e16e9a716a4a1786a7c83f58e30482&ApiVersion=2010-04-01&CallSid=CA1234567890ABCDE&CallStatus=ringing&Direction=inbound&From=%2B14158675309&To=%2B18005551212')).toBe('twilio');
  });

  it('a string body is Twilio only when it is a form with AccountSid and a message or call sid', () => {
    for (const body of [
      'MessageSid=SM1&Body=hi', // no AccountSid
      'AccountSid=AC1&Body=hi', // no message or call sid
      'AccountSid=&MessageSid=SM1',
      'MessageSid=&AccountSid=AC1',
      'Accountsid=AC1&messagesid=SM1', // field names are case-sensitive
      '{"MessageSid":"SM1","AccountSid":"AC1"}', // JSON text: the caller parses it (normalizeDelivery does)
      '"MessageSid=SM1&AccountSid=AC1"',
      'note\nMessageSid=SM1&AccountSid=AC1', // prose with a line break is no form
      'X-Custom: 1\n\nMessageSid=SM1&AccountSid=AC1',
    ]) {
      expect([body, detectProvider(body)]).toEqual([body, undefined]);
    }
    // An email whose text quotes a Twilio form is still an email.
    expect(detectProvider('From: ana@example.com\nSubject: log\n\nMessageSid=SM1&AccountSid=AC1')).toBe('email');
  });

  it('recognises raw RFC 5322 messages as email', () => {
    for (const f of files('email')) expect([f.name, detectProvider(f.text)]).toEqual([f.name, 'email']);
    expect(detectProvider('From ana@example.com Sat Jan  3 01:05:34 1996\nFrom: ana@example.com\nSubject: x\n\nbody')).toBe('email');
  });

  it('does not guess', () => {
    for (const body of [undefined, null, 42, [], {}, { object: 'user' }, { update_id: '1' }, { destination: 'x' }, 'hello', 'Subject without colon line\n\n', 'X-Custom: 1\n\nbody']) {
      expect(detectProvider(body)).toBeUndefined();
    }
  });

  it('every adapter in the registry is found by its provider', () => {
    for (const adapter of CHANNEL_ADAPTERS) expect(adapterFor(adapter.provider)).toBe(adapter);
    expect(new Set(CHANNEL_ADAPTERS.map((a) => a.provider)).size).toBe(CHANNEL_ADAPTERS.length);
    for (const a of CHANNEL_ADAPTERS) expect(PROVIDERS).toContain(a.provider);
  });
});

describe('normalizeDelivery', () => {
  const whatsapp = JSON.parse(readFileSync(new URL('whatsapp-cloud/text.json', root), 'utf8')) as unknown;

  it('detects the provider when the envelope does not say, and normalizes', async () => {
    const r = await normalizeDelivery({ receivedAt: RECEIVED, body: whatsapp });
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.messages.map((m) => [m.provider, m.id, m.receivedAt])).toEqual([['whatsapp', 'whatsapp:wamid.xyzxyz', RECEIVED]]);
  });

  it('uses the declared provider (a Chatwoot Instagram body has no object)', async () => {
    const body = JSON.parse(readFileSync(new URL('instagram/chatwoot-story-reply.json', root), 'utf8')) as unknown;
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body })).toMatchObject({ success: false, issues: [{ code: 'unsupported', path: ['provider'] }] });
    const r = await normalizeDelivery({ provider: 'instagram', receivedAt: RECEIVED, body });
    expect(r.success && r.data.messages.map((m) => m.id)).toEqual(['instagram:message-id-1']);
  });

  it('accepts a JSON string body, and a form-encoded Twilio body', async () => {
    const r = await normalizeDelivery({ receivedAt: RECEIVED, body: JSON.stringify(whatsapp) });
    expect(r.success && r.data.messages.length).toBe(1);
    const form = 'MessageSid=SM1&AccountSid=AC1&From=%2B15551234567&To=%2B15005550006&Body=hello&NumMedia=0';
    const t = await normalizeDelivery({ provider: 'twilio', receivedAt: RECEIVED, body: form });
    expect(t.success && t.data.messages.map((m) => [m.provider, m.text])).toEqual([['twilio', 'hello']]);
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body: form })).toEqual(t);
    // A JSON text body still goes to JSON detection, Twilio fields included.
    const json = await normalizeDelivery({ receivedAt: RECEIVED, body: JSON.stringify(Object.fromEntries(new URLSearchParams(form))) });
    expect(json).toEqual(t);
    // Twilio never repeats a field: a repeated one is said (its last value is used).
    for (const provider of ['twilio', undefined] as const) {
      const twice = await normalizeDelivery({ ...(provider !== undefined ? { provider } : {}), receivedAt: RECEIVED, body: `${form}&Body=second` });
      expect(twice.success && twice.data.messages.map((m) => m.text)).toEqual(['second']);
      expect(twice.success && twice.data.issues).toEqual([{ code: 'invalid_value', path: ['body', 'Body'], message: 'form field Body is repeated; its last value was used' }]);
    }
  });

  it('an unknown provider is a failed Result with code unsupported, never a throw', async () => {
    expect(await normalizeDelivery({ provider: 'myspace' as never, receivedAt: RECEIVED, body: {} })).toEqual({
      success: false,
      issues: [{ code: 'unsupported', path: ['provider'], message: 'unknown provider "myspace"' }],
    });
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body: { hello: 1 } })).toMatchObject({ success: false, issues: [{ code: 'unsupported' }] });

  });

  it('the untrusted-input guard runs first: prototype keys, depth, size', async () => {
    const polluted = JSON.parse('{"object":"whatsapp_business_account","entry":[],"constructor":{"prototype":{"x":1}}}') as unknown;
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body: polluted })).toMatchObject({ success: false, issues: [{ code: 'forbidden_key', path: ['body', 'constructor'] }] });
    let deep: unknown = {};
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect(await normalizeDelivery({ provider: 'whatsapp', receivedAt: RECEIVED, body: deep })).toMatchObject({ success: false, issues: [{ code: 'too_deep' }] });
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body: 'x'.repeat(101) }, { limits: { maxBytes: 100 } })).toMatchObject({ success: false, issues: [{ code: 'too_big', path: ['body'] }] });
    expect(await normalizeDelivery({ provider: 'email', receivedAt: RECEIVED, raw: 'x'.repeat(101) }, { limits: { maxEmailBytes: 100 } })).toMatchObject({ success: false, issues: [{ code: 'too_big', path: ['raw'] }] });
    expect(await normalizeDelivery({ receivedAt: RECEIVED, body: '{"__proto__":{"a":1},"object":"page","entry":[]}' })).toMatchObject({ success: false, issues: [{ code: 'forbidden_key' }] });
  });

  it('a bad envelope: no receivedAt, no body, not an object, a non-string raw', async () => {
    expect(await normalizeDelivery({ body: whatsapp } as never)).toMatchObject({ success: false, issues: [{ code: 'required', path: ['receivedAt'] }] });
    expect(await normalizeDelivery({ body: whatsapp, receivedAt: 'yesterday' })).toMatchObject({ success: false, issues: [{ code: 'invalid_value', path: ['receivedAt'] }] });
    // A prototype-polluting key on the envelope itself is named as such.
    const polluted = JSON.parse(`{"__proto__":{"x":1},"receivedAt":"${RECEIVED}","body":{}}`) as never;
    expect(await normalizeDelivery(polluted)).toMatchObject({ success: false, issues: [{ code: 'forbidden_key', path: ['__proto__'] }] });
    expect(await normalizeDelivery({ provider: 'whatsapp', receivedAt: RECEIVED })).toMatchObject({ success: false, issues: [{ code: 'required', path: ['body'] }] });
    expect(await normalizeDelivery(null as never)).toMatchObject({ success: false, issues: [{ code: 'invalid_type' }] });
    expect(await normalizeDelivery({ receivedAt: RECEIVED, raw: 42 } as never)).toMatchObject({ success: false, issues: [{ code: 'invalid_type', path: ['raw'] }] });
    expect(await normalizeDelivery({ provider: 'whatsapp', receivedAt: RECEIVED, body: 'not json' })).toMatchObject({ success: false, issues: [{ code: 'invalid_format', path: ['body'] }] });
  });

  it('routes raw RFC 5322 messages to the email adapter, declared or detected, with ownAddresses', async () => {
    const raw = readFileSync(new URL('email/talon-apple-mail-reply-in-reply-to.eml', root), 'utf8');
    const detected = await normalizeDelivery({ receivedAt: RECEIVED, raw });
    expect(detected.success && detected.data.messages.map((m) => [m.provider, m.channel, m.kind, m.direction])).toEqual([['email', 'email', 'email', 'inbound']]);
    const from = detected.success ? detected.data.messages[0]!.sender[0]!.value : '';
    const own = await normalizeDelivery({ provider: 'email', receivedAt: RECEIVED, raw }, { ownAddresses: [from] });
    expect(own.success && own.data.messages.map((m) => m.direction)).toEqual(['outbound']);
    expect(await normalizeDelivery({ provider: 'email', receivedAt: RECEIVED, body: { not: 'a message' } })).toMatchObject({ success: false, issues: [{ code: 'required', path: ['raw'] }] });
  });

  it('routes web chat events by their schema marker', async () => {
    const r = await normalizeDelivery({ receivedAt: RECEIVED, body: { schema: 'omnilink.webchat/v1', type: 'message', visitorId: 'v-1', sessionId: 's-1', messageId: 'w-1', sentAt: RECEIVED, text: 'hello' } });
    expect(r.success && r.data.messages.map((m) => [m.provider, m.text])).toEqual([['webchat', 'hello']]);
  });

  it('passes the default country and limits to the adapter', async () => {
    const r = await normalizeDelivery({ receivedAt: RECEIVED, body: whatsapp }, { defaultCountry: 'BR', limits: { maxDepth: 3 } });
    expect(r).toMatchObject({ success: false, issues: [{ code: 'too_deep' }] });
  });
});
