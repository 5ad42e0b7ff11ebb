// One adapter run over one delivery: the batch being filled, the arrival time, bounded readers that
// turn over-long or malformed fields into issues (so every output validates against the model),
// and identifier construction through the normalize layer, cached for the run.

import { sha256Hex } from '../internal/sha256.js';
import type { Channel, Provider } from '../model/channel.js';
import type { Identifier, IdentifierKind, Provenance } from '../model/identifier.js';
import { fail, issue, ok, type Issue, type IssueCode, type Result } from '../model/issue.js';
import { BatchBuilder } from './_batch.js';
import { shortDigest, sortedLines } from './_digest-memo.js';
import { cachedToIdentifier } from './_identifier-memo.js';
import { inspectOnce } from './_inspected.js';
import { field, text } from './_read.js';
import { toIsoTime } from './_time.js';
import type { NormalizeContext } from './adapter.js';

/** A path inside the delivery, e.g. `['entry', 0, 'changes', 1]`. */
export type Path = readonly (string | number)[];

/** Strip `readonly` so output objects can be filled field by field without spreading `undefined`. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Longest provider id kept (message ids, account ids); the model allows 2048 for ids with a prefix. */
export const MAX_ID = 1024;
/** Longest free text kept (message text, captions). */
export const MAX_TEXT = 1_000_000;
/** Longest short label kept (names, titles, mime types). */
export const MAX_LABEL = 1024;
/** Longest URL kept. */
export const MAX_URL = 8192;
/** Longest namespace the model accepts. */
const MAX_NAMESPACE = 512;
/** Longest identifier value the model accepts. */
const MAX_VALUE = 4096;
/** Longest contact record id (and provenance recordId) the model accepts. */
const MAX_RECORD_ID = 1024;

/** An identifier as built from one raw value, with the problems to report wherever it is met. */
interface Built {
  readonly identifier: Identifier | undefined;
  readonly problems: readonly { readonly code: IssueCode; readonly message: string }[];
}

/** The business's own numbers and returning customers are in nearly every delivery: keys come from the shared memo. */
function buildIdentifier(kind: IdentifierKind, value: string, namespace: string | undefined, verified: boolean, defaultCountry: string | undefined): Built {
  if (namespace !== undefined && namespace.length > MAX_NAMESPACE) {
    return { identifier: undefined, problems: [{ code: 'too_big', message: `namespace of ${kind} is longer than ${MAX_NAMESPACE} characters; identifier dropped` }] };
  }
  if (value.length > MAX_VALUE) {
    return { identifier: undefined, problems: [{ code: 'too_big', message: `${kind} is longer than ${MAX_VALUE} characters; identifier dropped` }] };
  }
  const r = cachedToIdentifier(kind, value, namespace, verified, defaultCountry);
  if (r.success) return { identifier: r.data, problems: NO_PROBLEMS };
  return unkeyed(kind, value, namespace, verified, r.issues);
}

/** A value the normalizer refused: kept without a key (unless empty), with the normalizer's issues as problems. */
function unkeyed(kind: IdentifierKind, value: string, namespace: string | undefined, verified: boolean, issues: readonly Issue[]): Built {
  const problems = issues.map((i) => ({ code: i.code, message: `${kind} ${JSON.stringify(value.slice(0, 64))} kept without a key: ${i.message}` }));
  const keep = value.trim().length > 0;
  return {
    identifier: keep ? { kind, value, ...(namespace !== undefined && namespace.trim().length > 0 ? { namespace } : {}), verified } : undefined,
    problems,
  };
}
const NO_PROBLEMS: Built['problems'] = [];

/** What kind of identifier to build, and how. */
export interface IdSpec {
  readonly kind: IdentifierKind;
  readonly namespace?: string;
  /** Read national phone numbers with the context's default country. @defaultValue false (provider ids are international) */
  readonly national?: boolean;
  /** @defaultValue true (the provider vouches for it) */
  readonly verified?: boolean;
}

const EMPTY_LIST: readonly unknown[] = [];

export class AdapterRun {
  readonly b: BatchBuilder = new BatchBuilder();

  constructor(
    readonly provider: Provider,
    readonly channel: Channel,
    readonly receivedAt: string,
    private readonly defaultCountry: string | undefined,
  ) {}

  /** Record a problem with part of the delivery; the rest is still normalized. */
  issue(code: IssueCode, path: Path, message: string): void {
    this.b.issues.push(issue(code, path, message));
  }

  /**
   * An own string (or exact number) property, or undefined. A value longer than `max` is dropped
   * with a `too_big` issue rather than truncated: a cut id would be a different id.
   */
  str(obj: unknown, key: string, path: Path, max: number = MAX_ID): string | undefined {
    const v = text(obj, key);
    if (v === undefined) return undefined;
    if (v.length > max) {
      this.issue('too_big', [...path, key], `${key} is longer than ${max} characters; dropped`);
      return undefined;
    }
    return v;
  }

  /**
   * An own array property (empty when absent); a value there that is not an array is reported, not
   * passed over in silence (`messages: {...}` would otherwise vanish from the batch).
   */
  list(obj: unknown, key: string, path: Path): readonly unknown[] {
    const v = field(obj, key);
    if (v === undefined || v === null) return EMPTY_LIST;
    if (Array.isArray(v)) return v;
    this.issue('invalid_type', [...path, key], `${key} is not an array; skipped`);
    return EMPTY_LIST;
  }

  /** A provider time (epoch s/ms, numeric string or date string) as ISO, or undefined with an issue when present but unreadable. */
  time(obj: unknown, key: string, path: Path): string | undefined {
    const v = field(obj, key);
    if (v === undefined || v === null) return undefined;
    const iso = this.isoTime(v);
    if (iso === undefined) this.issue('invalid_value', [...path, key], `${key} is not a readable time`);
    return iso;
  }

