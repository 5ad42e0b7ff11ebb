import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ContactRecord } from '../src/index.js';

/**
 * Loaders for the labelled data sets (test/fixtures/match/, copied with their READMEs from
 * /work/shared/data/external/). Each record maps the CSV columns to a ContactRecord the way the
 * CLI reads columns by name (name parts, dob, address parts; other columns as attributes). The
 * ground truth is returned beside the records, never inside them.
 */
export interface LabelledData {
  readonly name: string;
  readonly records: ContactRecord[];
  /** Entity id per record id. */
  readonly truth: Map<string, string>;
  readonly link: boolean;
}

const fixtures = fileURLToPath(new URL('../test/fixtures/match/', import.meta.url));

function readCsv(path: string, separator: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/\r/g, '');
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split(separator).map((f) => f.trim()));
}

function isoOf(yyyymmdd: string): string | undefined {
  if (!/^\d{8}$/.test(yyyymmdd)) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6)}`;
}

function febrlRecords(file: string, source: string): { records: ContactRecord[]; truth: Map<string, string> } {
  const [header, ...rows] = readCsv(`${fixtures}febrl/${file}`, ',');
  const col = (name: string): number => (header ?? []).indexOf(name);
  const records: ContactRecord[] = [];
  const truth = new Map<string, string>();
  for (const r of rows) {
    const get = (name: string): string | undefined => {
      const v = r[col(name)];
      return v !== undefined && v.length > 0 ? v : undefined;
    };
    const id = get('rec_id') ?? '';
    const given = get('given_name');
    const family = get('surname');
    const dob = isoOf(get('date_of_birth') ?? '');
    const attributes: Record<string, string> = {};
    for (const a of ['street_number', 'address_2', 'soc_sec_id']) {
      const v = get(a);
      if (v !== undefined) attributes[a] = v;
    }
    const line = get('address_1');
    const city = get('suburb');
    const postcode = get('postcode');
    const region = get('state');
    records.push({
      id: `${source}:${id}`,
      channel: 'crm',
      source,
      identifiers: [],
      ...(given !== undefined || family !== undefined
        ? { name: { ...(given !== undefined ? { given } : {}), ...(family !== undefined ? { family } : {}) } }
        : {}),
      ...(dob !== undefined ? { birthDate: dob } : {}),
      address: {
        ...(line !== undefined ? { line } : {}),
        ...(city !== undefined ? { city } : {}),
        ...(postcode !== undefined ? { postcode } : {}),
        ...(region !== undefined ? { region } : {}),
      },
      attributes,
    });
    truth.set(`${source}:${id}`, /^rec-(\d+)-/.exec(id)?.[1] ?? id);
  }
  return { records, truth };
}

export function loadFebrl3(): LabelledData {
  const { records, truth } = febrlRecords('dataset3.csv', 'febrl3');
  return { name: 'febrl3', records, truth, link: false };
}

export function loadFebrl4(): LabelledData {
  const a = febrlRecords('dataset4a.csv', 'a');
  const b = febrlRecords('dataset4b.csv', 'b');
  return { name: 'febrl4', records: [...a.records, ...b.records], truth: new Map([...a.truth, ...b.truth]), link: true };
}

export function loadFake1000(): LabelledData {
  const [header, ...rows] = readCsv(`${fixtures}splink_fake_1000/fake_1000.csv`, ',');
  const col = (name: string): number => (header ?? []).indexOf(name);
  const records: ContactRecord[] = [];
  const truth = new Map<string, string>();
  for (const r of rows) {
    const get = (name: string): string | undefined => {
      const v = r[col(name)];
      return v !== undefined && v.length > 0 ? v : undefined;
    };
    const id = get('unique_id') ?? '';
    const given = get('first_name');
    const family = get('surname');
    const dob = get('dob');
    const city = get('city');
    const email = get('email');
    records.push({
      id,
      channel: 'crm',
      identifiers: email !== undefined ? [{ kind: 'email', value: email, verified: false }] : [],
      ...(given !== undefined || family !== undefined
        ? { name: { ...(given !== undefined ? { given } : {}), ...(family !== undefined ? { family } : {}) } }
        : {}),
      ...(dob !== undefined ? { birthDate: dob } : {}),
      ...(city !== undefined ? { address: { city } } : {}),
    });
    truth.set(id, get('cluster') ?? id);
  }
  return { name: 'fake_1000', records, truth, link: false };
}
