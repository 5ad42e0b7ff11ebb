// Identifiers and contact records for the Telegram, Twilio, LINE, email and web chat adapters.
// Keys come from src/normalize (`toIdentifier`); a value that cannot be normalized (a malformed phone)
// is still kept, without a key, and the delivery gets an issue: nothing the sender gave is dropped.
import type { Channel } from '../model/channel.js';
import type { ContactRecord, PersonName } from '../model/contact-record.js';
import type { Identifier, IdentifierKind } from '../model/identifier.js';
import { type Issue, issue } from '../model/issue.js';
import { cachedToIdentifier } from './_identifier-memo.js';
import { type Writable, contactRecordId } from './_run.js';
import type { Scope } from './_scope.js';

/** Longest identifier value the model accepts. */
const MAX_VALUE = 4096;

/** What an adapter knows about one identifier it found. */
export interface FoundIdentifier {
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly namespace?: string;
  readonly verified: boolean;
  /**
   * The value handed to the normalizer when it differs from the raw value kept in `value`
   * (a Telegram phone without its `+`). @defaultValue `value`
   */
  readonly normalizeAs?: string;
}

/**
 * Build one identifier with its keys. Returns undefined only for an empty or absurdly long value;
 * a value the normalizer refuses is kept without a key and reported in `issues`.
 */
export function identify(
  found: FoundIdentifier,
  scope: Scope,
  channel: Channel,
  observedAt: string,
  issues: Issue[],
  path: readonly (string | number)[],
): Identifier | undefined {
  const value = found.value.trim();
  if (value.length === 0) return undefined;
  if (value.length > MAX_VALUE) {
    issues.push(issue('too_big', path, `${scope.provider}: ${found.kind} longer than ${MAX_VALUE} characters, dropped`));
    return undefined;
  }
  const provenance = { channel, source: scope.provider, observedAt };
  const r = cachedToIdentifier(found.kind, found.normalizeAs ?? value, found.namespace, found.verified, scope.defaultCountry);
  if (r.success) {
    // toIdentifier's fields in its order, with the raw (trimmed) value and this observation's provenance.
    const d = r.data;
    const out = { kind: d.kind, value } as Writable<Identifier>;
    if (d.namespace !== undefined) out.namespace = d.namespace;
    if (d.key !== undefined) out.key = d.key;
    if (d.variantKeys !== undefined) out.variantKeys = d.variantKeys;
    out.verified = d.verified;
    if (d.generic !== undefined) out.generic = d.generic;
    out.provenance = provenance;
    return out;
  }
  for (const i of r.issues) {
    issues.push(issue(i.code, path, `${scope.provider}: ${found.kind} ${JSON.stringify(value.slice(0, 64))} kept without a key: ${i.message}`));
  }
  const kept = { kind: found.kind, value } as Writable<Identifier>;
  if (found.namespace !== undefined) kept.namespace = found.namespace;
  kept.verified = found.verified;
  kept.provenance = provenance;
  return kept;
}

/** What {@link contactRecord} needs. */
export interface ContactFacts {
  readonly channel: Channel;
  readonly scope: Scope;
  /** The first identifier is the record's anchor (the provider account id). */
  readonly identifiers: readonly Identifier[];
  readonly name?: PersonName | undefined;
  readonly locale?: string | undefined;
  readonly attributes?: Readonly<Record<string, string>> | undefined;
  readonly observedAt: string;
}

/**
 * A contact record for a sender. Its id is `<channel>:contact:<anchor key>`, plus a short hash of the
 * other identifiers' keys when there are any: a record never changes its identifiers under the same
 * id (a user who changes username or shares a phone gets a new record, linked to the old one by the
 * anchor), so a resolver that keeps records by id never loses one.
 */
export function contactRecord(facts: ContactFacts): ContactRecord | undefined {
  const identifiers = facts.identifiers;
  const anchor = identifiers[0];
  if (anchor === undefined) return undefined;
  const name = cleanName(facts.name);
  // Filled in the model's field order, optional fields only when present.
  const record = { id: contactRecordId(facts.channel, anchor, identifiers.slice(1)), channel: facts.channel, source: facts.scope.provider, identifiers } as Writable<ContactRecord>;
  if (name !== undefined) record.name = name;
  if (facts.locale !== undefined && facts.locale.length <= 64) record.locale = facts.locale;
  if (facts.attributes !== undefined && hasOwnKeys(facts.attributes)) record.attributes = facts.attributes;
  record.observedAt = facts.observedAt;
  return record;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** True when `value` has an own enumerable key (`Object.keys(value).length > 0`, without the list). */
export function hasOwnKeys(value: object): boolean {
  for (const key in value) if (hasOwn.call(value, key)) return true;
  return false;
}

/** Trimmed, clipped to `max`, or undefined when empty. */
function clip(s: string | undefined, max: number): string | undefined {
  const t = s?.trim();
  return t === undefined || t.length === 0 ? undefined : t.slice(0, max);
}

/** Trim name parts, drop empty ones, and clip them to the model's bounds. */
export function cleanName(name: PersonName | undefined): PersonName | undefined {
  if (name === undefined) return undefined;
  const full = clip(name.full, 1024);
  const given = clip(name.given, 512);
  const family = clip(name.family, 512);
  if (full === undefined && given === undefined && family === undefined) return undefined;
  const out: Writable<PersonName> = {};
  if (full !== undefined) out.full = full;
  if (given !== undefined) out.given = given;
  if (family !== undefined) out.family = family;
  return out;
}

/** `given family`, or whichever exists. */
export function joinName(given: string | undefined, family: string | undefined): string | undefined {
  const g = given?.trim();
  const f = family?.trim();
  const full = g !== undefined && g.length > 0 ? (f !== undefined && f.length > 0 ? `${g} ${f}` : g) : f !== undefined && f.length > 0 ? f : '';
  return full.length > 0 ? full : undefined;
}
