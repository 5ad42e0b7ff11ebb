/**
 * Judge `omnilink dedupe` on generated omnichannel contact lists (see generate-contacts.ts) the way
 * the identity-resolution issue will be judged: pairwise precision/recall/F1 against the truth,
 * against an exact-key baseline (records sharing a normalized email or phone, connected), family
 * merges, and why the engine missed what it missed, with the rows.
 *
 *   npx tsx bench/omnichannel/evaluate.ts                 # seeds 1,2,3 (2,000 persons) + family-stress + BR-only
 *   npx tsx bench/omnichannel/evaluate.ts --seeds 1 --persons 500 --no-extra
 *   npx tsx bench/omnichannel/evaluate.ts --large         # adds one ~20k-row run, for timing
 *   npx tsx bench/omnichannel/evaluate.ts --keep DIR      # keep the CSVs, outputs and explain files
 *   npx tsx bench/omnichannel/evaluate.ts --name-only-threshold 1   # passed to dedupe (also --threshold)
 *
 * The CLI runs in-process (`run` from src/cli/run.ts with in-memory streams), exactly as a user
 * would call it: `dedupe FILE --out OUT --config {"columns":{"household":"ignore"}} --truth-column
 * truth --explain EXPLAIN --save-model MODEL [--default-country CC]`. Results: a table on stdout and
 * bench/omnichannel/results.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { recordFromRow } from '../../src/channels/contact-row.js';
import { CsvReader } from '../../src/cli/io/csv.js';
import { run } from '../../src/cli/run.js';
import { loadModel } from '../../src/match/save-model.js';
import type { ContactRecord } from '../../src/model/contact-record.js';
import { recordsConflict } from '../../src/resolve/conflict.js';
import { type ClusterEvaluation, evaluateClusters } from '../../src/resolve/evaluate-clusters.js';
import { createModelScorer } from '../../src/resolve/model-scorer.js';
import { type Country, type GeneratedContacts, type RowMeta, generateContacts, toCsv } from './generate-contacts.js';

interface RunSpec {
  readonly name: string;
  readonly persons: number;
  readonly seed: number;
  readonly preset: 'realistic' | 'family-stress';
  readonly countries?: readonly Country[];
  readonly defaultCountry?: string;
  /** Only time it (skip the per-pair analysis). */
  readonly timingOnly?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p === x) return x;
    p = this.find(p);
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

function parseCsv(text: string): Record<string, string>[] {
  const reader = new CsvReader();
  const rows = [...reader.push(text), ...reader.end()];
  const [header, ...body] = rows;
  if (header === undefined) return [];
  return body.map((r) => Object.fromEntries(header.fields.map((h, i) => [h, r.fields[i] ?? ''])));
}

function sink(): PassThrough & { text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') });
}

const SHOWN = ['name', 'first_name', 'last_name', 'email', 'phone', 'home_phone', 'whatsapp', 'instagram', 'telegram', 'telegram_id', 'psid', 'customer_id', 'dob', 'address', 'city', 'postcode', 'country'];

