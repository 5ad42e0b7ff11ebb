// The lines of a JSONL input, as every JSONL reader of the CLI reads them (dedupe, eval, normalize,
// timeline): a UTF-8 byte-order mark before the first line is dropped (Windows tools write one), and
// a line that is not valid UTF-8 is read as Windows-1252 (which reads Latin-1 too), as CSV lines are,
// and flagged so the reader can say so instead of writing U+FFFD in place of its letters.

/** One line of a JSONL input. */
export interface JsonlLine {
  /** 1-based; blank lines count. */
  readonly line: number;
  readonly text: string;
  /** The line was not valid UTF-8 and was read as Windows-1252. */
  readonly notUtf8: boolean;
}

const strict = new TextDecoder('utf-8', { fatal: true });
const fallback = new TextDecoder('windows-1252');

function decode(bytes: Buffer): { text: string; notUtf8: boolean } {
  const text = bytes.toString('utf8');
  // The fast path: U+FFFD appears only where bytes were invalid, or where the text has it itself.
  if (!text.includes('\uFFFD')) return { text, notUtf8: false };
  try {
    return { text: strict.decode(bytes), notUtf8: false };
  } catch {
    return { text: fallback.decode(bytes), notUtf8: true };
  }
}

/**
 * Split `stream` (bytes, or strings as tests and stdin may give) into lines at LF, CRLF or a lone
 * CR (as node:readline does), without ever joining a long line's chunks more than once.
 */
export async function* jsonlLines(stream: NodeJS.ReadableStream | AsyncIterable<unknown>): AsyncGenerator<JsonlLine> {
  let line = 0;
  let parts: Buffer[] = [];
  function* emit(bytes: Buffer): Generator<JsonlLine> {
    let from = 0;
    if (line === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) from = 3;
    for (;;) {
      const cr = bytes.indexOf(0x0d, from);
      const end = cr < 0 ? bytes.length : cr;
      line++;
      yield { line, ...decode(bytes.subarray(from, end)) };
      if (cr < 0 || cr === bytes.length - 1) return; // CRLF: the CR ends the line already read
      from = cr + 1;
    }
  }
  for await (const chunk of stream as AsyncIterable<unknown>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from((chunk as Uint8Array).buffer, (chunk as Uint8Array).byteOffset, (chunk as Uint8Array).byteLength);
    let start = 0;
    for (;;) {
      const lf = bytes.indexOf(0x0a, start);
      if (lf < 0) {
        if (start < bytes.length) parts.push(bytes.subarray(start));
        break;
      }
      const piece = bytes.subarray(start, lf);
      yield* emit(parts.length === 0 ? piece : Buffer.concat([...parts, piece]));
      parts = [];
      start = lf + 1;
    }
  }
  if (parts.length > 0) yield* emit(Buffer.concat(parts));
}
