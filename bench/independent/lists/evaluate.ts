/**
 * Judge `omnilink dedupe` on the independent tester's contact lists (generate.ts): 11 per-source
 * exports with their real headers, given to the CLI raw, as a user would (no --config):
 *
 *   omnilink dedupe whatsapp.jsonl sms.csv … crm_salesforce.csv --truth-column true_person --out OUT --explain EXPLAIN
 *
 * and compared with two references computed from the same rows:
 * - the exact baseline: rows sharing a lower-cased email or an E.164 phone (libphonenumber-js, read
 *   in the person's true country; placeholders left out), connected;
 * - the identifier ceiling: rows sharing any true personal identifier (phone, email whatever its
 *   spelling or typo, PSID, igsid, Telegram id or username, loyalty card), connected; household
 *   landlines, household mailboxes and borrowed mobiles are no evidence and are left out.
 *
 *   npx tsx bench/independent/lists/evaluate.ts                       # seeds 1 2, 3000 persons
 *   npx tsx bench/independent/lists/evaluate.ts --seeds 3 --persons 500 --rich --diverse --keep /tmp/lists
 *
 * Nothing is written into the repository: the files go to a temporary directory (or --keep DIR).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { clustersByKeys, numbers, option, pairwise, round4, runCli } from '../_shared.js';
import { type GeneratedLists, type Row, type Source, generateLists, writeLists } from './generate.js';

const args = process.argv.slice(2);
const SEEDS = numbers(args, '--seeds', [1, 2]);
const PERSONS = Number(option(args, '--persons', '3000'));
const KEEP = option(args, '--keep', '');

/** Where each source keeps emails, phones (and channel ids) for the exact baseline. */
const COLS: Readonly<Record<Source, { em?: readonly string[]; ph?: readonly string[] }>> = {
  whatsapp: { ph: ['wa_id'] }, sms: { ph: ['sender_number'] }, voice: { ph: ['caller_number'] }, email: { em: ['From: (Address)'] },
  webchat: { em: ['visitor.email'], ph: ['visitor.phone'] }, messenger: { em: ['Email'], ph: ['Phone'] }, instagram: { em: ['email'], ph: ['phone'] },
  telegram: { ph: ['phone_number'] }, store: { ph: ['Phone No.'] }, crm_hubspot: { em: ['Email'], ph: ['Phone Number', 'Mobile Phone Number'] },
  crm_salesforce: { em: ['Email'], ph: ['Mobile', 'Home Phone'] },
};
const PLACE = new Set(['test@test.com', 'n/a', 'none', '-', 'no@email.com', 'x@x.com', 'naotem@naotem.com', 'sememail@gmail.com']);

/** A column of a row; `a.b` reads a nested field (web chat's visitor). */
function cell(row: Row, column: string): string {
  let v: unknown = row;
  for (const k of column.split('.')) v = v !== null && typeof v === 'object' ? (v as Row)[k] : undefined;
  v ??= row[column];
  return v === null || v === undefined ? '' : String(v as string);
}

/** Keys of the exact baseline and of the identifier ceiling, and the truth, for every row (file order). */
function references(g: GeneratedLists): { baseline: string[][]; ceiling: string[][]; truth: string[] } {
  const persons = new Map(g.persons.map((p) => [p.id, p]));
  const baseline: string[][] = [];
  const ceiling: string[][] = [];
  const truth: string[] = [];
  for (const name of Object.keys(g.files) as Source[]) {
    g.files[name].forEach((row, i) => {
      const m = g.meta[name][i];
      const p = m !== undefined ? persons.get(m.person) : undefined;
      if (m === undefined || p === undefined || m.person !== row.true_person) throw new Error(`meta misaligned in ${name}`);
      const keys: string[] = [];
      for (const c of COLS[name].em ?? []) {
        const v = cell(row, c).trim().toLowerCase();
        if (v.includes('@') && !PLACE.has(v)) keys.push(`e:${v}`);
      }
      for (const c of COLS[name].ph ?? []) {
        let v = cell(row, c).trim();
        if (v === '' || PLACE.has(v.toLowerCase())) continue;
        if (/^\d{11,}$/.test(v) && (name === 'whatsapp' || name === 'telegram')) v = `+${v}`;
        const parsed = parsePhoneNumberFromString(v, p.country as CountryCode);
        if (parsed?.isPossible() === true && !/0{7}$/.test(parsed.number) && !/9{8}/.test(parsed.number)) keys.push(`p:${parsed.number}`);
      }
      baseline.push(keys);
      const ids: string[] = [];
      for (const ph of [m.phone, m.mob, m.land]) {
        if (typeof ph === 'string' && ph !== '' && !(m.placeholder === true && name === 'store') && ph !== p.landline && ph !== p.sharedMobile) ids.push(`p${ph}`);
      }
      if (typeof m.email === 'string' && m.email !== '' && m.placeholder !== true && m.email !== p.famEmail) ids.push(`e${m.email}`);
      for (const c of ['PSID', 'igsid', 'user_id', 'Loyalty Card']) if (cell(row, c) !== '') ids.push(`${name}${c}${cell(row, c)}`);
      if (cell(row, 'username') !== '') ids.push(`${name}u${cell(row, 'username')}`);
      ceiling.push(ids);
      truth.push(m.person);
    });
  }
  return { baseline, ceiling, truth };
}

interface Evaluation {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly records: number;
  readonly predictedClusters: number;
  readonly trueClusters: number;
}

async function evaluate(seed: number): Promise<Record<string, number | string>> {
  const g = generateLists({ seed, persons: PERSONS, diverse: args.includes('--diverse'), rich: args.includes('--rich') });
  const dir = KEEP !== '' ? join(KEEP, `s${seed}`) : mkdtempSync(join(tmpdir(), 'omnilink-indep-lists-'));
  try {
    const files = writeLists(dir, g);
    const cli = await runCli(['dedupe', ...files, '--truth-column', 'true_person', '--out', join(dir, 'out_raw.csv'), '--explain', join(dir, 'explain_raw.jsonl')]);
    if (cli.code !== 0) throw new Error(`omnilink dedupe exited ${cli.code}: ${cli.stderr}`);
    const engine = JSON.parse(cli.stdout) as Evaluation;
    const ref = references(g);
    const baseline = pairwise(clustersByKeys(ref.baseline), ref.truth);
    const ceiling = pairwise(clustersByKeys(ref.ceiling), ref.truth);
    return {
      seed,
      rows: engine.records,
      persons: engine.trueClusters,
      'baseline P': baseline.precision,
      'baseline R': baseline.recall,
      'baseline F1': baseline.f1,
      'ceiling R': ceiling.recall,
      'engine P': round4(engine.precision),
      'engine R': round4(engine.recall),
      'engine F1': round4(engine.f1),
      'engine persons': engine.predictedClusters,
      seconds: Number(cli.seconds.toFixed(1)),
    };
  } finally {
    if (KEEP === '') rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Record<string, number | string>[] = [];
for (const seed of SEEDS) rows.push(await evaluate(seed));
const knobs = [args.includes('--rich') ? 'rich' : '', args.includes('--diverse') ? 'diverse' : ''].filter(Boolean).join(', ');
console.log(`omnilink dedupe (raw files, no --config) on the independent tester's contact lists, ${PERSONS} persons per seed${knobs !== '' ? ` (${knobs})` : ''}`);
console.table(rows);
if (KEEP !== '') console.log(`files, out_raw.csv and explain_raw.jsonl kept under ${KEEP}/s<seed>`);