/** A row as one line: `r000123 whatsapp P12/h7 | name="Ana 🌸" whatsapp=5511…`. */
function showRow(row: Readonly<Record<string, string>>): string {
  const fields = SHOWN.filter((c) => (row[c] ?? '') !== '').map((c) => `${c}=${JSON.stringify(row[c])}`);
  return `${row.record_id} [${row.channel}] ${row.truth}/${row.household} | ${fields.join(' ')}`;
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

const round = (x: number, d = 4): number => Number(x.toFixed(d));

// ---------------------------------------------------------------------------------------------
// Baselines: connected components of records sharing a key

function identifierBaseline(records: readonly ContactRecord[], options: { generic: boolean; variants: boolean }): Map<string, string> {
  const uf = new UnionFind();
  const owner = new Map<string, string>();
  for (const r of records) {
    uf.find(r.id);
    for (const id of r.identifiers) {
      if ((id.kind !== 'email' && id.kind !== 'phone') || id.key === undefined) continue;
      if (id.generic === true && !options.generic) continue;
      const keys = options.variants ? [id.key, ...(id.variantKeys ?? [])] : [id.key];
      for (const k of keys) {
        const first = owner.get(k);
        if (first === undefined) owner.set(k, r.id);
        else uf.union(first, r.id);
      }
    }
  }
  return new Map(records.map((r) => [r.id, uf.find(r.id)]));
}

/**
 * The recall a perfect identifier matcher would reach: rows of one person connected by an identifier
 * the person owns (own email, mobile, handle, PSID, Telegram id), whatever its spelling. Shared
 * family lines and inboxes are left out (they are not evidence of one person).
 */
function identifierCeiling(meta: readonly RowMeta[], truth: ReadonlyMap<string, string>): ClusterEvaluation {
  const uf = new UnionFind();
  const owner = new Map<string, string>();
  const personal = new Set(['email', 'workEmail', 'mobile', 'oldMobile', 'psid', 'instagram', 'telegram', 'telegramId']);
  for (const m of meta) {
    uf.find(m.record_id);
    for (const token of m.ids) {
      const [kind, value] = token.split(':') as [string, string];
      if (!personal.has(kind) || value === 'other') continue;
      const k = `${m.person}\u0000${kind.endsWith('obile') ? 'line' : kind}:${value}`;
      const first = owner.get(k);
      if (first === undefined) owner.set(k, m.record_id);
      else uf.union(first, m.record_id);
    }
  }
  return evaluateClusters(new Map(meta.map((m) => [m.record_id, uf.find(m.record_id)])), truth);
}

// ---------------------------------------------------------------------------------------------
// Underlying identifiers shared by two rows (from the generator's meta)

/** Shared underlying tokens, phones compared by line (a borrowed or recycled mobile is the same line). */
function sharedTokens(a: RowMeta, b: RowMeta): string[] {
  const norm = (t: string): string => {
    const [kind, value] = t.split(':') as [string, string];
    if (kind === 'mobile' || kind === 'oldMobile' || kind === 'borrowedMobile' || kind === 'landline' || kind === 'office') return `line:${value}`;
    return t;
  };
  const bs = new Map(b.ids.map((t) => [norm(t), t]));
  const out: string[] = [];
  for (const t of a.ids) {
    const hit = bs.get(norm(t));
    if (hit !== undefined && !t.startsWith('placeholder') && !t.endsWith(':other')) out.push(t === hit ? t : `${t}~${hit}`);
  }
  return out;
}

function keysOf(r: ContactRecord, withVariants: boolean): Set<string> {
  const out = new Set<string>();
  for (const id of r.identifiers) {
    if (id.key === undefined || id.generic === true) continue;
    out.add(id.key);
    if (withVariants) for (const v of id.variantKeys ?? []) out.add(v);
  }
  return out;
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((x) => b.has(x));
}

// ---------------------------------------------------------------------------------------------
// One run

interface Example {
  readonly rows: readonly string[];
  readonly detail: string;
}

interface CauseSummary {
  cause: string;
  fragmentPairs: number;
  lostPairs: number;
  /** Of the lost pairs, those whose bridge has the name of one row in the other's email local part or handle. */
  lostPairsWithNameInHandleOrEmail: number;
  meanProbability: number;
  examples: Example[];
}

interface RunResult {
  readonly name: string;
  readonly spec: RunSpec;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly generated: Readonly<Record<string, number>>;
  readonly engine: ClusterEvaluation;
  readonly baseline: ClusterEvaluation;
  readonly baselineWithGeneric: ClusterEvaluation;
  readonly baselineWithVariants: ClusterEvaluation;
  readonly baselineWithoutRowCountry: ClusterEvaluation;
  readonly identifierCeiling: ClusterEvaluation;
  readonly baselineFalseMerges?: Record<string, unknown>;
  readonly familyMerges?: Record<string, unknown>;
  readonly falseMergeEdges?: Record<string, unknown>;
  readonly falseNegatives?: CauseSummary[];
  readonly rejects: number;
}

const metricsOf = (e: ClusterEvaluation): string => `P ${e.precision.toFixed(4)}  R ${e.recall.toFixed(4)}  F1 ${e.f1.toFixed(4)}`;

async function runOne(spec: RunSpec, keepDir: string | undefined): Promise<RunResult> {
  const data: GeneratedContacts = generateContacts({ persons: spec.persons, seed: spec.seed, preset: spec.preset, ...(spec.countries !== undefined ? { countries: spec.countries } : {}) });
  const dir = keepDir !== undefined ? join(keepDir, spec.name) : mkdtempSync(join(tmpdir(), 'omni-eval-'));
  mkdirSync(dir, { recursive: true });
  const input = join(dir, 'contacts.csv');
  const out = join(dir, 'out.csv');
  const explainPath = join(dir, 'explain.jsonl');
  const modelPath = join(dir, 'model.json');
  const configPath = join(dir, 'config.json');
  writeFileSync(input, toCsv(data.columns, data.rows));
  writeFileSync(`${input}.meta.jsonl`, data.meta.map((m) => JSON.stringify(m)).join('\n') + '\n');
  const config = { columns: { household: 'ignore' } };
  writeFileSync(configPath, JSON.stringify(config));
  const args = ['dedupe', input, '--out', out, '--config', configPath, '--truth-column', 'truth', '--quiet', '--rejects', join(dir, 'rejects.jsonl')];
  if (!spec.timingOnly) args.push('--explain', explainPath, '--save-model', modelPath);
  if (spec.defaultCountry !== undefined) args.push('--default-country', spec.defaultCountry);
  if (extraArgs.length > 0) args.push(...extraArgs);
  const stdout = sink();
  const stderr = sink();
  const started = performance.now();
  const code = await run(args, { stdout, stderr, stdin: Readable.from(['']) });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`dedupe exited ${code}: ${stderr.text()}`);
  // "N rejected rows written to ..." (rows the CLI could not read)
  const rejectLine = stderr.text().split('\n').find((l) => l.includes(' rejected row'));
  const rejects = rejectLine !== undefined ? Number(rejectLine.slice(rejectLine.indexOf(': ') + 2).split(' ')[0]) : 0;

  const outRows = parseCsv(readFileSync(out, 'utf8'));
  const predicted = new Map<string, string>();
  const probability = new Map<string, string>();
  for (const r of outRows) {
    if (r.record_id === undefined || r.person_id === undefined || r.person_id === '') continue;
    predicted.set(r.record_id, r.person_id);
    probability.set(r.record_id, r.match_probability ?? '');
  }
  const truth = new Map(data.meta.map((m) => [m.record_id, m.person]));
  const engine = evaluateClusters(predicted, truth);

  // The records exactly as the CLI reads them (same mapping, same default country).
  const records: ContactRecord[] = [];
  for (const row of data.rows) {
    const r = recordFromRow(row, { mapping: { household: 'ignore' }, exclude: ['truth'], source: 'contacts.csv', ...(spec.defaultCountry !== undefined ? { defaultCountry: spec.defaultCountry } : {}) });
    if (r.success) records.push(r.data.record);
  }
  const baselinePredicted = identifierBaseline(records, { generic: false, variants: false });
  const baseline = evaluateClusters(baselinePredicted, truth);
  const baselineWithGeneric = evaluateClusters(identifierBaseline(records, { generic: true, variants: false }), truth);
  const baselineWithVariants = evaluateClusters(identifierBaseline(records, { generic: false, variants: true }), truth);
  // The same baseline when rows are read without their country column (national numbers then need
  // --default-country): how exact matching fares with a reader that ignores a row's country.
  const withoutCountry: ContactRecord[] = [];
  for (const row of data.rows) {
    const { country: _country, ...rest } = row;
    const r = recordFromRow(rest, { mapping: { household: 'ignore' }, exclude: ['truth'], source: 'contacts.csv', ...(spec.defaultCountry !== undefined ? { defaultCountry: spec.defaultCountry } : {}) });
    if (r.success) withoutCountry.push(r.data.record);
  }
  const baselineWithoutRowCountry = evaluateClusters(identifierBaseline(withoutCountry, { generic: false, variants: false }), truth);
  const ceiling = identifierCeiling(data.meta, truth);
  const base: RunResult = {
    name: spec.name,
    spec,
    rows: data.rows.length,
    seconds: round(seconds, 2),
    rowsPerSecond: Math.round(data.rows.length / seconds),
    generated: data.stats,
    engine,
    baseline,
    baselineWithGeneric,
    baselineWithVariants,
    baselineWithoutRowCountry,
    identifierCeiling: ceiling,
    rejects,
  };
  if (spec.timingOnly) {
    if (keepDir === undefined) rmSync(dir, { recursive: true, force: true });
    return base;
  }

  const rowById = new Map(data.rows.map((r) => [r.record_id!, r]));
  const metaById = new Map(data.meta.map((m) => [m.record_id, m]));
  const recordById = new Map(records.map((r) => [r.id, r]));
  const model = loadModel(readFileSync(modelPath, 'utf8'));
  const scorer = createModelScorer(model, spec.defaultCountry !== undefined ? { defaultCountry: spec.defaultCountry } : {});
  scorer.prepare(records);
  const scorePair = (a: string, b: string): { p: number; conflict: string | undefined } => {
    const ra = recordById.get(a);
    const rb = recordById.get(b);
    if (ra === undefined || rb === undefined) return { p: Number.NaN, conflict: undefined };
    return { p: scorer.score(ra, rb).probability, conflict: recordsConflict(ra, rb) };
  };

  const familyMerges = analyseFalseMerges(data, predicted, metaById, rowById);
  const baselineFalseMerges = analyseFalseMerges(data, baselinePredicted, metaById, rowById);
  const falseMergeEdges = analyseFalseEdges(explainPath, metaById, rowById);
  const falseNegatives = analyseFalseNegatives(data, predicted, metaById, rowById, recordById, scorePair);
  if (keepDir === undefined) rmSync(dir, { recursive: true, force: true });
  return { ...base, baselineFalseMerges, familyMerges, falseMergeEdges, falseNegatives };
}

