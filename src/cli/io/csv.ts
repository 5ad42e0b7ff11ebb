// A streaming RFC 4180 CSV reader: quoted fields with commas, doubled quotes and line breaks, CRLF or
// LF, a UTF-8 BOM, and a configurable delimiter. Each row carries the physical line it started on, so
// a rejected row can be reported by line number. Written here rather than taken from a dependency
// because rejects need exact line numbers and row-level error recovery.

/** One parsed CSV row and the line (1-based) it starts on. */
export interface CsvRow {
  readonly line: number;
  readonly fields: string[];
  /** Set when the row is malformed (an unterminated quote at end of input, a stray quote). */
  readonly error?: string;
}

/** Incremental CSV tokenizer: feed chunks, get complete rows. */
export class CsvReader {
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  private quoteClosed = false;
  private line = 1;
  private rowLine = 1;
  private started = false;
  private error: string | undefined;
  private first = true;

  constructor(private readonly delimiter = ',') {}

  /** Parse a chunk; returns the rows completed by it. */
  push(chunk: string): CsvRow[] {
    const rows: CsvRow[] = [];
    let text = chunk;
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const d = this.delimiter;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
          } else if (i + 1 === text.length) {
            // A quote at the end of a chunk: decide when the next chunk comes.
            this.inQuotes = false;
            this.quoteClosed = true;
            this.pendingQuote = true;
          } else {
            this.inQuotes = false;
            this.quoteClosed = true;
          }
        } else {
          if (c === '\n') this.line++;
          this.field += c;
        }
        continue;
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (c === '"') {
          // It was a doubled quote split across chunks.
          this.field += '"';
          this.inQuotes = true;
          this.quoteClosed = false;
          continue;
        }
      }
      if (c === d) {
        this.endField();
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        const row = this.endRow();
        if (row) rows.push(row);
        this.line++;
        this.rowLine = this.line;
      } else if (c === '"' && this.field === '' && !this.quoteClosed) {
        this.inQuotes = true;
        this.started = true;
      } else {
        if (this.quoteClosed || c === '"') this.error ??= `stray quote in field ${this.fields.length + 1}`;
        this.field += c;
        this.started = true;
      }
    }
    return rows;
  }

  private pendingQuote = false;

  /** Flush the last row at end of input. */
  end(): CsvRow[] {
    this.pendingQuote = false;
    if (this.inQuotes) {
      this.error ??= 'unterminated quoted field';
      this.inQuotes = false;
    }
    const row = this.endRow();
    return row ? [row] : [];
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.quoteClosed = false;
    this.started = true;
  }

  private endRow(): CsvRow | undefined {
    if (!this.started && this.field === '' && this.fields.length === 0) return undefined; // blank line
    this.endField();
    const row: CsvRow = this.error ? { line: this.rowLine, fields: this.fields, error: this.error } : { line: this.rowLine, fields: this.fields };
    this.fields = [];
    this.started = false;
    this.error = undefined;
    return row;
  }
}

/** Quote a value for CSV output when it needs it. */
export function csvEscape(value: string): string {
  return /[",\r\n]/.test(value) || value.startsWith(' ') || value.endsWith(' ') ? `"${value.replace(/"/g, '""')}"` : value;
}
