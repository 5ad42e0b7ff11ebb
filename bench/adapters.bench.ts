/**
 * Throughput of the channel adapters, in payloads per second, per provider.
 * Run: `npx tsx bench/adapters.bench.ts [payloadsPerProvider] [seed]`
 *
 * Payloads are generated, seeded, from every fixture of each provider (test/fixtures/channel-payloads):
 * each copy gets fresh message ids, texts, phone-number tails, user ids and times, so identifier
 * normalization and idempotency keys are computed for new values, as in production. Each payload is
 * kept as the JSON text a server receives; one operation is `normalize(JSON.parse(text))`.
 *
 * The baseline, measured in the same run on the same texts, is `JSON.stringify(JSON.parse(text))`:
 * the least any webhook handler does. Rates are per CPU-second of this one-threaded process (best of
 * 5 passes after a warm-up), which stays meaningful on a loaded machine; wall-clock rates are printed
 * too. Goals on one core: ≥ 50k payloads/s for the JSON providers, ≥ 5k/s for email (MIME parsing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHANNEL_ADAPTERS, normalizeDelivery, type NormalizedBatch, type Result } from '../src/index.js';
import { normalizeEmailMessage } from '../src/channels/email.js';

const N = Number(process.argv[2] ?? 20_000);
const SEED = Number(process.argv[3] ?? 42);
const PASSES = 5;
const RECEIVED = '2025-01-01T00:00:00.000Z';
const ctx = { receivedAt: RECEIVED };
const root = fileURLToPath(new URL('../test/fixtures/channel-payloads/', import.meta.url));
const FOLDER: Record<string, string> = { whatsapp: 'whatsapp-cloud', messenger: 'messenger', instagram: 'instagram', telegram: 'telegram', line: 'line', twilio: 'twilio' };

/** mulberry32: a small seeded PRNG, so every run measures the same payloads. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const WORDS = ['olá', 'pedido', 'entrega', 'hello', 'order', 'where', 'is', 'my', 'package', 'thanks', 'obrigado', 'refund', 'please', 'today', '🙂', 'gracias', 'número', 'size', 'M', 'blue'];
const sentence = (): string => Array.from({ length: 3 + Math.floor(random() * 12) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');

const TEXT_KEYS = new Set(['body', 'text', 'Body', 'caption', 'title']);
const ID_KEYS = new Set(['id', 'mid', 'message_id', 'MessageSid', 'SmsSid', 'SmsMessageSid', 'messageId', 'webhookEventId', 'user_id', 'userId', 'from_user_id', 'recipient_user_id', 'replyToken', 'quoteToken']);
const PHONE_KEYS = new Set(['wa_id', 'from', 'recipient_id', 'From', 'To', 'phone_number', 'recipient_participant_id']);
const TIME_KEYS = new Set(['timestamp', 'time', 'date', 'watermark']);

/** A fresh copy of a fixture: new ids, texts, phone tails and times. */
function vary(value: unknown, key: string | undefined, n: number): unknown {
  if (Array.isArray(value)) return value.map((v) => vary(v, key, n));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, vary(v, k, n)]));
  }
  if (key === undefined) return value;
  if (typeof value === 'string') {
    if (TEXT_KEYS.has(key)) return sentence();
    if (PHONE_KEYS.has(key)) return value.replace(/\d{6}$/, () => digits(6));
    if (ID_KEYS.has(key)) return `${value}-${n}`;
    if (TIME_KEYS.has(key) && /^\d+$/.test(value)) return String(Number(value) + Math.floor(random() * 86_400));
    return value;
  }
  if (typeof value === 'number' && TIME_KEYS.has(key)) return value + Math.floor(random() * 86_400_000);
  if (typeof value === 'number' && (key === 'update_id' || key === 'message_id' || key === 'id')) return value + n;
  return value;
}

function jsonTemplates(provider: string): unknown[] {
  if (provider === 'webchat') {
    return [
      { schema: 'omnilink.webchat/v1', type: 'message', siteId: 'shop', visitorId: 'v-1', sessionId: 's-1', messageId: 'w-1', sentAt: RECEIVED, text: 'hello', page: { url: 'https://shop.example/p/1' } },
      { schema: 'omnilink.webchat/v1', type: 'identify', siteId: 'shop', visitorId: 'v-2', sessionId: 's-2', eventId: 'e-1', sentAt: RECEIVED, identify: { email: 'ana.souza@example.com', phone: '+5511987654321', name: 'Ana Souza' } },
    ];
  }
  const folder = FOLDER[provider];
  if (folder === undefined) return [];
  return readdirSync(`${root}${folder}`)
    .filter((f) => f.endsWith('.json') && !f.includes('signature-vector') && !f.startsWith('_full'))
    .map((f) => JSON.parse(readFileSync(`${root}${folder}/${f}`, 'utf8')) as unknown);
}

interface Measured {
  readonly perSecond: number;
  readonly perWallSecond: number;
}

function measure(texts: readonly string[], op: (text: string) => void): Measured {
  for (const t of texts) op(t); // warm-up: JIT, lazy tables, phone metadata
  let bestCpu = Number.POSITIVE_INFINITY;
  let bestWall = Number.POSITIVE_INFINITY;
  for (let p = 0; p < PASSES; p++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < texts.length; i++) op(texts[i]!);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
    bestWall = Math.min(bestWall, wall);
  }
  return { perSecond: texts.length / (bestCpu / 1000), perWallSecond: texts.length / (bestWall / 1000) };
}

