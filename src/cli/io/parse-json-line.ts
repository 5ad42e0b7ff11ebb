// JSON lines whose long integers stay exact.
//
// Why: exports write 17-digit Messenger PSIDs, Instagram IGSIDs or CRM keys as JSON numbers, and
// JSON.parse rounds any integer beyond 2^53 (`24982647458290178` becomes `24982647458290176`): two
// customers' ids could become one value, and no id would meet the webhooks' own (string) ids.
// Such integers are read as their digits instead, as strings.

const DIGIT_RUN = /\d{16}/;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The end of a JSON string starting at `i` (its opening quote), past the closing quote. */
function endOfString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2; // a backslash escapes the next character
    else if (c === 34) return j + 1;
    else j++;
  }
  return j;
}

/** `text` with every integer literal beyond Number.MAX_SAFE_INTEGER in quotes (outside strings). */
function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i = endOfString(text, i);
      continue;
    }
    if (c !== 45 && !isDigit(c)) {
      i++;
      continue;
    }
    let j = c === 45 ? i + 1 : i;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
    const next = text.charCodeAt(j);
    const integer = next !== 46 && next !== 101 && next !== 69; // no '.', 'e' or 'E' follows
    if (integer && !Number.isSafeInteger(Number(text.slice(i, j)))) {
      out += `${text.slice(copied, i)}"${text.slice(i, j)}"`;
      copied = j;
    }
    // The rest of a number (fraction, exponent) is not a new literal.
    while (j < text.length && /[\d.e+-]/i.test(text.charAt(j))) j++;
    i = j;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * `JSON.parse` of one line, except that an integer too large for a JavaScript number (beyond
 * 2^53 - 1) is read as a string of its digits rather than rounded. Throws JSON.parse's own error on
 * text that is not JSON.
 */
export function parseJsonLine(text: string): unknown {
  if (!DIGIT_RUN.test(text)) return JSON.parse(text);
  const quoted = quoteUnsafeIntegers(text);
  if (quoted === text) return JSON.parse(text);
  try {
    return JSON.parse(quoted);
  } catch {
    return JSON.parse(text); // report the error at its place in the line as it was
  }
}
