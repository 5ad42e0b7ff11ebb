import type { ContactRecord } from '../model/contact-record.js';
import { foldText } from '../normalize/fold-text.js';
import { lazy } from '../internal/lazy.js';

// Words that tell a father from his son of the same name: `Jr.`, `II`, and the Portuguese and
// Spanish surname suffixes (`Filho`, `Neto`, `Júnior`, `Sobrinho`).
const MARKERS = lazy(() => new Set('jr junior sr senior ii iii iv filho neto bisneto sobrinho hijo'.split(' ')));
const WORD = /[a-z]+/g;

/**
 * The generational markers in a record's name (`jr`, `filho`, `ii`...), sorted and joined by a
 * space; `''` when there is none. Two records whose markers differ may be a father and his son of
 * the same name: that is no evidence for one person when names are all they share.
 *
 * @example
 * ```ts
 * generationOf({ id: 'a', channel: 'crm', identifiers: [], name: { full: 'Daniel Queiroz Júnior' } }); // 'junior'
 * generationOf({ id: 'b', channel: 'crm', identifiers: [], name: { full: 'Daniel Queiroz' } });        // ''
 * ```
 * @internal
 */
export function generationOf(record: ContactRecord): string {
  const name = record.name;
  if (name === undefined) return '';
  const found = new Set<string>();
  for (const part of [name.full, name.given, name.family]) {
    if (part === undefined) continue;
    const words = foldText(part).match(WORD) ?? [];
    // The first word is a given name, never a marker ("Neto" can be a nickname).
    for (let i = 1; i < words.length; i++) if (MARKERS().has(words[i]!)) found.add(words[i] === 'junior' ? 'jr' : words[i]!);
  }
  return [...found].sort().join(' ');
}
