import type { ContactRecord } from '../../src/index.js';
import { loadFake1000 } from '../../bench/_datasets.js';

/** A record source for the worker-pool test: one slice of fake_1000, in chunks of 100. */
export function* fakeSlice(args: { from: number; to: number }): Generator<ContactRecord[]> {
  const records = loadFake1000().records.slice(args.from, args.to);
  for (let i = 0; i < records.length; i += 100) yield records.slice(i, i + 100);
}

/** A record source that fails after its first chunk, for the worker-pool failure test. */
export function* failingSlice(args: { from: number }): Generator<ContactRecord[]> {
  yield loadFake1000().records.slice(args.from, args.from + 100);
  throw new Error(`source at ${args.from} is unreadable`);
}
