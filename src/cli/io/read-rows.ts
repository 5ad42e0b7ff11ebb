import { createReadStream } from 'node:fs';
import { basename, extname, resolve, sep } from 'node:path';
import { isForbiddenKey } from '../../internal/untrusted.js';
import { CsvReader } from './csv.js';
import { NOT_UTF8, jsonlLines } from './jsonl-lines.js';
import { parseJsonLine } from './parse-json-line.js';
import { LineDecoder, sniffDelimiter } from './sniff.js';

/** One row of an input file, or the reason it could not be read. */
export type InputRow =
  | {
      readonly ok: true;
      readonly input: string;
      readonly line: number;
      readonly row: Record<string, string>;
      /** A JSON line as it was (the output writes it back with the person columns added). */
      readonly original?: Readonly<Record<string, unknown>>;
    }
  | { readonly ok: false; readonly input: string; readonly line: number; readonly error: string; readonly raw: string };

/** The format of an input, by extension; `-` is JSONL on stdin. */
export function formatOf(path: string): 'csv' | 'jsonl' | undefined {
  if (path === '-') return 'jsonl';
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  return undefined;
}

/** A short name for an input, used as its `source`: its file name (`stdin` for `-`). */
export function inputName(path: string): string {
  return path === '-' ? 'stdin' : basename(path);
}

/**
 * Distinct short names for several inputs, in their order: each file's name, or where two inputs
 * share it (`y2024/customers.csv`, `y2025/customers.csv`) the shortest end of its path that tells
 * it from the others. Record ids are `<name>#<id>`, so inputs must never share a name: rows of
 * two exports would take each other's ids. The same file given twice is `a.csv` and `a.csv (2)`.
 */
