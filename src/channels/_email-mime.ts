// A synchronous reader for the common shapes of email, giving exactly what postal-mime's `parse`
// gives for them. postal-mime is asynchronous line by line and joins every part's content through a
// Blob, which costs far more than the reading itself; most mail is a text part, or a
// multipart/alternative (or mixed/related) of text/plain and text/html parts. For those this reader
// follows postal-mime's own algorithm (line splitting, boundary matching, header unfolding, first
// content header wins, transfer decoding, charset decoding, how text parts are joined) and uses
// postal-mime's exported `addressParser` and `decodeWords` for addresses and encoded words. Anything
// else (attachments, other part types, format=flowed, header parameters beyond charset/boundary, a
// Content-Disposition other than a bare `inline`, comments, unusual charsets, non-string input) is
// declined: undefined, and postal-mime parses it.
// The test suite compares both on every fixture and on generated messages.
import type { Address, Attachment, Email, Header, HeaderLine } from 'postal-mime';
import { hexNibble } from '../internal/hex.js';
import { decodeWindows1252, isWindows1252Label, repairWindows1252 } from '../internal/windows-1252.js';
import { declaresWindows1252, rewriteWindows1252Words } from './_email-windows-1252.js';

/** postal-mime's exported helpers, passed in (postal-mime is loaded lazily). */
export interface MimeHelpers {
  addressParser(value: string): Address[];
  decodeWords(value: string): string;
}

/** Longest message read here: its header bytes (at most 3 per character) stay far below postal-mime's limit. */
const MAX_LENGTH = 300_000;
/** Deepest multipart nesting read here. */
const MAX_DEPTH = 8;

/** Thrown inside the reader when the message is not one of the shapes it reads; never escapes. */
class Declined {}
const DECLINED = new Declined();

/**
 * Charset labels (as written, trimmed and lower-cased) that postal-mime's getDecoder resolves to
 * `new TextDecoder(label)` (WHATWG labels of UTF-8, windows-1252 and ISO-8859-15).
 */
const CHARSETS: ReadonlySet<string> = new Set([
  'utf-8', 'utf8', 'unicode-1-1-utf-8',
  'us-ascii', 'ascii', 'iso-8859-1', 'iso8859-1', 'iso88591', 'iso_8859-1', 'latin1', 'l1', 'windows-1252', 'cp1252', 'x-cp1252',
  'iso-8859-15', 'iso8859-15', 'iso885915', 'iso_8859-15', 'l9',
]);

/** Decodes a part's bytes in its charset. */
type Decode = (bytes: Uint8Array) => string;

const decoders = new Map<string, Decode>();
let encoder: TextEncoder | undefined;

/**
 * The decoder of a charset read here. windows-1252 and the labels WHATWG maps to it use the fixed
 * table of internal/windows-1252.ts, not TextDecoder: several runtimes decode them as Latin-1.
 */
function decoderFor(charset: string | undefined): Decode {
  const label = (charset || 'utf8').trim().toLowerCase();
  if (!CHARSETS.has(label)) throw DECLINED;
  let decode = decoders.get(label);
  if (decode === undefined) {
    if (isWindows1252Label(label)) decode = decodeWindows1252;
    else {
      const decoder = new TextDecoder(label);
      decode = (bytes) => decoder.decode(bytes);
    }
    decoders.set(label, decode);
  }
  return decode;
}

function utf8(text: string): Uint8Array {
  return (encoder ??= new TextEncoder()).encode(text);
}