// ---------------------------------------------------------------------------------------------
// False merges: which persons ended up together, and how they relate

function relationOf(a: RowMeta, b: RowMeta): string {
  if (a.household === b.household) {
    const roles = [a.role, b.role].sort().join('+');
    if (roles === 'twin+twin') return 'family:twins';
    if (roles.includes('junior')) return roles === 'adult+junior' ? 'family:father+son (same name, Jr/Filho)' : 'family:junior+sibling';
    if (roles === 'adult+adult') return 'family:couple';
    if (roles.includes('elder')) return 'family:elder';
    return 'family:parent/child or siblings';
  }
  if (a.company !== undefined && a.company === b.company) return 'colleagues (same company)';
  return 'unrelated';
}

function analyseFalseMerges(data: GeneratedContacts, predicted: ReadonlyMap<string, string>, metaById: ReadonlyMap<string, RowMeta>, rowById: ReadonlyMap<string, Readonly<Record<string, string>>>): Record<string, unknown> {
  // persons per predicted cluster
  const clusters = new Map<string, Map<string, string[]>>();
  for (const m of data.meta) {
    const c = predicted.get(m.record_id);
    if (c === undefined) continue;
    let persons = clusters.get(c);
    if (persons === undefined) clusters.set(c, (persons = new Map()));
    const list = persons.get(m.person) ?? [];
    list.push(m.record_id);
    persons.set(m.person, list);
  }
  // every token a person uses, over all their rows (for "what do these two share at all")
  const tokensOf = new Map<string, Set<string>>();
  for (const m of data.meta) {
    const set = tokensOf.get(m.person) ?? new Set<string>();
    for (const t of m.ids) {
      const [kind, value] = t.split(':') as [string, string];
      set.add(kind === 'mobile' || kind === 'oldMobile' || kind === 'borrowedMobile' ? `mobileLine:${value}` : t);
    }
    tokensOf.set(m.person, set);
  }
  const byRelation = new Map<string, { personPairs: number; recordPairs: number }>();
  const byShared = new Map<string, number>();
  let familyPersonPairs = 0;
  let onlyLandlineOrFamilyEmail = 0;
  const examples: Record<string, Example[]> = {};
  for (const persons of clusters.values()) {
    if (persons.size < 2) continue;
    const list = [...persons.entries()];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [pa, ra] = list[i]!;
        const [pb, rb] = list[j]!;
        const ma = metaById.get(ra[0]!)!;
        const mb = metaById.get(rb[0]!)!;
        const relation = relationOf(ma, mb);
        const entry = byRelation.get(relation) ?? { personPairs: 0, recordPairs: 0 };
        entry.personPairs++;
        entry.recordPairs += ra.length * rb.length;
        byRelation.set(relation, entry);
        const ta = tokensOf.get(pa)!;
        const shared = [...(tokensOf.get(pb) ?? [])].filter((t) => ta.has(t) && !t.startsWith('placeholder')).map((t) => t.split(':')[0]!);
        const sharedLabel = shared.length === 0 ? 'nothing (name/address/dob only)' : [...new Set(shared)].sort().join('+');
        if (relation.startsWith('family')) {
          familyPersonPairs++;
          bump(byShared, sharedLabel);
          if (shared.length > 0 && shared.every((k) => k === 'landline' || k === 'familyEmail')) onlyLandlineOrFamilyEmail++;
        }
        const key = `${relation} | shares ${sharedLabel}`;
        const ex = (examples[key] ??= []);
        if (ex.length < 5) ex.push({ detail: `${pa} + ${pb} in one person`, rows: [...ra, ...rb].map((id) => showRow(rowById.get(id)!)) });
      }
    }
  }
  return {
    familyPersonPairs,
    familyOnlyLandlineOrFamilyEmail: onlyLandlineOrFamilyEmail,
    byRelation: Object.fromEntries([...byRelation].sort((a, b) => b[1].recordPairs - a[1].recordPairs)),
    familyBySharedIdentifier: Object.fromEntries([...byShared].sort((a, b) => b[1] - a[1])),
    examples,
  };
}