async function measureAsync(texts: readonly string[], op: (text: string) => Promise<void>): Promise<Measured> {
  for (const t of texts) await op(t);
  let bestCpu = Number.POSITIVE_INFINITY;
  let bestWall = Number.POSITIVE_INFINITY;
  for (let p = 0; p < PASSES; p++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < texts.length; i++) await op(texts[i]!);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
    bestWall = Math.min(bestWall, wall);
  }
  return { perSecond: texts.length / (bestCpu / 1000), perWallSecond: texts.length / (bestWall / 1000) };
}

let sink = 0;
const baseline = (text: string): void => {
  sink += JSON.stringify(JSON.parse(text)).length;
};
const tally = (r: Result<NormalizedBatch>, counts: { ok: number; items: number }): void => {
  if (!r.success) return;
  counts.ok++;
  counts.items += r.data.messages.length + r.data.events.length + r.data.records.length;
};

const fmt = (n: number): string => `${Math.round(n).toLocaleString('en-US')}/s`;
const rows: string[][] = [];
const header = ['provider', 'templates', 'normalize', 'baseline', 'ratio', 'wall', 'goal', 'ok', 'items/payload', 'heap MiB'];

async function main(): Promise<void> {
  console.log(`adapters bench: ${N.toLocaleString('en-US')} payloads per provider, seed ${SEED}, best of ${PASSES} passes (CPU time)\n`);
  for (const adapter of CHANNEL_ADAPTERS) {
    const templates = jsonTemplates(adapter.provider);
    if (templates.length === 0) continue;
    const texts = Array.from({ length: N }, (_, i) => JSON.stringify(vary(templates[i % templates.length], undefined, i)));
    const counts = { ok: 0, items: 0 };
    for (const t of texts) tally(adapter.normalize(JSON.parse(t), ctx), counts);
    const heap0 = process.memoryUsage().heapUsed;
    const result = measure(texts, (t) => {
      const r = adapter.normalize(JSON.parse(t), ctx);
      sink += r.success ? r.data.messages.length : 0;
    });
    const heap = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
    const base = measure(texts, baseline);
    rows.push([
      adapter.provider,
      String(templates.length),
      fmt(result.perSecond),
      fmt(base.perSecond),
      `${(base.perSecond / result.perSecond).toFixed(1)}x slower`,
      fmt(result.perWallSecond),
      result.perSecond >= 50_000 ? '≥50k ✓' : '≥50k ✗',
      `${((counts.ok / N) * 100).toFixed(0)}%`,
      (counts.items / Math.max(1, counts.ok)).toFixed(1),
      heap.toFixed(1),
    ]);
  }

  // normalizeDelivery: the same work through the dispatcher (guard, detection), WhatsApp payloads.
  {
    const templates = jsonTemplates('whatsapp');
    const texts = Array.from({ length: N }, (_, i) => JSON.stringify(vary(templates[i % templates.length], undefined, i)));
    const result = await measureAsync(texts, async (t) => {
      const r = await normalizeDelivery({ receivedAt: RECEIVED, body: JSON.parse(t) });
      sink += r.success ? r.data.messages.length : 0;
    });
    const base = measure(texts, baseline);
    rows.push(['normalizeDelivery (whatsapp, detected)', String(templates.length), fmt(result.perSecond), fmt(base.perSecond), `${(base.perSecond / result.perSecond).toFixed(1)}x slower`, fmt(result.perWallSecond), result.perSecond >= 50_000 ? '≥50k ✓' : '≥50k ✗', '', '', '']);
  }

  // Email: raw RFC 5322 messages, MIME-parsed (asynchronous). Fewer payloads: it is ~100x heavier.
  {
    const emls = readdirSync(`${root}email`).map((f) => readFileSync(`${root}email/${f}`, 'utf8'));
    const M = Math.max(500, Math.floor(N / 10));
    const raws = Array.from({ length: M }, (_, i) =>
      emls[i % emls.length]!.replace(/^(Message-ID:\s*<)([^>]*)>/im, (_m, a: string, id: string) => `${a}${id}.${i}>`).replace(/@([\w-]+)\./, (_m, domain: string) => `@${domain}${i % 97}.`),
    );
    const texts = raws.map((raw) => JSON.stringify({ provider: 'email', receivedAt: RECEIVED, raw }));
    const counts = { ok: 0, items: 0 };
    for (const raw of raws) tally(await normalizeEmailMessage(raw, ctx), counts);
    const result = await measureAsync(texts, async (t) => {
      const r = await normalizeEmailMessage((JSON.parse(t) as { raw: string }).raw, ctx);
      sink += r.success ? r.data.messages.length : 0;
    });
    const base = measure(texts, baseline);
    rows.push(['email', String(emls.length), fmt(result.perSecond), fmt(base.perSecond), `${(base.perSecond / result.perSecond).toFixed(1)}x slower`, fmt(result.perWallSecond), result.perSecond >= 5_000 ? '≥5k ✓' : '≥5k ✗', `${((counts.ok / M) * 100).toFixed(0)}%`, (counts.items / Math.max(1, counts.ok)).toFixed(1), '']);
  }

  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(`\n(sink ${sink})`);
}

void main();
