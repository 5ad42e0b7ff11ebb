// Integers beyond 2^53 in JSON text, kept exact. Exports and webhooks write 17-digit Messenger PSIDs,
// Instagram IGSIDs or CRM keys as JSON numbers, and JSON.parse rounds them (24982647458290178
// becomes 24982647458290176): two customers' ids could become one. Such literals are read as
// their digits instead, as strings.

/** A run of 16 digits after what can precede a JSON number: the cheap test before looking closer. */
const BIG_NUMBER_HINT = /(?:^|[:,[\s])-?\d{16}/;

/**
 * `text` with every integer literal outside strings that a double cannot hold exactly (beyond
 * 2^53) written as a string, so that it is read digit for digit.
 */
export function quoteUnsafeIntegers(text: string): string {
  if (!BIG_NUMBER_HINT.test(text)) return text;
  let out = '';
  let from = 0;
  let inString = false;
  // Where a value may stand: after ':', after '[' or after ',' in an array, or first of all.
  // (Elsewhere a number is not JSON, and quoting it must not make it so.)
  const containers: number[] = [];
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) {
        inString = false;
        prev = c;
      }
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c === 0x22) {
      inString = true;
      continue;
    }
    if (c === 0x7b || c === 0x5b) containers.push(c);
    else if (c === 0x7d || c === 0x5d) containers.pop();
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) {
      prev = c;
      continue;
    }
    let end = i + 1;
    let integer = true;
    while (end < text.length) {
      const d = text.charCodeAt(end);
      if (d >= 0x30 && d <= 0x39) end++;
      else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) {
        integer = false;
        end++;
      } else break;
    }
    const literal = text.slice(i, end);
    const atValue = prev === -1 || prev === 0x3a || prev === 0x5b || (prev === 0x2c && containers[containers.length - 1] === 0x5b);
    if (integer && atValue && literal.length >= 16 && JSON_INTEGER.test(literal) && !Number.isSafeInteger(Number(literal))) {
      out += `${text.slice(from, i)}"${literal}"`;
      from = end;
    }
    prev = 0x30;
    i = end - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** An integer as JSON writes it: no leading zero, no plus sign. */
const JSON_INTEGER = /^-?(?:0|[1-9]\d*)$/;
