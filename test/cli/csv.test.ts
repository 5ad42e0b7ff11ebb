import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, csvEscape } from '../../src/cli/io/csv.js';
import { readRows } from '../../src/cli/io/read-rows.js';
import { sniffDelimiter } from '../../src/cli/io/sniff.js';

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

  it('rejects only the first line of a row whose quote swallowed the lines after it, and reads those lines again', () => {
    // An odd quote on line 3 pairs with the quote that opens line 5's multi-line field.
    const text = 'id,name,email\n1,Ana,a@x.io\n2,"Broken,b@x.io\n3,Caio,c@x.io\n4,"Multi\nline",d@x.io\n5,"open\n6,Eva,e@x.io\n';
    for (const chunk of [text.length, 1, 2, 5]) {
      expect(parse(text, chunk)).toEqual([
        { line: 1, fields: ['id', 'name', 'email'] },
        { line: 2, fields: ['1', 'Ana', 'a@x.io'] },
        { line: 3, fields: ['2', 'Broken,b@x.io'], error: 'unterminated quoted field', raw: '2,"Broken,b@x.io' },
        { line: 4, fields: ['3', 'Caio', 'c@x.io'] },
        { line: 5, fields: ['4', 'Multi\nline', 'd@x.io'] },
        { line: 7, fields: ['5', 'open'], error: 'unterminated quoted field', raw: '5,"open' },
        { line: 8, fields: ['6', 'Eva', 'e@x.io'] },
      ]);
    }
  });

  it('recovers the same way in a file whose lines end in CR alone, and keeps its line numbers', () => {
    const text = 'id,name,email\r1,"Broken,a@x\r2,Ana,ana@x\r3,"Bia" S,bia@x\r4,Caio,c@x';
    for (const chunk of [text.length, 1, 3]) {
      expect(parse(text, chunk).map((r) => [r.line, r.error ?? r.fields.join('|')])).toEqual([
        [1, 'id|name|email'],
        [2, 'unterminated quoted field'],
        [3, '2|Ana|ana@x'],
        [4, 'stray quote in field 2'],
        [5, '4|Caio|c@x'],
      ]);
    }
    // An empty chunk between CR and LF changes nothing.
    const reader = new CsvReader();
    expect([...reader.push('a\r'), ...reader.push(''), ...reader.push('\nb'), ...reader.end()].map((r) => r.line)).toEqual([1, 2]);
  });

  it('loses no other row to a quote left open, whatever the chunk boundaries', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '1'), minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 }), fc.nat(), fc.integer({ min: 1, max: 9 }), (table, k, chunk) => {
        const broken = k % table.length;
        const lines = table.map(([a, b], i) => (i === broken ? `${a},"${b}` : `${a},${b}`));
        const rows = parse(lines.join('\n') + '\n', chunk);
        expect(rows.map((r) => r.line)).toEqual(table.map((_, i) => i + 1));
        rows.forEach((r, i) => {
          if (i === broken) expect(r).toMatchObject({ error: 'unterminated quoted field', raw: lines[i] });
          else expect(r).toEqual({ line: i + 1, fields: table[i] });
        });
      }),
    );
  });

  it('gives the same rows whatever the chunk boundaries, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', 'é') }), fc.integer({ min: 1, max: 7 }), (text, chunk) => {
        expect(parse(text, chunk)).toEqual(parse(text));
      }),
    );
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

describe('reading CSV files as spreadsheets save them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omnilink-sniff-'));
  const rowsOf = async (name: string, bytes: Uint8Array | string): Promise<Record<string, string>[]> => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const out: Record<string, string>[] = [];
    for await (const r of readRows(path, Readable.from([]))) if (r.ok) out.push(r.row);
    return out;
  };

  it('takes the delimiter from the header line, outside quotes', async () => {
    expect(sniffDelimiter('id;nome;"a,b";email\n1,2,3', ',')).toBe(';');
    expect(sniffDelimiter('id\tname\tphone', ',')).toBe('\t');
    expect(sniffDelimiter('"x;y;z",b', ',')).toBe(',');
    expect(sniffDelimiter('single', '\t')).toBe('\t');
    expect(await rowsOf('semi.csv', '\uFEFFid;nome;telefone\r\n1;"Souza; Ana";(11) 98765-4321\r\n')).toEqual([{ id: '1', nome: 'Souza; Ana', telefone: '(11) 98765-4321' }]);
    expect(await rowsOf('tabs.csv', 'id\tname\n1\tAna\n')).toEqual([{ id: '1', name: 'Ana' }]);
    expect(await rowsOf('excel.csv', 'sep=;\r\nid;name,alias\r\n1;Ana, a Souza\r\n')).toEqual([{ id: '1', 'name,alias': 'Ana, a Souza' }]);
  });

  it('reads a file that is not UTF-8 as Windows-1252', async () => {
    const latin1 = Uint8Array.from([...Buffer.from('id,name\n1,Jos'), 0xe9, ...Buffer.from(' P'), 0xe9, ...Buffer.from('rez\n')]);
    expect(await rowsOf('latin1.csv', latin1)).toEqual([{ id: '1', name: 'José Pérez' }]);
    expect(await rowsOf('utf8.csv', 'id,name\n1,José Pérez\n')).toEqual([{ id: '1', name: 'José Pérez' }]);
  });

  it('decides the encoding line by line, and reads UTF-16 with its byte-order mark', async () => {
    // Latin-1 far past the first chunk, and a UTF-8 file with one stray byte: the rest is unharmed.
    const ascii = Array.from({ length: 8000 }, (_, i) => `${i},name${i}`).join('\n');
    const late = Uint8Array.from([...Buffer.from(`id,name\n${ascii}\n9999,Jos`), 0xe9, 0x0a]);
    expect((await rowsOf('late-latin1.csv', late)).at(-1)).toEqual({ id: '9999', name: 'José' });
    const stray = Uint8Array.from([...Buffer.from('id,name\n1,João\n2,Caf'), 0xe9, ...Buffer.from('\n3,Conceição\n')]);
    expect(await rowsOf('stray.csv', stray)).toEqual([
      { id: '1', name: 'João' },
      { id: '2', name: 'Café' },
      { id: '3', name: 'Conceição' },
    ]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\tname\n1\tZoë\n', 'utf16le')]);
    expect(await rowsOf('unicode.tsv', utf16)).toEqual([{ id: '1', name: 'Zoë' }]);
  });

  it('reads files whose lines end in CR alone, and a byte-order mark before a Latin-1 header', async () => {
    expect(await rowsOf('mac.csv', Uint8Array.from([...Buffer.from('id,name\r1,Jos'), 0xe9, 0x0d, ...Buffer.from('2,João\r')]))).toEqual([
      { id: '1', name: 'José' },
      { id: '2', name: 'João' },
    ]);
    expect(await rowsOf('bom-latin1.csv', Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('id,nom'), 0xe9, 0x0a, ...Buffer.from('1,x\n')]))).toEqual([{ id: '1', 'nomé': 'x' }]);
  });

  it('keeps a .tsv file tab-separated when its column names hold commas', async () => {
    expect(await rowsOf('names.tsv', 'id\tname, surname\tphones, mobile\n1\tAna Souza\t+5511987654321\n')).toEqual([
      { id: '1', 'name, surname': 'Ana Souza', 'phones, mobile': '+5511987654321' },
    ]);
  });
});
