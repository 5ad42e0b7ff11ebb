/**
 * Independent webhook-dump generator, written by a tester who did not read omnilink's code, from
 * the issue's description and the providers' documented payloads (ported from their `gen.mjs`;
 * same seed and options, same dump.jsonl and contacts.csv byte for byte).
 *
 *   npx tsx bench/independent/dumps/generate.ts --seed 1 --customers 150 --out /tmp/dump-s1 [--hard]
 *
 * Writes `dump.jsonl` (ENVELOPES `{provider, receivedAt, body|raw}` in arrival order), `truth.json`
 * (customers and their messages in true order) and `contacts.csv` (a CRM export of ~80% of them).
 *
 * Customers (names from small pools; phones of BR MX AR US GB DE IN) switch between 1–4 of WhatsApp
 * Cloud, Messenger, Instagram, Telegram, Twilio SMS, Twilio WhatsApp, Twilio Voice, LINE, email and
 * web chat. Quirks: 6% of deliveries hours late, 12% redelivered (LINE flags its redeliveries),
 * WhatsApp edits (some before their late message), Brazilian wa_ids without the 9th digit, Mexican
 * `521…` ids, business answers known only from status webhooks (statuses out of order, failures
 * with error objects), Messenger/Instagram echoes, edits, unsends, reactions, delivery and read
 * watermarks, Telegram update_ids global and increasing, Twilio statuses queued→sent→delivered/
 * undelivered with no timestamps, calls ringing then completed, LINE edits and unsends, email threads
 * with quoted replies, time zones, clients that drop In-Reply-To/References, out-of-office
 * auto-replies, Amazon SES bounces (DSN) for a stale address, web chat identify then messages.
 *
 * `--hard` adds: WhatsApp business-scoped user ids (some users with no phone at all), number
 * changes (`user_changed_number`), images, replies with context, button replies, unsupported and
 * location messages, coexistence echoes (`smb_message_echoes`), Messenger postbacks and
 * watermark-only deliveries, RFC 2047 encoded names, emails without Message-ID (a `[ref XXXXXX]`
 * token in the text identifies them), multipart quoted-printable emails, Meta batches of several
 * entries in one POST, Twilio bodies form-encoded, JSON bodies as strings, envelopes without provider.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from '../../generate.js';
import { option } from '../_shared.js';

export interface DumpOptions {
  readonly seed: number;
  /** @defaultValue 150 */
  readonly customers?: number;
  /** @defaultValue false */
  readonly hard?: boolean;
}

export interface Phone {
  readonly e164: string;
  /** As WhatsApp reports it (old Brazilian ids without the 9, Mexican 521…). */
  readonly wa_id: string;
  readonly national: string;
  readonly country: string;
}

/** One message of the truth, as the output should show it. */
export interface TruthMessage {
  readonly channel: string;
  /** Provider message id (email: the Message-ID without <>; `noid:[ref X]` when it has none). */
  readonly id: string;
  readonly dir: 'inbound' | 'outbound';
  readonly t: number;
  text: string | null;
  deleted: boolean;
  status: string | null;
  readonly via?: 'twilio';
  readonly tgChat?: number;
  readonly waKey?: string;
  readonly waType?: string;
  textUnknowable?: boolean;
  edited?: boolean;
  echo?: boolean;
  readonly postback?: boolean;
  readonly call?: boolean;
  readonly auto?: boolean;
  readonly bounce?: boolean;
  readonly staleAddress?: string;
  readonly threadDropped?: boolean;
  readonly noMessageId?: boolean;
  reaction?: string;
  _readAt?: number;
}

export interface Customer {
  readonly truthId: string;
  readonly crmId: string;
  readonly first: string;
  readonly last: string;
  readonly name: string;
  readonly phone: Phone;
  readonly email: string;
  readonly psid: string;
  readonly igsid: string;
  readonly tgId: number;
  readonly lineId: string;
  readonly visitor: string;
  readonly tgUsername: string | null;
  readonly tz: string;
  bsuid?: string;
  pbsuid?: string;
  bsuidOnly?: boolean;
  changeNumber?: boolean;
  changed?: boolean;
  newPhone?: Phone;
  channels: string[];
  _waCount?: number;
  _lastWa?: string;
  _tgMsg?: number;
  _dw?: number[];
  _rw?: number[];
}

export interface GeneratedDump {
  /** dump.jsonl, one envelope a line, in arrival order. */
  readonly lines: string[];
  readonly customers: Customer[];
  /** Messages per customer (truthId), in true order. */
  readonly messages: Record<string, TruthMessage[]>;
  readonly biz: typeof BIZ;
  /** contacts.csv rows (header first). */
  readonly crm: (string | number)[][];
  /** Outbound emails to a stale address, and the DSN that bounced each. */
  readonly bounces: { c: string; mid: string; bid: string }[];
  readonly summary: string;
}

type Obj = Record<string, unknown>;
interface Envelope {
  provider: string;
  body?: Obj;
  raw?: string;
  receivedAt?: string;
}
interface Delivery {
  arrive: number;
  env: Envelope;
}

export const BIZ = {
  waPhoneNumberId: '106540352242922', waDisplay: '15550783881', wabaId: '102290129340398',
  pageId: '104857203948571', appId: '1517776481860111',
  igAccount: '17841452691600098',
  twilioAccount: 'ACa1b2c3d4e5f60718293a4b5c6d7e8f90', twilioNumber: '+15005550006', twilioWa: 'whatsapp:+14155238886',
  msgService: 'MG9752274e9e519418a7406176694466fa',
  lineDest: 'U4af4980629a0c4ac2bbd7b3b1d4b1c11',
  email: 'support@acme-shop.example', emailName: 'ACME Support',
  site: 'acme',
} as const;

