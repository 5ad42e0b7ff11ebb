import { getHeapStatistics } from 'node:v8';

/**
 * Memory a dedupe run holds per input row at its peak: the row as read, its record, and its share
 * of the identity graph and the match model. Measured on the independent tester's contact lists:
 * 4.7 KB of live heap per row after resolution at 44,402 rows; at 1,015,571 rows, peak RSS 7.0 GB
 * with an 8 GB heap (the last 100,000 records slowed in garbage collection), and under Node's
 * default 4 GB heap a stall at 880,000 records.
 */
const BYTES_PER_ROW = 7_000;
const GB = 1024 ** 3;

/**
 * A warning when `rows` will likely not fit in the heap Node allows (`limit`, by default this
 * process's), with the option that raises it; undefined when they fit with room to spare.
 */
export function heapWarning(command: string, rows: number, limit: number = getHeapStatistics().heap_size_limit): string | undefined {
  const need = rows * BYTES_PER_ROW;
  if (need <= 0.75 * limit) return undefined;
  // Room for garbage collection: 1.6 times the estimate, in whole GB.
  const suggested = Math.ceil((need * 1.6) / GB);
  return (
    `omnilink ${command}: ${rows.toLocaleString('en-US')} rows need about ${(need / GB).toFixed(1)} GB of memory, ` +
    `near or over the ${(limit / GB).toFixed(1)} GB heap Node allows this process; if the run slows to a crawl or stops with ` +
    `"JavaScript heap out of memory", run it again with NODE_OPTIONS=--max-old-space-size=${suggested * 1024} (${suggested} GB, ` +
    'on a machine with that much free memory), or split the input\n'
  );
}
