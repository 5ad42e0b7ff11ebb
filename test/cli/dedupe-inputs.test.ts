import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvReader } from '../../src/cli/io/csv.js';
import { inputNames, uniqueHeader } from '../../src/cli/io/read-rows.js';
import { cli } from './_run.js';

const dir = mkdtempSync(join(tmpdir(), 'omnilink-inputs-'));
const file = (name: string, text: string | Buffer): string => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};
const parseCsv = (text: string): Record<string, string>[] => {
  const reader = new CsvReader();
  const [header, ...rows] = [...reader.push(text), ...reader.end()].map((r) => r.fields);
  return rows.map((r) => Object.fromEntries(r.map((v, i) => [header![i]!, v])));
};

describe('dedupe: inputs of one file name', () => {
  it('names each input by the shortest end of its path that tells it apart', () => {
    expect(inputNames(['y2024/customers.csv', 'y2025/customers.csv', 'crm.csv', '-'])).toEqual(['y2024/customers.csv', 'y2025/customers.csv', 'crm.csv', 'stdin']);
    expect(inputNames(['a/x/s.csv', 'b/x/s.csv'])).toEqual(['a/x/s.csv', 'b/x/s.csv']);
    // The same file again is numbered, never named by its directories (they differ between machines).
    expect(inputNames(['s.csv', 's.csv'])).toEqual(['s.csv', 's.csv (2)']);
    expect(inputNames(['y/a.csv', 'z/a.csv', 'y/a.csv'])).toEqual(['y/a.csv', 'z/a.csv', 'y/a.csv (2)']);
  });

  it('keeps two exports of one file name apart: no row is linked to the other file\'s row of the same line or id', async () => {
    const y2024 = file('y2024/customers.csv', 'name,email,phone\nMaria Silva,maria.silva@gmail.com,+5511987654321\nJoao Souza,joao.souza@gmail.com,+5511912345678\nCarla Dias,carla.dias@gmail.com,+5511955554444\n');
    const y2025 = file('y2025/customers.csv', 'name,email,phone\nMaria Silva,msilva77@hotmail.com,+5521998877665\nJoão Souza,jsouza@yahoo.com.br,+5531987651234\nCarla M. Dias,cmdias@uol.com.br,+5541988776655\n');
    const out = join(dir, 'years-out.csv');
    const r = await cli(['dedupe', y2024, y2025, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("repeat an earlier row's id");
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows.map((x) => x['source_file'])).toEqual(['y2024/customers.csv', 'y2024/customers.csv', 'y2024/customers.csv', 'y2025/customers.csv', 'y2025/customers.csv', 'y2025/customers.csv']);
    expect(new Set(rows.map((x) => x['person_id'])).size).toBe(6);
    // The same with an id column numbered 1..n in both files.
    const d1 = file('d1/s.csv', 'id,name,email\n1,Ana Souza,ana.souza@gmail.com\n2,Bruno Lima,bruno.lima@gmail.com\n');
    const d2 = file('d2/s.csv', 'id,name,email\n1,Carlos Perez,carlos.perez@gmail.com\n2,Diana Prince,diana.prince@gmail.com\n');
    const out2 = join(dir, 'ids-out.csv');
    expect((await cli(['dedupe', d1, d2, '--out', out2, '--quiet'])).code).toBe(0);
    const rows2 = parseCsv(readFileSync(out2, 'utf8'));
    expect(rows2.map((x) => `${x['source_file']}:${x['id']}`)).toEqual(['d1/s.csv:1', 'd1/s.csv:2', 'd2/s.csv:1', 'd2/s.csv:2']);
    expect(new Set(rows2.map((x) => x['person_id'])).size).toBe(4);
  });
});

describe('dedupe: repeated and empty CSV header names', () => {
  it('keeps every column (email_2, column_N), says so once, and reads both emails as evidence', async () => {
    const dup = file('dup.csv', 'id,name,email,email\n1,Ana Souza,ana.souza@gmail.com,a.souza@corp.com.br\n2,Ana Souza,,ana.souza@gmail.com\n3,Bia Lima,bia@gmail.com,\n');
    const out = join(dir, 'dup-out.csv');
    const r = await cli(['dedupe', dup, '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/repeated or empty header names/g)).toHaveLength(1);
    expect(r.stderr).toContain('dup.csv: repeated or empty header names; every column is kept, read and written as: email (column 4) as email_2');
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows.map((x) => [x['email'], x['email_2']])).toEqual([['ana.souza@gmail.com', 'a.souza@corp.com.br'], ['', 'ana.souza@gmail.com'], ['bia@gmail.com', '']]);
    expect(rows[1]!['person_id']).toBe(rows[0]!['person_id']);
    expect(rows[2]!['person_id']).not.toBe(rows[0]!['person_id']);

    const blank = file('blank.csv', 'id,name,email,,\n1,Ana Souza,ana@gmail.com,a,b\n');
    const b = await cli(['dedupe', blank, '--quiet']);
    expect(b.code).toBe(0);
    expect(b.stderr).toContain('an empty name (column 4) as column_4, an empty name (column 5) as column_5');
    expect(parseCsv(b.stdout)).toEqual([expect.objectContaining({ id: '1', column_4: 'a', column_5: 'b' })]);
  });
});

describe('uniqueHeader', () => {
  it('numbers each repeat of a name in linear time, skipping names the header already has', () => {
    expect(uniqueHeader(['email', 'email', 'email_2', 'email', '', ''])).toEqual({
      header: ['email', 'email_3', 'email_2', 'email_4', 'column_5', 'column_6'],
      renamed: ['email (column 2) as email_3', 'email (column 4) as email_4', 'an empty name (column 5) as column_5', 'an empty name (column 6) as column_6'],
    });
    // 40,000 repeats of one name (an untrusted header): probing from email_2 again for each repeat
    // took about 80 s; the test would time out.
    const { header } = uniqueHeader(Array.from({ length: 40_000 }, () => 'email'));
    expect(new Set(header).size).toBe(40_000);
    expect(header.at(-1)).toBe('email_40000');
  });
});

describe('dedupe: columns named __proto__, constructor, prototype', () => {
  it('writes them back from CSV and JSONL alike, and says they are not evidence', async () => {
    const csv = file('proto.csv', 'id,name,email,__proto__,constructor,prototype\n1,Ana Souza,ana@gmail.com,secret,Bob Builder Ltd,v2\n');
    const r = await cli(['dedupe', csv, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('3 columns named as JavaScript reserves (__proto__, constructor, prototype): written out as read, never used as evidence');
    expect(parseCsv(r.stdout)).toEqual([expect.objectContaining({ id: '1', ['__proto__']: 'secret', constructor: 'Bob Builder Ltd', prototype: 'v2' })]);
    expect(r.stdout.split('\n')[0]).toBe('id,name,email,__proto__,constructor,prototype,person_id,match_probability');

    const jsonl = file('c.jsonl', '{"id":"1","name":"Ana Souza","constructor":"Bob Builder Ltd","prototype":"v2","__proto__":{"x":"1"}}\n');
    const j = await cli(['dedupe', jsonl, '--quiet']);
    expect(j.code).toBe(0);
    expect(j.stderr).toContain('(constructor, prototype, __proto__.x)');
    const line = JSON.parse(j.stdout) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['id', 'name', 'constructor', 'prototype', '__proto__', 'person_id']);
    expect(line['constructor']).toBe('Bob Builder Ltd');
    // A CSV output of a JSONL input: the flat columns, __proto__.x too; a row without them has empty cells.
    const other = file('other.jsonl', '{"id":"2","name":"Bia Lima"}\n');
    const out = join(dir, 'c-out.csv');
    expect((await cli(['dedupe', jsonl, other, '--out', out, '--quiet'])).code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows[0]).toMatchObject({ constructor: 'Bob Builder Ltd', prototype: 'v2', '__proto__.x': '1' });
    expect(rows[1]).toMatchObject({ id: '2', constructor: '', prototype: '', '__proto__.x': '' });
  });
});
