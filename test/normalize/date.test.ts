import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NormalizeDateOptions, type NormalizedDate, normalizeDate } from '../../src/normalize/date.js';
import * as omnilink from '../../src/index.js';

function data(raw: string, options?: NormalizeDateOptions): NormalizedDate {
  const r = normalizeDate(raw, options);
  if (!r.success) throw new Error(`expected ${raw} to normalize: ${JSON.stringify(r.issues)}`);
  return r.data;
}

function codeOf(raw: string, options?: NormalizeDateOptions): string {
  const r = normalizeDate(raw, options);
  if (r.success) throw new Error(`expected ${raw} to fail, got ${JSON.stringify(r.data)}`);
  return r.issues[0].code;
}

describe('normalizeDate: formats', () => {
  it('reads ISO dates and date-times', () => {
    expect(data('1990-04-03')).toEqual({ iso: '1990-04-03', year: 1990, month: 4, day: 3 });
    expect(data('1990-04-03T10:00:00Z').iso).toBe('1990-04-03');
    expect(data('1990/4/3').iso).toBe('1990-04-03');
  });

  it('reads YYYYMMDD (FEBRL)', () => {
    expect(data('19800112')).toEqual({ iso: '1980-01-12', year: 1980, month: 1, day: 12 });
    expect(data('19421231').iso).toBe('1942-12-31');
  });

  it('reads DD/MM/YYYY, DD.MM.YYYY, DD-MM-YYYY by default and MM/DD/YYYY with order MDY', () => {
    expect(data('25/12/1990')).toEqual({ iso: '1990-12-25', year: 1990, month: 12, day: 25 });
    expect(data('25.12.1990').iso).toBe('1990-12-25');
    expect(data('25-12-1990').iso).toBe('1990-12-25');
    expect(data('12/25/1990', { order: 'MDY' })).toEqual({ iso: '1990-12-25', year: 1990, month: 12, day: 25 });
    expect(data('03/04/1990 10:30').iso).toBe('1990-04-03');
  });

  it('reads 2-digit years in 1930–2029, or in the century ending at `now`', () => {
    expect(data('3/4/90').iso).toBe('1990-04-03');
    expect(data('3/4/05').iso).toBe('2005-04-03');
    expect(data('3/4/29').iso).toBe('2029-04-03');
    expect(data('3/4/30').iso).toBe('1930-04-03');
    expect(data('12/05/25', { now: '2024-01-01' }).year).toBe(1925);
    expect(data('12/05/24', { now: '2024-06-01' }).year).toBe(2024);
    expect(data('900403', { order: 'YMD' }).iso).toBe('1990-04-03');
    expect(data('030490').iso).toBe('1990-04-03');
  });

  it('reads month names in English, Portuguese and Spanish', () => {
    expect(data('12 jan 1980').iso).toBe('1980-01-12');
    expect(data('3 de março de 1990').iso).toBe('1990-03-03');
    expect(data('3 de marzo de 1990').iso).toBe('1990-03-03');
    expect(data('March 3, 1990').iso).toBe('1990-03-03');
    expect(data('3rd March 1990').iso).toBe('1990-03-03');
    expect(data('3 de septiembre del 1985').iso).toBe('1985-09-03');
    expect(data('15 dez 2001').iso).toBe('2001-12-15');
    expect(data('1 ENE 1999').iso).toBe('1999-01-01');
    expect(data('sábado, 3 de março de 1990').iso).toBe('1990-03-03');
    expect(data('1990 Feb 28').iso).toBe('1990-02-28');
  });
});

describe('normalizeDate: ambiguity policy', () => {
  it('picks the default order (DMY) and reports the other reading', () => {
    expect(data('03/04/1990')).toEqual({ iso: '1990-04-03', year: 1990, month: 4, day: 3, alternatives: ['1990-03-04'] });
    expect(data('03/04/1990', { order: 'MDY' })).toEqual({ iso: '1990-03-04', year: 1990, month: 3, day: 4, alternatives: ['1990-04-03'] });
  });

  it('has no alternatives when day and month are equal or only one order is valid', () => {
    expect(data('05/05/1990').alternatives).toBeUndefined();
    expect(data('12/25/1990')).toEqual({ iso: '1990-12-25', year: 1990, month: 12, day: 25 });
    expect(data('25/12/1990', { order: 'MDY' }).iso).toBe('1990-12-25');
  });

  it('fails with `ambiguous` when asked to', () => {
    expect(codeOf('03/04/1990', { ambiguous: 'fail' })).toBe('ambiguous');
    expect(data('25/12/1990', { ambiguous: 'fail' }).iso).toBe('1990-12-25');
  });
});

describe('normalizeDate: issues', () => {
  it.each([
    ['', 'required'],
    ['abc', 'invalid_format'],
    ['12/1990', 'invalid_format'],
    ['1/2/3', 'invalid_format'],
    ['12345', 'invalid_format'],
    ['31/02/2000', 'impossible'],
    ['29/02/1900', 'impossible'],
    ['13/13/1990', 'impossible'],
    ['1990-13-01', 'impossible'],
    ['1990-02-30', 'impossible'],
    ['0000-01-01', 'impossible'],
    ['x'.repeat(500), 'too_big'],
  ])('%j -> %s', (raw, code) => {
    expect(codeOf(raw)).toBe(code);
  });

  it('accepts leap days', () => {
    expect(data('29/02/2000').iso).toBe('2000-02-29');
    expect(data('2024-02-29').iso).toBe('2024-02-29');
  });

  it('refuses future dates when `now` is given, and drops a future alternative', () => {
    expect(codeOf('2030-01-01', { now: '2025-06-01' })).toBe('impossible');
    expect(codeOf('2030-01-01', { now: new Date('2025-06-01T00:00:00Z') })).toBe('impossible');
    expect(data('2025-06-01', { now: '2025-06-01T12:00:00Z' }).iso).toBe('2025-06-01');
    // 05/06/2025: 5 June (future) or May 6 (past): the past reading wins, without alternatives
    expect(data('05/06/2025', { now: '2025-05-20' })).toEqual({ iso: '2025-05-06', year: 2025, month: 5, day: 6 });
  });
});

describe('normalizeDate: properties', () => {
  const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
  const p2 = (n: number): string => String(n).padStart(2, '0');

  it('round-trips every real date through each format', () => {
    fc.assert(
      fc.property(date, (d) => {
        const y = d.getUTCFullYear();
        const m = d.getUTCMonth() + 1;
        const day = d.getUTCDate();
        const iso = `${y}-${p2(m)}-${p2(day)}`;
        expect(data(iso).iso).toBe(iso);
        expect(data(`${y}${p2(m)}${p2(day)}`).iso).toBe(iso);
        expect(data(`${p2(day)}/${p2(m)}/${y}`).iso).toBe(iso);
        expect(data(`${p2(m)}/${p2(day)}/${y}`, { order: 'MDY' }).iso).toBe(iso);
        expect(data(`${day}.${m}.${y}`).iso).toBe(iso);
      }),
    );
  });

  it('is idempotent: normalizing the ISO output gives it back', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|\d{4})$/), (raw) => {
        const r = normalizeDate(raw);
        if (!r.success) return;
        expect(data(r.data.iso).iso).toBe(r.data.iso);
      }),
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })), (raw) => {
        const r = normalizeDate(raw);
        if (r.success) expect(r.data.iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        else expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('is exported from the package root', () => {
    expect(omnilink.normalizeDate).toBe(normalizeDate);
  });
});
