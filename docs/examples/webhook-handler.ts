// A complete webhook backend for omnilink, used by docs/backend-webhooks.md and tested by
// test/channels/backend-guide.test.ts.
//
// It imports the repository's source ('../../src/index.js') so that it runs from a clone of omnilink.
// In your own project, import the same names from 'omnilink' instead.
//
// Run it from the root of a clone, after `npm ci` (it listens on PORT, default 3000):
//   META_APP_SECRET=... META_VERIFY_TOKEN=... TWILIO_AUTH_TOKEN=... LINE_CHANNEL_SECRET=... \
//   TELEGRAM_SECRET_TOKEN=... PUBLIC_URL=https://hooks.example.com npx tsx docs/examples/webhook-handler.ts
//
// `handleWebhook` takes a Web-standard Request and returns a Response, so the same code runs in
// Node 20 (wrapped below with node:http), Deno, Bun, Cloudflare Workers and other edge runtimes.
import {
  type ContactRecord,
  type Issue,
  type Message,
  type MessageEvent,
  type NormalizedBatch,
  type Result,
  type UnsupportedItem,
  normalizeDelivery,
  verifyLineSignature,
  verifyMetaSignature,
  verifyTelegramSecretToken,
  verifyTwilioSignature,
} from '../../src/index.js';

export interface Secrets {
  readonly metaAppSecret: string;
  /** The token you typed in the Meta App Dashboard when subscribing the webhook. */
  readonly metaVerifyToken: string;
  readonly twilioAuthToken: string;
  readonly lineChannelSecret: string;
  /** The `secret_token` given to Telegram's setWebhook (1-256 of A-Z a-z 0-9 _ -). */
  readonly telegramSecretToken: string;
  /** The public base URL Twilio calls (behind a proxy the request URL is not the one Twilio signed). */
  readonly publicUrl: string;
}

/**
 * Where normalized data goes. Every write is an idempotent upsert keyed by the item's `id`:
 * providers redeliver webhooks (on timeouts, on 5xx, sometimes for no reason), and omnilink gives a
 * redelivered message, event or contact the same id every time.
 */
export class MemoryStore {
  readonly records = new Map<string, ContactRecord>();
  readonly messages = new Map<string, Message>();
  readonly events = new Map<string, MessageEvent>();
  readonly unsupported: UnsupportedItem[] = [];
  readonly issues: { readonly provider: string; readonly issue: Issue }[] = [];

  save(provider: string, batch: NormalizedBatch): void {
    // A record seen again may carry a newer name: last write wins. Messages and events never change
    // once written (edits, deletes and statuses are events of their own), so first write wins.
    for (const r of batch.records) this.records.set(r.id, r);
    for (const m of batch.messages) if (!this.messages.has(m.id)) this.messages.set(m.id, m);
    for (const e of batch.events) if (!this.events.has(e.id)) this.events.set(e.id, e);
    // Not modelled, but never thrown away: keep the raw part for later reprocessing.
    this.unsupported.push(...batch.unsupported);
    // Malformed parts of a delivery that was otherwise read: worth a log line and a metric.
    for (const issue of batch.issues) this.issues.push({ provider, issue });
  }
}

const text = (status: number, body: string): Response => new Response(body, { status, headers: { 'content-type': 'text/plain' } });

/** Meta's subscription handshake: echo hub.challenge when hub.verify_token matches. */
function verifySubscription(url: URL, secrets: Secrets): Response {
  const ok = url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === secrets.metaVerifyToken;
  return ok ? text(200, url.searchParams.get('hub.challenge') ?? '') : text(403, 'wrong verify token');
}

async function ingest(store: MemoryStore, provider: string, result: Result<NormalizedBatch>): Promise<Response> {
  if (!result.success) {
    // The signature was valid, so this is the provider's data, just not readable: do not make the
    // provider retry forever. Keep it for inspection and answer 200.
    for (const issue of result.issues) store.issues.push({ provider, issue });
    return text(200, 'unreadable delivery kept for inspection');
  }
  store.save(provider, result.data);
  return text(200, 'ok');
}

