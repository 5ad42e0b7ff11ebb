import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvEscape } from './csv.js';

/** A line-oriented output that respects backpressure and closes cleanly. */
export interface LineSink {
  write(line: string): Promise<void>;
  close(): Promise<void>;
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

/** Writes rows as CSV (header first) or JSONL, by format. */
export class RowWriter {
  private headerWritten = false;
  constructor(
    private readonly sink: LineSink,
    private readonly format: 'csv' | 'jsonl',
    private readonly columns: readonly string[],
    /** The columns the writer's caller adds to each input row (written beside an `original`). */
    private readonly added: readonly string[] = [],
  ) {}

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
      await this.sink.write(this.columns.map(csvEscape).join(','));
    }
    await this.sink.write(this.columns.map((c) => csvEscape(String(cell(c) ?? ''))).join(','));
  }
}