export function inputNames(paths: readonly string[]): string[] {
  const parts = paths.map((p) => (p === '-' ? ['stdin'] : resolve(p).split(sep).filter((s) => s !== '')));
  const suffix = (i: number, k: number): string => parts[i]!.slice(-k).join('/');
  const full = parts.map((segments) => segments.join('/'));
  const names = parts.map((segments, i) => {
    // Other files of the same name (the same file given again is numbered below, never told apart by its path).
    const others = parts.flatMap((_, j) => (full[j] !== full[i] && parts[j]![parts[j]!.length - 1] === segments[segments.length - 1] ? [j] : []));
    if (others.length === 0) return inputName(paths[i]!);
    for (let k = 2; k <= segments.length; k++) {
      const mine = suffix(i, k);
      if (others.every((j) => suffix(j, k) !== mine)) return mine;
    }
    return full[i]!;
  });
  // Still shared (the same file given twice): numbered in order.
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n} (${count})`;
  });
}

/**
 * A column named `__proto__`, `constructor` or `prototype` (or a flattened JSON name with such a
 * part, `meta.constructor`). Rows hold them safely (they have no prototype), and the output writes
 * them back, but the CLI never reads them as evidence: a record cannot hold a `__proto__`
 * attribute, and the three are treated alike so that no such name means more in one format.
 */
export function isReservedColumn(name: string): boolean {
  return name.split('.').some(isForbiddenKey);
}

/** An empty row: no prototype, so a `__proto__` or `constructor` column is a column like any other. */
function emptyRow(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

function scalarOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

/**
 * The cells of a JSON line as columns: nested objects flatten to dotted names (`name.first`,
 * `contact.phone`), a list of plain values becomes one `;`-separated cell (how several phones or
 * emails share a cell), a list of objects flattens by position (`emails.0.value`). So an API export
 * reads like the CSV of the same data; anything deeper than four levels is kept as JSON.
 */
function flattenInto(row: Record<string, string>, prefix: string, value: unknown, depth: number): void {
  if (value === null || value === undefined) return;
  const scalar = scalarOf(value);
  if (scalar !== undefined) {
    row[prefix] = scalar;
    return;
  }
  if (depth >= 4) {
    row[prefix] = JSON.stringify(value);
    return;
  }
  if (Array.isArray(value)) {
    const cells = value.map(scalarOf);
    if (cells.every((c) => c !== undefined)) {
      if (cells.length > 0) row[prefix] = cells.join(';');
      return;
    }
    value.forEach((v, i) => flattenInto(row, `${prefix}.${i}`, v, depth + 1));
    return;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    flattenInto(row, prefix === '' ? key : `${prefix}.${key}`, v, depth + 1);
  }
}

/** Lines not valid UTF-8 named one by one before a count stands for the rest. */
const NAMED_ENCODING_NOTES = 3;

async function* readJsonl(input: string, stream: NodeJS.ReadableStream, onNote?: (text: string) => void): AsyncGenerator<InputRow> {
  let notUtf8Lines = 0;
  for await (const { line, text, notUtf8 } of jsonlLines(stream)) {
    if (text.trim() === '') continue;
    if (notUtf8 && ++notUtf8Lines <= NAMED_ENCODING_NOTES) onNote?.(`${input}:${line}: ${NOT_UTF8}`);
    let value: unknown;
    try {
      value = parseJsonLine(text);
    } catch (error) {
      yield { ok: false, input, line, error: `not JSON: ${(error as Error).message}`, raw: text };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { ok: false, input, line, error: 'a line must be a JSON object', raw: text };
      continue;
    }
    const row = emptyRow();
    flattenInto(row, '', value, 0);
    // JSON.parse makes a `__proto__` key an own property (never the prototype): kept as it was.
    yield { ok: true, input, line, row, original: value as Record<string, unknown> };
  }
  if (notUtf8Lines > NAMED_ENCODING_NOTES) onNote?.(`${input}: ${notUtf8Lines} lines in all were not valid UTF-8 and were read as Windows-1252/Latin-1`);
}

/**
 * Header names as columns: a repeated name gets a number (the second `email` is `email_2`), an
 * empty one its position (`column_5`), so that no column overwrites another in a row. Also returns
 * what was renamed, for a note (`email (column 4) as email_2`).
 */
export function uniqueHeader(names: readonly string[]): { header: string[]; renamed: string[] } {
  const taken = new Set(names);
  const used = new Set<string>();
  // Per repeated name, the next number to try: a header of 20,000 `email` columns would otherwise
  // probe email_2, email_3, ... again for each one (quadratic on untrusted input).
  const next = new Map<string, number>();
  const renamed: string[] = [];
  const header = names.map((name, i) => {
    if (name !== '' && !used.has(name)) {
      used.add(name);
      return name;
    }
    let unique: string;
    if (name === '') {
      unique = `column_${i + 1}`;
      for (let k = 2; taken.has(unique) || used.has(unique); k++) unique = `column_${i + 1}_${k}`;
    } else {
      let k = next.get(name) ?? 2;
      while (taken.has(`${name}_${k}`) || used.has(`${name}_${k}`)) k++;
      unique = `${name}_${k}`;
      next.set(name, k + 1);
    }
    used.add(unique);
    renamed.push(`${name === '' ? 'an empty name' : name} (column ${i + 1}) as ${unique}`);
    return unique;
  });
  return { header, renamed };
}

async function* readCsv(path: string, input: string, stream: NodeJS.ReadableStream, onNote?: (text: string) => void): AsyncGenerator<InputRow> {
  let reader: CsvReader | undefined;
  const decoder = new LineDecoder();
  let header: string[] | undefined;
  function* take(rows: ReturnType<CsvReader['push']>): Generator<InputRow> {
    for (const r of rows) {
      if (header === undefined) {
        // Excel's `sep=;` hint line (read as the delimiter already) is not the header.
        if (r.line === 1 && /^sep=$/i.test(r.fields[0] ?? '') && r.fields.length <= 2 && (r.fields[1] ?? '') === '') continue;
        const unique = uniqueHeader(r.fields.map((h) => h.trim()));
        header = unique.header;
        if (unique.renamed.length > 0) {
          const shown = unique.renamed.slice(0, 10).join(', ') + (unique.renamed.length > 10 ? `, and ${unique.renamed.length - 10} more` : '');
          onNote?.(`${input}: repeated or empty header names; every column is kept, read and written as: ${shown}`);
        }
        continue;
      }
      const raw = r.raw ?? r.fields.join(',');
      if (r.error !== undefined) {
        yield { ok: false, input, line: r.line, error: r.error, raw };
        continue;
      }
      if (r.fields.length !== header.length) {
        yield { ok: false, input, line: r.line, error: `expected ${header.length} fields, found ${r.fields.length}`, raw };
        continue;
      }
      const row = emptyRow();
      header.forEach((h, i) => {
        row[h] = r.fields[i]!;
      });
      yield { ok: true, input, line: r.line, row };
    }
  }
  const fallback = extname(path).toLowerCase() === '.tsv' ? '\t' : ',';
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : decoder.push(chunk as Uint8Array);
    if (text.length === 0) continue;
    reader ??= new CsvReader(sniffDelimiter(text, fallback));
    yield* take(reader.push(text));
  }
  const rest = decoder.end();
  reader ??= new CsvReader(sniffDelimiter(rest, fallback));
  if (rest.length > 0) yield* take(reader.push(rest));
  yield* take(reader.end());
}

/** Options of {@link readRows}. */
export interface ReadRowsOptions {
  /** The input's name in the rows (`input`). @defaultValue inputName(path) */
  readonly name?: string;
  /** Told what the reader changed (renamed header names; JSON lines read as Latin-1), for stderr. @defaultValue none */
  readonly onNote?: (text: string) => void;
}

/** Stream the rows of a CSV or JSONL file (or stdin for `-`). */
export function readRows(path: string, stdin: NodeJS.ReadableStream, options: ReadRowsOptions = {}): AsyncGenerator<InputRow> {
  const format = formatOf(path);
  const name = options.name ?? inputName(path);
  if (format === 'csv') return readCsv(path, name, path === '-' ? stdin : createReadStream(path), options.onNote); // bytes: the encoding is sniffed
  return readJsonl(name, path === '-' ? stdin : createReadStream(path), options.onNote); // bytes: a line may not be UTF-8
}
