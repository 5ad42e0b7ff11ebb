// Telling the new text of an email reply from the earlier messages it quotes. Mail clients mark the
// quote differently; each rule below names the client it comes from. Everything is line-based and
// linear: no regex runs on more than one line, and lines longer than MAX_LINE are never markers.
import { htmlToText } from './_html-text.js';

const MAX_LINE = 1000;

/** The new text and the quoted rest; `quoted` is undefined when no quote was found. */
export interface QuoteSplit {
  readonly text: string;
  readonly quoted?: string;
}

// "On <date>, <name> wrote:" (Gmail, Apple Mail, Thunderbird) and its translations ("Am …
// schrieb <name>:" puts the name after the verb): an opening word, a verb, a final colon.
const ATTRIBUTION_START = /^(?:on|le|am|el|em|il|op|den|w dniu)\s/i;
const ATTRIBUTION_VERBS = ['wrote', 'a écrit', 'schrieb', 'escribió', 'escreveu', 'ha scritto', 'schreef', 'skrev', 'napisał'];
// "-----Original Message-----" (Outlook, Yahoo "----- Original Message -----", Thunderbird) and translations.
const ORIGINAL_MESSAGE =
  /^-{2,}\s?(?:original message|mensaje original|message d'origine|ursprüngliche nachricht|mensagem original|messaggio originale|oorspronkelijk bericht)\s?-{2,}$/i;
// Outlook's header block: "From: …" then within a few lines "Sent: …" (or "Date: …").
const HEADER_FROM = /^\*?(?:from|de|von|van|da|från)\s?:/i;
const HEADER_SENT = /^\*?(?:sent|date|enviado|envoyé|gesendet|verzonden|inviato|data|skickat)\s?:/i;
const UNDERSCORES = /^_{10,}$/;

function isQuoteLine(line: string): boolean {
  return line.trimStart().startsWith('>');
}

function isOnWrote(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > MAX_LINE || !t.endsWith(':') || !ATTRIBUTION_START.test(t)) return false;
  const lower = t.toLowerCase();
  return ATTRIBUTION_VERBS.some((verb) => lower.includes(verb));
}

/** Where the quote starts, and whether everything after it is quote (`all`) or only a `>` block. */
function findBoundary(lines: readonly string[]): { index: number; kind: 'all' | 'block'; headerLines: number } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.trim();
    if (t.length === 0 || t.length > MAX_LINE) continue;
    if (ORIGINAL_MESSAGE.test(t)) return { index: i, kind: 'all', headerLines: 0 };
    if (HEADER_FROM.test(t)) {
      for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
        const next = lines[j]!.trim();
        if (next.length <= MAX_LINE && HEADER_SENT.test(next)) {
          const start = i > 0 && UNDERSCORES.test(lines[i - 1]!.trim()) ? i - 1 : i;
          return { index: start, kind: 'all', headerLines: 0 };
        }
      }
    }
    if (UNDERSCORES.test(t) && i + 1 < lines.length && HEADER_FROM.test(lines[i + 1]!.trim())) continue;
    if (isOnWrote(line)) return { index: i, kind: 'block', headerLines: 1 };
    // Gmail wraps a long attribution: "On …, Name <a@b.c>" / "wrote:".
    const next = lines[i + 1];
    if (next !== undefined && ATTRIBUTION_START.test(t) && next.trim().length <= 40 && isOnWrote(`${t} ${next.trim()}`)) {
      return { index: i, kind: 'block', headerLines: 2 };
    }
    if (isQuoteLine(line)) return { index: i, kind: 'block', headerLines: 0 };
  }
  return undefined;
}

function join(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines
    .slice(start, end)
    .map((l) => l.trimEnd())
    .join('\n');
}

/**
 * Split a plain-text email body into the new text and the quoted earlier message(s).
 *
 * - `-----Original Message-----` (Outlook, Yahoo) or an Outlook `From:`/`Sent:` header block: all
 *   that follows is quote.
 * - `On … wrote:` (Gmail, Apple Mail, Thunderbird; also wrapped over two lines) or `>` lines: the
 *   attribution plus the `>` block is the quote; text after the block (a bottom-posted or
 *   interleaved reply) stays in the new text.
 */
export function splitQuotedText(body: string): QuoteSplit {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const boundary = findBoundary(lines);
  if (boundary === undefined) return { text: join(lines) };
  const before = lines.slice(0, boundary.index);
  if (boundary.kind === 'all') return { text: join(before), quoted: join(lines.slice(boundary.index)) };
  let end = boundary.index + boundary.headerLines;
  while (end < lines.length && (isQuoteLine(lines[end]!) || lines[end]!.trim() === '')) end++;
  const after = lines.slice(end);
  const text = join([...before, ...(after.some((l) => l.trim() !== '') ? ['', ...after] : [])]);
  return { text, quoted: join(lines.slice(boundary.index, end)) };
}

/** Attribute/class markers that open the quoted part of an HTML reply, by client. */
const HTML_MARKERS: readonly string[] = [
  'gmail_quote', // Gmail: <div class="gmail_quote">
  'type="cite"', // Apple Mail: <blockquote type="cite">
  'yahoo_quoted', // Yahoo: <div class="yahoo_quoted">
  'id="divrplyfwdmsg"', // Outlook on the web
  'id="appendonsend"', // Outlook: the end of the new content
  'moz-cite-prefix', // Thunderbird: <div class="moz-cite-prefix">
  'id="stopspelling"', // older Outlook: <hr id="stopSpelling">
  'outlookmessageheader', // older Outlook: <div id="OutlookMessageHeader">
];

/**
 * Split an HTML email body: cut at the first tag carrying a client's quote marker and read both
 * halves as text; without a marker, read it as text and split that.
 */
export function splitQuotedHtml(html: string): QuoteSplit {
  // ASCII case only (the markers are ASCII): a full toLowerCase lengthens some letters ('İ' becomes
  // two code units), and the positions found in `lower` cut `html`.
  const lower = html.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  let cut = -1;
  for (const marker of HTML_MARKERS) {
    // The last '<' and '>' before the marker, found by a scan that only moves forward: looking back
    // from each hit (lastIndexOf) cost the length of the body per hit when no '<' is near.
    let from = 0;
    let scanned = 0;
    let open = -1;
    let close = -1;
    for (;;) {
      const at = lower.indexOf(marker, from);
      if (at < 0) break;
      for (; scanned <= at; scanned++) {
        const c = lower.charCodeAt(scanned);
        if (c === 0x3c) open = scanned;
        else if (c === 0x3e) close = scanned;
      }
      if (open >= 0 && open > close) {
        if (cut < 0 || open < cut) cut = open;
        break;
      }
      from = at + marker.length;
    }
  }
  if (cut < 0) return splitQuotedText(htmlToText(html));
  const text = htmlToText(html.slice(0, cut));
  const quoted = htmlToText(html.slice(cut));
  return quoted.length > 0 ? { text, quoted } : { text };
}
