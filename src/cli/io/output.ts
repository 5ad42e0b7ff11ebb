import { accessSync, constants, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, extname, resolve } from 'node:path';
import { UsageError } from '../command.js';
import { escapeCell } from './csv.js';

/** A line-oriented output that respects backpressure and closes cleanly. */
export interface LineSink {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Check, before any work, that the file an option names can be written: its directory exists and
 * is writable, and the file itself, if there, is a writable file. A usage error naming the option
 * otherwise, so a long run never ends on a path typo, or leaves some outputs written and not others.
 * `-` (stdout) is always fine.
 */
export function checkWritable(option: string, path: string): void {
  if (path === '-') return;
  const fail = (why: string): never => {
    throw new UsageError(`${option} ${path}: ${why}`);
  };
  const dir = dirname(resolve(path));
  const where = dirname(path);
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (dirStat === undefined) fail(`the directory ${where} does not exist`);
  else if (!dirStat.isDirectory()) fail(`${where} is not a directory`);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat?.isDirectory() === true) fail('is a directory');
  try {
    accessSync(stat === undefined ? dir : path, constants.W_OK);
  } catch {
    fail(stat === undefined ? `cannot write in the directory ${where}` : 'cannot be written');
  }
}

/** Stdout (never closed) or a file. */
export function openSink(path: string | undefined, stdout: NodeJS.WritableStream): LineSink {
  const stream = path === undefined || path === '-' ? stdout : createWriteStream(path);
  return {
    async write(line) {
      if (!stream.write(`${line}\n`)) await once(stream as NodeJS.WritableStream & NodeJS.EventEmitter, 'drain');
    },
    async close() {
      if (stream === stdout) return;
      stream.end();
      await once(stream as NodeJS.WritableStream & NodeJS.EventEmitter, 'finish');
    },
  };
}

/** The formats rows are written in. */
export type OutputFormat = 'csv' | 'tsv' | 'jsonl';

/** The format of an output file, by its extension; undefined for any other. */
export function outputFormatOf(path: string): OutputFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv') return 'tsv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return undefined;
}

/** Writes rows as CSV or TSV (header first, quoted as RFC 4180 quotes) or JSONL, by format. */
export class RowWriter {
  private headerWritten = false;
  private readonly delimiter: string;
  constructor(
    private readonly sink: LineSink,
    private readonly format: OutputFormat,
    private readonly columns: readonly string[],
    /** The columns the writer's caller adds to each input row (written beside an `original`). */
    private readonly added: readonly string[] = [],
  ) {
    this.delimiter = format === 'tsv' ? '\t' : ',';
  }

  /**
   * Write a row. For JSONL, `original` (a JSON input line as it was, nesting and types kept) is
   * written with the `added` columns of `row`.
   */
  async write(row: Readonly<Record<string, string | number | undefined>>, original?: Readonly<Record<string, unknown>>): Promise<void> {
    // Own cells only: a row without a `constructor` column has no constructor cell.
    const cell = (c: string): string | number | undefined => (Object.hasOwn(row, c) ? row[c] : undefined);
    if (this.format === 'jsonl' && original !== undefined) {
      const out: Record<string, unknown> = { ...original };
      for (const c of this.added) {
        const v = cell(c);
        if (v !== undefined) out[c] = v;
      }
      await this.sink.write(JSON.stringify(out));
      return;
    }
    if (this.format === 'jsonl') {
      const out = Object.create(null) as Record<string, string | number>; // a `__proto__` column is a key
      for (const c of this.columns) {
        const v = cell(c);
        if (v !== undefined) out[c] = v;
      }
      await this.sink.write(JSON.stringify(out));
      return;
    }
    if (!this.headerWritten) {
      this.headerWritten = true;
      await this.sink.write(this.columns.map((c) => escapeCell(c, this.delimiter)).join(this.delimiter));
    }
    await this.sink.write(this.columns.map((c) => escapeCell(String(cell(c) ?? ''), this.delimiter)).join(this.delimiter));
  }
}
