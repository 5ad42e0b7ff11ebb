/**
 * Judge `omnilink timeline` on the independent tester's webhook dumps (generate.ts), run as a user
 * would, once on the dump alone and once with the CRM export:
 *
 *   omnilink timeline dump.jsonl --out OUT
 *   omnilink timeline dump.jsonl --contacts contacts.csv --out OUT
 *
 * Every output message is matched to the truth by its provider id (email: Message-ID; an email
 * without one by the `[ref XXXXXX]` token in its text), and scored like the tester's score.mjs:
 * messages missing / duplicated / extra (by kind), pairwise precision and recall of "same person"
 * over the messages against "same customer", order inside a person, occurredAt (1 s; 5 s for
 * Twilio and calls, which carry no provider time), direction, channel, text after edits, deleted,
 * the final status of outbound messages, auto-replies and bounces. Plus:
 * - the oracle (oracle.mjs): the best pairwise recall reachable from the linking evidence present
 *   (a customer's identifiers joined by web-chat identify, number changes and, with the CRM export,
 *   its rows), and which splits were avoidable, by identifier kinds;
 * - the conversation check (conv.mjs): consecutive messages of one customer in one person, less
 *   than 30 minutes apart, on the same channel or across channels: how many share a conversation.
 *
 *   npx tsx bench/independent/dumps/evaluate.ts                         # seeds 1 2 3 + hard seed 11, 150 customers
 *   npx tsx bench/independent/dumps/evaluate.ts --seeds 4 --hard --customers 50 --keep /tmp/dumps
 *   npx tsx bench/independent/dumps/evaluate.ts --seeds 1 --hard-seeds 11 12
 *
 * `--hard` generates every `--seeds` seed in hard mode; `--hard-seeds` adds hard seeds (default 11
 * when no `--seeds` is given). Nothing is written into the repository: temporary directory, or --keep DIR.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numbers, option, pairCount, round4, runCli, tally } from '../_shared.js';
import { type Customer, type GeneratedDump, type TruthMessage, generateDump, writeDump } from './generate.js';

const args = process.argv.slice(2);
const CUSTOMERS = Number(option(args, '--customers', '150'));
const HARD = args.includes('--hard');
const SEEDS = numbers(args, '--seeds', [1, 2, 3]);
const HARD_SEEDS = HARD ? [] : numbers(args, '--hard-seeds', args.includes('--seeds') ? [] : [11]);
const KEEP = option(args, '--keep', '');

interface OutMessage {
  readonly id?: string;
  readonly providerMessageId?: string;
  readonly provider?: string;
  readonly channel?: string;
  readonly kind?: string;
  readonly direction?: string;
  readonly text?: string;
  readonly occurredAt?: string;
  readonly status?: string;
  readonly deleted?: boolean;
  readonly autoReply?: boolean;
  readonly bounce?: unknown;
  readonly reactions?: readonly unknown[];
  readonly conversationId?: string;
}
interface OutPerson {
  readonly personId: string | null;
  readonly identities?: readonly { key: string }[];
  readonly messages: readonly OutMessage[];
}
/** A truth message with its customer and position in the customer's true order. */
type Truth = TruthMessage & { readonly cid: string; readonly idx: number };

