// The backend guide's handler (docs/examples/webhook-handler.ts) does what docs/backend-webhooks.md says.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handleWebhook, MemoryStore, type Secrets } from '../../docs/examples/webhook-handler.js';

const secrets: Secrets = {
  metaAppSecret: 'meta-secret',
  metaVerifyToken: 'verify-me',
  twilioAuthToken: 'twilio-token',
  lineChannelSecret: 'line-secret',
  telegramSecretToken: 'telegram-secret_token-1',
  publicUrl: 'https://hooks.example.com',
};
const fixture = (path: string): string => readFileSync(new URL(`../fixtures/channel-payloads/${path}`, import.meta.url), 'utf8');

function meta(body: string, secret = secrets.metaAppSecret): Request {
  return new Request('http://localhost/webhooks/meta', {
    method: 'POST',
    headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`, 'content-type': 'application/json' },
    body,
  });
}

describe('the backend guide handler', () => {
  it('answers Meta’s subscription handshake only with the right verify token', async () => {
    const ok = await handleWebhook(new Request('http://localhost/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444'), secrets, new MemoryStore());
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    const bad = await handleWebhook(new Request('http://localhost/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1'), secrets, new MemoryStore());
    expect(bad.status).toBe(403);
  });

  it('verifies, normalizes and stores WhatsApp, Messenger and Instagram on one endpoint; redeliveries change nothing', async () => {
    const store = new MemoryStore();
    for (const file of ['whatsapp-cloud/text.json', 'whatsapp-cloud/status-delivered.json', 'messenger/text.json', 'instagram/restfb-read-seen.json']) {
      expect((await handleWebhook(meta(fixture(file)), secrets, store)).status).toBe(200);
    }
    const snapshot = () => [store.records.size, store.messages.size, store.events.size];
    expect(snapshot()).toEqual([3, 2, 2]);
    // The same deliveries again (providers retry): same ids, nothing new.
    for (const file of ['whatsapp-cloud/text.json', 'whatsapp-cloud/status-delivered.json', 'messenger/text.json']) await handleWebhook(meta(fixture(file)), secrets, store);
    expect(snapshot()).toEqual([3, 2, 2]);
    expect([...store.messages.keys()]).toEqual(['whatsapp:wamid.xyzxyz', 'messenger:mid.1457764197618:41d102a3e1ae206a38']);
  });

  it('rejects a forged or re-serialized Meta body', async () => {
    const store = new MemoryStore();
    expect((await handleWebhook(meta(fixture('whatsapp-cloud/text.json'), 'wrong'), secrets, store)).status).toBe(401);
    const original = fixture('whatsapp-cloud/text.json');
    const signedOriginal = meta(original);
    const tampered = new Request(signedOriginal.url, { method: 'POST', headers: signedOriginal.headers, body: JSON.stringify(JSON.parse(original)) });
    expect((await handleWebhook(tampered, secrets, store)).status).toBe(401);
    expect(store.messages.size).toBe(0);
  });

  it('keeps unsupported parts and issues instead of dropping them', async () => {
    const store = new MemoryStore();
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }] }] });
    await handleWebhook(meta(body), secrets, store);
    expect(store.unsupported.map((u) => u.kind)).toEqual(['account_update']);
    await handleWebhook(meta(fixture('whatsapp-cloud/system-user-changed-number.json')), secrets, store);
    expect(store.issues.map((i) => i.issue.code)).toEqual(['too_small', 'invalid_format']);
  });

  it('verifies Twilio against the public URL and answers TwiML', async () => {
    const store = new MemoryStore();
    const form = { MessageSid: 'SM123', AccountSid: 'AC1', From: '+5511987654321', To: '+15005550006', Body: 'oi', NumMedia: '0' };
    const data = Object.keys(form).sort().reduce((acc, k) => acc + k + form[k as keyof typeof form], 'https://hooks.example.com/webhooks/twilio');
    const signature = createHmac('sha1', secrets.twilioAuthToken).update(data).digest('base64');
    const request = () =>
      new Request('http://internal:8080/webhooks/twilio', {
        method: 'POST',
        headers: { 'x-twilio-signature': signature, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    const response = await handleWebhook(request(), secrets, store);
    expect([response.status, await response.text()]).toEqual([200, '<Response/>']);
    expect([...store.messages.values()].map((m) => [m.provider, m.text, m.sender[0]?.key])).toEqual([['twilio', 'oi', 'phone:+5511987654321']]);
    const forged = new Request('http://internal:8080/webhooks/twilio', { method: 'POST', headers: { 'x-twilio-signature': signature }, body: new URLSearchParams({ ...form, Body: 'pay me' }).toString() });
    expect((await handleWebhook(forged, secrets, store)).status).toBe(403);
  });

  it('verifies LINE and stores its events', async () => {
    const store = new MemoryStore();
    const body = fixture('line/text-1to1.json');
    const request = new Request('http://localhost/webhooks/line', { method: 'POST', headers: { 'x-line-signature': createHmac('sha256', secrets.lineChannelSecret).update(body).digest('base64') }, body });
    expect((await handleWebhook(request, secrets, store)).status).toBe(200);
    expect([...store.messages.values()].map((m) => m.provider)).toEqual(['line']);
    expect((await handleWebhook(new Request('http://localhost/webhooks/line', { method: 'POST', headers: { 'x-line-signature': 'AAAA' }, body }), secrets, store)).status).toBe(401);
  });

  it('verifies Telegram by its secret token and stores its update; a wrong or missing token, of any length, is 401', async () => {
    const store = new MemoryStore();
    const body = fixture('telegram/text-private.json');
    const request = (headers: Record<string, string>) => new Request('http://localhost/webhooks/telegram', { method: 'POST', headers, body });
    expect((await handleWebhook(request({ 'x-telegram-bot-api-secret-token': secrets.telegramSecretToken }), secrets, store)).status).toBe(200);
    expect([...store.messages.values()].map((m) => m.provider)).toEqual(['telegram']);
    for (const headers of [{ 'x-telegram-bot-api-secret-token': 'x' }, { 'x-telegram-bot-api-secret-token': `${secrets.telegramSecretToken}x` }, {}]) {
      expect((await handleWebhook(request(headers), secrets, new MemoryStore())).status).toBe(401);
    }
  });
});
