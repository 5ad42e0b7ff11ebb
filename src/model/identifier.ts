import * as z from 'zod/mini';
import { lazy } from '../internal/lazy.js';
import { boundedArray, boundedString, isoDateTime, opt } from '../internal/schema.js';
import { parseWith, safeParseWith } from '../internal/zod-result.js';
import type { Result } from './issue.js';
import { type Channel, channelSchema } from './channel.js';

/**
 * What an identifier identifies.
 * - `email`, `phone`: contact points; `phone` includes WhatsApp ids (`wa_id`), which are phone digits.
 * - `user_id`: a provider's opaque account id (Messenger PSID, Instagram IGSID, Telegram user id,
 *   LINE user id, WhatsApp business-scoped user id). Always carries a `namespace`.
 * - `username`: a handle (`@ana`, WhatsApp/Telegram/Instagram usernames). Carries a `namespace`.
 * - `external_id`, `loyalty_id`: ids from the business's own systems (CRM, loyalty programme).
 * - `visitor_id`, `device_id`: web chat visitor and device/cookie ids.
 * - `other`: anything else; kept, never dropped.
 */
export const IDENTIFIER_KINDS = [
  'email',
  'phone',
  'user_id',
  'username',
  'external_id',
  'loyalty_id',
  'visitor_id',
  'device_id',
  'other',
] as const;

/** One of {@link IDENTIFIER_KINDS}. */
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Where an identifier was seen. */
export interface Provenance {
  /** The channel it arrived on. */
  readonly channel: Channel;
  /** The dataset, provider or system it came from (`"whatsapp"`, `"crm-export.csv"`, ...). */
  readonly source?: string;
  /** The id of the record or message that carried it. */
  readonly recordId?: string;
  /** When it was seen (ISO-8601). */
  readonly observedAt?: string;
}

/**
 * One identifier of a person on one channel, as received, with the keys used to match it.
 *
 * `value` is the raw value and is never rewritten. `key` is the strict normalized key (for example
 * `email:ana@example.com`, `phone:+5511987654321`, `user_id:messenger:page:123:456`): two identifiers
 * with the same key identify the same account. `variantKeys` are looser keys used for matching only
 * (Gmail dots, the Brazilian ninth digit, ...). `namespace` scopes ids that are only unique within a
 * provider, page or bot (`messenger:page:<pageId>`, `telegram`, `whatsapp:bsuid`).
 *
 * `verified` is true when the provider vouches for it (the sender id of a delivered message, a phone
 * a Telegram user shared as their own contact) and false when it was merely asserted (typed into a
 * form, imported from a spreadsheet).
 */
export interface Identifier {
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly namespace?: string;
  readonly key?: string;
  readonly variantKeys?: readonly string[];
  readonly verified: boolean;
  /**
   * True when the value is a generic or placeholder one (`info@…`, `noreply@…`, `test@test.com`,
   * `+55 11 99999-9999`): identity resolution treats it as weak evidence. Absent means not known
   * to be generic.
   */
  readonly generic?: boolean;
  readonly provenance?: Provenance;
}

/** @internal */
export const identifierKindSchema: () => z.ZodMiniType<IdentifierKind> = lazy(() => z.enum(IDENTIFIER_KINDS));

/** @internal */
export const provenanceSchema: () => z.ZodMiniType<Provenance> = lazy(() =>
  z.strictObject({
    channel: channelSchema(),
    source: opt(boundedString(0, 1024)),
    recordId: opt(boundedString(0, 1024)),
    observedAt: opt(isoDateTime()),
  }),
);

/** @internal */
export const identifierSchema: () => z.ZodMiniType<Identifier> = lazy(() =>
  z.strictObject({
    kind: identifierKindSchema(),
    value: boundedString(1, 4096),
    namespace: opt(boundedString(1, 512)),
    key: opt(boundedString(1, 4608)),
    variantKeys: opt(boundedArray(boundedString(1, 4608), 64)),
    verified: z.boolean(),
    generic: opt(z.boolean()),
    provenance: opt(provenanceSchema()),
  }),
);

/**
 * Validate an identifier, returning issues instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeParseIdentifier({ kind: 'email', value: 'ana@example.com', verified: false });
 * if (r.success) r.data.kind; // 'email'
 * ```
 */
export function safeParseIdentifier(input: unknown): Result<Identifier> {
  return safeParseWith(identifierSchema(), input);
}

/**
 * Validate an identifier; throws {@link ValidationError} when it is invalid.
 *
 * @example
 * ```ts
 * const id = parseIdentifier({ kind: 'phone', value: '+55 11 98765-4321', verified: true });
 * ```
 */
export function parseIdentifier(input: unknown): Identifier {
  return parseWith(identifierSchema(), input, 'identifier');
}
