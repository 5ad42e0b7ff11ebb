import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/internal/sha256.js';
import { inspectUntrusted, parseUntrustedJson } from '../../src/internal/untrusted.js';
import type { Issue } from '../../src/model/issue.js';

describe('sha256Hex', () => {
  it('agrees with node:crypto on ASCII, non-ASCII, astral and long inputs (buffer reuse included)', () => {
    for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(2048), 'a'.repeat(2049), 'q'.repeat(4087), 'é'.repeat(3000), '👍🏻', 'x'.repeat(10_000)]) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }),
    );
  });
});

/** The guard as first written (a path array per node): the reference the faster walk must agree with. */
function reference(value: unknown, maxDepth = 32, maxNodes = 100_000, maxString = 1_000_000): Issue[] {
  const issues: Issue[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (++nodes > maxNodes) return [...issues, { code: 'too_big', path: [], message: '' }];
    if (typeof v === 'string') {
      if (v.length > maxString) issues.push({ code: 'too_big', path, message: '' });
      continue;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) issues.push({ code: 'invalid_type', path, message: '' });
      continue;
    }
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v !== 'object') {
      issues.push({ code: 'invalid_type', path, message: '' });
      continue;
    }
    if (path.length >= maxDepth) return [...issues, { code: 'too_deep', path, message: '' }];
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      issues.push({ code: 'invalid_type', path, message: '' });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (['__proto__', 'constructor', 'prototype'].includes(key)) issues.push({ code: 'forbidden_key', path: [...path, key], message: '' });
      else stack.push({ value: (v as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return issues;
}

const sorted = (issues: readonly Issue[]) => issues.map((i) => `${i.code} ${JSON.stringify(i.path)}`).sort();

describe('inspectUntrusted', () => {
  const hostile = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 'x'.repeat(50), () => 1, new Date(0)),
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom('a', 'b', '__proto__', 'constructor', 'prototype', 'id'), tie('node'), { maxKeys: 4 }).map((d) => JSON.parse(JSON.stringify(d, (_k, v: unknown) => (typeof v === 'function' || v instanceof Date ? null : v))) as unknown),
    ),
  })).node;

  it('reports the same issues (codes and paths) as the reference walk, whatever the limits', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }), (value, maxDepth, maxNodes, maxStringLength) => {
        const ours = inspectUntrusted(value, { maxDepth, maxNodes, maxStringLength });
        const ref = reference(value, maxDepth, maxNodes, maxStringLength);
        // Both stop at the first limit breach; which breach comes first may differ by visit order.
        const limit = (i: Issue) => i.code === 'too_deep' || (i.code === 'too_big' && i.path.length === 0);
        if (ref.some(limit) || ours.some(limit)) expect(ours.some(limit)).toBe(true);
        else expect(sorted(ours)).toEqual(sorted(ref));
      }),
      { numRuns: 500 },
    );
  });

  it('finds __proto__ created by JSON.parse, with its full path; survives 100k levels of nesting', () => {
    expect(inspectUntrusted(JSON.parse('{"a":[{"b":{"__proto__":{"x":1}}}]}'))).toEqual([
      { code: 'forbidden_key', path: ['a', 0, 'b', '__proto__'], message: 'key "__proto__" is not allowed (prototype pollution)' },
    ]);
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(inspectUntrusted(deep)).toMatchObject([{ code: 'too_deep' }]);
  });
});

describe('parseUntrustedJson', () => {
  it('keeps integers a double cannot hold exactly as their digits (strings), and everything else as JSON.parse reads it', () => {
    const { value, issues } = parseUntrustedJson('\uFEFF{"a":24567890123456789,"b":[-24567890123456789, 9007199254740991],"c":"x 24567890123456789","d":1.5e300,"e":12}');
    expect(issues).toEqual([]);
    expect(value).toEqual({ a: '24567890123456789', b: ['-24567890123456789', 9007199254740991], c: 'x 24567890123456789', d: 1.5e300, e: 12 });
  });

  it('reads any JSON text as JSON.parse does, but for unsafe integers, which keep their digits', () => {
    const exact = (v: unknown): unknown => {
      if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) && /^-?\d+$/.test(JSON.stringify(v)) ? JSON.stringify(v) : v;
      if (Array.isArray(v)) return v.map(exact);
      if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, exact(x)]));
      return v;
    };
    const bigInt = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n) => Number(n));
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), bigInt, fc.string({ unit: fc.constantFrom('"', '\\', '1', ' ', ':', ',') }), fc.array(tie('v')), fc.dictionary(fc.string(), tie('v'))),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v);
        const parsed = parseUntrustedJson(text, { maxDepth: 1000 });
        expect(parsed.issues.filter((i) => i.code !== 'forbidden_key')).toEqual([]);
        expect(parsed.value).toEqual(exact(JSON.parse(text)));
      }),
      { numRuns: 300 },
    );
  });

  it('never makes invalid JSON valid by quoting: a number where JSON allows none stays an error', () => {
    for (const text of ['{ 12345678901234567890: 1}', '{"a": 012345678901234567890}', '{"a":1, 12345678901234567890}', '[+12345678901234567890]']) {
      expect(parseUntrustedJson(text).issues).toEqual([expect.objectContaining({ code: 'invalid_format' })]);
    }
  });

  it('gives two ids that differ in their last digit two values', () => {
    const read = (id: string) => (parseUntrustedJson(`{"sender":{"id":${id}}}`).value as { sender: { id: unknown } }).sender.id;
    expect(read('24567890123456789')).not.toEqual(read('24567890123456788'));
  });
});
