// Identifier keys, memoized across deliveries. Normalizing a phone, email or handle is the costliest
// step of most adapters, and the same values come back all the time: the business's own numbers and
// bot ids are in every delivery, returning customers in many. Pure memoization: the same input always
// gives the same result, so a hit returns exactly what `toIdentifier` would (the shared Identifier
// objects are never modified). Bounded (emptied when full), made on first use.
import type { Identifier, IdentifierKind } from '../model/identifier.js';
import type { Result } from '../model/issue.js';
import { toIdentifier } from '../normalize/identifier.js';

/** Most results kept before the memo is emptied. */
const MEMO_SIZE = 4096;

/**
 * Longest value + namespace memoized: real ids, phones and emails are far shorter; longer (hostile)
 * inputs are normalized every time, so the memo's memory stays small whatever payloads hold.
 */
const MAX_MEMO_INPUT = 640;

/** Results by namespace (none: `withoutNamespace`), then by shape (kind, verified, country), then by value. */
let byNamespace: Map<string, Map<string, Map<string, Result<Identifier>>>> | undefined;
let withoutNamespace: Map<string, Map<string, Result<Identifier>>> | undefined;
let size = 0;

/**
 * `toIdentifier({ kind, value, namespace?, verified }, { defaultCountry? })`, without provenance,
 * memoized. The default country only matters to phones, so it is only part of a phone's memo key.
 * A call that throws (an unsupported default country: misuse) is not memoized and throws every time.
 */
export function cachedToIdentifier(kind: IdentifierKind, value: string, namespace: string | undefined, verified: boolean, defaultCountry: string | undefined): Result<Identifier> {
  const country = kind === 'phone' ? defaultCountry : undefined;
  if (value.length + (namespace?.length ?? 0) > MAX_MEMO_INPUT) return compute(kind, value, namespace, verified, country);
  // kind, verified and country (a supported ISO code when a phone result exists) decode uniquely.
  const shape = country === undefined ? (verified ? kind : `${kind}?`) : `${kind}${verified ? '' : '?'}/${country}`;
  const hit = shapesOf(namespace, false)?.get(shape)?.get(value);
  if (hit !== undefined) return hit;
  const r = compute(kind, value, namespace, verified, country);
  if (size >= MEMO_SIZE) {
    byNamespace = undefined;
    withoutNamespace = undefined;
    size = 0;
  }
  const shapes = shapesOf(namespace, true)!;
  let byValue = shapes.get(shape);
  if (byValue === undefined) {
    byValue = new Map();
    shapes.set(shape, byValue);
  }
  byValue.set(value, r);
  size++;
  return r;
}

/** The results of one namespace by shape; made when `create`. Nested maps: no key is built from untrusted text. */
function shapesOf(namespace: string | undefined, create: boolean): Map<string, Map<string, Result<Identifier>>> | undefined {
  if (namespace === undefined) return create ? (withoutNamespace ??= new Map()) : withoutNamespace;
  let shapes = byNamespace?.get(namespace);
  if (shapes === undefined && create) {
    shapes = new Map();
    (byNamespace ??= new Map()).set(namespace, shapes);
  }
  return shapes;
}

function compute(kind: IdentifierKind, value: string, namespace: string | undefined, verified: boolean, country: string | undefined): Result<Identifier> {
  return toIdentifier(namespace !== undefined ? { kind, value, namespace, verified } : { kind, value, verified }, country !== undefined ? { defaultCountry: country } : {});
}