/** Route, verify, normalize, store. Answer fast: providers time out after a few seconds. */
export async function handleWebhook(request: Request, secrets: Secrets, store: MemoryStore): Promise<Response> {
  const url = new URL(request.url);
  const receivedAt = new Date().toISOString();

  if (url.pathname === '/webhooks/meta') {
    if (request.method === 'GET') return verifySubscription(url, secrets);
    // The signature covers the exact bytes sent: read the raw body, never a re-serialized object.
    const rawBody = new Uint8Array(await request.arrayBuffer());
    const check = await verifyMetaSignature({ rawBody, signatureHeader: request.headers.get('x-hub-signature-256'), appSecret: secrets.metaAppSecret });
    if (!check.success) return text(401, 'bad signature');
    // One endpoint for WhatsApp, Messenger and Instagram: the body's `object` tells them apart.
    return ingest(store, 'meta', await normalizeDelivery({ receivedAt, body: new TextDecoder().decode(rawBody) }));
  }

  if (url.pathname === '/webhooks/twilio') {
    const rawBody = await request.text();
    const form = Object.fromEntries(new URLSearchParams(rawBody));
    // Twilio signed the URL it called: your public URL, path and query string included.
    const signedUrl = `${secrets.publicUrl}${url.pathname}${url.search}`;
    const check = await verifyTwilioSignature({ url: signedUrl, params: form, signatureHeader: request.headers.get('x-twilio-signature'), authToken: secrets.twilioAuthToken });
    if (!check.success) return text(403, 'bad signature');
    const result = await ingest(store, 'twilio', await normalizeDelivery({ provider: 'twilio', receivedAt, body: form }));
    // Twilio expects TwiML (or an empty response) back.
    return result.status === 200 ? new Response('<Response/>', { headers: { 'content-type': 'text/xml' } }) : result;
  }

  if (url.pathname === '/webhooks/line') {
    const rawBody = await request.text();
    const check = await verifyLineSignature({ rawBody, signatureHeader: request.headers.get('x-line-signature'), channelSecret: secrets.lineChannelSecret });
    if (!check.success) return text(401, 'bad signature');
    return ingest(store, 'line', await normalizeDelivery({ provider: 'line', receivedAt, body: rawBody }));
  }

  if (url.pathname === '/webhooks/telegram') {
    // Telegram signs nothing: it sends back the secret_token given to setWebhook.
    const check = await verifyTelegramSecretToken({ header: request.headers.get('x-telegram-bot-api-secret-token'), secret: secrets.telegramSecretToken });
    if (!check.success) return text(401, 'bad secret token');
    return ingest(store, 'telegram', await normalizeDelivery({ provider: 'telegram', receivedAt, body: await request.text() }));
  }

  return text(404, 'no such webhook');
}

// Run directly: a plain node:http server around handleWebhook.
if (typeof process !== 'undefined' && process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const { createServer } = await import('node:http');
  const env = (name: string): string => {
    const value = process.env[name];
    if (value === undefined || value === '') throw new Error(`set ${name}`);
    return value;
  };
  const secrets: Secrets = {
    metaAppSecret: env('META_APP_SECRET'),
    metaVerifyToken: env('META_VERIFY_TOKEN'),
    twilioAuthToken: env('TWILIO_AUTH_TOKEN'),
    lineChannelSecret: env('LINE_CHANNEL_SECRET'),
    telegramSecretToken: env('TELEGRAM_SECRET_TOKEN'),
    publicUrl: env('PUBLIC_URL'),
  };
  const store = new MemoryStore();
  const port = Number(process.env['PORT'] ?? 3000);
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const init: RequestInit = { method: req.method ?? 'GET', headers: req.headers as Record<string, string> };
      if (req.method !== 'GET' && req.method !== 'HEAD') init.body = Buffer.concat(chunks);
      handleWebhook(new Request(`http://localhost:${port}${req.url ?? '/'}`, init), secrets, store)
        .then(async (response) => {
          response.headers.forEach((value, name) => res.setHeader(name, value));
          res.writeHead(response.status).end(await response.text());
        })
        .catch((error: unknown) => {
          // eslint-disable-next-line no-console -- an example server logs its crashes
          console.error(error);
          res.writeHead(500).end();
        });
    });
  // eslint-disable-next-line no-console -- an example server says where it listens
  }).listen(port, () => console.log(`listening on :${port}`));
}
