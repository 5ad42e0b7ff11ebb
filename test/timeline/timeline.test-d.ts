import { expectTypeOf, test } from 'vitest';
import type {
  IdentityMap,
  Message,
  MessageEvent,
  MessageStatus,
  MergeRecord,
  NormalizedBatch,
  TimelineChannelUsage,
  TimelineConversation,
  TimelineEntry,
  TimelineInput,
  TimelineJson,
  TimelineJsonMessage,
  TimelineOptions,
  TimelinePage,
  TimelineStore,
} from '../../src/index.js';
import { buildTimeline, createIdentityMap, createTimelineStore, toTimelineJson, undoMergeAssignments } from '../../src/index.js';

test('public timeline types', () => {
  expectTypeOf(createTimelineStore).parameter(0).toEqualTypeOf<TimelineOptions | undefined>();
  expectTypeOf(createTimelineStore).returns.toEqualTypeOf<TimelineStore>();
  expectTypeOf(buildTimeline).returns.toEqualTypeOf<TimelineStore>();
  expectTypeOf(createIdentityMap).returns.toEqualTypeOf<IdentityMap>();
  expectTypeOf<TimelineStore['timelineOf']>().returns.toEqualTypeOf<TimelinePage>();
  expectTypeOf<TimelineStore['channelUsage']>().returns.toEqualTypeOf<TimelineChannelUsage>();
  expectTypeOf<TimelineStore['conversationsOf']>().returns.toEqualTypeOf<readonly TimelineConversation[]>();
  expectTypeOf<TimelineStore['mergePersons']>().returns.toEqualTypeOf<MergeRecord>();
  expectTypeOf(undoMergeAssignments).returns.toEqualTypeOf<ReadonlyMap<string, string>>();
  expectTypeOf(toTimelineJson).returns.toEqualTypeOf<TimelineJson>();
  // ingest takes one item, a batch or a list.
  expectTypeOf<Message>().toMatchTypeOf<TimelineInput>();
  expectTypeOf<MessageEvent>().toMatchTypeOf<TimelineInput>();
  expectTypeOf<NormalizedBatch>().toMatchTypeOf<TimelineInput>();
  expectTypeOf<readonly Message[]>().toMatchTypeOf<TimelineInput>();
  expectTypeOf<TimelineEntry['status']>().toEqualTypeOf<MessageStatus>();
  // The JSON shape carries no raw record.
  expectTypeOf<TimelineJsonMessage>().not.toHaveProperty('message');
  expectTypeOf<TimelineEntry>().toHaveProperty('message');
  // exactOptionalPropertyTypes: options are absent, never undefined.
  expectTypeOf<{ sessionGapMs: undefined }>().not.toMatchTypeOf<TimelineOptions>();
});