/** `String.prototype.isWellFormed` where the runtime has it (ES2024), native and much faster than a loop. */
const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** A well-formed UTF-16 string (no lone surrogate): its UTF-8 round trip is itself. */
function isWellFormed(text: string): boolean {
  if (nativeIsWellFormed !== undefined) return nativeIsWellFormed.call(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false;
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

const isWsp = (c: number): boolean => c === 0x20 || c === 0x09;

/** postal-mime's trimWsp: SP and HTAB only. */
function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isWsp(text.charCodeAt(start))) start++;
  while (end > start && isWsp(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Token characters (RFC 2045) allowed in the types and parameter values read here. */
function isTokenChar(c: number): boolean {
  return c > 0x20 && c < 0x7f && c !== 0x22 && c !== 0x28 && c !== 0x29 && c !== 0x2c && c !== 0x2f && c !== 0x3a && c !== 0x3b && c !== 0x3c && c !== 0x3d && c !== 0x3e && c !== 0x3f && c !== 0x40 && c !== 0x5b && c !== 0x5c && c !== 0x5d;
}

/** A structured header (Content-Type, Content-Disposition) as postal-mime's parseStructuredHeader gives it. */
interface Structured {
  /** Lower-cased value before the first `;` (`text/plain`, `attachment`). */
  readonly value: string;
  /** Parameters by lower-cased name, first occurrence kept, RFC 2231 sections joined. */
  readonly params: ReadonlyMap<string, string>;
}

const NO_PARAMS: ReadonlyMap<string, string> = new Map();
const TEXT_PLAIN: Structured = { value: 'text/plain', params: NO_PARAMS };
const NO_DISPOSITION: Structured = { value: '', params: NO_PARAMS };

/** A character of an unquoted value read here: printable ASCII except separators and comment or quote marks. */
function isValueChar(c: number): boolean {
  return c > 0x20 && c < 0x7f && c !== 0x22 && c !== 0x28 && c !== 0x29 && c !== 0x3b && c !== 0x5c;
}

/**
 * A structured header value of the plain grammar `value *( ; name=value )`: names are tokens, values
 * unquoted runs or quoted strings without backslashes, no comments. For those, the result of postal-mime's
 * parseStructuredHeader (first occurrence of a parameter wins; RFC 2231 sections are joined as its
 * decodeParameterValueContinuations joins them). Anything else is declined.
 */
function parseStructured(text: string, typed: boolean): Structured {
  const n = text.length;
  let i = 0;
  const skipWsp = (): void => {
    while (i < n && isWsp(text.charCodeAt(i))) i++;
  };
  skipWsp();
  const valueStart = i;
  while (i < n && isValueChar(text.charCodeAt(i))) i++;
  const value = text.slice(valueStart, i).toLowerCase();
  if (typed) {
    // type/subtype: one slash, both sides non-empty token characters.
    const slash = value.indexOf('/');
    if (slash <= 0 || slash === value.length - 1 || value.indexOf('/', slash + 1) >= 0) throw DECLINED;
    for (let k = 0; k < value.length; k++) if (k !== slash && !isTokenChar(value.charCodeAt(k))) throw DECLINED;
  } else {
    for (let k = 0; k < value.length; k++) if (!isTokenChar(value.charCodeAt(k))) throw DECLINED;
  }
  const params = new Map<string, string>();
  skipWsp();
  while (i < n) {
    if (text.charCodeAt(i) !== 0x3b) throw DECLINED;
    i++;
    skipWsp();
    if (i === n) break; // a trailing `;`
    const nameStart = i;
    while (i < n && isTokenChar(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i).toLowerCase();
    skipWsp();
    if (name.length === 0 || name === '__proto__' || text.charCodeAt(i) !== 0x3d) throw DECLINED;
    i++;
    skipWsp();
    let param: string;
    if (text.charCodeAt(i) === 0x22) {
      const close = text.indexOf('"', i + 1);
      if (close < 0) throw DECLINED;
      param = text.slice(i + 1, close);
      for (let k = 0; k < param.length; k++) {
        const c = param.charCodeAt(k);
        if (c < 0x20 || c === 0x5c || c === 0x7f) throw DECLINED;
      }
      i = close + 1;
    } else {
      const start = i;
      while (i < n && isValueChar(text.charCodeAt(i))) i++;
      param = text.slice(start, i);
    }
    skipWsp();
    if (!params.has(name)) params.set(name, param);
  }
  return { value, params: joinContinuations(params) };
}

/** postal-mime's decodeParameterValueContinuations (RFC 2231 `name*`, `name*0`, `name*1*`, ...). */
function joinContinuations(params: Map<string, string>): Map<string, string> {
  let sections: Map<string, { charset: string | null; values: { nr: number; value: string; encoded: boolean }[] }> | undefined;
  for (const [key, raw] of [...params]) {
    const match = /\*((\d+)\*?)?$/.exec(key);
    if (match === null) continue;
    const actual = key.slice(0, match.index);
    const nr = Number(match[2]) || 0;
    sections ??= new Map();
    let entry = sections.get(actual);
    if (entry === undefined) {
      entry = { charset: null, values: [] };
      sections.set(actual, entry);
    }
    let value = raw;
    const encoded = match[0].charAt(match[0].length - 1) === '*';
    const charsetMatch = nr === 0 && encoded ? /^([^']*)'[^']*'(.*)$/.exec(value) : null;
    if (charsetMatch !== null) {
      entry.charset = charsetMatch[1] || 'utf-8';
      value = charsetMatch[2]!;
    }
    entry.values.push({ nr, value, encoded });
    params.delete(key);
  }
  if (sections === undefined) return params;
  for (const [key, entry] of sections) {
    let result = '';
    let pending = '';
    for (const part of entry.values.sort((a, b) => a.nr - b.nr)) {
      if (part.encoded) {
        pending += part.value;
        continue;
      }
      if (pending) {
        result += percentDecode(pending, entry.charset);
        pending = '';
      }
      result += part.value;
    }
    if (pending) result += percentDecode(pending, entry.charset);
    if (key === '__proto__') throw DECLINED;
    params.delete(key);
    params.set(key, result);
  }
  return params;
}

/** postal-mime's decodeURIComponentWithCharset, for the charsets read here. */
function percentDecode(encoded: string, charset: string | null): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    const high = c === 0x25 ? hexNibble(encoded.charCodeAt(i + 1)) : -1;
    const low = high >= 0 ? hexNibble(encoded.charCodeAt(i + 2)) : -1;
    if (low >= 0) {
      bytes.push((high << 4) | low);
      i += 2;
    } else if (c > 126) {
      for (const b of utf8(encoded.charAt(i))) bytes.push(b);
    } else {
      bytes.push(c);
    }
  }
  return decoderFor(charset || 'utf-8')(Uint8Array.from(bytes));
}

type Decoding = 'plain' | 'base64' | 'qp';

class Node {
  readonly children: Node[] = [];
  readonly headerLines: string[] = [];
  readonly bodyLines: string[] = [];
  readonly headers: Header[] = [];
  readonly rawHeaderLines: HeaderLine[] = [];
  state: 'header' | 'body' | 'finished' = 'header';
  finalizedChildren = 0;
  type: Structured = TEXT_PLAIN;
  disposition: Structured = NO_DISPOSITION;
  contentId: string | undefined;
  description: string | undefined;
  multipart: string | false = false;
  decoding: Decoding = 'plain';
  /** The decoded content bytes, set when finished. */
  content: Uint8Array | undefined;

  constructor(
    readonly parent: Node | undefined,
    readonly depth: number,
  ) {
    if (depth > MAX_DEPTH) throw DECLINED;
    parent?.children.push(this);
  }
}

/** One reading of a message: the node tree, the open boundaries, the current node. */
class Reader {
  readonly root = new Node(undefined, 0);
  current: Node = this.root;
  readonly boundaries: { readonly value: string; readonly node: Node }[] = [];

  line(line: string): void {
    const boundaries = this.boundaries;
    if (boundaries.length > 0 && line.length > 2 && line.charCodeAt(0) === 0x2d && line.charCodeAt(1) === 0x2d) {
      for (let b = boundaries.length - 1; b >= 0; b--) {
        const boundary = boundaries[b]!;
        const v = boundary.value;
        if (line.length < v.length + 2 || !line.startsWith(v, 2)) continue;
        let end = v.length + 2;
        let terminator = false;
        if (line.length >= v.length + 4 && line.charCodeAt(v.length + 2) === 0x2d && line.charCodeAt(v.length + 3) === 0x2d) {
          terminator = true;
          end = v.length + 4;
        }
        let trailing = true;
        for (let k = end; k < line.length; k++) {
          if (!isWsp(line.charCodeAt(k))) {
            trailing = false;
            break;
          }
        }
        if (!trailing) continue;
        if (terminator) {
          this.finalize(boundary.node);
          this.current = boundary.node.parent ?? this.root;
        } else {
          this.finalizeChildren(boundary.node);
          this.current = new Node(boundary.node, boundary.node.depth + 1);
        }
        return;
      }
    }
    this.feed(this.current, line);
  }

  feed(node: Node, line: string): void {
    if (node.state === 'header') {
      if (line.length === 0) {
        node.state = 'body';
        this.processHeaders(node);
        return;
      }
      node.headerLines.push(line);
    } else if (node.state === 'body') {
      node.bodyLines.push(line);
    }
  }

  finalize(node: Node): void {
    if (node.state === 'finished') return;
    if (node.state === 'header') this.processHeaders(node);
    for (let b = this.boundaries.length - 1; b >= 0; b--) {
      if (this.boundaries[b]!.node === node) {
        this.boundaries.splice(b, 1);
        break;
      }
    }
    this.finalizeChildren(node);
    node.content = decodeContent(node.decoding, node.bodyLines);
    node.state = 'finished';
  }

  finalizeChildren(node: Node): void {
    while (node.finalizedChildren < node.children.length) this.finalize(node.children[node.finalizedChildren++]!);
  }

  /** postal-mime's processHeaders, for the content headers read here. */
  processHeaders(node: Node): void {
    const folded: string[][] = [];
    for (const line of node.headerLines) {
      const last = folded[folded.length - 1];
      if (last !== undefined && isWsp(line.charCodeAt(0))) last.push(line);
      else folded.push([line]);
    }
    const seen = new Set<string>();
    let contentType: string | undefined;
    let transferEncoding: string | undefined;
    let disposition: string | undefined;
    for (const parts of folded) {
      const single = parts.length === 1;
      const rawLine = single ? parts[0]! : parts.join('\n');
      let sep = rawLine.indexOf(':');
      node.rawHeaderLines.push({ key: trimWsp(sep < 0 ? rawLine : rawLine.slice(0, sep)).toLowerCase(), line: rawLine });
      const unfolded = single ? rawLine : parts.join('');
      sep = unfolded.indexOf(':');
      const key = trimWsp(sep < 0 ? unfolded : unfolded.slice(0, sep));
      let rest = sep < 0 ? '' : unfolded.slice(sep + 1);
      // Lines hold no LF; a CR is rare: the regex only runs when there is one.
      if (rest.indexOf('\r') >= 0) rest = rest.replace(/[\r\n]+/g, ' ');
      const value = sep < 0 ? '' : trimWsp(rest);
      const lowerKey = key.toLowerCase();
      node.headers.push({ key: lowerKey, originalKey: key, value });
      // The first of each content header decides, as in postal-mime.
      if (seen.has(lowerKey)) continue;
      switch (lowerKey) {
        case 'content-type':
          contentType = value;
          break;
        case 'content-transfer-encoding':
          transferEncoding = value;
          break;
        case 'content-disposition':
          disposition = value;
          break;
        case 'content-id':
          node.contentId = value;
          break;
        case 'content-description':
          node.description = value;
          break;
        default:
          continue;
      }
      seen.add(lowerKey);
    }
    node.type = contentType !== undefined ? parseStructured(contentType, true) : TEXT_PLAIN;
    node.disposition = disposition !== undefined ? parseStructured(disposition, false) : NO_DISPOSITION;
    const type = node.type.value;
    if (type.startsWith('multipart/')) {
      // A digest's parts default to message/rfc822: not read here.
      if (type === 'multipart/digest') throw DECLINED;
      node.multipart = type.slice(type.indexOf('/') + 1);
      const boundary = node.type.params.get('boundary');
      if (boundary === undefined || boundary.length === 0) throw DECLINED;
      for (let k = 0; k < boundary.length; k++) {
        const c = boundary.charCodeAt(k);
        if (c < 0x20 || c > 0x7e) throw DECLINED;
      }
      this.boundaries.push({ value: boundary, node });
    } else if (type === 'text/calendar' || type === 'application/ics') {
      throw DECLINED; // postal-mime rewrites calendar content
    }
    const encoding = transferEncoding ?? '8bit';
    for (let k = 0; k < encoding.length; k++) {
      const c = encoding.charCodeAt(k);
      if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d)) throw DECLINED;
    }
    const lower = encoding.toLowerCase();
    node.decoding = lower.includes('base64') ? 'base64' : lower.includes('quoted-printable') ? 'qp' : 'plain';
  }
}

/** The content bytes of a part, as postal-mime's pass-through, base64 and quoted-printable decoders give them. */
function decodeContent(decoding: Decoding, lines: readonly string[]): Uint8Array {
  if (decoding === 'plain') return lines.length === 0 ? new Uint8Array(0) : utf8(`${lines.join('\n')}\n`);
  if (decoding === 'qp') return decodeQuotedPrintable(lines);
  return decodeBase64Lines(lines);
}

/** postal-mime's QPDecoder over the UTF-8 bytes of each line. */
function decodeQuotedPrintable(lines: readonly string[]): Uint8Array {
  let out = new Uint8Array(1024);
  let length = 0;
  const reserve = (more: number): void => {
    if (length + more <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, length + more));
    bigger.set(out.subarray(0, length));
    out = bigger;
  };
  for (const text of lines) {
    const line = utf8(text);
    let len = line.length;
    const softBreak = len > 0 && line[len - 1] === 0x3d;
    if (softBreak) len--;
    reserve(len + 1);
    let literalStart = 0;
    for (let i = 0; i < len; i++) {
      if (line[i] !== 0x3d || i + 2 >= len) continue;
      const high = hexNibble(line[i + 1]);
      const low = hexNibble(line[i + 2]);
      if (high < 0 || low < 0) continue;
      out.set(line.subarray(literalStart, i), length);
      length += i - literalStart;
      out[length++] = (high << 4) | low;
      i += 2;
      literalStart = i + 1;
    }
    out.set(line.subarray(literalStart, len), length);
    length += len - literalStart;
    if (!softBreak) out[length++] = 0x0a;
  }
  return out.subarray(0, length);
}

const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 character values by char code: 0–63, `EQUALS` for `=`, `JUNK` for anything else; made on first use. */
let base64Table: Int8Array | undefined;
const EQUALS = -2;
const JUNK = -1;

/**
 * postal-mime's Base64Decoder, streamed. postal-mime removes every character outside `[a-z0-9+/=]`
 * (case-insensitive) from each line, splits it at runs of `=`, appends the pieces to a pending unit,
 * decodes the unit whenever a run of `=` ends it (and in aligned chunks when it grows long), and
 * decodes what is left at the end; its decodeBase64 turns each group of four characters into three
 * bytes, a final group of three into two, of two into one, and drops a final single character.
 * Groups are independent, so the same bytes come out of one pass: characters are gathered four at a
 * time, a run of `=` (or the end) closes the unit and its partial group, other characters are skipped.
 */
function decodeBase64Lines(lines: readonly string[]): Uint8Array {
  const table = (base64Table ??= Int8Array.from({ length: 128 }, (_, c) => (c === 0x3d ? EQUALS : BASE64_CHARS.indexOf(String.fromCharCode(c)))));
  // One flat string (line breaks are skipped like any other character outside the alphabet): reading
  // it is much faster than reading the lines, which are slices of the message.
  const text = lines.join('\n');
  const n = text.length;
  const data = new Uint8Array(((n >> 2) + 1) * 3);
  let p = 0;
  let group = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? table[c]! : JUNK;
    if (v >= 0) {
      group = (group << 6) | v;
      if (++count === 4) {
        data[p++] = group >> 16;
        data[p++] = (group >> 8) & 0xff;
        data[p++] = group & 0xff;
        group = 0;
        count = 0;
      }
    } else if (v === EQUALS && count > 0) {
      p = closeGroup(data, p, group, count);
      group = 0;
      count = 0;
    }
  }
  if (count > 0) p = closeGroup(data, p, group, count);
  return data.subarray(0, p);
}

/** Write the bytes of a unit's last, partial group of `count` (1–3) characters; the position after them. */
function closeGroup(data: Uint8Array, p: number, group: number, count: number): number {
  if (count === 2) data[p++] = (group >> 4) & 0xff;
  else if (count === 3) {
    data[p++] = (group >> 10) & 0xff;
    data[p++] = (group >> 2) & 0xff;
  }
  return p;
}

/** The lines of a message as postal-mime's readLine cuts them: at LF, trailing CRs (and LFs) dropped. */
function splitLines(raw: string): string[] {
  const lines: string[] = [];
  let start = 0;
  const n = raw.length;
  while (start < n) {
    let nl = raw.indexOf('\n', start);
    const last = nl < 0;
    if (last) nl = n;
    let end = nl;
    while (end > start && raw.charCodeAt(end - 1) === 0x0d) end--;
    lines.push(raw.slice(start, end));
    start = nl + 1;
    if (last) break;
  }
  return lines;
}

interface TextEntry {
  plain?: string[];
  html?: string[];
}

/** What postal-mime collects from the part tree: the joined text bodies and the attachments. */
interface Collected {
  readonly plain?: string;
  readonly html?: string;
  readonly attachments: Attachment[];
}

/** Report parts make postal-mime keep message/rfc822 parts as attachments (hasReportParts). */
function hasReportParts(node: Node): boolean {
  if (node.multipart === false && (node.type.value === 'message/delivery-status' || node.type.value === 'message/feedback-report')) return true;
  for (const child of node.children) if (hasReportParts(child)) return true;
  return false;
}

/** A copy of the bytes as their own ArrayBuffer (what postal-mime's Blob gives). */
function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}

