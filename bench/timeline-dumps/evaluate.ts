/**
 * Webhook dumps with known customers, scored the way the merge-engine issue is judged: generate a
 * JSONL dump of real provider payload shapes (WhatsApp Cloud, Messenger with echoes, Telegram,
 * Twilio SMS and voice, email with business replies, web chat) for customers who switch channels,
 * with redeliveries, late and out-of-order deliveries, edits (some before their message), unsends,
 * reactions and delivery/read receipts out of order; run `omnilink timeline` on it exactly as a
 * user would (plus the CRM export as --contacts, no --own-address); compare every output line with
 * the truth.
 *
 *   npx tsx bench/timeline-dumps/evaluate.ts                       # 300 customers, seeds 1 2 3
 *   npx tsx bench/timeline-dumps/evaluate.ts --customers 50 --seeds 7 --keep /tmp/dump
 *   npx tsx bench/timeline-dumps/evaluate.ts --no-contacts      # the dump alone, no CRM export
 *
 * Scores: messages found once / lost / duplicated / unknown; persons against customers (pairwise
 * precision and recall of "same person" over messages); order violations; texts after edits and
 * unsends; final statuses of outbound messages; directions of email replies; events left pending.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli/run.js';
import { createRng, type Rng } from '../generate.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
};
const CUSTOMERS = Number(opt('--customers', '300'));
const SEEDS = opt('--seeds', '1,2,3').split(',').map(Number);
const KEEP = args.includes('--keep') ? opt('--keep', '') : undefined;
/** Without the CRM export only the dump's own identifiers link channels (Messenger and Telegram stay apart). */
const CONTACTS = !args.includes('--no-contacts');

// ---- truth -----------------------------------------------------------------------------------

interface TruthMessage {
  readonly customer: number;
  readonly channel: string;
  /** What the output names the message by: providerMessageId, or for email the Message-ID. */
  readonly ref: string;
  readonly occurredAt: number;
  readonly direction: 'inbound' | 'outbound';
  text: string | undefined;
  deleted: boolean;
  /** Expected final status of an outbound message whose receipts are in the dump. */
  status?: string;
}

interface Dump {
  readonly envelopes: { at: number; line: string }[];
  readonly truth: Map<string, TruthMessage>;
  readonly crm: string;
}

const PAGE = '777000111';
const WA_BUSINESS = { display_phone_number: '551130000000', phone_number_id: '106540352242922' };
const BUSINESS_PHONE = '+551130000000';
const BUSINESS_EMAIL = 'atendimento@loja.example';
const GIVEN = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elisa', 'Fábio', 'Gabriela', 'Hugo', 'Íris', 'João', 'Karen', 'Lucas', 'Marina', 'Nuno', 'Olívia', 'Paulo', 'Renata', 'Sérgio', 'Tânia', 'Vítor'];
const FAMILY = ['Souza', 'Lima', 'Pereira', 'Costa', 'Almeida', 'Ribeiro', 'Carvalho', 'Gomes', 'Martins', 'Araújo', 'Barbosa', 'Rocha', 'Dias', 'Teixeira', 'Moreira'];
const TEXTS = ['oi', 'cadê meu pedido?', 'obrigado!', 'posso trocar o endereço?', 'ok', 'seu pedido saiu para entrega', 'me liga por favor', 'qual o prazo?'];
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const rfc2822 = (ms: number): string => new Date(ms).toUTCString().replace('GMT', '+0000');

