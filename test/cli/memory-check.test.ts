import { describe, expect, it } from 'vitest';
import { heapWarning } from '../../src/cli/memory-check.js';

const GB = 1024 ** 3;

describe('heapWarning', () => {
  it('says nothing when the rows fit the heap with room to spare', () => {
    expect(heapWarning('dedupe', 100_000, 4 * GB)).toBeUndefined();
    expect(heapWarning('dedupe', 1_000_000, 16 * GB)).toBeUndefined();
    expect(heapWarning('dedupe', 0, 4 * GB)).toBeUndefined();
  });

  it('warns before a run that will not fit, with the option that raises the heap', () => {
    const text = heapWarning('dedupe', 1_000_000, 4 * GB);
    expect(text).toContain('1,000,000 rows need about 6.5 GB');
    expect(text).toContain('the 4.0 GB heap Node allows');
    expect(text).toContain('NODE_OPTIONS=--max-old-space-size=11264');
    expect(text?.endsWith('\n')).toBe(true);
  });
});