/**
 * postal-mime's collectNode and renderTextContent: text parts grouped under their closest enclosing
 * multipart/alternative (or themselves), everything else an attachment. Declined when a message/rfc822
 * part would be parsed inline, or when a group lacks one of the message's text types (postal-mime would
 * convert between text and HTML).
 */
function collect(root: Node, mime: MimeHelpers): Collected {
  const forceRfc822 = hasReportParts(root);
  const groups = new Map<Node, TextEntry>();
  const types = new Set<'plain' | 'html'>();
  const attachments: Attachment[] = [];
  const walk = (node: Node, alternative: Node | undefined, related: boolean): void => {
    if (node.multipart === false) {
      const type = node.type.value;
      const disposition = node.disposition.value;
      if (!forceRfc822 && type === 'message/rfc822' && (disposition || 'inline') === 'inline') throw DECLINED;
      if (disposition !== 'attachment' && (type === 'text/plain' || type === 'text/html')) {
        if (/^flowed$/i.test(node.type.params.get('format') ?? '')) throw DECLINED;
        const textType = type === 'text/html' ? 'html' : 'plain';
        const selector = alternative ?? node;
        let entry = groups.get(selector);
        if (entry === undefined) {
          entry = {};
          groups.set(selector, entry);
        }
        (entry[textType] ??= []).push(decoderFor(node.type.params.get('charset'))(node.content ?? new Uint8Array(0)));
        types.add(textType);
      } else {
        const filename = node.disposition.params.get('filename') || node.type.params.get('name') || null;
        // postal-mime's field order: content last.
        const attachment = { filename: filename ? mime.decodeWords(filename) : null, mimeType: type, disposition: disposition || null } as Attachment;
        if (related && node.contentId) attachment.related = true;
        if (node.description) attachment.description = mime.decodeWords(node.description);
        if (node.contentId) attachment.contentId = node.contentId;
        attachment.content = arrayBufferOf(node.content ?? new Uint8Array(0));
        attachments.push(attachment);
      }
      return;
    }
    const inner = node.multipart === 'alternative' ? node : alternative;
    const innerRelated = related || node.multipart === 'related';
    for (const child of node.children) walk(child, inner, innerRelated);
  };
  walk(root, undefined, false);
  const out: { plain?: string[]; html?: string[] } = {};
  for (const entry of groups.values()) {
    for (const type of types) {
      const own = entry[type];
      if (own === undefined) throw DECLINED;
      const into = (out[type] ??= []);
      for (const x of own) into.push(x);
    }
  }
  const collected: { plain?: string; html?: string; attachments: Attachment[] } = { attachments };
  if (out.plain !== undefined) collected.plain = out.plain.join('\n');
  if (out.html !== undefined) collected.html = out.html.join('\n');
  return collected;
}

