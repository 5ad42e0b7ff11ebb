// sameContent decides whether two deliveries are a redelivery or two versions to fold.
import { describe, expect, it } from 'vitest';
import { deepEqual, sameContent } from '../../src/timeline/_versions.js';
import { msg } from './_build.js';

describe('deepEqual', () => {
  it('treats an absent property and an undefined one alike, and skips only the named top-level key', () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(deepEqual({ a: 1, r: 'x' }, { a: 1, r: 'y' }, 'r')).toBe(true);
    expect(deepEqual({ n: { r: 'x' } }, { n: { r: 'y' } }, 'r')).toBe(false);
    expect(deepEqual({ a: 1, r: 'x' }, { a: 1 }, 'r')).toBe(true);
  });

  it('compares arrays element by element and never equates an array with an object', () => {
    expect(deepEqual([1, { a: [2] }], [1, { a: [2] }])).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual({ 0: 1, length: 1 }, [1])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });

  it('does not read inherited properties as the other side’s values', () => {
    expect(deepEqual({ toString: 'x' }, {})).toBe(false);
    expect(deepEqual({}, { toString: 'x' })).toBe(false);
  });
});

describe('sameContent', () => {
  it('ignores receivedAt only', () => {
    const a = msg({ pmid: 'w1', minute: 0, receivedMinute: 1, text: 'oi' });
    expect(sameContent(a, { ...a, receivedAt: '2030-01-01T00:00:00.000Z' })).toBe(true);
    expect(sameContent(a, { ...a, status: 'read' })).toBe(false);
    const { text: _text, ...withoutText } = a;
    expect(sameContent(a, withoutText)).toBe(false);
    expect(sameContent(withoutText, { ...withoutText, text: undefined } as typeof withoutText)).toBe(true);
  });
});