  /** {@link toIsoTime}, remembering the last conversion: one delivery repeats the same times. */
  isoTime(value: unknown): string | undefined {
    if (value !== this.lastTimeIn) {
      this.lastTimeIn = value;
      this.lastTimeOut = toIsoTime(value);
    }
    return this.lastTimeOut;
  }
  private lastTimeIn: unknown = undefined;
  private lastTimeOut: string | undefined = undefined;

  /**
   * Build an identifier with its keys. A value the normalizer rejects (a placeholder phone) is kept
   * without a key, which never matches, and reported as an issue at the field's path: nothing the
   * sender gave is dropped. Only an empty or over-long value, or an over-long namespace, is dropped.
   */
  id(spec: IdSpec, value: string | undefined, path: Path, key?: string): Identifier | undefined {
    if (value === undefined) return undefined;
    const namespace = spec.namespace;
    const verified = spec.verified ?? true;
    const country = spec.national === true ? this.defaultCountry : undefined;
    // The common case first: a value within bounds that normalizes (no Built object needed).
    if (value.length <= MAX_VALUE && (namespace === undefined || namespace.length <= MAX_NAMESPACE)) {
      const r = cachedToIdentifier(spec.kind, value, namespace, verified, country);
      if (r.success) return r.data;
    }
    const built = buildIdentifier(spec.kind, value, namespace, verified, country);
    if (built.problems.length > 0) {
      // The field's path (`path` + `key`) is only built when there is something to report.
      const at = key === undefined ? path : [...path, key];
      for (const p of built.problems) this.issue(p.code, at, p.message);
    }
    return built.identifier;
  }

  /** {@link contactRecordId} in this run's channel (its digest of the other keys is memoized). */
  recordId(anchor: Identifier, others: readonly Identifier[]): string {
    return contactRecordId(this.channel, anchor, others);
  }

  /** `identifiers` with each given `provenance`, for contact records. */
  static withProvenance(identifiers: readonly Identifier[], provenance: Provenance): Identifier[] {
    const out: Identifier[] = [];
    for (const i of identifiers) {
      // Same field order as toIdentifier builds, so printed records read the same way.
      const copy = { kind: i.kind, value: i.value } as Writable<Identifier>;
      if (i.namespace !== undefined) copy.namespace = i.namespace;
      if (i.key !== undefined) copy.key = i.key;
      if (i.variantKeys !== undefined) copy.variantKeys = i.variantKeys;
      copy.verified = i.verified;
      if (i.generic !== undefined) copy.generic = i.generic;
      copy.provenance = provenance;
      out.push(copy);
    }
    return out;
  }
}

/** The key of an identifier, or a stand-in built from its raw value when it could not be normalized. */
export function identityKey(id: Identifier): string {
  return id.key ?? `${id.kind}:${id.namespace !== undefined ? `${id.namespace}:` : ''}raw:${id.value}`;
}

/**
 * The id of a contact record: `<channel>:contact:<anchor key>`, plus a short hash of the other
 * identifiers' keys when there are any, so one id never names two different identifier sets (a
 * resolver that keeps records by id never loses an identifier). Same scheme as the other adapters.
 */
export function contactRecordId(channel: Channel, anchor: Identifier, others: readonly Identifier[]): string {
  let id = `${channel}:contact:${identityKey(anchor)}`;
  if (others.length === 1) id += `#${shortDigest(identityKey(others[0]!))}`;
  else if (others.length > 1) {
    const otherKeys: string[] = [];
    for (const other of others) otherKeys.push(identityKey(other));
    id += `#${shortDigest(sortedLines(otherKeys))}`;
  }
  return boundedRecordId(channel, id);
}

/**
 * A contact record id the model accepts: at most 1024 characters and no NUL (which separates ids
 * in the resolver's pair keys). An absurdly long or NUL-bearing id, made of hostile provider ids,
 * is hashed instead.
 */
export function boundedRecordId(channel: Channel, id: string): string {
  return id.length <= MAX_RECORD_ID && !id.includes('\u0000') ? id : `${channel}:contact:sha256:${sha256Hex(id)}`;
}

/** Append identifiers, skipping undefined ones and ones already present (same key, or same raw value when keyless). */
export function pushIds(target: Identifier[], ...ids: (Identifier | undefined)[]): Identifier[] {
  for (const id of ids) pushId(target, id);
  return target;
}

/** {@link pushIds} for one identifier. */
export function pushId(target: Identifier[], id: Identifier | undefined): void {
  if (id === undefined) return;
  for (const t of target) {
    if (t.key !== undefined ? t.key === id.key : t.kind === id.kind && t.namespace === id.namespace && t.value === id.value) return;
  }
  target.push(id);
}

/**
 * The checks every adapter makes before reading a delivery: a readable `receivedAt`, and a body
 * within the untrusted-input limits (size, depth, no `__proto__`/`constructor` keys).
 */
export function startRun(body: unknown, context: NormalizeContext, provider: Provider, channel: Channel): Result<AdapterRun> {
  if (typeof context !== 'object' || context === null) return fail(issue('invalid_type', ['context'], 'context must be an object with receivedAt'));
  const receivedAt = typeof context.receivedAt === 'string' ? toIsoTime(context.receivedAt) : undefined;
  if (receivedAt === undefined) return fail(issue('invalid_value', ['receivedAt'], 'receivedAt must be an ISO-8601 date-time'));
  const problems = inspectOnce(body, context);
  if (problems.length > 0) return fail(problems[0]!, ...problems.slice(1));
  return ok(new AdapterRun(provider, channel, receivedAt, context.defaultCountry));
}