const REF = /\[ref [0-9A-F]{6}\]/;
/** The truth key of an output message. */
function outKey(m: OutMessage): string {
  const email = m.channel === 'email' || m.provider === 'email';
  const ref = email ? REF.exec(m.text ?? '') : null;
  if (ref !== null) return `noid:${ref[0]}`;
  if (email) return String(m.id).replace(/^email:/, '').replace(/#[0-9a-f]+$/, '');
  if (m.channel === 'webchat') return String(m.id).replace(/^webchat:acme:/, '');
  return m.providerMessageId ?? String(m.id);
}
const truthKey = (m: TruthMessage): string => (m.channel === 'telegram' ? `${m.tgChat}:${m.id}` : m.id);

/** score.mjs */
function score(g: GeneratedDump, persons: readonly OutPerson[]): Record<string, unknown> {
  const truth = new Map<string, Truth>();
  for (const [cid, ms] of Object.entries(g.messages)) ms.forEach((m, idx) => truth.set(truthKey(m), { ...m, cid, idx }));
  const all = [...truth.values()];
  const seen = new Map<string, { pid: string; m: OutMessage }[]>();
  const extras: OutMessage[] = [];
  const biz = g.biz;
  const bizKeys = [`phone:${biz.twilioNumber}`, `phone:+${biz.waDisplay}`, `phone:${biz.twilioWa.replace('whatsapp:', '')}`, `email:${biz.email}`];
  let bizPersons = 0;
  for (const p of persons) {
    const keys = (p.identities ?? []).map((x) => x.key);
    if (keys.some((k) => bizKeys.includes(k) || k.endsWith(`:${biz.pageId}`) || k.endsWith(`:${biz.igAccount}`) || k.endsWith(biz.lineDest))) bizPersons++;
    for (const m of p.messages) {
      const k = outKey(m);
      if (!truth.has(k)) {
        extras.push(m);
        continue;
      }
      const list = seen.get(k) ?? [];
      list.push({ pid: p.personId ?? `null:${k}`, m });
      seen.set(k, list);
    }
  }
  const missing = all.filter((m) => !seen.has(truthKey(m)));
  const assign = [...seen.entries()].map(([k, v]) => ({ t: truth.get(k) as Truth, pid: (v[0] as { pid: string }).pid, m: (v[0] as { m: OutMessage }).m }));
  // pairwise "same person" over the matched messages (first occurrence) against "same customer"
  const pairs = pairCount;
  const tp = pairs(assign.map((a) => `${a.t.cid}|${a.pid}`));
  const tt = pairs(assign.map((a) => a.t.cid));
  const pp = pairs(assign.map((a) => a.pid));
  const personsOf = new Map<string, Set<string>>();
  const customersOf = new Map<string, Set<string>>();
  for (const a of assign) {
    personsOf.set(a.t.cid, (personsOf.get(a.t.cid) ?? new Set()).add(a.pid));
    customersOf.set(a.pid, (customersOf.get(a.pid) ?? new Set()).add(a.t.cid));
  }
  // order: adjacent messages of one customer inside an output person
  let adjacent = 0;
  let outOfOrder = 0;
  for (const p of persons) {
    const ms = p.messages.map((m) => truth.get(outKey(m))).filter((t): t is Truth => t !== undefined);
    for (let i = 1; i < ms.length; i++) {
      const a = ms[i - 1] as Truth;
      const b = ms[i] as Truth;
      if (a.cid !== b.cid || a === b) continue;
      adjacent++;
      if (a.idx > b.idx) outOfOrder++;
    }
  }
  const norm = (s: string | null | undefined): string => (s ?? '').replace(/\r/g, '').trim();
  const occurredAt = assign.filter((a) => Math.abs(Date.parse(a.m.occurredAt ?? '') - a.t.t) > (a.t.via !== undefined || a.t.call === true ? 5000 : 1000));
  const direction = assign.filter((a) => a.m.direction !== a.t.dir);
  const channel = assign.filter((a) => a.m.channel !== a.t.channel);
  const deleted = assign.filter((a) => a.t.deleted !== (a.m.deleted === true));
  const texts = assign.filter((a) => a.t.text !== null && !a.t.deleted);
  const textWrong = texts.filter((a) => !norm(a.m.text).startsWith(norm(a.t.text)));
  const textPrefix = texts.filter((a) => norm(a.m.text) !== norm(a.t.text) && norm(a.m.text).startsWith(norm(a.t.text)));
  const statuses = assign.filter((a) => a.t.dir === 'outbound' && a.t.status !== null);
  const statusWrong = statuses.filter((a) => a.m.status !== a.t.status);
  const auto = all.filter((m) => m.auto === true);
  const bounced = all.filter((m) => m.bounce === true);
  return {
    truthMessages: all.length,
    outputPersons: persons.filter((p) => p.personId !== null).length,
    messagesWithoutPerson: persons.filter((p) => p.personId === null).reduce((s, p) => s + p.messages.length, 0),
    missing: missing.length,
    missingBy: tally(missing, (m) => `${m.channel}${m.via !== undefined ? '(twilio)' : ''}/${m.dir}${m.textUnknowable === true ? '/status-only' : ''}${m.bounce === true ? '/bounced' : ''}`),
    duplicated: [...seen.values()].filter((v) => v.length > 1).length,
    extra: extras.length,
    extraBy: tally(extras, (e) => `${e.channel}/${e.kind}/${e.direction}${e.bounce !== undefined && e.bounce !== false ? '/bounce' : ''}${e.autoReply === true ? '/autoReply' : ''}`),
    precision: round4(pp > 0 ? tp / pp : 1),
    recall: round4(tt > 0 ? tp / tt : 1),
    customersInOnePerson: [...personsOf.values()].filter((s) => s.size === 1).length,
    personsMixingCustomers: [...customersOf.values()].filter((s) => s.size > 1).length,
    businessPersons: bizPersons,
    adjacentPairs: adjacent,
    outOfOrder,
    occurredAtErrors: occurredAt.length,
    occurredAtBy: tally(occurredAt, (a) => `${a.t.channel}/${a.t.dir}`),
    directionErrors: direction.length,
    directionBy: tally(direction, (a) => `${a.t.channel}/${a.t.dir}->${a.m.direction}`),
    channelErrors: channel.length,
    channelBy: tally(channel, (a) => `${a.t.channel}->${a.m.channel}`),
    deletedErrors: deleted.length,
    deletedBy: tally(deleted, (a) => `${a.t.channel}/truth=${a.t.deleted}`),
    deletedButTextShown: assign.filter((a) => a.t.deleted && (a.m.text ?? '') !== '').length,
    textChecked: texts.length,
    textWrong: textWrong.length,
    textWrongBy: tally(textWrong, (a) => `${a.t.channel}${a.t.edited === true ? '/edited' : ''}${a.t.waType !== undefined ? `/${a.t.waType}` : ''}${a.t.postback === true ? '/postback' : ''}`),
    textTruthIsPrefix: textPrefix.length,
    statusChecked: statuses.length,
    statusWrong: statusWrong.length,
    statusWrongBy: tally(statusWrong, (a) => `${a.t.channel}:${a.t.status}->${a.m.status}`),
    reactions: `${assign.filter((a) => a.t.reaction !== undefined && (a.m.reactions?.length ?? 0) > 0).length}/${assign.filter((a) => a.t.reaction !== undefined).length}`,
    autoReplies: `${assign.filter((a) => a.t.auto === true && a.m.autoReply === true).length} flagged/${assign.filter((a) => a.t.auto === true).length} found/${auto.length}`,
    bounces: `${assign.filter((a) => a.t.bounce === true && a.m.status === 'failed').length} failed/${assign.filter((a) => a.t.bounce === true).length} found/${bounced.length}`,
  };
}

/** The linking identifier of a truth message (oracle.mjs). */
function idOf(c: Customer, m: TruthMessage): string {
  switch (m.channel) {
    case 'whatsapp': return m.waKey ?? `phone:${c.phone.e164}`;
    case 'sms':
    case 'voice': return `phone:${c.phone.e164}`;
    case 'messenger': return `psid:${c.psid}`;
    case 'instagram': return `igsid:${c.igsid}`;
    case 'telegram': return `tg:${c.tgId}`;
    case 'line': return `line:${c.lineId}`;
    case 'email': return m.bounce === true ? `email:${m.staleAddress}` : `email:${c.email}`;
    default: return `visitor:${c.visitor}`;
  }
}

/** oracle.mjs: the pairwise recall reachable from the evidence present, and the avoidable splits. */
function oracle(g: GeneratedDump, persons: readonly OutPerson[], withCrm: boolean): { ceiling: number; recall: number; avoidable: string } {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x);
    let y = x;
    while (parent.get(y) !== y) y = parent.get(y) as string;
    parent.set(x, y);
    return y;
  };
  const union = (a: string, b: string): void => void parent.set(find(a), find(b));
  const byId = new Map(g.customers.map((c) => [c.truthId, c]));
  const byCrm = new Map(g.customers.map((c) => [c.crmId, c]));
  for (const c of g.customers) {
    if (c.changed === true && c.newPhone !== undefined) union(`phone:${c.phone.e164}`, `phone:${c.newPhone.e164}`);
    union(`visitor:${c.visitor}`, `email:${c.email}`); // web chat identify carries the email
  }
  if (withCrm) {
    for (const row of g.crm.slice(1)) {
      const c = byCrm.get(String(row[0])) as Customer;
      const has = (i: number): boolean => String(row[i] ?? '') !== '';
      const ids = [
        ...(has(3) ? [`email:${c.email}`] : []), ...(has(4) ? [`phone:${c.phone.e164}`] : []), ...(has(6) ? [`psid:${c.psid}`] : []),
        ...(has(7) ? [`igsid:${c.igsid}`] : []), ...(has(8) ? [`tg:${c.tgId}`] : []), ...(has(9) ? [`line:${c.lineId}`] : []),
      ];
      for (const id of ids.slice(1)) union(ids[0] as string, id);
    }
  }
  const personOf = new Map<string, string>();
  for (const p of persons) for (const m of p.messages) personOf.set(outKey(m), p.personId ?? `null:${outKey(m)}`);
  let pairs = 0;
  let reachable = 0;
  let found = 0;
  const avoidable: string[] = [];
  for (const [cid, ms] of Object.entries(g.messages)) {
    const c = byId.get(cid) as Customer;
    const vis = ms.filter((m) => m.textUnknowable !== true && m.bounce !== true).map((m) => ({ id: idOf(c, m), comp: find(idOf(c, m)), pid: personOf.get(truthKey(m)) }));
    for (let i = 0; i < vis.length; i++) {
      for (let j = i + 1; j < vis.length; j++) {
        const a = vis[i] as (typeof vis)[number];
        const b = vis[j] as (typeof vis)[number];
        pairs++;
        const same = a.pid !== undefined && a.pid === b.pid;
        if (a.comp === b.comp) reachable++;
        if (same) found++;
        if (a.comp === b.comp && !same) avoidable.push([head(a.id), head(b.id)].sort().join('~'));
      }
    }
  }
  return { ceiling: round4(pairs > 0 ? reachable / pairs : 1), recall: round4(pairs > 0 ? found / pairs : 1), avoidable: tally(avoidable, (k) => k) };
}
const head = (id: string): string => id.split(':')[0] as string;

