// JSON lines whose long integers stay exact (see internal/exact-integers.ts for why).

import { quoteUnsafeIntegers } from '../../internal/exact-integers.js';

/**
 * `JSON.parse` of one line, except that an integer too large for a JavaScript number (beyond
 * 2^53 - 1) is read as a string of its digits rather than rounded. Throws JSON.parse's own error on
 * text that is not JSON.
 */
export function parseJsonLine(text: string): unknown {
  const quoted = quoteUnsafeIntegers(text);
  if (quoted === text) return JSON.parse(text);
  try {
    return JSON.parse(quoted);
  } catch {
    return JSON.parse(text); // report the error at its place in the line as it was
  }
}
