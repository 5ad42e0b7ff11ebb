import * as z from 'zod/mini';
import { lazy } from '../internal/lazy.js';
import { boundedArray, boundedString, isoDateTime } from '../internal/schema.js';
import { safeParseWith } from '../internal/zod-result.js';
import { type ContactRecord, contactRecordSchema } from '../model/contact-record.js';
import type { Result } from '../model/issue.js';
import { type Resolver, createResolver } from './resolver.js';
import type { MergeLogEntry, ResolverOptions } from './resolver-types.js';

/** The whole identity graph as JSON: enough to restore a resolver that answers every query the same. */
export interface ResolverSnapshot {
  readonly format: 'omnilink.resolver/v1';
  readonly records: readonly ContactRecord[];
  /** Manual links. */
  readonly forced: readonly (readonly [string, string])[];
  /** Pairs of records a manual unlink (or a split or unmerge of one record from one) keeps apart. */
  readonly forbidden: readonly (readonly [string, string])[];
  /**
   * What larger splits and unmerges keep apart: each entry's two sides, every record of one apart
   * from every record of the other. Written only when there is one, so snapshots without them stay
   * readable by versions that wrote every such pair into `forbidden`.
   */
  readonly separations?: readonly (readonly [readonly string[], readonly string[]])[];
  /** Absorbed person id -> the person it merged into. */
  readonly redirects: readonly (readonly [string, string])[];
  readonly mergeLog: readonly MergeLogEntry[];
}

const pair = () => z.readonly(z.tuple([boundedString(1, 1024), boundedString(1, 1024)]));
const MAX = 50_000_000;
const side = () => boundedArray(boundedString(1, 1024), MAX, 1);

const snapshotSchema: () => z.ZodMiniType<ResolverSnapshot> = lazy(() =>
  z.strictObject({
    format: z.literal('omnilink.resolver/v1'),
    records: boundedArray(contactRecordSchema(), MAX),
    forced: boundedArray(pair(), MAX),
    forbidden: boundedArray(pair(), MAX),
    separations: z.optional(boundedArray(z.readonly(z.tuple([side(), side()])), MAX)),
    redirects: boundedArray(pair(), MAX),
    mergeLog: boundedArray(
      z.strictObject({
        at: isoDateTime(),
        personId: boundedString(1, 1024),
        groups: boundedArray(z.strictObject({ personId: boundedString(1, 1024), recordIds: boundedArray(boundedString(1, 1024), MAX) }), MAX),
        evidence: boundedArray(
          z.strictObject({
            a: boundedString(1, 1024),
            b: boundedString(1, 1024),
            via: z.enum(['scored', 'identifier', 'unique', 'manual']),
            key: z.optional(boundedString(1, 4608)),
            probability: z.optional(z.number()),
            weight: z.optional(z.number()),
            nameOnly: z.optional(z.literal(true)),
          }),
          MAX,
        ),
      }),
      MAX,
    ),
  }) as unknown as z.ZodMiniType<ResolverSnapshot>,
);

/**
 * Take a JSON snapshot of a resolver (records, manual overrides, redirects, merge log). Scored links
 * are not stored: they are recomputed on restore by the same scorer, deterministically.
 *
 * @example
 * ```ts
 * await storage.save(snapshotResolver(resolver));
 * ```
 */
export function snapshotResolver(resolver: Resolver): ResolverSnapshot {
  const records: ContactRecord[] = [];
  for (const person of resolver.persons()) for (const id of person.recordIds) records.push(resolver.record(id)!);
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { forced, forbidden, separations, redirects } = resolver.overrides();
  return { format: 'omnilink.resolver/v1', records, forced, forbidden, ...(separations.length > 0 ? { separations } : {}), redirects, mergeLog: [...resolver.mergeLog()] };
}

/**
 * Restore a resolver from a snapshot, validating it first. Bad snapshots come back as issues.
 *
 * @example
 * ```ts
 * const restored = restoreResolver(JSON.parse(text), { scorer });
 * if (!restored.success) throw new Error(restored.issues[0].message);
 * restored.data.personOf('crm-17');
 * ```
 */
export function restoreResolver(snapshot: unknown, options: ResolverOptions): Result<Resolver> {
  const parsed = safeParseWith(snapshotSchema(), snapshot);
  if (!parsed.success) return parsed;
  const s = parsed.data;
  const overlap = keptFromItself(s);
  if (overlap !== undefined) return { success: false, issues: [{ code: 'invalid_value', path: overlap.path, message: `record ${overlap.id} cannot be kept apart from itself` }] as never };
  const resolver = createResolver(options);
  resolver.loadOverrides(s.forced, s.forbidden, s.redirects, s.mergeLog, s.separations);
  const result = resolver.add(s.records);
  const [first] = result.rejected;
  if (first) return { success: false, issues: first.issues.map((i) => ({ ...i, path: ['records', first.index, ...i.path] })) as never };
  return { success: true, data: resolver };
}

/** The first record a snapshot keeps apart from itself (a pair of one id, or a separation with a record on both sides). */
function keptFromItself(s: ResolverSnapshot): { path: (string | number)[]; id: string } | undefined {
  for (let i = 0; i < s.forbidden.length; i++) if (s.forbidden[i]![0] === s.forbidden[i]![1]) return { path: ['forbidden', i, 1], id: s.forbidden[i]![1] };
  const separations = s.separations ?? [];
  for (let i = 0; i < separations.length; i++) {
    const [left, right] = separations[i]!;
    const ids = new Set(left);
    for (let j = 0; j < right.length; j++) if (ids.has(right[j]!)) return { path: ['separations', i, 1, j], id: right[j]! };
  }
  return undefined;
}

/** Where a service keeps its identity graph; back it with a real database by implementing this. */
export interface ResolverStorage {
  load(): Promise<ResolverSnapshot | undefined>;
  save(snapshot: ResolverSnapshot): Promise<void>;
}

/**
 * An in-memory {@link ResolverStorage} (for tests and single-process services).
 *
 * @example
 * ```ts
 * const storage = createMemoryStorage();
 * await storage.save(snapshotResolver(resolver));
 * const snapshot = await storage.load();
 * ```
 */
export function createMemoryStorage(): ResolverStorage {
  let stored: string | undefined;
  return {
    load: () => Promise.resolve(stored === undefined ? undefined : (JSON.parse(stored) as ResolverSnapshot)),
    save: (snapshot) => {
      stored = JSON.stringify(snapshot);
      return Promise.resolve();
    },
  };
}
