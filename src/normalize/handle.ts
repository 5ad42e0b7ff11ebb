import { OmnilinkError } from '../model/errors.js';
import { type Result, fail, issue, ok } from '../model/issue.js';
import { hasControl, hasLoneSurrogate, preview } from './_text.js';

/**
 * Options of {@link normalizeHandle}.
 *
 * @example
 * ```ts
 * normalizeHandle('US.13491208655302741918', { namespace: 'whatsapp:bsuid', kind: 'user_id' }); // kept exactly
 * ```
 */
export interface NormalizeHandleOptions {
  /**
   * Where the handle or id is unique: `instagram`, `telegram`, `x`, `line`, `messenger:page:<pageId>`,
   * `instagram:account:<id>`, `whatsapp:bsuid`, ... The part before the first `:` names the platform.
   */
  readonly namespace: string;
  /**
   * `username`: a human-chosen handle, compared case-insensitively (lowercased in the key).
   * `user_id`: an opaque provider id, compared exactly (LINE `U…` ids are case-sensitive).
   * @defaultValue inferred: `user_id` for all digits and for LINE `U`/`C`/`R` + 32 hex, else `username`
   */
  readonly kind?: 'username' | 'user_id';
}

/**
 * A normalized handle: `key` to match on (within its namespace), `value` to display.
 *
 * @example
 * ```ts
 * normalizeHandle('https://instagram.com/Ana.Silva', { namespace: 'instagram' });
 * // { success: true, data: { key: 'ana.silva', value: 'Ana.Silva' } }
 * ```
 */
export interface NormalizedHandle {
  /** The comparable form: no `@`, no profile URL, NFC; lowercased for usernames. */
  readonly key: string;
  /** The handle as the person wrote it, without `@` or URL, case kept. */
  readonly value: string;
}

const MAX_INPUT_LENGTH = 512;

/** Profile URL hosts whose first path segment is the handle. */
const PROFILE_HOSTS: ReadonlySet<string> = new Set([
  'instagram.com',
  't.me',
  'telegram.me',
  'x.com',
  'twitter.com',
  'tiktok.com',
  'facebook.com',
  'm.facebook.com',
  'fb.com',
  'threads.net',
  'threads.com',
  'github.com',
]);

interface PlatformRule {
  /** Allowed characters of a username besides ASCII letters and digits. */
  readonly extra: string;
  readonly min: number;
  readonly max: number;
}

/** Username syntax of the platforms we know; others accept any visible characters. */
const USERNAME_RULES: Readonly<Record<string, PlatformRule>> = {
  instagram: { extra: '._', min: 1, max: 30 },
  telegram: { extra: '_', min: 4, max: 32 },
  x: { extra: '_', min: 1, max: 15 },
  twitter: { extra: '_', min: 1, max: 15 },
  tiktok: { extra: '._', min: 2, max: 24 },
};

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function allDigits(s: string, from = 0): boolean {
  if (s.length <= from) return false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** LINE user (`U`), group (`C`) and room (`R`) ids: a letter and 32 lowercase hex digits. */
function isLineId(s: string): boolean {
  if (s.length !== 33) return false;
  const head = s.charCodeAt(0);
  if (head !== 0x55 && head !== 0x43 && head !== 0x52) return false;
  for (let i = 1; i < 33; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

function hasWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
      return true;
    }
  }
  return false;
}

/** True when every unit of `s` is printable ASCII (0x20–0x7e). */
function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** The platform of a namespace: the part before the first `:`, trimmed and lowercased (the last one is remembered). */
function platformOf(namespace: string): string {
  if (namespace !== lastNamespace) {
    const colon = namespace.indexOf(':');
    lastPlatform = (colon >= 0 ? namespace.slice(0, colon) : namespace).trim().toLowerCase();
    lastNamespace = namespace;
  }
  return lastPlatform;
}
let lastNamespace: string | undefined;
let lastPlatform = '';