const FIRST = ['Ana', 'João', 'Maria', 'Carlos', 'Lucía', 'José', 'Sofia', 'Pedro', 'Emma', 'Liam', 'Noah', 'Olivia', 'Mia', 'Lukas', 'Hannah', 'Priya', 'Arjun', 'Wei', 'Yuki', 'Fatima', 'Omar', 'Chloé', 'Léa', 'Mateo', 'Valentina', 'Camila', 'Diego', 'Ava', 'Isabella', 'Jakob', 'Aisha', 'Kenji', 'Sakura', 'Tom', 'Grace', 'Ivan', 'Olga', 'Zoe', 'Rafael', 'Beatriz'];
const LAST = ['Souza', 'Silva', 'García', 'Martínez', 'Müller', 'Schmidt', 'Smith', 'Johnson', 'Brown', 'Patel', 'Sharma', 'Wang', 'Tanaka', 'Sato', 'Khan', 'Dubois', 'Martin', 'Rossi', 'Fernández', 'López', 'Kowalski', 'Nguyen', 'Kim', 'Park', 'Costa', 'Oliveira', 'Pereira', 'Hernández', 'Wilson', 'Taylor'];
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'proton.me', 'gmx.de', 'uol.com.br'];
const TEXTS_IN = ['Hi, where is my order?', 'I ordered last week and nothing arrived', 'Can I change the delivery address?', 'The package arrived damaged 😞', 'Do you have this in size M?', 'Thanks!', 'ok', 'Is there a discount code?', 'My tracking number is not working', 'Can someone call me?', 'I want a refund', 'Olá, tudo bem? Preciso de ajuda com meu pedido', '¿Cuándo llega mi pedido?', 'Hallo, ich habe eine Frage zur Rechnung', 'Order #', 'still waiting...', 'ok thanks 👍', 'Can you send the invoice by email?', 'I will call you later', 'Is the store open on Sunday?'];
const TEXTS_OUT = ['Hello! Let me check that for you.', 'Your order has shipped, tracking: ', 'Sorry for the trouble, we are sending a replacement.', 'Could you share your order number?', 'Done, the address is updated.', 'You are welcome!', 'We have sent the invoice to your email.', 'A colleague will call you shortly.', 'Refund processed, 3-5 business days.'];
const CH = ['whatsapp', 'messenger', 'instagram', 'telegram', 'sms', 'twilio_whatsapp', 'voice', 'line', 'email', 'webchat'];
const W: Readonly<Record<string, number>> = { whatsapp: 5, messenger: 3, instagram: 3, telegram: 2, sms: 2, twilio_whatsapp: 1, voice: 2, line: 1, email: 3, webchat: 2 };
const T0 = Date.UTC(2026, 9, 1, 8, 0, 0); // 2026-10-01

const ascii = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const sec = (ms: number): string => String(Math.floor(ms / 1000));
const rfc = (ms: number): string => new Date(ms).toUTCString().replace('GMT', '+0000');