/** The links the engine made between rows of different persons (from --explain). */
function analyseFalseEdges(explainPath: string, metaById: ReadonlyMap<string, RowMeta>, rowById: ReadonlyMap<string, Readonly<Record<string, string>>>): Record<string, unknown> {
  const byKind = new Map<string, number>();
  const examples: Record<string, Example[]> = {};
  let text: string;
  try {
    text = readFileSync(explainPath, 'utf8');
  } catch {
    return {};
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const person = JSON.parse(line) as { links: { a: string; b: string; via: string; key?: string; probability?: number }[] };
    for (const link of person.links) {
      const ma = metaById.get(link.a);
      const mb = metaById.get(link.b);
      if (ma === undefined || mb === undefined || ma.person === mb.person) continue;
      const relation = relationOf(ma, mb);
      const via = link.via === 'identifier' || link.via === 'unique' ? `${link.via} ${link.key?.split(':')[0] ?? ''}` : link.via;
      const shared = sharedTokens(ma, mb).map((t) => t.split(':')[0]).join('+') || 'no underlying identifier';
      const k = `${relation.split(':')[0]} via ${via} (shares ${shared})`;
      bump(byKind, k);
      const ex = (examples[k] ??= []);
      if (ex.length < 5) ex.push({ detail: `${relation}; link via ${link.via}${link.key !== undefined ? ` key ${link.key}` : ''} p=${link.probability?.toFixed(4) ?? '-'}`, rows: [showRow(rowById.get(link.a)!), showRow(rowById.get(link.b)!)] });
    }
  }
  return { wrongLinks: Object.fromEntries([...byKind].sort((a, b) => b[1] - a[1])), examples };
}

