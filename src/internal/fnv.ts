// FNV-1a over UTF-16 code units: the string hash of the fixed-slot memos and the batch key table.
// Small and inlinable; not a defence against chosen collisions (the tables verify keys).

/** The FNV-1a offset basis (32-bit), the starting state. */
export const FNV_OFFSET: number = 0x811c9dc5 | 0;

/** Fold one number (a code unit or any 32-bit value) into the state. */
export function fnvMix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193);
}

/** Fold every UTF-16 unit of `text` into the state. */
export function fnvString(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** Spread the state's bits (FNV's low bits are weak as a slot index); never 0, so 0 can mark an empty slot. */
export function fnvFinish(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h === 0 ? 1 : h;
}