const ADDRESS_LISTS = [
  ['to', 'to'],
  ['cc', 'cc'],
  ['bcc', 'bcc'],
  ['reply-to', 'replyTo'],
] as const;
const DECODED = [
  ['subject', 'subject'],
  ['message-id', 'messageId'],
  ['in-reply-to', 'inReplyTo'],
  ['references', 'references'],
] as const;

/** postal-mime's buildMessage over the root headers and the collected text. */
function buildEmail(root: Node, text: Collected, mime: MimeHelpers): Email {
  const headers = root.headers;
  const first = (key: string): Header | undefined => headers.find((h) => h.key === key);
  // Fields in postal-mime's order (headers, from, sender, deliveredTo, returnPath, to, ..., date, html, text, attachments, headerLines).
  const ordered: Record<string, unknown> = { headers: headers.map((h) => ({ key: h.key, originalKey: h.originalKey, value: h.value })) };
  for (const key of ['from', 'sender'] as const) {
    const h = first(key);
    if (h !== undefined && h.value) {
      const addresses = mime.addressParser(h.value);
      if (addresses.length > 0) ordered[key] = addresses[0];
    }
  }
  for (const [key, field] of [['delivered-to', 'deliveredTo'], ['return-path', 'returnPath']] as const) {
    const h = first(key);
    if (h !== undefined && h.value) {
      const addresses = mime.addressParser(h.value);
      const address = addresses[0]?.address;
      if (addresses.length > 0 && address) ordered[field] = address;
    }
  }
  for (const [key, field] of ADDRESS_LISTS) {
    const addresses: Address[] = [];
    for (const h of headers) if (h.key === key && h.value) for (const a of mime.addressParser(h.value)) addresses.push(a);
    if (addresses.length > 0) ordered[field] = addresses;
  }
  for (const [key, field] of DECODED) {
    const h = first(key);
    if (h !== undefined && h.value) ordered[field] = mime.decodeWords(h.value);
  }
  const dateHeader = first('date');
  if (dateHeader !== undefined) {
    const date = new Date(dateHeader.value);
    ordered['date'] = date.toString() === 'Invalid Date' ? dateHeader.value : date.toISOString();
  }
  if (text.html) ordered['html'] = text.html;
  if (text.plain) ordered['text'] = text.plain;
  ordered['attachments'] = text.attachments;
  ordered['headerLines'] = root.rawHeaderLines.slice();
  return ordered as Email;
}