/** conv.mjs: consecutive messages of a customer in one person, < 30 min apart: [pairs, same conversation]. */
function conversations(g: GeneratedDump, persons: readonly OutPerson[]): Record<string, [number, number]> {
  const conv = new Map<string, string | undefined>();
  const pers = new Map<string, string | null>();
  for (const p of persons) {
    for (const m of p.messages) {
      conv.set(outKey(m), m.conversationId);
      pers.set(outKey(m), p.personId);
    }
  }
  const r: Record<string, [number, number]> = { sameChannelLt30: [0, 0], crossChannelLt30: [0, 0], crossChannelGt30: [0, 0], crossWithEmailLt30: [0, 0], crossNoEmailLt30: [0, 0] };
  const count = (cls: string, same: boolean): void => {
    const x = r[cls] as [number, number];
    x[0]++;
    if (same) x[1]++;
  };
  for (const ms of Object.values(g.messages)) {
    const vis = ms.filter((m) => conv.has(truthKey(m)) && m.auto !== true && m.bounce !== true);
    for (let i = 1; i < vis.length; i++) {
      const a = vis[i - 1] as TruthMessage;
      const b = vis[i] as TruthMessage;
      const pa = pers.get(truthKey(a));
      if (pa === null || pa === undefined || pa !== pers.get(truthKey(b))) continue;
      const short = b.t - a.t < 1_800_000;
      const same = conv.get(truthKey(a)) === conv.get(truthKey(b));
      if (a.channel === b.channel) {
        if (short) count('sameChannelLt30', same);
        continue;
      }
      count(short ? 'crossChannelLt30' : 'crossChannelGt30', same);
      if (short) count(a.channel === 'email' || b.channel === 'email' ? 'crossWithEmailLt30' : 'crossNoEmailLt30', same);
    }
  }
  return r;
}