/** `https://www.instagram.com/ana.silva/?hl=pt` → `ana.silva`; undefined when not a known profile URL. */
function fromProfileUrl(s: string): string | undefined {
  let t = s;
  const lower = t.toLowerCase();
  if (lower.startsWith('https://')) t = t.slice(8);
  else if (lower.startsWith('http://')) t = t.slice(7);
  const slash = t.indexOf('/');
  if (slash <= 0) return undefined;
  let host = t.slice(0, slash).toLowerCase();
  if (host.startsWith('www.')) host = host.slice(4);
  if (!PROFILE_HOSTS.has(host)) return undefined;
  let path = t.slice(slash + 1);
  const end = path.search(/[/?#]/);
  if (end >= 0) path = path.slice(0, end);
  return path;
}

/**
 * Normalize a username or provider user id within a namespace. The result's `key` is what
 * `toIdentifier` puts after `username:<namespace>:` or `user_id:<namespace>:`.
 *
 * Accepts `@ana`, `ana`, profile URLs (`https://instagram.com/ana`, `t.me/ana`, `x.com/ana`),
 * numeric ids (Telegram, PSIDs, IGSIDs; Telegram chat ids may be negative) and LINE ids
 * (`U` + 32 hex, kept case-sensitive). Usernames are lowercased; ids are kept exactly. Known
 * platforms' username syntax is checked (Instagram `[a-z0-9._]{1,30}`, Telegram `[a-z0-9_]{4,32}`,
 * X `[a-z0-9_]{1,15}`). An empty namespace is misuse and throws {@link OmnilinkError}.
 *
 * @example
 * ```ts
 * normalizeHandle('@Ana.Silva', { namespace: 'instagram' });
 * // { success: true, data: { key: 'ana.silva', value: 'Ana.Silva' } }
 * normalizeHandle('U4af4980629d5d3e4c3d1e2b4e4d0f8a1', { namespace: 'line' }); // kept as is
 * normalizeHandle('ana silva', { namespace: 'telegram' }); // { success: false, ... invalid_format }
 * ```
 */
export function normalizeHandle(raw: string, options: NormalizeHandleOptions): Result<NormalizedHandle> {
  const namespace = options?.namespace;
  if (typeof namespace !== 'string' || namespace.trim().length === 0) {
    throw new OmnilinkError('invalid_argument', 'normalizeHandle needs a non-empty namespace');
  }
  if (typeof raw !== 'string') return fail(issue('invalid_type', [], 'handle must be a string'));
  if (raw.length > MAX_INPUT_LENGTH) return fail(issue('too_big', [], `handle is longer than ${MAX_INPUT_LENGTH} characters`));
  let s = raw.trim();
  // Printable ASCII (nearly every id and handle) has no control character, no lone surrogate, and is NFC already.
  if (!isPrintableAscii(s)) {
    if (hasControl(s) || hasLoneSurrogate(s)) return fail(issue('invalid_format', [], 'handle contains control characters or broken Unicode'));
    s = s.normalize('NFC');
  }
  // Only a text with a slash can be a profile URL.
  const fromUrl = s.indexOf('/') >= 0 ? fromProfileUrl(s) : undefined;
  if (fromUrl !== undefined) s = fromUrl;
  const at = s.charCodeAt(0) === 0x40;
  if (at) s = s.slice(1);
  if (s.length === 0) return fail(issue('required', [], 'handle is empty'));
  if (hasWhitespace(s)) return fail(issue('invalid_format', [], `handle ${preview(s)} contains whitespace`));
  const platform = platformOf(namespace);

  const kind =
    options.kind ??
    (!at && (allDigits(s) || (s.charCodeAt(0) === 0x2d && allDigits(s, 1)) || (platform === 'line' && isLineId(s))) ? 'user_id' : 'username');

  if (kind === 'user_id') {
    if (platform === 'line' && !isLineId(s)) {
      return fail(issue('invalid_format', [], `LINE id ${preview(s)} is not U/C/R followed by 32 lowercase hex digits`));
    }
    return ok({ key: s, value: s });
  }

  const rule = USERNAME_RULES[platform];
  if (rule !== undefined) {
    if (s.length < rule.min || s.length > rule.max) {
      return fail(issue('invalid_format', [], `${platform} username ${preview(s)} must be ${rule.min}–${rule.max} characters`));
    }
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!isAsciiAlnum(c) && !rule.extra.includes(s[i] ?? '')) {
        return fail(issue('invalid_format', [], `${platform} username ${preview(s)} contains ${JSON.stringify(s[i])}`));
      }
    }
  }
  return ok({ key: s.toLowerCase(), value: s });
}
