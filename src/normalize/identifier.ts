import { IDENTIFIER_KINDS, type Identifier, type IdentifierKind, type Provenance } from '../model/identifier.js';
import { type Issue, type Issues, type Result, fail, issue, ok } from '../model/issue.js';
import { defaultPhoneNormalizer } from './default-phone.js';
import { normalizeEmail } from './email.js';
import { normalizeHandle } from './handle.js';
import type { PhoneNormalizer } from './phone.js';

/**
 * Options of {@link toIdentifier}.
 *
 * @example
 * ```ts
 * import maxMetadata from 'libphonenumber-js/max/metadata';
 * toIdentifier({ kind: 'phone', value: '(11) 98765-4321', verified: false }, { defaultCountry: 'BR', phone: createPhoneNormalizer(maxMetadata) });
 * ```
 */
export interface ToIdentifierOptions {
  /**
   * ISO 3166-1 alpha-2 country for reading national phone numbers.
   * @defaultValue undefined: phones must be international (`+…`, `00…`, WhatsApp ids)
   */
  readonly defaultCountry?: string;
  /**
   * The phone normalizer to use (for example one bound to `libphonenumber-js/max/metadata`).
   * @defaultValue defaultPhoneNormalizer()
   */
  readonly phone?: PhoneNormalizer;
}

/**
 * What {@link toIdentifier} reads: an identifier as a source gave it, before keys exist.
 *
 * @example
 * ```ts
 * const input: ToIdentifierInput = { kind: 'username', value: '@Ana', namespace: 'instagram', verified: true };
 * toIdentifier(input); // key 'username:instagram:ana'
 * ```
 */
export interface ToIdentifierInput {
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly namespace?: string;
  readonly verified: boolean;
  readonly provenance?: Provenance;
}

/** Longest value kept as an opaque id (matches the Identifier schema). */
const MAX_VALUE_LENGTH = 4096;

const KINDS: ReadonlySet<string> = new Set(IDENTIFIER_KINDS);

function underValue(issues: Issues): Issues {
  const mapped = issues.map((i): Issue => ({ ...i, path: ['value', ...i.path] }));
  return mapped as unknown as Issues;
}

interface Keys {
  readonly key: string;
  readonly variantKeys: readonly string[];
  readonly generic: boolean;
}

function keysOf(input: ToIdentifierInput, namespace: string | undefined, options: ToIdentifierOptions | undefined): Result<Keys> {
  const value = input.value;
  switch (input.kind) {
    case 'email': {
      const r = normalizeEmail(value);
      if (!r.success) return { success: false, issues: underValue(r.issues) };
      return ok({ key: `email:${r.data.key}`, variantKeys: [`email~:${r.data.looseKey}`], generic: r.data.generic });
    }
    case 'phone': {
      const phones = options?.phone ?? defaultPhoneNormalizer();
      const r = phones.normalize(value, options?.defaultCountry !== undefined ? { defaultCountry: options.defaultCountry } : {});
      if (!r.success) return { success: false, issues: underValue(r.issues) };
      const variantKeys: string[] = [];
      for (const v of r.data.variantKeys) variantKeys.push(`phone:${v}`);
      return ok({ key: `phone:${r.data.key}`, variantKeys, generic: r.data.generic });
    }
    case 'user_id':
    case 'username': {
      if (namespace === undefined) return fail(issue('required', ['namespace'], `a ${input.kind} needs a namespace (the platform, page or bot it belongs to)`));
      const r = normalizeHandle(value, { namespace, kind: input.kind });
      if (!r.success) return { success: false, issues: underValue(r.issues) };
      return ok({ key: `${input.kind}:${namespace}:${r.data.key}`, variantKeys: [], generic: false });
    }
    default: {
      const trimmed = value.trim();
      if (trimmed.length === 0) return fail(issue('required', ['value'], `${input.kind} is empty`));
      return ok({ key: `${input.kind}:${namespace ?? 'default'}:${trimmed}`, variantKeys: [], generic: isPlaceholderId(trimmed) });
    }
  }
}

