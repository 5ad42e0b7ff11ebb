// What a CSV file does not say about itself: its delimiter and its encoding. Spreadsheets in
// Brazil, Spain, Portugal and most of Europe save "CSV" with semicolons (the comma is their decimal
// mark), and older exports are Windows-1252, not UTF-8. Read such a file as comma-separated UTF-8
// and every row becomes one column of mojibake: nothing links, and nothing says why.

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
 * A decoder for a file that starts with `head`: UTF-8 when `head` is valid UTF-8 (a sequence cut at
 * its end is fine), else Windows-1252, which reads Latin-1 too.
 */
export function decoderFor(head: Uint8Array): TextDecoder {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return new TextDecoder('utf-8');
  } catch {
    return new TextDecoder('windows-1252');
  }
}
