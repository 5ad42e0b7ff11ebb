import type { PersonName } from '../model/contact-record.js';
import { nicknameGroups, normalizeName, phoneticKey } from '../normalize/name.js';

/**
 * Bridge to the name normalizer (src/normalize/name.ts): given and family tokens (folded,
 * particles and honorifics apart), phonetic keys and nickname groups of tokens.
 *
 * @internal
 */
export interface NameParts {
  readonly given: readonly string[];
  readonly family: readonly string[];
}

export function readName(name: PersonName): NameParts | undefined {
  const r = normalizeName(name);
  if (!r.success) return undefined;
  const { given, family } = r.data;
  if (given.length === 0 && family.length === 0) return undefined;
  return { given, family };
}

export function phoneticOf(token: string): string {
  return phoneticKey(token);
}

export function nicknamesOf(token: string): readonly string[] {
  return nicknameGroups(token);
}