// ---------------------------------------------------------------------------------------------
// False negatives: for each person split in several predicted persons, why each two fragments
// were not joined (the best bridge between them, by evidence)

function nameCause(a: RowMeta, b: RowMeta, ra: Readonly<Record<string, string>>, rb: Readonly<Record<string, string>>): string {
  const hasName = (r: Readonly<Record<string, string>>): boolean => (r.name ?? '') !== '' || (r.first_name ?? '') !== '' || (r.last_name ?? '') !== '';
  if (!hasName(ra) || !hasName(rb)) return 'a side has no name';
  const noise = new Set([...a.noise, ...b.noise]);
  const placeholderName = /^(?:cliente|desconhecido|unknown|\.|mãe|mamãe|pai|vó|tia|mamá|mami|papá|abuela|abuelita|abu|mom|dad|grandma|avó)$/i;
  if (placeholderName.test((ra.name ?? '').trim()) || placeholderName.test((rb.name ?? '').trim())) return 'role/placeholder name (Mãe, cliente, ...)';
  if (noise.has('name:nickname')) return 'nickname';
  if (noise.has('name:maiden')) return 'surname changed (married/maiden)';
  if (noise.has('name:typo') || noise.has('name:spelling')) return 'name typo/spelling variant';
  if (noise.has('name:cnam')) return 'caller-id name (LAST FIRST, cut)';
  if (noise.has('name:initial')) return 'initials';
  if (noise.has('name:swapped-columns') || noise.has('name:surname-first')) return 'name order';
  const givenOnly = (r: Readonly<Record<string, string>>): boolean => !(r.name ?? `${r.first_name ?? ''} ${r.last_name ?? ''}`).trim().includes(' ');
  if (givenOnly(ra) || givenOnly(rb)) return 'given name only';
  if (noise.has('name:profile')) return 'profile name (emoji, trade, role)';
  return 'names agree';
}

