/**
 * `omnilink`: omnichannel customer data. Normalize provider payloads into one model, resolve
 * contact records into persons, and merge their conversations into one timeline.
 *
 * @module omnilink
 */
export * from './model/channel.js';
export * from './model/issue.js';
export * from './model/errors.js';
export * from './model/identifier.js';
export * from './model/contact-record.js';
export * from './model/message.js';
export * from './model/message-event.js';
export * from './model/person.js';
export * from './model/normalized-batch.js';
// normalize: identifier normalizers (email, phone, handles, names, dates) and toIdentifier
export * from './normalize/email.js';
export * from './normalize/phone.js';
export * from './normalize/default-phone.js';
export * from './normalize/handle.js';
export * from './normalize/identifier.js';
export * from './normalize/name.js';
export * from './normalize/date.js';
// match: comparators, blocking, Fellegi-Sunter model (EM, term frequencies), scoring, explanations
export * from './match/jaro-winkler-similarity.js';
export * from './match/levenshtein-distance.js';
export * from './match/damerau-levenshtein-distance.js';
export * from './match/token-set-similarity.js';
export * from './match/level-comparator.js';
export * from './match/create-string-comparator.js';
export * from './match/field-spec.js';
export { type PrepareOptions, type PreparedRecords, type ResolvedField, prepareRecords, resolveFields } from './match/prepare-records.js';
export * from './match/merge-prepared.js';
export * from './match/blocking-rule.js';
export {
  type BlockOptions,
  type BlockingReport,
  type BlockingRuleReport,
  type CandidatePairs,
  block,
  blockingReport,
  forEachCandidatePair,
} from './match/block.js';
export * from './match/create-blocking-index.js';
export * from './match/default-blocking-rules.js';
export * from './match/infer-fields.js';
export type * from './match/match-model.js';
export * from './match/model-fields.js';
export { type TrainOptions, trainModel } from './match/train-model.js';
export * from './match/estimate-prior-from-rules.js';
export * from './match/score-pairs.js';
export { type FindMatchesOptions, type MatchLevel, type ScoredLink, findMatches } from './match/find-matches.js';
export { type Explanation, type ExplanationStep, explain, explainRows } from './match/explain.js';
export { loadModel, safeLoadModel, saveModel } from './match/save-model.js';
export * from './match/create-matcher.js';
// channels: adapter contract, Meta adapters, signatures, detection and dispatch
export type { ChannelAdapter, NormalizeContext } from './channels/adapter.js';
export type { PayloadLimits } from './internal/untrusted.js';
export * from './channels/whatsapp.js';
export * from './channels/messenger.js';
export * from './channels/instagram.js';
export * from './channels/verify-meta-signature.js';
export * from './channels/verify-twilio-signature.js';
export * from './channels/verify-line-signature.js';
export * from './channels/verify-telegram-secret-token.js';
export type { RawBody } from './channels/_crypto.js';
export * from './channels/registry.js';
export * from './channels/detect-provider.js';
export * from './channels/normalize-delivery.js';
// channels: Telegram, Twilio, LINE, email and web chat adapters
export * from './channels/telegram.js';
export * from './channels/twilio.js';
export * from './channels/merge-call-messages.js';
// timeline: per-person merged timelines (order, dedup, status/edit/unsend/reaction folding,
// conversations and sessions, channel usage, merge and split of persons)
export * from './timeline/status-order.js';
export * from './timeline/customer-keys.js';
export * from './timeline/identity-map.js';
export type * from './timeline/timeline-entry.js';
export type * from './timeline/timeline-conversation.js';
export type * from './timeline/timeline-view.js';
export type * from './timeline/channel-usage.js';
export * from './timeline/timeline-options.js';
export * from './timeline/timeline-store.js';
export * from './timeline/build-timeline.js';
export * from './timeline/to-timeline-json.js';
export * from './timeline/outbound-from-statuses.js';
export * from './channels/line.js';
export * from './channels/email.js';
export * from './channels/infer-own-addresses.js';
export * from './channels/scope-account-ids.js';
export * from './channels/webchat-event.js';
export * from './channels/webchat.js';
// channels: contact-list rows (CSV/JSONL exports) -> ContactRecord
export * from './channels/contact-row.js';
// resolve: the identity graph (persons from records; constraints, overrides, merge log, snapshots)
export type * from './resolve/pair-scorer.js';
export type * from './resolve/resolver-types.js';
export { Resolver, createResolver } from './resolve/resolver.js';
export * from './resolve/model-scorer.js';
export * from './resolve/person-id.js';
export * from './resolve/golden-record.js';
export * from './resolve/evaluate-clusters.js';
export { givenNamesCompatible, recordsConflict } from './resolve/conflict.js';
export * from './resolve/snapshot.js';
// timeline + resolve: the omnichannel hub (records -> persons -> timelines, kept in step)
export * from './timeline/omnichannel-hub.js';
export * from './timeline/build-customer-timelines.js';