const rows: Record<string, number | string>[] = [];
const details: string[] = [];
async function evaluate(seed: number, hard: boolean): Promise<void> {
  const g = generateDump({ seed, customers: CUSTOMERS, hard });
  const name = `${hard ? 'h' : 's'}${seed}`;
  const dir = KEEP !== '' ? join(KEEP, name) : mkdtempSync(join(tmpdir(), 'omnilink-indep-dump-'));
  try {
    const files = writeDump(dir, g, seed);
    for (const mode of ['plain', 'crm'] as const) {
      const out = join(dir, `out-${mode}.jsonl`);
      const cli = await runCli(['timeline', files.dump, ...(mode === 'crm' ? ['--contacts', files.contacts] : []), '--out', out]);
      if (cli.code !== 0) throw new Error(`omnilink timeline exited ${cli.code}: ${cli.stderr}`);
      const text = readFileSync(out, 'utf8').trim();
      const persons = text === '' ? [] : text.split('\n').map((l) => JSON.parse(l) as OutPerson);
      const s = score(g, persons);
      const o = oracle(g, persons, mode === 'crm');
      const c = conversations(g, persons);
      const pair = (x: [number, number] | undefined): string => (x === undefined ? '' : `${x[1]}/${x[0]}`);
      rows.push({
        run: `${name} ${mode}`, deliveries: g.lines.length, messages: s.truthMessages as number, persons: s.outputPersons as number, 'no person': s.messagesWithoutPerson as number,
        missing: s.missing as number, dup: s.duplicated as number, extra: s.extra as number, P: s.precision as number, R: s.recall as number, 'R*': o.recall, 'R* ceiling': o.ceiling,
        order: s.outOfOrder as number, time: s.occurredAtErrors as number, dir: s.directionErrors as number, text: s.textWrong as number, deleted: s.deletedErrors as number,
        status: s.statusWrong as number, 'x-ch <30m same conv': pair(c.crossChannelLt30), seconds: Number(cli.seconds.toFixed(1)),
      });
      const shown = Object.entries(s).filter(([k, v]) => /By$/.test(k) && v !== '').map(([k, v]) => `${k}: ${String(v)}`);
      details.push(
        `${name} ${mode}: ${shown.join('; ')}${shown.length > 0 ? '; ' : ''}avoidable splits: ${o.avoidable || 'none'}; ` +
          `customers in one person ${String(s.customersInOnePerson)}/${CUSTOMERS}, persons mixing customers ${String(s.personsMixingCustomers)}, business persons ${String(s.businessPersons)}; ` +
          `reactions ${String(s.reactions)}, auto-replies ${String(s.autoReplies)}, bounces ${String(s.bounces)}, deleted but text shown ${String(s.deletedButTextShown)}; ` +
          `same conversation: same channel <30m ${pair(c.sameChannelLt30)}, cross <30m with email ${pair(c.crossWithEmailLt30)}, without ${pair(c.crossNoEmailLt30)}, cross >30m ${pair(c.crossChannelGt30)}`,
      );
    }
  } finally {
    if (KEEP === '') rmSync(dir, { recursive: true, force: true });
  }
}

for (const seed of SEEDS) await evaluate(seed, HARD);
for (const seed of HARD_SEEDS) await evaluate(seed, true);
console.log(`omnilink timeline on the independent tester's webhook dumps (${CUSTOMERS} customers per seed; s = standard, h = --hard; plain = the dump alone, crm = with --contacts)`);
console.log('P, R: pairwise over every message found; R*: the same recall over the messages the oracle counts (not status-only, not bounces), R* ceiling: its best reachable value');
console.table(rows);
for (const d of details) console.log(d);
if (KEEP !== '') console.log(`dump.jsonl, truth.json, contacts.csv and out-{plain,crm}.jsonl kept under ${KEEP}/<run>`);
