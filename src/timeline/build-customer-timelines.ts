import type { MatchModel } from '../match/match-model.js';
import { trainModel } from '../match/train-model.js';
import type { ContactRecord } from '../model/contact-record.js';
import type { NormalizedBatch } from '../model/normalized-batch.js';
import { createModelScorer } from '../resolve/model-scorer.js';
import type { ResolverOptions } from '../resolve/resolver-types.js';
import { type OmnichannelHub, createOmnichannelHub } from './omnichannel-hub.js';

/** Options of {@link buildCustomerTimelines}. */
export interface BuildCustomerTimelinesOptions extends Omit<ResolverOptions, 'scorer'> {
  /** Contact records without messages (a CRM export) that help link channels. @defaultValue [] */
  readonly contacts?: readonly ContactRecord[];
  /** A trained match model. @defaultValue trained unsupervised on all the records */
  readonly model?: MatchModel;
  /** Country for national-format phone numbers. */
  readonly defaultCountry?: string;
  /** Inactivity that ends a session, in ms. @defaultValue 30 minutes */
  readonly sessionGapMs?: number;
}

/**
 * Batch convenience over {@link createOmnichannelHub}: normalized deliveries (and optional contact
 * lists) in, persons and one timeline per person out. Trains a match model on the records when none
 * is given.
 *
 * @example
 * ```ts
 * const batches = [];
 * for (const envelope of envelopes) {
 *   const r = await normalizeDelivery(envelope);
 *   if (r.success) batches.push(r.data);
 * }
 * const hub = buildCustomerTimelines(batches, { contacts: crmRecords });
 * for (const id of hub.timeline.persons()) show(toTimelineJson(hub.timeline, id));
 * ```
 */
export function buildCustomerTimelines(batches: readonly NormalizedBatch[], options: BuildCustomerTimelinesOptions = {}): OmnichannelHub {
  const { contacts = [], model: given, defaultCountry, sessionGapMs, ...resolverOptions } = options;
  const records = [...contacts, ...batches.flatMap((b) => b.records)];
  const model = given ?? trainModel(records, defaultCountry !== undefined ? { defaultCountry } : {});
  const hub = createOmnichannelHub({
    ...resolverOptions,
    scorer: createModelScorer(model, defaultCountry !== undefined ? { defaultCountry } : {}),
    ...(sessionGapMs !== undefined ? { timeline: { sessionGapMs } } : {}),
  });
  if (contacts.length > 0) hub.addContacts(contacts);
  for (const batch of batches) hub.ingest(batch);
  return hub;
}
