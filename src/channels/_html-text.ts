// A small, linear HTML-to-text reader for email bodies: tags dropped, block tags and <br> as line
// breaks, <style>/<script>/<head> contents skipped, common entities decoded. A scan, not regexes, so
// hostile markup costs linear time.

const BLOCK_TAGS = new Set(['br', 'p', 'div', 'li', 'tr', 'table', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'pre', 'ul', 'ol', 'section', 'article', 'header', 'footer']);
const SKIP_TAGS = new Set(['style', 'script', 'head', 'title', 'xml']);
/** How far from its '&' an entity's ';' may be (`&#x10ffff;` is 9): the bound the reader always had. */
const MAX_ENTITY = 10;
const NAMED: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

function tagName(tag: string): { name: string; closing: boolean } {
  let i = 1;
  const closing = tag.charCodeAt(1) === 0x2f; // '/'
  if (closing) i++;
  let name = '';
  for (; i < tag.length; i++) {
    const c = tag[i]!;
    if (c === ' ' || c === '>' || c === '/' || c === '\t' || c === '\n' || c === '\r') break;
    name += c;
  }
  return { name: name.toLowerCase(), closing };
}

function decodeEntity(entity: string): string | undefined {
  const named = NAMED[entity.toLowerCase()];
  if (named !== undefined && Object.prototype.hasOwnProperty.call(NAMED, entity.toLowerCase())) return named;
  if (entity.startsWith('#')) {
    const hex = entity[1] === 'x' || entity[1] === 'X';
    const code = Number.parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10);
    if (Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) return String.fromCodePoint(code);
  }
  return undefined;
}

/**
 * Plain text of an HTML fragment.
 *
 * @example
 * ```ts
 * htmlToText('<p>Hello&nbsp;<b>you</b></p><p>bye</p>'); // 'Hello you\nbye'
 * ```
 */
export function htmlToText(html: string): string {
  let out = '';
  // Whether `out` is empty or ends with a newline followed only by spaces: kept as text is written,
  // so a block tag does not scan back over a run of spaces (quadratic on hostile input).
  let lineStart = true;
  const write = (piece: string): void => {
    out += piece;
    for (let k = piece.length - 1; k >= 0; k--) {
      const ch = piece.charCodeAt(k);
      if (ch === 0x0a) {
        lineStart = true;
        return;
      }
      if (ch !== 0x20) {
        lineStart = false;
        return;
      }
    }
  };
  let skip: string | undefined;
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === '<') {
      if (html.startsWith('<!--', i)) {
        const end = html.indexOf('-->', i + 4);
        i = end < 0 ? html.length : end + 3;
        continue;
      }
      const end = html.indexOf('>', i + 1);
      if (end < 0) break;
      const { name, closing } = tagName(html.slice(i, Math.min(end + 1, i + 64)));
      if (skip !== undefined) {
        if (closing && name === skip) skip = undefined;
      } else if (!closing && SKIP_TAGS.has(name) && html[end - 1] !== '/') {
        skip = name;
      } else if (name === 'br') {
        write('\n');
      } else if (BLOCK_TAGS.has(name) && !lineStart) {
        // A block boundary starts a new line once, however many tags close and open there.
        write('\n');
      }
      i = end + 1;
      continue;
    }
    if (skip !== undefined) {
      i++;
      continue;
    }
    if (c === '&') {
      // The ';' must come within MAX_ENTITY characters: look no further, or a run of '&' without
      // ';' would scan to the end of the text for each one.
      const last = Math.min(html.length - 1, i + MAX_ENTITY);
      let semi = -1;
      for (let j = i + 1; j <= last; j++) {
        if (html.charCodeAt(j) === 0x3b) {
          semi = j;
          break;
        }
      }
      if (semi > i) {
        const decoded = decodeEntity(html.slice(i + 1, semi));
        if (decoded !== undefined) {
          write(decoded);
          i = semi + 1;
          continue;
        }
      }
    }
    write(c === '\r' || c === '\n' || c === '\t' ? ' ' : c);
    i++;
  }
  return tidy(out);
}

/** Collapse runs of spaces, trim every line, keep at most one blank line in a row. */
function tidy(text: string): string {
  const lines: string[] = [];
  let blank = 0;
  for (const raw of text.split('\n')) {
    let line = '';
    let space = false;
    for (const ch of raw) {
      if (ch === ' ' || ch === '\u00a0') {
        space = true;
        continue;
      }
      if (space && line.length > 0) line += ' ';
      space = false;
      line += ch;
    }
    if (line.length === 0) {
      blank++;
      if (blank <= 1 && lines.length > 0) lines.push('');
      continue;
    }
    blank = 0;
    lines.push(line);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
