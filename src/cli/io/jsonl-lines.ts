// The lines of a JSONL input, as every JSONL reader of the CLI reads them (dedupe, eval, normalize,
// timeline): a UTF-8 byte-order mark before the first line is dropped (Windows tools write one), a
// file that starts with a UTF-16 byte-order mark (PowerShell 5's `>`) is read as UTF-16, and a line
// that is not valid UTF-8 is read as Windows-1252 (which reads Latin-1 too), as CSV lines are, and
// flagged so the reader can say so instead of writing U+FFFD in place of its letters.

import { decodeWindows1252 } from '../../internal/windows-1252.js';

/** One line of a JSONL input. */
export interface JsonlLine {
  /** 1-based; blank lines count. */
  readonly line: number;
  readonly text: string;
  /** The line was not valid UTF-8 and was read as Windows-1252. */
  readonly notUtf8: boolean;
}

/** What the readers say of a line that was not valid UTF-8 (after its file and line). */
export const NOT_UTF8 = 'not valid UTF-8 (JSON must be); read as Windows-1252/Latin-1';

const strict = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Buffer): { text: string; notUtf8: boolean } {
  const text = bytes.toString('utf8');
  // The fast path: U+FFFD appears only where bytes were invalid, or where the text has it itself.
  if (!text.includes('\uFFFD')) return { text, notUtf8: false };
  try {
    return { text: strict.decode(bytes), notUtf8: false };
  } catch {
    // Not TextDecoder('windows-1252'): Node 20.18.3+ decodes it as Latin-1 (€ – “ ” become C1 controls).
    return { text: decodeWindows1252(bytes), notUtf8: true };
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
  // UTF-16 (told by its byte-order mark at the very start): decoded as a stream, split as text.
  let utf16: TextDecoder | undefined;
  let rest = '';
  function* emitText(text: string, final: boolean): Generator<JsonlLine> {
    const all = rest + text;
    let from = 0;
    for (let i = 0; i < all.length; i++) {
      const c = all.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      if (c === 0x0d && i === all.length - 1 && !final) break; // its LF may open the next chunk
      line++;
      yield { line, text: all.slice(from, i), notUtf8: false };
      if (c === 0x0d && all.charCodeAt(i + 1) === 0x0a) i++;
      from = i + 1;
    }
    rest = all.slice(from);
    if (final && rest.length > 0) {
      line++;
      yield { line, text: rest, notUtf8: false };
      rest = '';
    }
  }
  // Until two bytes have come, the encoding is not known (a stream may hand them over one by one).
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<unknown>) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from((chunk as Uint8Array).buffer, (chunk as Uint8Array).byteOffset, (chunk as Uint8Array).byteLength);
    if (head !== undefined) {
      bytes = head.length === 0 ? bytes : Buffer.concat([head, bytes]);
      if (bytes.length < 2) {
        head = bytes;
        continue;
      }
      head = undefined;
      if (bytes[0] === 0xff && bytes[1] === 0xfe) utf16 = new TextDecoder('utf-16le');
      else if (bytes[0] === 0xfe && bytes[1] === 0xff) utf16 = new TextDecoder('utf-16be');
    }
    if (utf16 !== undefined) {
      yield* emitText(utf16.decode(bytes, { stream: true }), false);
      continue;
    }
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
  if (head !== undefined && head.length > 0) parts.push(head); // a stream of one byte
  if (utf16 !== undefined) yield* emitText(utf16.decode(), true);
  else if (parts.length > 0) yield* emit(Buffer.concat(parts));
}