function foldLower(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Cross-field evidence a name-only pair still has: the given name and a surname of one row both
 * appear in the other row's email local part or handle (`Ana Souza` / `ana.souza88@…`, `@anasouza`).
 */
function nameInHandleOrEmail(ra: Readonly<Record<string, string>>, rb: Readonly<Record<string, string>>): boolean {
  const nameTokens = (r: Readonly<Record<string, string>>): string[] =>
    foldLower(`${r.name ?? ''} ${r.first_name ?? ''} ${r.last_name ?? ''}`)
      .split(/[^a-z]+/)
      .filter((t) => t.length >= 3);
  const idents = (r: Readonly<Record<string, string>>): string[] =>
    [(r.email ?? '').split('@')[0] ?? '', r.instagram ?? '', r.telegram ?? ''].map((x) => foldLower(x).replace(/[^a-z]/g, '')).filter((x) => x.length >= 4);
  const covers = (tokens: string[], ids: string[]): boolean => ids.some((id) => tokens.filter((t) => id.includes(t)).length >= 2);
  return covers(nameTokens(ra), idents(rb)) || covers(nameTokens(rb), idents(ra));
}

function identifierCause(shared: readonly string[], a: RowMeta, b: RowMeta, ra: ContactRecord | undefined, rb: ContactRecord | undefined): string {
  const kinds = shared.map((t) => t.split(/[:~]/)[0]!);
  const phone = kinds.some((k) => /obile|landline|office/.test(k));
  const field = phone ? 'phone' : kinds.some((k) => /mail/i.test(k)) ? 'email' : kinds[0] ?? '?';
  const noise = [...a.noise, ...b.noise];
  if (field === 'phone') {
    if (noise.includes('phone:typo')) return 'same phone, typo in digits';
    const unparsed = [ra, rb].some((r) => r?.identifiers.some((i) => i.kind === 'phone' && i.key === undefined));
    const shapes = [...new Set(noise.filter((n) => n.startsWith('phone:') && n !== 'phone:extension').map((n) => n.slice(6)))].sort().join(' vs ');
    if (unparsed) return `same phone, one side not normalized (${shapes})`;
    return `same phone, keys differ (${shapes})`;
  }
  if (field === 'email') {
    if (noise.includes('email:domain-typo') || noise.includes('email:local-typo')) return 'same email, typo';
    const unparsed = [ra, rb].some((r) => r?.identifiers.some((i) => i.kind === 'email' && i.key === undefined));
    const shapes = [...new Set(noise.filter((n) => n.startsWith('email:')).map((n) => n.slice(6)))].sort().join('+') || 'as is';
    return unparsed ? `same email, one side not normalized (${shapes})` : `same email, keys differ (${shapes})`;
  }
  return `same ${field}, keys differ`;
}

function analyseFalseNegatives(
  data: GeneratedContacts,
  predicted: ReadonlyMap<string, string>,
  metaById: ReadonlyMap<string, RowMeta>,
  rowById: ReadonlyMap<string, Readonly<Record<string, string>>>,
  recordById: ReadonlyMap<string, ContactRecord>,
  scorePair: (a: string, b: string) => { p: number; conflict: string | undefined },
): CauseSummary[] {
  const rowsOfPerson = new Map<string, string[]>();
  for (const m of data.meta) rowsOfPerson.set(m.person, [...(rowsOfPerson.get(m.person) ?? []), m.record_id]);
  const personsOfCluster = new Map<string, Set<string>>();
  for (const m of data.meta) {
    const c = predicted.get(m.record_id);
    if (c === undefined) continue;
    const s = personsOfCluster.get(c) ?? new Set<string>();
    s.add(m.person);
    personsOfCluster.set(c, s);
  }
  // how many records hold each exact key (the engine stops using keys held by more than 10)
  const keyCount = new Map<string, number>();
  for (const r of recordById.values()) for (const k of keysOf(r, false)) bump(keyCount, k);

  const causes = new Map<string, CauseSummary & { probSum: number; probN: number }>();
  for (const [, ids] of rowsOfPerson) {
    const fragments = new Map<string, string[]>();
    for (const id of ids) {
      const c = predicted.get(id) ?? `?${id}`;
      fragments.set(c, [...(fragments.get(c) ?? []), id]);
    }
    if (fragments.size < 2) continue;
    const list = [...fragments.entries()];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [ca, fa] = list[i]!;
        const [cb, fb] = list[j]!;
        // pick the best bridge: strongest kind of evidence, then highest model probability
        let best: { rank: number; cause: string; a: string; b: string; p: number; conflict: string | undefined } | undefined;
        for (const a of fa) {
          for (const b of fb) {
            const ma = metaById.get(a)!;
            const mb = metaById.get(b)!;
            const ra = recordById.get(a);
            const rb = recordById.get(b);
            const exact = ra !== undefined && rb !== undefined ? intersect(keysOf(ra, false), keysOf(rb, false)) : [];
            const variant = ra !== undefined && rb !== undefined ? intersect(keysOf(ra, true), keysOf(rb, true)) : [];
            const shared = sharedTokens(ma, mb);
            let rank: number;
            let cause: string;
            if (exact.length > 0) {
              rank = 5;
              const k = exact[0]!;
              const n = keyCount.get(k) ?? 0;
              cause = `shared exact ${k.split(':')[0]} not linked${n > 10 ? ' (key on >10 records: treated as generic)' : ''}`;
            } else if (variant.length > 0) {
              rank = 4;
              const k = variant[0]!;
              cause = `shared only a variant key (${k.startsWith('email~') ? 'loose email: gmail dots/+tag/googlemail' : 'phone variant'})`;
            } else if (shared.length > 0) {
              rank = 3;
              cause = identifierCause(shared, ma, mb, ra, rb);
            } else {
              rank = 1;
              cause = `no shared identifier; ${nameCause(ma, mb, rowById.get(a)!, rowById.get(b)!)}`;
            }
            if (best !== undefined && rank < best.rank) continue;
            const s = scorePair(a, b);
            if (best === undefined || rank > best.rank || s.p > best.p) best = { rank, cause, a, b, p: s.p, conflict: s.conflict };
          }
        }
        if (best === undefined) continue;
        const absorbed = (personsOfCluster.get(ca)?.size ?? 1) > 1 || (personsOfCluster.get(cb)?.size ?? 1) > 1;
        const cause = best.conflict !== undefined && best.rank >= 3 ? `${best.cause} [conflict veto]` : best.cause;
        const entry = causes.get(cause) ?? { cause, fragmentPairs: 0, lostPairs: 0, lostPairsWithNameInHandleOrEmail: 0, meanProbability: 0, examples: [], probSum: 0, probN: 0 };
        entry.fragmentPairs++;
        entry.lostPairs += fa.length * fb.length;
        if (nameInHandleOrEmail(rowById.get(best.a)!, rowById.get(best.b)!)) entry.lostPairsWithNameInHandleOrEmail += fa.length * fb.length;
        if (Number.isFinite(best.p)) {
          entry.probSum += best.p;
          entry.probN++;
        }
        if (entry.examples.length < 5) {
          entry.examples.push({
            detail: `bridge p=${best.p.toFixed(4)}${best.conflict !== undefined ? `, conflict: ${best.conflict}` : ''}${absorbed ? ', a fragment sits in another person' : ''}`,
            rows: [showRow(rowById.get(best.a)!), showRow(rowById.get(best.b)!)],
          });
        }
        causes.set(cause, entry);
      }
    }
  }
  return [...causes.values()]
    .map(({ probSum, probN, ...c }) => ({ ...c, meanProbability: probN > 0 ? round(probSum / probN) : Number.NaN }))
    .sort((a, b) => b.lostPairs - a.lostPairs);
}

