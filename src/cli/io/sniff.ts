// What a CSV file does not say about itself: its delimiter and its encoding. Spreadsheets in
// Brazil, Spain, Portugal and most of Europe save "CSV" with semicolons (the comma is their decimal
// mark), and older exports are Windows-1252, not UTF-8. Read such a file as comma-separated UTF-8
// and every row becomes one column of mojibake: nothing links, and nothing says why.

import { decodeWindows1252 } from '../../internal/windows-1252.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV file judged by its header line (the first line of `text`): the one an
 * Excel `sep=;` first line names, else the candidate (`,` `;` tab `|`) that occurs most often
 * outside quotes, else `fallback`.
 */
export function sniffDelimiter(text: string, fallback: string): string {
  // Excel's own hint, a first line `sep=;`.
  const hint = /^\uFEFF?sep=([^\r\n])\r?\n/i.exec(text);
  if (hint !== null) return hint[1] as string;
  // A .tsv file is tab-separated whenever its header has a tab (its column names may hold commas).
  const header = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  if (fallback === '\t' && header.includes('\t')) return '\t';
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) as number) + 1);
  }
  let best = fallback;
  let most = 0;
  for (const [c, n] of counts) {
    if (n > most) [best, most] = [c, n];
  }
  return best;
}

/**
 * Bytes to text, line by line: each line is read as UTF-8 when it is valid UTF-8, else as
 * Windows-1252 (which reads Latin-1 too), so a Latin-1 name deep in a file and a stray byte in a
 * UTF-8 file spoil nothing around them. A UTF-16 file (Excel's "Unicode text", with its byte-order
 * mark) is read as UTF-16. Splitting at the 0x0A byte is safe in all of these except UTF-16, which
 * is decoded as a stream instead.
 */
export class LineDecoder {
  private pending: Uint8Array = new Uint8Array(0);
  private utf16: TextDecoder | undefined;
  private started = false;
  private readonly strict = new TextDecoder('utf-8', { fatal: true });

  /** The text of the complete lines in `chunk` (a line cut at its end waits for the next chunk). */
  push(chunk: Uint8Array): string {
    if (!this.started) {
      this.started = true;
      if (chunk[0] === 0xff && chunk[1] === 0xfe) this.utf16 = new TextDecoder('utf-16le');
      else if (chunk[0] === 0xfe && chunk[1] === 0xff) this.utf16 = new TextDecoder('utf-16be');
    }
    if (this.utf16 !== undefined) return this.utf16.decode(chunk, { stream: true });
    const bytes = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    // Lines end at LF, or at CR in files that use CR alone ("CSV (Macintosh)").
    let end = bytes.lastIndexOf(0x0a) + 1;
    if (end === 0) end = bytes.lastIndexOf(0x0d) + 1;
    this.pending = bytes.slice(end);
    return this.lines(bytes.subarray(0, end));
  }

  /** The rest: a last line without a line break. */
  end(): string {
    if (this.utf16 !== undefined) return this.utf16.decode();
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    return this.lines(rest);
  }

  private lines(bytes: Uint8Array): string {
    try {
      return this.strict.decode(bytes); // the common case: every line valid
    } catch {
      let out = '';
      for (let start = 0; start < bytes.length; ) {
        let stop = start;
        while (stop < bytes.length && bytes[stop] !== 0x0a && !(bytes[stop] === 0x0d && bytes[stop + 1] !== 0x0a)) stop++;
        stop = Math.min(bytes.length, stop + 1);
        let line = bytes.subarray(start, stop);
        try {
          out += this.strict.decode(line);
        } catch {
          // A UTF-8 byte-order mark before a line that is not UTF-8 is still no text.
          if (line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
          // Not TextDecoder('windows-1252'): Node 20.18.3+ decodes it as Latin-1 (€ – “ ” become C1 controls).
          out += decodeWindows1252(line);
        }
        start = stop;
      }
      return out;
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
