/**
 * Throughput of the identifier normalizers on 100k seeded, realistic, messy records each.
 * Run: `npx tsx bench/normalize.bench.ts [records]`
 *
 * Each normalizer is reported in records/s and as a ratio to a baseline measured in the same run on
 * the same strings (`s.trim().toLowerCase()`), because machines are noisy. Goals on one core:
 * emails ≥ 200k/s, phones ≥ 50k/s, names ≥ 200k/s. Every timing is the best of 5 passes after a
 * warm-up pass. Rates are per second of this process's CPU time (`process.cpuUsage`, one thread:
 * one core), which stays meaningful on a shared, loaded machine; wall-clock rates are printed too.
 * Also printed: share of inputs that normalized, and heap growth.
 */
import { foldText, normalizeDate, normalizeEmail, normalizeName, normalizePhone, toIdentifier } from '../src/index.js';
import { generate, messyDate, messyEmail, messyName, messyPhone } from './generate.js';

const N = Number(process.argv[2] ?? 100_000);
const PASSES = 5;

interface Measured {
  /** Records per CPU-second (best pass). */
  readonly perSecond: number;
  /** Records per wall-clock second (best pass). */
  readonly perWallSecond: number;
  readonly ok: number;
}

function measure<T>(items: readonly T[], run: (item: T) => boolean): Measured {
  let ok = 0;
  for (const item of items) if (run(item)) ok++; // warm-up (JIT, lazy tables)
  let bestCpu = Number.POSITIVE_INFINITY;
  let bestWall = Number.POSITIVE_INFINITY;
  for (let p = 0; p < PASSES; p++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < items.length; i++) run(items[i] as T);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
    bestWall = Math.min(bestWall, wall);
  }
  return { perSecond: items.length / (bestCpu / 1000), perWallSecond: items.length / (bestWall / 1000), ok };
}

let sink = 0;
function baseline(strings: readonly string[]): Measured {
  return measure(strings, (s) => {
    sink += s.trim().toLowerCase().length;
    return true;
  });
}

const fmt = (n: number): string => `${Math.round(n).toLocaleString('en-US')}/s`;

interface Row {
  readonly name: string;
  readonly goal?: number;
  readonly result: Measured;
  readonly base: Measured;
  readonly heapMiB: number;
}

function row(name: string, strings: readonly string[], run: (i: number) => boolean, goal?: number): Row {
  const base = baseline(strings);
  const indices = strings.map((_, i) => i);
  const heapBefore = process.memoryUsage().heapUsed;
  const result = measure(indices, run);
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  return { name, ...(goal !== undefined ? { goal } : {}), result, base, heapMiB };
}

const emails = generate(N, 1, messyEmail);
const phones = generate(N, 2, messyPhone);
const names = generate(N, 3, messyName);
const dates = generate(N, 4, messyDate);
const phoneStrings = phones.map((p) => p.raw);

const rows: Row[] = [
  row('normalizeEmail', emails, (i) => normalizeEmail(emails[i] as string).success, 200_000),
  row('normalizePhone', phoneStrings, (i) => normalizePhone(phones[i]!.raw, { defaultCountry: phones[i]!.defaultCountry }).success, 50_000),
  row('normalizeName', names, (i) => normalizeName(names[i] as string).success, 200_000),
  row('foldText', names, (i) => foldText(names[i] as string).length > 0),
  row('normalizeDate', dates, (i) => normalizeDate(dates[i] as string).success),
  row('toIdentifier(email)', emails, (i) => toIdentifier({ kind: 'email', value: emails[i] as string, verified: false }).success),
  row('toIdentifier(phone)', phoneStrings, (i) => toIdentifier({ kind: 'phone', value: phones[i]!.raw, verified: false }, { defaultCountry: phones[i]!.defaultCountry }).success),
];

console.log(`omnilink normalize bench: ${N.toLocaleString('en-US')} seeded records per normalizer, best of ${PASSES} passes, node ${process.version}`);
console.log('');
console.log('normalizer            records/s (CPU)  baseline (trim+lower)  ratio    wall-clock   normalized  goal');
for (const r of rows) {
  const ratio = r.result.perSecond / r.base.perSecond;
  const goal = r.goal === undefined ? '' : `${r.result.perSecond >= r.goal ? 'met' : 'MISSED'} (≥ ${fmt(r.goal)})`;
  console.log(
    `${r.name.padEnd(22)}${fmt(r.result.perSecond).padStart(14)}   ${fmt(r.base.perSecond).padStart(16)}      ${`1/${(1 / ratio).toFixed(1)}`.padStart(7)}  ${fmt(r.result.perWallSecond).padStart(11)}  ${`${((100 * r.result.ok) / N).toFixed(1)}%`.padStart(9)}  ${goal}`,
  );
}
console.log('');
console.log(`heap growth during the timed passes (MiB): ${rows.map((r) => `${r.name} ${r.heapMiB.toFixed(1)}`).join(', ')}`);
if (sink < 0) console.log(sink); // keep the baseline from being optimised away
