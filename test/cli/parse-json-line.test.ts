import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonLine } from '../../src/cli/io/parse-json-line.js';

/** What parseJsonLine should read: JSON.parse's value, with integers written beyond 2^53 as their digits. */
function expected(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 1e21 ? String(value) : value;
  if (Array.isArray(value)) return value.map(expected);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expected(v)]));
  return value;
}

describe('parseJsonLine', () => {
  it('keeps the digits of integers beyond 2^53 (17-digit PSIDs, CRM keys) as strings', () => {
    expect(JSON.parse('{"psid":24982647458290178}')).toEqual({ psid: 24982647458290176 }); // what it replaces
    expect(parseJsonLine('{"psid":24982647458290178,"ig":[-17841400000000001, 3]}')).toEqual({ psid: '24982647458290178', ig: ['-17841400000000001', 3] });
  });

  it('leaves safe integers, decimals, exponents and strings as JSON.parse reads them', () => {
    const text = '{"ts":1700000000000,"max":9007199254740991,"x":12345678901234567.5,"e":12345678901234567e2,"s":"12345678901234567890","q":"a \\" 12345678901234567890"}';
    expect(parseJsonLine(text)).toEqual(JSON.parse(text));
  });

  it("throws JSON.parse's own error on a line that is not JSON", () => {
    expect(() => parseJsonLine('{"id":12345678901234567890,')).toThrow(SyntaxError);
    expect(() => parseJsonLine('{oops')).toThrow(SyntaxError);
  });

  it('reads any JSON value as JSON.parse does, except that unsafe integers keep their digits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.double({ min: 2 ** 53, max: 1e22, noNaN: true })), fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }), (value, big) => {
        const text = JSON.stringify({ value, id: 0 }).replace('"id":0', `"id":${big}`);
        expect(parseJsonLine(text)).toEqual({ value: expected(JSON.parse(JSON.stringify(value))), id: String(big) });
      }),
    );
  });
});