/** What exports write where an id is missing: `0`, `000`, `-`, `N/A`, `none`, `null`, `unknown`, `?`. */
const PLACEHOLDER_ID = /^(?:0+|[-_.?x*#]+|n\/?a|none|null|nil|undefined|unknown|desconhecido|desconocido|sem|sin|no|nao|não|tbd|pending|test|teste)$/iu;

/** True for an id value that stands for no id (see PLACEHOLDER_ID). */
function isPlaceholderId(value: string): boolean {
  return value.length <= 12 && PLACEHOLDER_ID.test(value);
}

/**
 * Turn a raw identifier into an {@link Identifier} with its match keys. This is the one function
 * adapters and importers call. The raw `value` is kept as given; `key`/`variantKeys` live in one
 * string space:
 *
 * | kind | key | variantKeys |
 * |---|---|---|
 * | email | `email:<strict>` | `['email~:<loose>']` (always) |
 * | phone | `phone:<E.164>` | `phone:<other E.164 spellings>` |
 * | user_id | `user_id:<namespace>:<id>` | none |
 * | username | `username:<namespace>:<lowercased handle>` | none |
 * | external_id, loyalty_id, visitor_id, device_id, other | `<kind>:<namespace or 'default'>:<trimmed value>` | none |
 *
 * Two identifiers are the same account iff their keys are equal, and variant-match iff their
 * {@link identifierMatchKeys} intersect. `generic: true` marks role emails and placeholder phones.
 * A value that cannot be normalized gives a failed result whose issues' paths start with `'value'`
 * (a `user_id`/`username` without namespace: path `['namespace']`), so the caller can keep the raw
 * identifier without a key or report it.
 *
 * @example
 * ```ts
 * const r = toIdentifier({ kind: 'phone', value: 'whatsapp:+554188887777', verified: true });
 * // r.data: { kind: 'phone', value: 'whatsapp:+554188887777', key: 'phone:+5541988887777',
 * //           variantKeys: ['phone:+554188887777'], verified: true }
 * toIdentifier({ kind: 'email', value: 'Ana.Silva+promo@gmail.com', verified: false });
 * // key 'email:ana.silva+promo@gmail.com', variantKeys ['email~:anasilva@gmail.com']
 * toIdentifier({ kind: 'user_id', value: '1254459154682919', namespace: 'messenger:page:1067280970047460', verified: true });
 * // key 'user_id:messenger:page:1067280970047460:1254459154682919'
 * ```
 */
export function toIdentifier(input: ToIdentifierInput, options?: ToIdentifierOptions): Result<Identifier> {
  if (typeof input !== 'object' || input === null) return fail(issue('invalid_type', [], 'identifier must be an object'));
  if (!KINDS.has(input.kind)) return fail(issue('invalid_value', ['kind'], `unknown identifier kind ${JSON.stringify(input.kind)}`));
  if (typeof input.value !== 'string') return fail(issue('invalid_type', ['value'], 'identifier value must be a string'));
  if (input.value.length === 0) return fail(issue('required', ['value'], 'identifier value is empty'));
  if (input.value.length > MAX_VALUE_LENGTH) return fail(issue('too_big', ['value'], `identifier value is longer than ${MAX_VALUE_LENGTH} characters`));
  if (input.namespace !== undefined && (typeof input.namespace !== 'string' || input.namespace.trim().length === 0)) {
    return fail(issue('invalid_value', ['namespace'], 'namespace must be a non-empty string when given'));
  }
  const namespace = input.namespace?.trim();
  const keys = keysOf(input, namespace, options);
  if (!keys.success) return keys;
  const { key, variantKeys, generic } = keys.data;
  // Filled field by field (optional fields only when present): same keys and order as the object spread it replaces, faster.
  const out = { kind: input.kind, value: input.value } as Partial<Identifier> as { -readonly [K in keyof Identifier]: Identifier[K] };
  if (input.namespace !== undefined) out.namespace = input.namespace;
  out.key = key;
  if (variantKeys.length > 0) out.variantKeys = variantKeys;
  out.verified = input.verified;
  if (generic) out.generic = true;
  if (input.provenance !== undefined) out.provenance = input.provenance;
  return ok(out);
}

/**
 * Every key an identifier matches on: its `key` followed by its `variantKeys`; empty when it has no
 * key (a raw identifier that could not be normalized never matches).
 *
 * @example
 * ```ts
 * identifierMatchKeys({ kind: 'email', value: 'a@b.co', key: 'email:a@b.co', variantKeys: ['email~:a@b.co'], verified: false });
 * // ['email:a@b.co', 'email~:a@b.co']
 * ```
 */
export function identifierMatchKeys(id: Identifier): readonly string[] {
  if (id.key === undefined) return [];
  return id.variantKeys !== undefined && id.variantKeys.length > 0 ? [id.key, ...id.variantKeys] : [id.key];
}
