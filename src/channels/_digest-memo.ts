// Short digests of record-id key sets, memoized across deliveries the way identifier keys are
// (see _identifier-memo.ts): a digest costs a SHA-256, and the same identifier sets (a customer's
// id with their phone) come back with every message of a conversation, while most sets of a busy
// webhook are new. Fixed tables indexed by a hash of the text: a recent ring for repeats within a
// delivery, a doorkeeper of hashes, and the cache proper, which admits a text on its second
// sighting. Nothing is kept for a text seen once; memory is bounded by the slot counts.
import { FNV_OFFSET, fnvFinish, fnvString } from '../internal/fnv.js';
import { sha256HexPrefix } from '../internal/sha256.js';

const CACHE_SLOTS = 1024;
const SEEN_SLOTS = 4096;
const RECENT_SLOTS = 4;
/** Longer texts are hashed every time: the memo stays small whatever a payload holds. */
const MAX_MEMO_TEXT = 1024;

interface Table {
  readonly hashes: Int32Array;
  readonly texts: (string | undefined)[];
  readonly digests: (string | undefined)[];
}

function table(slots: number): Table {
  return { hashes: new Int32Array(slots), texts: new Array<string | undefined>(slots).fill(undefined), digests: new Array<string | undefined>(slots).fill(undefined) };
}

let cache: Table | undefined;
let recent: Table | undefined;
let seen: Int32Array | undefined;
let recentNext = 0;

/** FNV-1a over the UTF-16 units, finalized; never 0. */
function hashOf(text: string): number {
  return fnvFinish(fnvString(FNV_OFFSET, text));
}

/**
 * The first 12 hex digits of the SHA-256 of `text` (`sha256Hex(text).slice(0, 12)`), remembered for
 * texts that come back.
 */
export function shortDigest(text: string): string {
  if (text.length > MAX_MEMO_TEXT) return sha256HexPrefix(text, 12);
  const hash = hashOf(text);
  const r = (recent ??= table(RECENT_SLOTS));
  for (let i = 0; i < RECENT_SLOTS; i++) if (r.hashes[i] === hash && r.texts[i] === text) return r.digests[i]!;
  const c = (cache ??= table(CACHE_SLOTS));
  const slot = hash & (CACHE_SLOTS - 1);
  if (c.hashes[slot] === hash && c.texts[slot] === text) return c.digests[slot]!;
  const digest = sha256HexPrefix(text, 12);
  r.hashes[recentNext] = hash;
  r.texts[recentNext] = text;
  r.digests[recentNext] = digest;
  recentNext = (recentNext + 1) & (RECENT_SLOTS - 1);
  const doorkeeper = (seen ??= new Int32Array(SEEN_SLOTS));
  const mark = (hash >>> 13) & (SEEN_SLOTS - 1);
  if (doorkeeper[mark] === hash) {
    c.hashes[slot] = hash;
    c.texts[slot] = text;
    c.digests[slot] = digest;
  } else doorkeeper[mark] = hash;
  return digest;
}

/**
 * `keys.sort().join('\n')` for the few keys of one record, without the sort machinery: an insertion
 * sort by UTF-16 code units (what the default sort compares for strings). Sorts `keys` in place.
 */
export function sortedLines(keys: string[]): string {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  let out = keys[0] ?? '';
  for (let i = 1; i < keys.length; i++) out += `\n${keys[i]!}`;
  return out;
}