function generate(customers: number, seed: number): Dump {
  const rng: Rng = createRng(seed);
  const envelopes: { at: number; line: string }[] = [];
  const truth = new Map<string, TruthMessage>();
  const crmRows = ['customer_id,full_name,email,mobile,messenger_psid,telegram_id'];
  const t0 = Date.UTC(2026, 2, 1);
  /** Add a delivery: arrives at `at` (later for a late one), sometimes redelivered. */
  const deliver = (at: number, envelope: object): void => {
    const late = rng.chance(0.05) ? at + (1 + rng.int(6)) * 3_600_000 : at;
    const line = (received: number): string => JSON.stringify({ ...envelope, receivedAt: iso(received) });
    envelopes.push({ at: late, line: line(late) });
    if (rng.chance(0.08)) envelopes.push({ at: late + 30_000 + rng.int(600_000), line: line(late + 30_000) });
  };
  const remember = (key: string, m: TruthMessage): void => {
    truth.set(key, m);
  };
  for (let c = 0; c < customers; c++) {
    const name = `${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`;
    const digits = String(10_000_000 + c * 7919 + seed * 13).slice(-8);
    const phone = `+55119${digits}`;
    const email = `${name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(' ', '.')}${c}@gmail.com`;
    const psid = String(7_000_000_000_000_000 + c * 104_729 + seed);
    const tgId = 800_000_000 + c * 31 + seed;
    crmRows.push(`C-${c},${name},${email},${phone.replace('+55', '')},${psid},${tgId}`);
    const channels = ['whatsapp', 'sms', 'voice', 'email', 'messenger', 'telegram', 'webchat'].filter(() => rng.chance(0.45));
    if (channels.length === 0) channels.push('whatsapp');
    let clock = t0 + rng.int(20) * 86_400_000;
    for (const channel of channels) {
      clock += rng.int(3 * 86_400_000);
      const n = 1 + rng.int(5);
      const session = `s-${seed}-${c}-${channel}`;
      /** Outbound Messenger messages so far: a receipt's watermark covers every earlier one. */
      const outbound: TruthMessage[] = [];
      const receipt = (status: 'delivered' | 'read', watermark: number): void => {
        for (const o of outbound) if (o.occurredAt <= watermark && (status === 'read' || o.status === 'sent')) o.status = status;
      };
      let lastMail: string | undefined;
      let firstMail: string | undefined;
      for (let k = 0; k < n; k++) {
        clock += 20_000 + rng.int(600_000);
        const text = rng.pick(TEXTS);
        const ref = `${channel}-${seed}-${c}-${k}`;
        const base = { customer: c, channel, occurredAt: Math.floor(clock / 1000) * 1000, text, deleted: false } as const;
        switch (channel) {
          case 'whatsapp': {
            const id = `wamid.${ref}`;
            const msg = { from: phone.slice(1), id, timestamp: String(Math.floor(clock / 1000)), type: 'text', text: { body: text } };
            const wa = (value: object): object => ({ provider: 'whatsapp', body: { object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: WA_BUSINESS, ...value } }] }] } });
            const contacts = [{ profile: { name }, wa_id: phone.slice(1) }];
            deliver(clock + 1000, wa({ contacts, messages: [msg] }));
            const m: TruthMessage = { ...base, ref: id, direction: 'inbound' };
            remember(`whatsapp|${id}`, m);
            const later = String(Math.floor(clock / 1000) + 30);
            if (rng.chance(0.15)) {
              // An edit (type edit), some delivered before the message; or an unsend (type revoke).
              const edited = `${text} (corrigido)`;
              const edit = { from: phone.slice(1), id: `${id}.e`, timestamp: later, type: 'edit', edit: { original_message_id: id, message: { type: 'text', text: { body: edited } } } };
              deliver(rng.chance(0.3) ? clock + 200 : clock + 31_000, wa({ contacts, messages: [edit] }));
              m.text = edited;
            } else if (rng.chance(0.05)) {
              deliver(clock + 40_000, wa({ contacts, messages: [{ from: phone.slice(1), id: `${id}.r`, timestamp: later, type: 'revoke', revoke: { original_message_id: id } }] }));
              m.deleted = true;
            }
            if (rng.chance(0.3)) {
              // Receipts of the business's answer, sent through the API: the message itself is not in
              // the dump, and the output shows it from its receipts (outbound, no text, read).
              const status = (st: string, at: number): object => ({ id: `wamid.out-${ref}`, status: st, timestamp: String(Math.floor(at / 1000)), recipient_id: phone.slice(1) });
              deliver(clock + 60_000, wa({ statuses: [status('delivered', clock + 59_000)] }));
              deliver(clock + 90_000, wa({ statuses: [status('read', clock + 89_000)] }));
              remember(`whatsapp|wamid.out-${ref}`, { customer: c, channel: 'whatsapp', ref: `wamid.out-${ref}`, occurredAt: Math.floor((clock + 59_000) / 1000) * 1000, direction: 'outbound', text: undefined, deleted: false, status: 'read' });
            }
            break;
          }
          case 'sms': {
            const sid = `SM${ref.replace(/\W/g, '')}`;
            deliver(clock + 1000, { provider: 'twilio', body: { SmsSid: sid, SmsStatus: 'received', Body: text, To: BUSINESS_PHONE, MessageSid: sid, AccountSid: `AC${'0'.repeat(32)}`, From: phone, NumMedia: '0', ApiVersion: '2010-04-01' } });
            remember(`sms|${sid}`, { ...base, ref: sid, direction: 'inbound' });
            break;
          }
          case 'voice': {
            const sid = `CA${ref.replace(/\W/g, '')}`;
            const call = { CallSid: sid, From: phone, To: BUSINESS_PHONE, Caller: phone, Direction: 'inbound', AccountSid: `AC${'0'.repeat(32)}`, ApiVersion: '2010-04-01' };
            deliver(clock + 500, { provider: 'twilio', body: { ...call, CallStatus: 'ringing' } });
            const duration = 30 + rng.int(400);
            deliver(clock + duration * 1000 + 1000, { provider: 'twilio', body: { ...call, CallStatus: 'completed', CallDuration: String(duration) } });
            remember(`voice|${sid}`, { ...base, ref: sid, direction: 'inbound', text: undefined });
            break;
          }
          case 'email': {
            const inbound = k % 2 === 0;
            const mid = `${ref}@${inbound ? 'mail.gmail.com' : 'loja.example'}`;
            const threading = lastMail !== undefined ? `In-Reply-To: <${lastMail}>\r\nReferences: <${firstMail}>${lastMail !== firstMail ? ` <${lastMail}>` : ''}\r\n` : '';
            const [from, to] = inbound ? [`${name} <${email}>`, `Loja <${BUSINESS_EMAIL}>`] : [`Loja <${BUSINESS_EMAIL}>`, `${name} <${email}>`];
            const raw = `From: ${from}\r\nTo: ${to}\r\nSubject: ${k === 0 ? '' : 'Re: '}Pedido ${c}\r\nDate: ${rfc2822(clock)}\r\nMessage-ID: <${mid}>\r\n${threading}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;
            deliver(clock + 2000, { provider: 'email', raw });
            remember(`email|${mid}`, { ...base, ref: mid, direction: inbound ? 'inbound' : 'outbound' });
            firstMail ??= mid;
            lastMail = mid;
            break;
          }
          case 'messenger': {
            const inbound = k % 2 === 0;
            const mid = `m_${ref}`;
            const [sender, recipient] = inbound ? [{ id: psid }, { id: PAGE }] : [{ id: PAGE }, { id: psid }];
            const messaging = (at: number, event: object, who = { sender, recipient }): object => ({ provider: 'messenger', body: { object: 'page', entry: [{ id: PAGE, time: at, messaging: [{ ...who, timestamp: at, ...event }] }] } });
            deliver(clock + 800, messaging(clock, { message: { mid, text, ...(inbound ? {} : { is_echo: true, app_id: 1 }) } }));
            const m: TruthMessage = { ...base, ref: mid, direction: inbound ? 'inbound' : 'outbound', ...(inbound ? {} : { status: 'sent' }) };
            remember(`messenger|${mid}`, m);
            const customerSide = { sender: { id: psid }, recipient: { id: PAGE } };
            if (inbound && rng.chance(0.2)) {
              // An edit, a third of them delivered before the message itself.
              const edited = `${text} (editado)`;
              const at = rng.chance(0.33) ? clock + 100 : clock + 5000 + rng.int(60_000);
              deliver(at, messaging(clock + 4000, { message_edit: { mid, text: edited, num_edit: 1 } }, customerSide));
              m.text = edited;
            } else if (inbound && rng.chance(0.05)) {
              deliver(clock + 9000, messaging(clock + 8000, { message: { mid, is_deleted: true } }, customerSide));
              m.deleted = true;
            }
            if (!inbound) {
              // Receipts, read sometimes before delivered; a reaction now and then.
              const read = rng.chance(0.6);
              outbound.push(m);
              deliver(clock + 3000 + (read ? rng.int(4000) : 0), messaging(clock + 2000, { delivery: { mids: [mid], watermark: clock + 1500 } }, customerSide));
              receipt('delivered', clock + 1500);
              if (read) {
                deliver(clock + 2500, messaging(clock + 2400, { read: { watermark: clock + 2300 } }, customerSide));
                receipt('read', clock + 2300);
              }
              if (rng.chance(0.15)) deliver(clock + 7000, messaging(clock + 6000, { reaction: { mid, action: 'react', emoji: '👍', reaction: 'like' } }, customerSide));
            }
            break;
          }
          case 'telegram': {
            const messageId = 100 + k;
            const from = { id: tgId, is_bot: false, first_name: name.split(' ')[0], last_name: name.split(' ')[1] };
            const chat = { id: tgId, first_name: from.first_name, last_name: from.last_name, type: 'private' };
            const date = Math.floor(clock / 1000);
            const m: TruthMessage = { ...base, ref: `${tgId}:${messageId}`, direction: 'inbound' };
            const update = seed * 1_000_000 + c * 100 + k * 2;
            deliver(clock + 700, { provider: 'telegram', body: { update_id: update, message: { message_id: messageId, from, chat, date, text } } });
            if (rng.chance(0.25)) {
              const edited = `${text}!`;
              deliver(rng.chance(0.4) ? clock + 200 : clock + 30_000, { provider: 'telegram', body: { update_id: update + 1, edited_message: { message_id: messageId, from, chat, date, edit_date: date + 20, text: edited } } });
              m.text = edited;
            }
            remember(`telegram|${m.ref}`, m);
            break;
          }
          case 'webchat': {
            if (k === 0) {
              deliver(clock - 1000, { provider: 'webchat', body: { schema: 'omnilink.webchat/v1', siteId: 'loja', sessionId: session, visitorId: `v-${seed}-${c}`, type: 'identify', eventId: `e-${ref}`, sentAt: iso(clock - 1000), identify: { name, email } } });
            }
            const id = `w-${ref}`;
            deliver(clock + 300, { provider: 'webchat', body: { schema: 'omnilink.webchat/v1', siteId: 'loja', sessionId: session, visitorId: `v-${seed}-${c}`, type: 'message', messageId: id, sentAt: iso(clock), text } });
            remember(`webchat|loja:${id}`, { ...base, ref: `loja:${id}`, direction: 'inbound' }); // ids are scoped by site
            break;
          }
        }
      }
    }
  }
  // Arrival order, with ties broken at random (same-second deliveries come in any order).
  const order = envelopes.map((e) => ({ ...e, tie: rng.next() }));
  order.sort((a, b) => a.at - b.at || a.tie - b.tie);
  return { envelopes: order, truth, crm: `${crmRows.join('\n')}\n` };
}

// ---- scoring ---------------------------------------------------------------------------------

interface OutMessage {
  id: string;
  channel: string;
  providerMessageId?: string;
  direction: string;
  occurredAt: string;
  text?: string;
  status?: string;
  deleted?: boolean;
}

function refOf(m: OutMessage): string | undefined {
  if (m.channel === 'email') return /^email:(.+)#/.exec(m.id)?.[1];
  return m.providerMessageId;
}

async function evaluate(seed: number): Promise<Record<string, number | string>> {
  const dump = generate(CUSTOMERS, seed);
  const dir = KEEP !== undefined && KEEP !== '' ? join(KEEP, `seed-${seed}`) : mkdtempSync(join(tmpdir(), 'omnilink-dump-'));
  mkdirSync(dir, { recursive: true });
  const dumpPath = join(dir, 'dump.jsonl');
  const crmPath = join(dir, 'crm.csv');
  const outPath = join(dir, 'timelines.jsonl');
  writeFileSync(dumpPath, `${dump.envelopes.map((e) => e.line).join('\n')}\n`);
  writeFileSync(crmPath, dump.crm);
  const stderr = new PassThrough();
  const errors: Buffer[] = [];
  stderr.on('data', (b: Buffer) => errors.push(b));
  const t = performance.now();
  const cli = ['timeline', dumpPath, ...(CONTACTS ? ['--contacts', crmPath] : []), '--default-country', 'BR', '--out', outPath];
  const code = await run(cli, { stdout: new PassThrough(), stderr, stdin: Readable.from([]) });
  const seconds = (performance.now() - t) / 1000;
  const log = Buffer.concat(errors).toString('utf8');
  if (code !== 0) throw new Error(`omnilink timeline exited ${code}: ${log}`);

  const seen = new Map<string, number>();
  let unknown = 0;
  let orderViolations = 0;
  let wrongText = 0;
  let wrongDeleted = 0;
  let wrongStatus = 0;
  let wrongDirection = 0;
  const personOf = new Map<string, string>();
  const lines = readFileSync(outPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { personId: string | null; messages: OutMessage[] });
  for (const line of lines) {
    let last = '';
    for (const m of line.messages) {
      if (line.personId !== null) {
        if (m.occurredAt < last) orderViolations++;
        last = m.occurredAt;
      }
      const ref = refOf(m);
      const key = `${m.channel}|${ref}`;
      const want = ref !== undefined ? dump.truth.get(key) : undefined;
      if (want === undefined) {
        unknown++;
        continue;
      }
      seen.set(key, (seen.get(key) ?? 0) + 1);
      personOf.set(key, line.personId ?? `unplaced:${key}`);
      if (want.deleted !== (m.deleted === true)) wrongDeleted++;
      else if (!want.deleted && want.text !== m.text) wrongText++;
      if (want.status !== undefined && want.status !== m.status) {
        wrongStatus++;
        if (KEEP !== undefined) console.error(`status of ${key}: want ${want.status}, got ${m.status}`);
      }
      if (want.direction !== m.direction) wrongDirection++;
    }
  }
  // Pairwise "same person" over the messages found, against "same customer".
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const keys = [...personOf.keys()];
  const byPerson = new Map<string, string[]>();
  const byCustomer = new Map<number, string[]>();
  const customerOf = (k: string): number => (dump.truth.get(k) as TruthMessage).customer;
  const add = <K>(groups: Map<K, string[]>, g: K, k: string): void => {
    const list = groups.get(g);
    if (list === undefined) groups.set(g, [k]);
    else list.push(k);
  };
  for (const k of keys) {
    add(byPerson, personOf.get(k) as string, k);
    add(byCustomer, customerOf(k), k);
  }
  for (const group of byPerson.values()) {
    const counts = new Map<number, number>();
    for (const k of group) counts.set(customerOf(k), (counts.get(customerOf(k)) ?? 0) + 1);
    const pairs = (group.length * (group.length - 1)) / 2;
    let same = 0;
    for (const n of counts.values()) same += (n * (n - 1)) / 2;
    tp += same;
    fp += pairs - same;
  }
  for (const group of byCustomer.values()) fn += (group.length * (group.length - 1)) / 2;
  fn -= tp;
  const pending = /; (\d+) events? waits? for a message/.exec(log)?.[1];
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return {
    seed,
    deliveries: dump.envelopes.length,
    messages: dump.truth.size,
    found: seen.size,
    lost: dump.truth.size - seen.size,
    duplicated: [...seen.values()].filter((n) => n > 1).length,
    unknown,
    customers: new Set([...dump.truth.values()].map((m) => m.customer)).size,
    persons: lines.filter((l) => l.personId !== null).length,
    precision: Number(precision.toFixed(4)),
    recall: Number(recall.toFixed(4)),
    orderViolations,
    wrongText,
    wrongDeleted,
    wrongStatus,
    wrongDirection,
    pendingEvents: pending === undefined ? 0 : Number(pending),
    seconds: Number(seconds.toFixed(1)),
  };
}

const rows: Record<string, number | string>[] = [];
for (const seed of SEEDS) rows.push(await evaluate(seed));
console.log(`omnilink timeline on generated webhook dumps (${CUSTOMERS} customers per seed, ${CONTACTS ? 'with' : 'without'} the CRM export as --contacts)`);
console.table(rows);