// ---------------------------------------------------------------------------------------------
// Main

/** Options passed through to `dedupe` (`--name-only-threshold P`, `--threshold P`). */
let extraArgs: string[] = [];

function parseArgv(argv: readonly string[]): { specs: RunSpec[]; keep: string | undefined } {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seeds = (arg('--seeds') ?? '1,2,3').split(',').map(Number);
  const persons = Number(arg('--persons') ?? 2000);
  const dc = arg('--default-country');
  for (const name of ['--name-only-threshold', '--threshold']) {
    const value = arg(name);
    if (value !== undefined) extraArgs = [...extraArgs, name, value];
  }
  const specs: RunSpec[] = seeds.map((seed) => ({ name: `mixed-s${seed}-${persons}`, persons, seed, preset: 'realistic' as const, ...(dc !== undefined ? { defaultCountry: dc } : {}) }));
  if (!argv.includes('--no-extra')) {
    specs.push({ name: `mixed-s${seeds[0]}-${persons}-dcBR`, persons, seed: seeds[0]!, preset: 'realistic', defaultCountry: 'BR' });
    specs.push({ name: `BR-only-s${seeds[0]}-${persons}-dcBR`, persons, seed: seeds[0]!, preset: 'realistic', countries: ['BR'], defaultCountry: 'BR' });
    specs.push({ name: `family-stress-s${seeds[0]}-${persons}`, persons, seed: seeds[0]!, preset: 'family-stress' });
  }
  if (argv.includes('--large')) specs.push({ name: 'mixed-s9-7800-large', persons: 7800, seed: 9, preset: 'realistic', timingOnly: true });
  return { specs, keep: arg('--keep') };
}