/** Generate one dump (in memory). */
export function generateDump(options: DumpOptions): GeneratedDump {
  const SEED = options.seed;
  const NC = options.customers ?? 150;
  const HARD = options.hard ?? false;

  // ---------- PRNG ----------
  const R = createRng(SEED * 7919 + 17).next;
  const rnd = (a: number, b: number): number => a + Math.floor(R() * (b - a + 1));
  const pick = <T>(arr: readonly T[]): T => arr[Math.floor(R() * arr.length)] as T;
  const chance = (p: number): boolean => R() < p;
  const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[rnd(0, 15)]).join('');
  const HEX = (n: number): string => hex(n).toUpperCase();
  const digits = (n: number): string => String(rnd(1, 9)) + Array.from({ length: n - 1 }, () => rnd(0, 9)).join('');
  const b64url = (n: number): string => Buffer.from(Array.from({ length: n }, () => rnd(0, 255))).toString('base64url');

  function mkPhone(cc: string): Phone {
    switch (cc) {
      case 'BR': {
        const ddd = pick(['11', '21', '31', '41', '51', '61', '71', '81']);
        const sub = `9${digits(8).replace(/^./, pick(['6', '7', '8', '9']))}`;
        const e164 = `+55${ddd}${sub}`;
        const old = chance(0.5);
        return { e164, wa_id: old ? `55${ddd}${sub.slice(1)}` : e164.slice(1), national: `(${ddd}) ${sub.slice(0, 5)}-${sub.slice(5)}`, country: 'BR' };
      }
      case 'MX': {
        const a = pick(['55', '33', '81']);
        const sub = digits(8);
        return { e164: `+52${a}${sub}`, wa_id: `521${a}${sub}`, national: `${a} ${sub.slice(0, 4)} ${sub.slice(4)}`, country: 'MX' };
      }
      case 'AR': {
        const sub = `11${digits(8)}`;
        return { e164: `+549${sub}`, wa_id: `549${sub}`, national: `011 15-${sub.slice(2, 6)}-${sub.slice(6)}`, country: 'AR' };
      }
      case 'US': {
        const a = pick(['415', '212', '646', '312', '206', '617']);
        const x = String(rnd(200, 989));
        const y = String(rnd(1000, 9999));
        const e164 = `+1${a}${x}${y}`;
        return { e164, wa_id: e164.slice(1), national: `(${a}) ${x}-${y}`, country: 'US' };
      }
      case 'GB': {
        const sub = `7${pick(['4', '5', '7', '8', '9'])}${digits(8).slice(0, 8)}`;
        const e164 = `+44${sub}`;
        return { e164, wa_id: e164.slice(1), national: `0${sub.slice(0, 4)} ${sub.slice(4)}`, country: 'GB' };
      }
      case 'DE': {
        const sub = `15${pick(['1', '2', '7', '9'])}${digits(8)}`;
        const e164 = `+49${sub}`;
        return { e164, wa_id: e164.slice(1), national: `0${sub.slice(0, 4)} ${sub.slice(4)}`, country: 'DE' };
      }
      default: {
        const sub = pick(['9', '8', '7']) + digits(9);
        const e164 = `+91${sub}`;
        return { e164, wa_id: e164.slice(1), national: `0${sub.slice(0, 5)} ${sub.slice(5)}`, country: 'IN' };
      }
    }
  }

  // ---------- customers ----------
  const customers: Customer[] = [];
  const usedEmails = new Set<string>();
  for (let i = 0; i < NC; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const cc = pick(['BR', 'BR', 'BR', 'MX', 'AR', 'US', 'US', 'GB', 'DE', 'IN']);
    let email: string;
    do email = `${ascii(first)}${pick(['.', '', '_'])}${ascii(last)}${chance(0.5) ? rnd(1, 99) : ''}@${pick(DOMAINS)}`;
    while (usedEmails.has(email));
    usedEmails.add(email);
    const c: Customer = {
      truthId: `T${String(i).padStart(4, '0')}`, crmId: `CRM-${100000 + i}`, first, last, name: `${first} ${last}`,
      phone: mkPhone(cc), email, psid: digits(16), igsid: digits(16), tgId: Number(digits(pick([9, 10]))), lineId: `U${hex(32)}`,
      visitor: `v_${hex(16)}`, tgUsername: chance(0.6) ? `${ascii(first)}_${ascii(last).slice(0, 4)}${rnd(1, 999)}` : null,
      tz: pick(['-0300', '-0500', '+0000', '+0100', '+0200', '+0530', '-0800']), channels: [],
    };
    if (HARD) {
      c.bsuid = `${cc.slice(0, 2)}.${digits(20)}`;
      c.pbsuid = `${cc.slice(0, 2)}.ENT.${digits(20)}`;
      c.bsuidOnly = chance(0.12);
      c.changeNumber = !c.bsuidOnly && chance(0.12);
    }
    customers.push(c);
  }

  // ---------- event model ----------
  const deliveries: Delivery[] = [];
  const truth: Record<string, TruthMessage[]> = {};

  /** Deliver an envelope: usually seconds after it happened, sometimes hours late, sometimes redelivered 1–2 more times. */
  function deliver(env: Envelope, occurredMs: number, opts: { late?: boolean; forceArrive?: number | undefined; redeliver?: boolean } = {}): { arrive: number; late: boolean } {
    let arrive = occurredMs + rnd(400, 4000);
    let late = false;
    if (opts.late ?? chance(0.06)) {
      arrive = occurredMs + rnd(1, 8) * 3600_000 + rnd(0, 3599_000);
      late = true;
    }
    if (opts.forceArrive !== undefined) arrive = opts.forceArrive;
    const copies = [arrive];
    if (opts.redeliver ?? chance(0.12)) {
      const k = chance(0.3) ? 2 : 1;
      for (let j = 0; j < k; j++) copies.push(arrive + rnd(20, 7200) * 1000);
    }
    for (const a of copies) {
      const e = clone(env);
      e.receivedAt = new Date(a).toISOString();
      // LINE flags its redeliveries
      if (e.provider === 'line' && a !== arrive) for (const ev of (e.body as { events: { deliveryContext: { isRedelivery: boolean } }[] }).events) ev.deliveryContext.isRedelivery = true;
      deliveries.push({ arrive: a, env: e });
    }
    return { arrive, late };
  }

  const textIn = (): string => {
    const t = pick(TEXTS_IN);
    return t === 'Order #' ? `Order #${rnd(10000, 99999)}` : t;
  };
  const textOut = (): string => {
    const t = pick(TEXTS_OUT);
    return t.endsWith(': ') ? `${t}BR${digits(9)}` : t;
  };
  function addTruth(c: Customer, m: TruthMessage): TruthMessage {
    (truth[c.truthId] ??= []).push(m);
    return m;
  }

  // ---------- channel emitters ----------
  const meta = (object: string, entryId: string, entryTime: number, messaging: Obj[]): Obj => ({ object, entry: [{ id: entryId, time: entryTime, messaging }] });
  const waEnvelope = (value: Obj): Envelope => ({
    provider: 'whatsapp',
    body: { object: 'whatsapp_business_account', entry: [{ id: BIZ.wabaId, changes: [{ value: { messaging_product: 'whatsapp', metadata: { display_phone_number: BIZ.waDisplay, phone_number_id: BIZ.waPhoneNumberId }, ...value }, field: 'messages' }] }] },
  });
  const wamid = (): string => `wamid.HBgL${b64(`${digits(12)}\x15\x02\x00\x12\x18\x14${HEX(20)}\x00`).replace(/={1,2}$/, '')}=`;

  type Emit = (c: Customer, t: number, dir: 'in' | 'out', thread: Thread, sess: Session) => void;
  interface Thread {
    refs: string[];
    subject?: string;
    last?: { msgId: string; t: number; text: string; from: string; fromName: string };
  }
  interface Session {
    id: string;
    started?: boolean;
  }

  /** WhatsApp Cloud API. */
  function whatsapp(c: Customer, t: number, dir: 'in' | 'out'): void {
    // number change (system message user_changed_number), then the new number is used
    if (HARD && c.changeNumber === true && c.changed !== true && dir === 'in' && (c._waCount = (c._waCount ?? 0) + 1) >= 2 && chance(0.5)) {
      c.changed = true;
      const newPhone = mkPhone(c.phone.country);
      c.newPhone = newPhone;
      const st = t - 5000;
      const system = { body: `${c.name} changed from ${c.phone.e164} to ${newPhone.e164}`, new_wa_id: newPhone.wa_id, type: 'user_changed_number' };
      deliver(waEnvelope({ contacts: [{ profile: { name: c.name }, wa_id: c.phone.wa_id, user_id: c.bsuid, parent_user_id: c.pbsuid }], messages: [{ from: c.phone.wa_id, id: wamid(), timestamp: sec(st), system, type: 'system' }] }), st);
    }
    const current = HARD && c.changed === true ? (c.newPhone as Phone) : c.phone;
    const waId = current.wa_id;
    const waKey = HARD && c.bsuidOnly === true ? `bsuid:${c.bsuid}` : `phone:${current.e164}`;
    const contact = !HARD
      ? { profile: { name: c.name }, wa_id: c.phone.wa_id }
      : c.bsuidOnly === true
        ? { profile: { name: c.name, username: `@${ascii(c.first)}${ascii(c.last)}` }, user_id: c.bsuid, parent_user_id: c.pbsuid }
        : { profile: { name: c.name }, wa_id: waId, user_id: c.bsuid, parent_user_id: c.pbsuid };
    const fromF = HARD && c.bsuidOnly === true ? { from_user_id: c.bsuid, from_parent_user_id: c.pbsuid } : { from: waId };
    if (dir === 'in') {
      const id = wamid();
      let text: string | null = textIn();
      const msg: Obj = { ...fromF, id, timestamp: sec(t), text: { body: text }, type: 'text' };
      let editable = true;
      if (HARD) {
        const r = R();
        if (r < 0.1) {
          delete msg.text;
          msg.type = 'image';
          msg.image = { caption: text, mime_type: 'image/jpeg', sha256: b64url(32), id: digits(16) };
          editable = false;
        } else if (r < 0.18 && c._lastWa !== undefined) msg.context = { from: BIZ.waDisplay, id: c._lastWa };
        else if (r < 0.23) {
          delete msg.text;
          msg.type = 'interactive';
          text = pick(['Yes, confirm', 'Talk to an agent', 'Track order']);
          msg.interactive = { type: 'button_reply', button_reply: { id: `btn_${rnd(1, 9)}`, title: text } };
          editable = false;
        } else if (r < 0.26) {
          delete msg.text;
          msg.type = 'unsupported';
          msg.errors = [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }];
          text = null;
          editable = false;
        } else if (r < 0.3) {
          delete msg.text;
          msg.type = 'location';
          msg.location = { latitude: -23.5 + R(), longitude: -46.6 + R(), name: 'Shop', address: 'Av. Paulista, 1000' };
          text = null;
          editable = false;
        }
      }
      c._lastWa = id;
      const m = addTruth(c, { channel: 'whatsapp', id, dir: 'inbound', t, text, deleted: false, status: null, waKey, waType: msg.type as string });
      const msgArr = deliver(waEnvelope({ contacts: [contact], messages: [msg] }), t);
      // edit (sometimes arrives before the message when the message is late)
      if (editable && chance(0.12)) {
        let tt = t + rnd(20, 600) * 1000;
        const n = chance(0.3) ? 2 : 1;
        for (let k = 0; k < n; k++) {
          const nt = `${text}${k > 0 ? ' (edited again)' : ` — sorry, order #${rnd(10000, 99999)}`}`;
          m.text = nt;
          m.edited = true;
          const edit = { ...fromF, id: wamid(), timestamp: sec(tt), type: 'edit', edit: { original_message_id: id, message: { type: 'text', text: { body: nt } } } };
          deliver(waEnvelope({ contacts: [contact], messages: [edit] }), tt, { forceArrive: k === 0 && msgArr.late ? tt + 2000 : undefined });
          tt += rnd(20, 300) * 1000;
        }
      }
      return;
    }
    // business message via the Cloud API: only status webhooks carry it
    const id = wamid();
    const failed = chance(0.06);
    const m = addTruth(c, { channel: 'whatsapp', id, dir: 'outbound', t, text: null, textUnknowable: true, deleted: false, status: failed ? 'failed' : null, waKey });
    if (HARD && chance(0.3)) {
      // sent from the WhatsApp Business app (coexistence): smb_message_echoes carries the outbound message
      const text = textOut();
      m.text = text;
      m.textUnknowable = false;
      m.echo = true;
      const env = waEnvelope({ message_echoes: [{ from: BIZ.waDisplay, to: c.bsuidOnly === true ? undefined : waId, ...(c.bsuidOnly === true ? { to_user_id: c.bsuid } : {}), id, timestamp: sec(t), type: 'text', text: { body: text } }] });
      ((env.body as { entry: { changes: Obj[] }[] }).entry[0]?.changes[0] as Obj).field = 'smb_message_echoes';
      deliver(env, t);
    }
    const conversation = { id: hex(32), expiration_timestamp: String(Math.floor(t / 1000) + 86400), origin: { type: 'service' } };
    const pricing = { billable: true, pricing_model: 'CBP', category: 'service' };
    const seq = failed ? ['failed'] : ['sent', 'delivered', ...(chance(0.7) ? ['read'] : [])];
    let st = t + 1000;
    let final: string | null = null;
    const arrivals: [Obj, number][] = [];
    for (const s of seq) {
      const stObj: Obj = { id, status: s, timestamp: sec(st), ...(HARD && c.bsuidOnly === true ? { recipient_user_id: c.bsuid, recipient_parent_user_id: c.pbsuid } : { recipient_id: waId }) };
      if (s === 'sent') {
        stObj.conversation = conversation;
        stObj.pricing = pricing;
      }
      if (s === 'delivered') stObj.pricing = pricing;
      if (s === 'failed') {
        const details = 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.';
        stObj.errors = [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' }];
      }
      arrivals.push([stObj, st]);
      final = s;
      st += rnd(2, 1800) * 1000;
    }
    // statuses arrive out of order sometimes (read before delivered)
    const [sent, delivered, read] = arrivals;
    if (sent !== undefined && delivered !== undefined && read !== undefined && chance(0.3)) {
      deliver(waEnvelope({ statuses: [read[0]] }), read[1]);
      deliver(waEnvelope({ statuses: [delivered[0]] }), delivered[1], { forceArrive: read[1] + rnd(5, 3600) * 1000 });
      deliver(waEnvelope({ statuses: [sent[0]] }), sent[1]);
    } else for (const [o, s] of arrivals) deliver(waEnvelope({ statuses: [o] }), s);
    m.status = final;
  }

  /** Messenger and Instagram (the same Messaging platform). */
  function metaMessaging(c: Customer, t: number, dir: 'in' | 'out', ig: boolean): void {
    const object = ig ? 'instagram' : 'page';
    const bizId = ig ? BIZ.igAccount : BIZ.pageId;
    const userId = ig ? c.igsid : c.psid;
    const mid = ig ? b64(`ig_item:1:IGMessageID:${BIZ.igAccount}:${digits(39)}`).replace(/={1,2}$/, '') : `m_${b64url(60)}`;
    const channel = ig ? 'instagram' : 'messenger';
    const user = { sender: { id: userId }, recipient: { id: bizId } };
    const send = (time: number, event: Obj, at: number, opts?: { forceArrive: number | undefined }): { arrive: number; late: boolean } =>
      deliver({ provider: channel, body: meta(object, bizId, time, [event]) }, at, opts);
    if (dir === 'in') {
      if (HARD && !ig && chance(0.08)) {
        // button postback (current payloads carry a mid and a title)
        const title = pick(['Track my order', 'Talk to a human', 'Get started']);
        addTruth(c, { channel, id: mid, dir: 'inbound', t, text: title, deleted: false, status: null, postback: true });
        send(t + rnd(50, 900), { ...user, timestamp: t, postback: { mid, title, payload: title.toUpperCase().replace(/ /g, '_') } }, t);
        return;
      }
      const text = textIn();
      const m = addTruth(c, { channel, id: mid, dir: 'inbound', t, text, deleted: false, status: null });
      const a = send(t + rnd(50, 900), { ...user, timestamp: t, message: { mid, text } }, t);
      let tt = t + rnd(15, 900) * 1000;
      if (chance(0.1)) {
        // edit (Messenger message_edit)
        const nt = `${text} (edit: ${pick(['size L', 'tomorrow', 'never mind', `order ${rnd(1000, 9999)}`])})`;
        m.text = nt;
        m.edited = true;
        send(tt + 300, { ...user, timestamp: tt, message_edit: { mid, text: nt, num_edit: 1 } }, tt, { forceArrive: a.late ? tt + 1500 : undefined });
        tt += rnd(15, 600) * 1000;
      }
      if (chance(0.07)) {
        // unsend
        m.deleted = true;
        send(tt + 200, { ...user, timestamp: tt, message: { mid, is_deleted: true } }, tt);
      }
      return;
    }
    const text = textOut();
    const m = addTruth(c, { channel, id: mid, dir: 'outbound', t, text, deleted: false, status: 'sent' });
    // echo: sender = page/IG account, recipient = user
    send(t + rnd(50, 900), { sender: { id: bizId }, recipient: { id: userId }, timestamp: t, message: { mid, text, is_echo: true, app_id: Number(BIZ.appId), metadata: `agent:${rnd(1, 9)}` } }, t);
    let tt = t + rnd(1, 30) * 1000;
    if (!ig && chance(0.85)) {
      m.status = 'delivered';
      (c._dw ??= []).push(tt);
      send(tt + 100, { ...user, delivery: HARD && chance(0.3) ? { watermark: tt } : { mids: [mid], watermark: tt } }, tt);
    }
    if (chance(0.6)) {
      tt += rnd(5, 3600) * 1000;
      m.status = 'read';
      send(tt + 100, { ...user, timestamp: tt + 50, read: ig ? { mid } : { watermark: tt } }, tt);
      m._readAt = tt;
      if (!ig) (c._rw ??= []).push(tt);
    }
    // the customer reacts to our message
    if (chance(0.15)) {
      const rt = tt + rnd(5, 600) * 1000;
      send(rt + 100, { ...user, timestamp: rt, reaction: { mid, action: 'react', emoji: '❤', reaction: 'love' } }, rt);
      m.reaction = '❤';
    }
  }

  /** Telegram Bot API (inbound only: a bot's own messages never come back as updates); update_ids are set at the end. */
  function telegram(c: Customer, t: number): void {
    c._tgMsg = (c._tgMsg ?? rnd(2, 50)) + 1;
    const username = c.tgUsername !== null ? { username: c.tgUsername } : {};
    const from = { id: c.tgId, is_bot: false, first_name: c.first, last_name: c.last, ...username, language_code: pick(['en', 'pt-br', 'es', 'de']) };
    const chat = { id: c.tgId, first_name: c.first, last_name: c.last, ...username, type: 'private' };
    const text = textIn();
    const msg = { message_id: c._tgMsg, from, chat, date: Math.floor(t / 1000), text };
    const m = addTruth(c, { channel: 'telegram', id: String(c._tgMsg), tgChat: c.tgId, dir: 'inbound', t, text, deleted: false, status: null });
    const a = deliver({ provider: 'telegram', body: { update_id: 0, message: msg } }, t);
    if (chance(0.12)) {
      const et = t + rnd(10, 900) * 1000;
      const nt = `${text} ${pick(['(typo)', 'pls', '— urgent', `#${rnd(1000, 9999)}`])}`;
      m.text = nt;
      m.edited = true;
      deliver({ provider: 'telegram', body: { update_id: 0, edited_message: { ...msg, edit_date: Math.floor(et / 1000), text: nt } } }, et, { forceArrive: a.late ? et + 2000 : undefined });
    }
  }

  /** Twilio Programmable Messaging: SMS, or WhatsApp through Twilio. Twilio bodies carry no timestamp: never late. */
  function twilioMsg(c: Customer, t: number, dir: 'in' | 'out', wa: boolean): void {
    const sid = `SM${hex(32)}`;
    const cust = wa ? `whatsapp:${c.phone.e164}` : c.phone.e164;
    const biz = wa ? BIZ.twilioWa : BIZ.twilioNumber;
    const channel = wa ? 'whatsapp' : 'sms';
    if (dir === 'in') {
      const text = textIn();
      const body: Obj = {
        ToCountry: 'US', ToState: 'CA', SmsMessageSid: sid, NumMedia: '0', ToCity: '', FromZip: '', SmsSid: sid, FromState: '', SmsStatus: 'received', FromCity: '', Body: text, FromCountry: c.phone.country,
        To: biz, MessagingServiceSid: BIZ.msgService, ToZip: '', NumSegments: '1', ReferralNumMedia: '0', MessageSid: sid, AccountSid: BIZ.twilioAccount, From: cust, ApiVersion: '2010-04-01',
      };
      if (wa) {
        body.ProfileName = c.name;
        body.WaId = c.phone.e164.slice(1);
        body.MessageType = 'text';
        delete body.FromCountry;
      }
      addTruth(c, { channel, via: 'twilio', id: sid, dir: 'inbound', t, text, deleted: false, status: null });
      deliver({ provider: 'twilio', body }, t, { late: false });
      return;
    }
    const m = addTruth(c, { channel, via: 'twilio', id: sid, dir: 'outbound', t, text: null, textUnknowable: true, deleted: false, status: null });
    const fail = chance(0.07);
    const seq = fail ? ['queued', 'sent', 'undelivered'] : ['queued', 'sent', 'delivered', ...(wa && chance(0.6) ? ['read'] : [])];
    let st = t;
    const dels: [Obj, number][] = [];
    for (const s of seq) {
      const body: Obj = { SmsSid: sid, SmsStatus: s, MessageStatus: s, To: cust, MessagingServiceSid: BIZ.msgService, MessageSid: sid, AccountSid: BIZ.twilioAccount, From: biz, ApiVersion: '2010-04-01' };
      if (s === 'undelivered') {
        body.ErrorCode = '30003';
        body.ErrorMessage = 'Unreachable destination handset';
      }
      if (wa) body.ChannelPrefix = 'whatsapp';
      dels.push([body, st]);
      st += rnd(1, 120) * 1000;
    }
    for (const [b, s] of dels) deliver({ provider: 'twilio', body: b }, s, { late: false });
    const last = seq[seq.length - 1] as string;
    m.status = last === 'undelivered' ? 'failed' : last;
  }

  /** Twilio Voice: ringing (inbound), then completed. */
  function voice(c: Customer, t: number, dir: 'in' | 'out'): void {
    const sid = `CA${hex(32)}`;
    const inbound = dir === 'in';
    const from = inbound ? c.phone.e164 : BIZ.twilioNumber;
    const to = inbound ? BIZ.twilioNumber : c.phone.e164;
    const base = {
      AccountSid: BIZ.twilioAccount, ApiVersion: '2010-04-01', CallSid: sid, Called: to, CalledCountry: 'US', Caller: from, CallerCountry: inbound ? c.phone.country : 'US',
      Direction: inbound ? 'inbound' : 'outbound-api', From: from, To: to, FromCountry: inbound ? c.phone.country : 'US', ToCountry: inbound ? 'US' : c.phone.country,
    };
    const dur = rnd(20, 900);
    addTruth(c, { channel: 'voice', id: sid, dir: inbound ? 'inbound' : 'outbound', t, text: null, deleted: false, status: null, call: true });
    if (inbound) deliver({ provider: 'twilio', body: { ...base, CallStatus: 'ringing' } }, t, { late: false });
    const end = t + dur * 1000;
    const completed = { ...base, CallStatus: 'completed', CallDuration: String(dur), Duration: String(Math.ceil(dur / 60)), Timestamp: rfc(end), CallbackSource: 'call-progress-events', SequenceNumber: '0' };
    deliver({ provider: 'twilio', body: completed }, end, { late: false });
  }

  /** LINE Messaging API (inbound only). */
  function line(c: Customer, t: number): void {
    const id = digits(18);
    const text = textIn();
    const ev = (type: string, ts: number, extra: Obj): Obj => ({
      destination: BIZ.lineDest,
      events: [{ ...(type === 'message' ? { replyToken: b64url(24) } : {}), type, mode: 'active', timestamp: ts, source: { type: 'user', userId: c.lineId }, webhookEventId: `01${HEX(24)}`, deliveryContext: { isRedelivery: false }, ...extra }],
    });
    const m = addTruth(c, { channel: 'line', id, dir: 'inbound', t, text, deleted: false, status: null });
    const a = deliver({ provider: 'line', body: ev('message', t, { message: { id, type: 'text', quoteToken: b64url(40), text } }) }, t);
    let tt = t + rnd(10, 600) * 1000;
    if (chance(0.1)) {
      const nt = `${text} (edited)`;
      m.text = nt;
      m.edited = true;
      deliver({ provider: 'line', body: ev('messageEdited', tt, { message: { id, type: 'text', quoteToken: b64url(40), text: nt } }) }, tt, { forceArrive: a.late ? tt + 1000 : undefined });
      tt += rnd(10, 600) * 1000;
    }
    if (chance(0.07)) {
      m.deleted = true;
      deliver({ provider: 'line', body: ev('unsend', tt, { unsend: { messageId: id } }) }, tt);
    }
  }

  /** RFC 5322 email, one thread per customer journey. */
  function email(c: Customer, t: number, dir: 'in' | 'out', thread: Thread): void {
    const date = (ms: number, tz: string): string => {
      const off = (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(3))) * 60000;
      return `${new Date(ms + off).toUTCString().replace(' GMT', '')} ${tz}`;
    };
    const inbound = dir === 'in';
    const msgId = inbound ? `<CA${b64url(30).replace(/[-_]/g, 'x')}@mail.gmail.com>` : `<${hex(8)}-${hex(4)}-${hex(4)}-${hex(12)}@acme-shop.example>`;
    const subject = thread.subject !== undefined ? `Re: ${thread.subject}` : `${pick(['Order problem', 'Question about invoice', 'Return request', 'Delivery address', 'Warranty'])} #${rnd(1000, 9999)}`;
    thread.subject ??= subject;
    const text = inbound ? textIn() : textOut();
    const quoted = thread.last !== undefined ? `\n\nOn ${date(thread.last.t, c.tz)}, ${thread.last.fromName} <${thread.last.from}> wrote:\n> ${thread.last.text}\n` : '\n';
    const dn = HARD && [...c.name].some((ch) => ch.charCodeAt(0) > 0x7f) ? `=?UTF-8?B?${b64(c.name)}?=` : `"${c.name}"`;
    const hdr = [
      `From: ${inbound ? `${dn} <${c.email}>` : `${BIZ.emailName} <${BIZ.email}>`}`,
      `To: ${inbound ? BIZ.email : `${dn} <${c.email}>`}`,
      `Subject: ${subject}`,
      `Date: ${date(t, inbound ? c.tz : '+0000')}`,
    ];
    const noId = HARD && inbound && chance(0.06);
    if (!noId) hdr.push(`Message-ID: ${msgId}`);
    let dropped = false;
    if (thread.last !== undefined) {
      if (inbound && chance(0.25)) dropped = true; // the client drops In-Reply-To/References (talon's gmail sample)
      else hdr.push(`In-Reply-To: ${thread.last.msgId}`, `References: ${thread.refs.join(' ')}`);
    }
    const token = noId ? ` [ref ${HEX(6)}]` : '';
    const ftext = text + token;
    let raw: string;
    if (HARD && chance(0.3)) {
      // multipart/alternative, quoted-printable text part + html part (Gmail/Outlook style)
      const B = `000000000000${hex(16)}`;
      const qp = (x: string): string =>
        Buffer.from(x)
          .toString('latin1')
          .replace(/[^\x20-\x7e\r\n]|=/g, (ch) => [...Buffer.from(ch, 'latin1')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
      const plain = (ftext + quoted).replace(/\n/g, '\r\n');
      const html = `<div dir="ltr">${ftext}</div>${thread.last !== undefined ? `<div class="gmail_quote">${thread.last.text}</div>` : ''}`;
      hdr.push('MIME-Version: 1.0', `Content-Type: multipart/alternative; boundary="${B}"`);
      raw = `${hdr.join('\r\n')}\r\n\r\n--${B}\r\nContent-Type: text/plain; charset="UTF-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp(plain)}\r\n--${B}\r\nContent-Type: text/html; charset="UTF-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp(html)}\r\n--${B}--\r\n`;
    } else {
      hdr.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: 8bit');
      raw = `${hdr.join('\r\n')}\r\n\r\n${ftext}${quoted.replace(/\n/g, '\r\n')}`;
    }
    addTruth(c, { channel: 'email', id: noId ? `noid:${token.trim()}` : msgId.slice(1, -1), dir: inbound ? 'inbound' : 'outbound', t, text: ftext, deleted: false, status: null, threadDropped: dropped, noMessageId: noId });
    deliver({ provider: 'email', raw }, t);
    thread.refs.push(msgId);
    thread.last = { msgId, t, text, from: inbound ? c.email : BIZ.email, fromName: inbound ? c.name : BIZ.emailName };
    // an auto-reply from the customer's mailbox after our outbound
    if (!inbound && chance(0.08)) {
      const at = t + rnd(2, 20) * 1000;
      const aid = `<${hex(24)}@${c.email.split('@')[1]}>`;
      const body = 'I am out of the office until Monday. I will answer when I am back.';
      const ar = `${[`From: "${c.name}" <${c.email}>`, `To: ${BIZ.email}`, `Subject: Automatic reply: ${subject}`, `Date: ${date(at, c.tz)}`, `Message-ID: ${aid}`, `In-Reply-To: ${msgId}`, `References: ${msgId}`, 'Auto-Submitted: auto-replied', 'X-Autoreply: yes', 'Precedence: bulk', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset="UTF-8"'].join('\r\n')}\r\n\r\n${body}\r\n`;
      addTruth(c, { channel: 'email', id: aid.slice(1, -1), dir: 'inbound', t: at, text: body, deleted: false, status: null, auto: true });
      deliver({ provider: 'email', raw: ar }, at);
    }
  }

  /** Web chat (omnilink.webchat/v1, the issue's own schema): session_start, identify, messages, reads. */
  function webchat(c: Customer, t: number, dir: 'in' | 'out', sess: Session): void {
    const base = { schema: 'omnilink.webchat/v1', siteId: BIZ.site, sessionId: sess.id, visitorId: c.visitor };
    const iso = (ms: number): string => new Date(ms).toISOString();
    if (sess.started !== true) {
      sess.started = true;
      deliver({ provider: 'webchat', body: { ...base, type: 'session_start', sentAt: iso(t - 4000), page: { url: 'https://shop.acme.example/help' } } }, t - 4000, { late: false });
      deliver({ provider: 'webchat', body: { ...base, type: 'identify', sentAt: iso(t - 2000), eventId: `e_${hex(12)}`, identify: { name: c.name, email: c.email } } }, t - 2000, { late: false });
    }
    const messageId = `m_${hex(12)}`;
    const inbound = dir === 'in';
    const text = inbound ? textIn() : textOut();
    const m = addTruth(c, { channel: 'webchat', id: messageId, dir: inbound ? 'inbound' : 'outbound', t, text, deleted: false, status: inbound ? null : 'sent' });
    deliver({ provider: 'webchat', body: { ...base, type: 'message', sentAt: iso(t), messageId, from: inbound ? 'visitor' : 'agent', ...(inbound ? {} : { agent: { id: `ag_${rnd(1, 5)}`, name: `Agent ${rnd(1, 5)}` } }), text } }, t);
    if (!inbound && chance(0.7)) {
      const rt = t + rnd(2, 60) * 1000;
      m.status = 'read';
      deliver({ provider: 'webchat', body: { ...base, type: 'read', sentAt: iso(rt), eventId: `e_${hex(12)}`, messageIds: [messageId] } }, rt);
    }
  }

  const channelEmit: Record<string, Emit> = {
    whatsapp: (c, t, dir) => whatsapp(c, t, dir),
    messenger: (c, t, dir) => metaMessaging(c, t, dir, false),
    instagram: (c, t, dir) => metaMessaging(c, t, dir, true),
    telegram: (c, t) => telegram(c, t),
    sms: (c, t, dir) => twilioMsg(c, t, dir, false),
    twilio_whatsapp: (c, t, dir) => twilioMsg(c, t, dir, true),
    voice: (c, t, dir) => voice(c, t, dir),
    line: (c, t) => line(c, t),
    email: (c, t, dir, thread) => email(c, t, dir, thread),
    webchat: (c, t, dir, _thread, sess) => webchat(c, t, dir, sess),
  };

  // ---------- journeys ----------
  const wpick = (opts: readonly string[]): string => {
    let r = R() * opts.reduce((s, o) => s + (W[o] as number), 0);
    for (const o of opts) {
      r -= W[o] as number;
      if (r <= 0) return o;
    }
    return opts[opts.length - 1] as string;
  };
  for (const c of customers) {
    // 1–4 channels, and a journey that switches between them
    const nch = pick([1, 2, 2, 3, 3, 3, 4]);
    const chans: string[] = [];
    while (chans.length < nch) chans.push(wpick(CH.filter((x) => !chans.includes(x))));
    let t = T0 + rnd(0, 25) * 86400_000 + rnd(0, 12 * 3600) * 1000;
    const segs = rnd(1, 3) + nch - 1;
    const thread: Thread = { refs: [] };
    const sess: Session = { id: `s_${hex(10)}` };
    for (let s = 0; s < segs; s++) {
      const ch = s < chans.length ? (chans[s] as string) : pick(chans);
      const n = ch === 'voice' ? 1 : rnd(2, 7);
      for (let k = 0; k < n; k++) {
        const dir = ch === 'telegram' || ch === 'line' ? 'in' : k === 0 && ch !== 'voice' ? 'in' : chance(0.55) ? 'out' : 'in';
        (channelEmit[ch] as Emit)(c, t, ch === 'voice' ? (chance(0.7) ? 'in' : 'out') : dir, thread, sess);
        t += (ch === 'email' ? rnd(600, 20000) : rnd(8, 900)) * 1000;
      }
      // switch channel: minutes to days later
      t += pick([rnd(60, 1200), rnd(1200, 7200), rnd(3600, 3 * 86400)]) * 1000;
      if (ch === 'webchat') {
        sess.id = `s_${hex(10)}`;
        sess.started = false;
      }
    }
    c.channels = chans;
  }

  // Telegram update_ids are global and increase with time: assigned once all are known
  {
    const lastUpdate = 700000000 + SEED * 1000;
    const uniq = new Map<string, Delivery[]>();
    for (const d of deliveries) {
      if (d.env.provider !== 'telegram') continue;
      const key = JSON.stringify(d.env.body);
      const list = uniq.get(key);
      if (list === undefined) uniq.set(key, [d]);
      else list.push(d);
    }
    const when = (k: string): number => {
      const b = JSON.parse(k) as { message?: { date: number }; edited_message?: { edit_date: number } };
      return b.message !== undefined ? b.message.date : (b.edited_message as { edit_date: number }).edit_date;
    };
    [...uniq.keys()]
      .sort((a, b) => when(a) - when(b))
      .forEach((k, i) => {
        for (const d of uniq.get(k) as Delivery[]) (d.env.body as Obj).update_id = lastUpdate + i + 1;
      });
  }

  // ---------- bounces: one outbound email to a stale address of a few customers ----------
  // (an Amazon SES DSN, modelled on mailparser's ses-delivery-status-bounce.eml)
  const bounces: { c: string; mid: string; bid: string }[] = [];
  for (const c of customers.filter(() => chance(0.04))) {
    const t = T0 + rnd(0, 28) * 86400_000;
    const stale = `${ascii(c.first)}.${ascii(c.last)}@oldjob-example.com`;
    const mid = `<${hex(8)}-${hex(4)}@acme-shop.example>`;
    const out = `${[`From: ${BIZ.emailName} <${BIZ.email}>`, `To: "${c.name}" <${stale}>`, 'Subject: Your order update', `Date: ${rfc(t)}`, `Message-ID: ${mid}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset="UTF-8"'].join('\r\n')}\r\n\r\nYour order has shipped.\r\n`;
    deliver({ provider: 'email', raw: out }, t, { late: false, redeliver: false });
    const bt = t + 3000;
    const bid = `<0100${hex(12)}-${hex(8)}@email.amazonses.com>`;
    const B = `----=_Part_${digits(7)}_${digits(10)}`;
    const dsn = [
      `Date: ${rfc(bt)}`, 'From: MAILER-DAEMON@amazonses.com', `To: ${BIZ.email}`, `Message-ID: ${bid}`, 'Subject: Delivery Status Notification (Failure)', 'MIME-Version: 1.0',
      `Content-Type: multipart/report; boundary="${B}"; report-type=delivery-status`, 'X-SES-Outgoing: 2026.10.16-0.0.0.0', '',
      `--${B}`, 'Content-Type: text/plain; charset=us-ascii', '', 'An error occurred while trying to deliver the mail to the following recipients:', stale,
      `--${B}`, 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; amazonses.com', '', 'Action: failed', `Final-Recipient: rfc822; ${stale}`, 'Diagnostic-Code: smtp; 550 5.1.1 user unknown', 'Status: 5.1.1', '',
      `--${B}`, 'Content-Type: message/rfc822', '', out.replace(/\r\n\r\n[\s\S]*$/, ''), '', 'Your order has shipped.', `--${B}--`, '',
    ].join('\r\n');
    deliver({ provider: 'email', raw: dsn }, bt, { late: false, redeliver: false });
    // truth: the outbound email belongs to this customer (sent to an address they used once), failed
    addTruth(c, { channel: 'email', id: mid.slice(1, -1), dir: 'outbound', t, text: 'Your order has shipped.', deleted: false, status: 'failed', bounce: true, staleAddress: stale });
    bounces.push({ c: c.truthId, mid, bid });
  }

  // Messenger watermarks: a read/delivery watermark covers every earlier message of that user
  for (const c of customers) {
    for (const m of truth[c.truthId] ?? []) {
      if (m.channel !== 'messenger' || m.dir !== 'outbound') continue;
      if ((c._rw ?? []).some((w) => w >= m.t)) m.status = 'read';
      else if (m.status !== 'read' && (c._dw ?? []).some((w) => w >= m.t)) m.status = 'delivered';
    }
  }

  // ---------- the dump, in arrival order ----------
  deliveries.sort((a, b) => a.arrive - b.arrive);
  let outD = deliveries;
  const variants = { batched: 0, noProvider: 0, bodyString: 0, formEncoded: 0 };
  if (HARD) {
    // Meta batches several updates in one POST: merge Meta deliveries that arrive within 2 s
    outD = [];
    for (const d of deliveries) {
      const prev = outD[outD.length - 1];
      const entries = (e: Envelope): unknown[] => (e.body as { entry: unknown[] }).entry;
      if (prev !== undefined && ['whatsapp', 'messenger', 'instagram'].includes(d.env.provider) && prev.env.provider === d.env.provider && d.arrive - prev.arrive < 2000 && entries(prev.env).length < 5 && chance(0.7)) {
        entries(prev.env).push(...entries(d.env));
        prev.arrive = d.arrive;
        if (d.env.receivedAt !== undefined) prev.env.receivedAt = d.env.receivedAt;
        variants.batched++;
        continue;
      }
      outD.push({ ...d, env: clone(d.env) });
    }
  }
  const lines = outD.map((d) => {
    const e: { provider?: string; receivedAt?: string; raw?: string; body?: Obj | string } = { provider: d.env.provider, ...(d.env.receivedAt !== undefined ? { receivedAt: d.env.receivedAt } : {}), ...(d.env.raw !== undefined ? { raw: d.env.raw } : { body: d.env.body as Obj }) };
    if (HARD) {
      if (e.provider === 'twilio' && chance(0.3)) {
        e.body = new URLSearchParams(e.body as Record<string, string>).toString();
        variants.formEncoded++;
      } else if (e.body !== undefined && chance(0.05)) {
        e.body = JSON.stringify(e.body);
        variants.bodyString++;
      }
      if (chance(0.05)) {
        delete e.provider;
        variants.noProvider++;
      }
    }
    return JSON.stringify(e);
  });
  for (const k of Object.keys(truth)) (truth[k] as TruthMessage[]).sort((a, b) => a.t - b.t);

  // ---------- the CRM export: ~80% of customers, partial columns (HubSpot/Zendesk-like names) ----------
  const crm: (string | number)[][] = [['customer_id', 'first_name', 'last_name', 'email', 'mobile', 'country', 'Messenger PSID', 'instagram_user_id', 'tg_user_id', 'line_user_id']];
  for (const c of customers) {
    if (!chance(0.8)) continue;
    const used = new Set(c.channels);
    const phoneFmt = chance(0.5) ? c.phone.e164 : c.phone.national;
    crm.push([
      c.crmId, c.first, c.last, chance(0.9) ? c.email : '', chance(0.9) ? phoneFmt : '', c.phone.country,
      used.has('messenger') && chance(0.85) ? c.psid : '', used.has('instagram') && chance(0.85) ? c.igsid : '', used.has('telegram') && chance(0.85) ? c.tgId : '', used.has('line') && chance(0.85) ? c.lineId : '',
    ]);
  }
  const nmsg = Object.values(truth).reduce((s, a) => s + a.length, 0);
  const summary = `seed ${SEED}: ${customers.length} customers, ${nmsg} truth messages, ${deliveries.length} deliveries, ${crm.length - 1} CRM rows${HARD ? `; variants ${JSON.stringify(variants)}` : ''}`;
  return { lines, customers, messages: truth, biz: BIZ, crm, bounces, summary };
}

