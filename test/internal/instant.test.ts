import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalInstant, compareInstants } from '../../src/internal/instant.js';

describe('canonicalInstant', () => {
  it('writes any offset and precision as toISOString does, and keeps that form as it is', () => {
    expect(canonicalInstant('2024-01-01T10:00:00+02:00')).toBe('2024-01-01T08:00:00.000Z');
    expect(canonicalInstant('2024-01-01T08:00:00Z')).toBe('2024-01-01T08:00:00.000Z');
    expect(canonicalInstant('2024-01-01T08:00:00.5Z')).toBe('2024-01-01T08:00:00.500Z');
    const iso = '2024-01-01T08:00:00.123Z';
    expect(canonicalInstant(iso)).toBe(iso);
    expect(canonicalInstant('not a date')).toBe('not a date');
  });
});

describe('compareInstants', () => {
  it('orders as the instants do, then spellings of one instant as strings (a total order)', () => {
    const offset = fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15));
    const spelled = fc.tuple(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), offset, fc.boolean()).map(([ms, off, dropMs]) => {
      const local = new Date(ms + off * 60_000).toISOString().slice(0, dropMs ? 19 : 23);
      const sign = off < 0 ? '-' : '+';
      const abs = Math.abs(off);
      const zone = off === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      return `${local}${zone}`;
    });
    fc.assert(
      fc.property(spelled, spelled, (a, b) => {
        const byTime = Math.sign(Date.parse(a) - Date.parse(b));
        const c = Math.sign(compareInstants(a, b));
        if (byTime !== 0) expect(c).toBe(byTime);
        else expect(c).toBe(a === b ? 0 : a < b ? -1 : 1);
        expect(Math.sign(compareInstants(b, a))).toBe(c === 0 ? 0 : -c);
      }),
    );
  });
});