/**
 * `PostalMime.parse(raw)` for the shapes read here (see the top of this file), or undefined: then
 * postal-mime must parse it.
 */
export function readSimpleEmail(raw: string, mime: MimeHelpers): Email | undefined {
  if (raw.length === 0 || raw.length > MAX_LENGTH || !isWellFormed(raw)) return undefined;
  try {
    const reader = new Reader();
    for (const line of splitLines(raw)) reader.line(line);
    reader.finalize(reader.root);
    // postal-mime treats report parts (delivery-status, feedback) specially; none reach here (declined types).
    return buildEmail(reader.root, collect(reader.root, mime), mime);
  } catch {
    // Declined (or anything unexpected): postal-mime reads it, so the result is postal-mime's either way.
    return undefined;
  }
}

let exactUtf8: TextDecoder | undefined;

/**
 * The text of UTF-8 bytes when they are valid UTF-8 (a leading BOM kept), so that reading the text
 * is reading the bytes; undefined otherwise (8-bit charsets, broken bytes: postal-mime reads those).
 */
export function decodeExactUtf8(bytes: Uint8Array): string | undefined {
  if (bytes.length > MAX_LENGTH * 3) return undefined;
  try {
    return (exactUtf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * postal-mime's addressParser and decodeWords with encoded words in a windows-1252 label decoded from
 * the fixed table (see internal/windows-1252.ts): postal-mime decodes them with TextDecoder, which several
 * runtimes read as Latin-1.
 */
export function windows1252Helpers(mime: MimeHelpers): MimeHelpers {
  return {
    addressParser: (value) => {
      const addresses = mime.addressParser(value);
      const rewritten = rewriteWindows1252Words(value);
      // Only display names are decoded: an address that is the raw text keeps its words as written.
      return rewritten === value ? addresses : withNamesOf(addresses, mime.addressParser(rewritten));
    },
    decodeWords: (value) => mime.decodeWords(rewriteWindows1252Words(value)),
  };
}

/** `addresses` with the display names of `named` (the same list parsed from the rewritten value), where both have the same shape. */
function withNamesOf(addresses: Address[], named: Address[]): Address[] {
  if (named.length !== addresses.length) return addresses;
  return addresses.map((a, i) => {
    const n = named[i]!;
    if (a.group !== undefined) {
      const members = n.group;
      if (members === undefined || members.length !== a.group.length) return a;
      return { ...a, name: n.name, group: a.group.map((m, k) => ({ ...m, name: members[k]!.name })) };
    }
    return { ...a, name: n.name };
  });
}

/**
 * postal-mime's result for a message that names windows-1252 (or a label WHATWG maps to it), put
 * right where postal-mime's TextDecoder read those bytes as Latin-1: the header fields that hold
 * such encoded words are decoded again with `mime` (from {@link windows1252Helpers}), and the
 * C1 control characters of the bodies, attachment names and descriptions become the windows-1252
 * characters of their bytes. postal-mime does not say which part had which charset, so a C1
 * character of a UTF-8 part of the same message is mapped too: C1 characters are controls that
 * no mail client shows, and the HTML parser maps `&#x80;`–`&#x9F;` in the same way. The message
 * itself when it names no windows-1252 label. `raw`: the message, or its bytes read as Latin-1,
 * asked for only when a body has C1 characters (a header's windows-1252 word names the label itself).
 */
export function repairWindows1252Email(email: Email, raw: () => string, mime: MimeHelpers): Email {
  const headers = email.headers;
  const rewritten = (key: string): boolean => headers.some((h) => h.key === key && rewriteWindows1252Words(h.value) !== h.value);
  const fixed: Record<string, unknown> = { ...email };
  for (const key of ['from', 'sender'] as const) {
    const h = headers.find((x) => x.key === key);
    if (h === undefined || !h.value || !rewritten(key)) continue;
    const addresses = mime.addressParser(h.value);
    if (addresses.length > 0) fixed[key] = addresses[0];
  }
  for (const [key, field] of ADDRESS_LISTS) {
    if (!rewritten(key)) continue;
    const addresses: Address[] = [];
    for (const h of headers) if (h.key === key && h.value) for (const a of mime.addressParser(h.value)) addresses.push(a);
    if (addresses.length > 0) fixed[field] = addresses;
  }
  for (const [key, field] of DECODED) {
    const h = headers.find((x) => x.key === key);
    if (h !== undefined && h.value && rewritten(key)) fixed[field] = mime.decodeWords(h.value);
  }
  const text = email.text !== undefined ? repairWindows1252(email.text) : undefined;
  const html = email.html !== undefined ? repairWindows1252(email.html) : undefined;
  const attachments = email.attachments.map((a) => {
    const filename = a.filename !== null ? repairWindows1252(a.filename) : null;
    const description = a.description !== undefined ? repairWindows1252(a.description) : undefined;
    if (filename === a.filename && description === a.description) return a;
    const copy = { ...a, filename };
    if (description !== undefined) copy.description = description;
    return copy;
  });
  // C1 characters are windows-1252 only in a message that names it: the raw text (up to the size
  // limit of an email) is read for the label only when there is something to put right.
  const bodies = text !== email.text || html !== email.html || attachments.some((a, i) => a !== email.attachments[i]);
  if (!bodies || !declaresWindows1252(raw())) return fixed as Email;
  if (text !== undefined) fixed['text'] = text;
  if (html !== undefined) fixed['html'] = html;
  fixed['attachments'] = attachments;
  return fixed as Email;
}