async function main(): Promise<void> {
  const { specs, keep } = parseArgv(process.argv.slice(2));
  const results: RunResult[] = [];
  for (const spec of specs) {
    process.stderr.write(`running ${spec.name} ...\n`);
    const r = await runOne(spec, keep);
    results.push(r);
    process.stderr.write(`  ${r.rows} rows, ${r.seconds}s (${r.rowsPerSecond} rows/s)  engine ${metricsOf(r.engine)}  baseline ${metricsOf(r.baseline)}\n`);
  }
  const lines: string[] = [];
  const pad = (s: string | number, n: number): string => String(s).padEnd(n);
  lines.push(`${pad('run', 30)}${pad('rows', 7)}${pad('sec', 7)}${pad('engine P', 10)}${pad('R', 8)}${pad('F1', 8)}${pad('base P', 9)}${pad('R', 8)}${pad('F1', 8)}${pad('base0 R', 8)}${pad('ceilR', 8)}${pad('famPairs', 9)}${pad('famL/E', 7)}unrel`);
  for (const r of results) {
    const fam = r.familyMerges as { familyPersonPairs?: number; familyOnlyLandlineOrFamilyEmail?: number; byRelation?: Record<string, { personPairs: number }> } | undefined;
    const unrelated = fam?.byRelation !== undefined ? Object.entries(fam.byRelation).filter(([k]) => !k.startsWith('family')).reduce((s, [, v]) => s + v.personPairs, 0) : '-';
    lines.push(
      `${pad(r.name, 30)}${pad(r.rows, 7)}${pad(r.seconds, 7)}${pad(r.engine.precision.toFixed(4), 10)}${pad(r.engine.recall.toFixed(4), 8)}${pad(r.engine.f1.toFixed(4), 8)}` +
        `${pad(r.baseline.precision.toFixed(4), 9)}${pad(r.baseline.recall.toFixed(4), 8)}${pad(r.baseline.f1.toFixed(4), 8)}${pad(r.baselineWithoutRowCountry.recall.toFixed(3), 8)}${pad(r.identifierCeiling.recall.toFixed(3), 8)}` +
        `${pad(fam?.familyPersonPairs ?? '-', 9)}${pad(fam?.familyOnlyLandlineOrFamilyEmail ?? '-', 7)}${unrelated}`,
    );
  }
  lines.push('');
  lines.push('base = connected components of rows sharing a normalized, non-generic email or phone key (rows read as the CLI reads them); base0 R = its recall when rows are');
  lines.push('read without their country column; ceilR = recall of a perfect matcher on the identifiers persons own (any spelling);');
  lines.push('famPairs = pairs of family members merged into one person; famL/E = of those, sharing only a landline or family email.');
  const first = results.find((r) => r.falseNegatives !== undefined);
  if (first !== undefined) {
    lines.push('', `False negatives of ${first.name} by cause (lost record pairs, fragment pairs, mean model probability of the best bridge, lost pairs whose bridge has one name in the other's email/handle):`);
    for (const c of first.falseNegatives!.slice(0, 25)) lines.push(`  ${pad(c.lostPairs, 6)}${pad(c.fragmentPairs, 6)}${pad(Number.isNaN(c.meanProbability) ? '-' : c.meanProbability.toFixed(3), 7)}${pad(c.lostPairsWithNameInHandleOrEmail, 6)}${c.cause}`);
    const fm = first.familyMerges as { byRelation: Record<string, unknown>; familyBySharedIdentifier: Record<string, unknown> };
    lines.push('', `False merges of ${first.name} by relation: ${JSON.stringify(fm.byRelation)}`);
    lines.push(`Family merges by what the two share: ${JSON.stringify(fm.familyBySharedIdentifier)}`);
    const bm = first.baselineFalseMerges as { byRelation: Record<string, unknown>; familyBySharedIdentifier: Record<string, unknown> };
    lines.push(`Baseline false merges by relation: ${JSON.stringify(bm.byRelation)}; family by shared: ${JSON.stringify(bm.familyBySharedIdentifier)}`);
    lines.push(`Wrong links (from --explain): ${JSON.stringify((first.falseMergeEdges as { wrongLinks?: unknown }).wrongLinks)}`);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const git = (...a: string[]): string => {
    try {
      return execFileSync('git', a, { cwd: here, encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  };
  // The engine under src/ changes while others work: record which one was measured.
  const engineVersion = { commit: git('rev-parse', '--short', 'HEAD'), uncommittedSrcFiles: git('status', '--porcelain', '--', '../../src').split('\n').filter((l) => l.trim() !== '').length };
  lines.push('', `engine: commit ${engineVersion.commit}, ${engineVersion.uncommittedSrcFiles} uncommitted files under src/`);
  console.log(lines.join('\n'));
  writeFileSync(join(here, 'results.json'), `${JSON.stringify({ engineVersion, command: `npx tsx bench/omnichannel/evaluate.ts ${process.argv.slice(2).join(' ')}`.trim(), results }, null, 1)}\n`);
}

await main();
