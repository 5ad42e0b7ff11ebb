import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, csvEscape } from '../../src/cli/io/csv.js';

function parse(text: string, chunkSize = text.length || 1) {
  const reader = new CsvReader();
  const rows = [];
  for (let i = 0; i < text.length; i += chunkSize) rows.push(...reader.push(text.slice(i, i + chunkSize)));
  rows.push(...reader.end());
  return rows;
}

describe('CsvReader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, keeping start lines', () => {
    const rows = parse('\uFEFFid,name,note\r\n1,"Souza, Ana","said ""hi""\nthen left"\n2,Bob,\n\n3,Zé,x\n');
    expect(rows).toEqual([
      { line: 1, fields: ['id', 'name', 'note'] },
      { line: 2, fields: ['1', 'Souza, Ana', 'said "hi"\nthen left'] },
      { line: 4, fields: ['2', 'Bob', ''] },
      { line: 6, fields: ['3', 'Zé', 'x'] },
    ]);
  });

  it('reports malformed rows with their line number instead of failing the file', () => {
    const rows = parse('a,b\n1,x"y\n2,"open');
    expect(rows[1]).toMatchObject({ line: 2, error: 'stray quote in field 2' });
    expect(rows[2]).toMatchObject({ line: 3, error: 'unterminated quoted field' });
  });

  it('gives the same rows whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', 'é', ' ') }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 7 }), (table, chunk) => {
        const text = table.map((r) => r.map(csvEscape).join(',')).join('\n') + '\n';
        const whole = parse(text);
        expect(parse(text, chunk)).toEqual(whole);
        // escape -> parse round-trips every row that is not blank
        const expected = table.filter((r) => !(r.length === 1 && r[0] === ''));
        expect(whole.map((r) => r.fields)).toEqual(expected);
      }),
    );
  });
});
