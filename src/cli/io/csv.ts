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
  /** A malformed row's text as it was in the input (its first line for an unterminated quote). */
  readonly raw?: string;
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
  /** The current row's text from earlier chunks (kept to report a malformed row as it was). */
  private carry = '';
  /** The last chunk ended in CR (its LF may open the next chunk). */
  private afterCR = false;
  /** The last character read inside quotes was CR (an LF after it is the same line break). */
  private quotedCR = false;

  /** `line`: the line number of the first line fed (a reader that re-reads a tail starts past 1). */
  constructor(
    private readonly delimiter = ',',
    line = 1,
  ) {
    this.line = line;
    this.rowLine = line;
  }

  /** Parse a chunk; returns the rows completed by it. */
  push(chunk: string): CsvRow[] {
    return this.read(chunk, []);
  }

  private read(chunk: string, rows: CsvRow[]): CsvRow[] {
    let text = chunk;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // Text still to read, as [string, from] segments, the next on top: a malformed row's lines after
    // its first are read again before the rest of the chunk (a stack, not a rebuilt string, so that
    // a file of broken lines costs linear time).
    const segments: [string, number][] = [[text, 0]];
    while (segments.length > 0) {
      const [segment, from] = segments.pop()!;
      this.readSegment(segment, from, rows, segments);
    }
    return rows;
  }

  private readSegment(text: string, from: number, rows: CsvRow[], segments: [string, number][]): void {
    const d = this.delimiter;
    let start = from;
    if (this.afterCR && start < text.length) {
      // The last chunk ended in CR: an LF opening this one is the rest of that line break.
      this.afterCR = false;
      if (text.charCodeAt(start) === 10) start++;
    }
    for (let i = start; i < text.length; i++) {
      const c = text[i]!;
      if (this.inQuotes) {
        if (c === '"') {
          this.quotedCR = false;
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
          // Line breaks inside quotes count as lines too, CR, LF or CRLF (even split across chunks).
          if (c === '\r' || (c === '\n' && !this.quotedCR)) this.line++;
          this.quotedCR = c === '\r';
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
        const firstLine = this.rowLine;
        const spans = this.line > firstLine;
        const row = this.endRow(text, start, i);
        const terminator = i;
        if (c === '\r') {
          if (i + 1 === text.length) this.afterCR = true;
          else if (text[i + 1] === '\n') i++;
        }
        start = i + 1;
        if (row?.raw !== undefined && spans) {
          // A malformed row that ran over line breaks: a quote opened on its first line swallowed
          // the lines after it. Only that line is rejected; the lines after it are read again, then
          // this row's own line break and the rest of the segment.
          this.afterCR = false;
          const cut = lineEnd(row.raw);
          rows.push(this.lineRow(row.raw.slice(0, cut), firstLine));
          this.line = firstLine + 1;
          this.rowLine = this.line;
          segments.push([text, terminator], [row.raw, cut + (row.raw.startsWith('\r\n', cut) ? 2 : 1)]);
          return;
        }
        if (row) rows.push(row);
        this.line++;
        this.rowLine = this.line;
      } else if (c === '"' && this.field === '' && !this.quoteClosed) {
        this.inQuotes = true;
        this.quotedCR = false;
        this.started = true;
      } else {
        if (this.quoteClosed || c === '"') this.error ??= `stray quote in field ${this.fields.length + 1}`;
        this.field += c;
        this.started = true;
      }
    }
    this.carry += text.slice(start);
  }

  private pendingQuote = false;

  /**
   * Flush the last row at end of input. A quote left open swallowed the rest of the input into one
   * field: only its row's first line is rejected, and the lines after it are read again as rows.
   */
  end(): CsvRow[] {
    const rows: CsvRow[] = [];
    for (;;) {
      this.pendingQuote = false;
      const text = this.carry;
      const cut = this.inQuotes ? lineEnd(text) : -1;
      if (cut >= 0 && cut < text.length) {
        const firstLine = this.rowLine;
        rows.push(this.lineRow(text.slice(0, cut), firstLine));
        this.carry = '';
        this.field = '';
        this.fields = [];
        this.inQuotes = false;
        this.quotedCR = false;
        this.quoteClosed = false;
        this.started = false;
        this.error = undefined;
        this.line = firstLine + 1;
        this.rowLine = this.line;
        this.read(text.slice(cut + (text.startsWith('\r\n', cut) ? 2 : 1)), rows);
        continue;
      }
      if (this.inQuotes) {
        this.error ??= 'unterminated quoted field';
        this.inQuotes = false;
      }
      const row = this.endRow(text, 0, text.length, true);
      if (row) rows.push(row);
      return rows;
    }
  }

  /** The row one line of the input makes alone (a malformed row's first line). */
  private lineRow(text: string, line: number): CsvRow {
    const alone = new CsvReader(this.delimiter, line);
    alone.first = false;
    const [row] = [...alone.push(text), ...alone.end()];
    return { line, fields: row?.fields ?? [], error: row?.error ?? 'unterminated quoted field', raw: text };
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.quoteClosed = false;
    this.started = true;
  }

  /** End the row whose text in this chunk is `text.slice(from, to)` (after `carry`, unless `whole`). */
  private endRow(text: string, from: number, to: number, whole = false): CsvRow | undefined {
    const carry = this.carry;
    this.carry = '';
    if (!this.started && this.field === '' && this.fields.length === 0) return undefined; // blank line
    this.endField();
    const row: CsvRow = this.error
      ? { line: this.rowLine, fields: this.fields, error: this.error, raw: whole ? text.slice(from, to) : carry + text.slice(from, to) }
      : { line: this.rowLine, fields: this.fields };
    this.fields = [];
    this.started = false;
    this.error = undefined;
    return row;
  }
}

/** Index of the first line break in `text`, or its length. */
function lineEnd(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** Quote a value for CSV output when it needs it. */
export function csvEscape(value: string): string {
  return escapeCell(value, ',');
}

/** A cell for a file separated by `delimiter` (`,` or a tab), quoted as {@link csvEscape} quotes. */
export function escapeCell(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) || value.startsWith(' ') || value.endsWith(' ') ? `"${value.replace(/"/g, '""')}"` : value;
}