/** contacts.csv text. */
export function crmCsv(rows: readonly (readonly (string | number)[])[]): string {
  const esc = (v: string | number): string => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return `${rows.map((r) => r.map(esc).join(',')).join('\n')}\n`;
}

/** Write dump.jsonl, truth.json and contacts.csv into `out`. */
export function writeDump(out: string, g: GeneratedDump, seed: number): { dump: string; contacts: string } {
  mkdirSync(out, { recursive: true });
  const dump = join(out, 'dump.jsonl');
  const contacts = join(out, 'contacts.csv');
  writeFileSync(dump, `${g.lines.join('\n')}\n`);
  const customers = g.customers.map((c) => ({
    truthId: c.truthId, crmId: c.crmId, name: c.name, phone: c.phone, email: c.email, psid: c.psid, igsid: c.igsid, tgId: c.tgId, lineId: c.lineId, visitor: c.visitor, channels: c.channels,
    bsuid: c.bsuid, bsuidOnly: c.bsuidOnly, newPhone: c.changed === true ? c.newPhone : undefined,
  }));
  writeFileSync(join(out, 'truth.json'), JSON.stringify({ seed, biz: g.biz, customers, messages: g.messages, bounces: g.bounces }, null, 1));
  writeFileSync(contacts, crmCsv(g.crm));
  return { dump, contacts };
}

function main(args: readonly string[]): void {
  const seed = Number(option(args, '--seed', '1'));
  const g = generateDump({ seed, customers: Number(option(args, '--customers', '150')), hard: args.includes('--hard') });
  const out = option(args, '--out', '');
  if (out === '') throw new Error('--out DIR is required (e.g. --out /tmp/dump-s1)');
  writeDump(out, g, seed);
  console.error(`${g.summary} -> ${out}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
