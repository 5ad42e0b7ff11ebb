import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './_run.js';

const dir = mkdtempSync(join(tmpdir(), 'omnilink-columns-'));

describe('dedupe output columns', () => {
  it("never overwrites an input's person_id, and eval finds dedupe's persons beside it", async () => {
    const input = join(dir, 'with-ids.csv');
    writeFileSync(input, 'id,name,phone,person_id\n1,Ana Souza,+5511987654321,P1\n2,Ana S,11987654321,P1\n3,Bob Lima,+5511911112222,P2\n');
    const out = join(dir, 'with-ids.out.csv');
    const r = await cli(['dedupe', input, '--default-country', 'BR', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('written as omnilink_person_id (omnilink eval reads omnilink_person_id)');
    expect(r.stderr).not.toMatch(/model: .*person_id/); // the input's ids are not evidence
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,name,phone,person_id,omnilink_person_id,match_probability');
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['P1', 'P1', 'P2']);
    const scored = await cli(['eval', out, '--truth-column', 'person_id']);
    expect(scored.code).toBe(0);
    expect(JSON.parse(scored.stdout)).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0 });
    // Deduplicating that output again: a third column, nothing overwritten, eval reads the newest.
    const again = join(dir, 'with-ids.again.csv');
    const r2 = await cli(['dedupe', out, '--default-country', 'BR', '--out', again]);
    expect(r2.code).toBe(0);
    const header = readFileSync(again, 'utf8').split('\n')[0]!;
    expect(header).toBe('id,name,phone,person_id,omnilink_person_id,match_probability,omnilink_person_id_2,omnilink_match_probability');
    expect(r2.stderr).not.toMatch(/model: .*(person_id|probability)/);
    expect(JSON.parse((await cli(['eval', again, '--truth-column', 'person_id'])).stdout)).toMatchObject({ truePositives: 1, falsePositives: 0 });
  });

  it('links rows that repeat an id with the same name (a CRM export joined with its phones)', async () => {
    const input = join(dir, 'phones.csv');
    writeFileSync(input, 'id,name,phone\n101,Ana Souza,11987654321\n101,Ana Souza,11912345678\n102,Bruno Lima,11955554444\n103,Carla Dias,11933332222\n103,Carla M. Dias,11944443333\n');
    const out = join(dir, 'phones.out.csv');
    const r = await cli(['dedupe', input, '--default-country', 'BR', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("2 rows repeat an earlier row's id (101 (phones.csv:3), 103 (phones.csv:6)): 2 rows linked to the earlier row of their id");
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(','));
    expect(lines.slice(1).map((l) => l[0])).toEqual(['101', '101', '102', '103', '103']);
    const person = lines.slice(1).map((l) => l[3]);
    expect(new Set(person).size).toBe(3);
    expect(person[0]).toBe(person[1]);
    expect(person[3]).toBe(person[4]);
    expect(lines[2]![4]).toBe('1'); // the link's probability
  });

  it('tells apart rows that repeat an id when ids join different names (a list pasted from sources that each numbered their rows)', async () => {
    const input = join(dir, 'pasted.csv');
    writeFileSync(input, 'id,name,phone\n1,Ana Souza,11987654321\n2,Bruno Lima,11955554444\n1,Pedro Alves,11912345678\n2,Bruno Lima,11966665555\n');
    const out = join(dir, 'pasted.out.csv');
    const r = await cli(['dedupe', input, '--default-country', 'BR', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('told apart, since 1 id joins different names');
    const person = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[3]);
    expect(person[0]).not.toBe(person[2]); // Ana and Pedro share id 1 only
    expect(person[1]).not.toBe(person[3]); // Bruno's rows share a name and an id, but the input's ids are not trusted
  });

  it('tells apart rows that repeat an id (a list joined from sources that each numbered their rows)', async () => {
    const input = join(dir, 'joined.csv');
    writeFileSync(input, 'id,channel,name,phone\n1,crm,Ana Souza,+5511987654321\n1,whatsapp,Ana,5511987654321\n2,crm,Bob Lima,+5511911112222\n');
    const out = join(dir, 'joined.out.csv');
    const r = await cli(['dedupe', input, '--default-country', 'BR', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("1 row repeats an earlier row's id (1 (joined.csv:3)): 1 row linked to the earlier row of their id");
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(','));
    expect(lines.slice(1).map((l) => l[0])).toEqual(['1', '1', '2']); // ids kept as written
    expect(lines[1]![4]).toBe(lines[2]![4]); // and both rows have their person
    expect(lines[1]![4]).not.toBe('');
  });

  it('writes a JSON line back as it was (nesting and types kept), with the person columns added', async () => {
    const lines = [
      { id: 7, name: { first: 'Ana', last: 'Souza' }, phones: ['+5511987654321'], vip: true, tags: [] },
      { id: 8, full_name: 'Ana Souza', contact: { phone: '11987654321' } },
    ];
    const r = await cli(['dedupe', '-', '--default-country', 'BR', '--quiet'], lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out[0]).toEqual({ ...lines[0], person_id: out[1]!.person_id });
    expect(out[1]).toMatchObject({ ...lines[1], match_probability: expect.any(Number) });
  });

  it('never hides its person column behind a JSON line\'s own null person_id', async () => {
    const lines = [
      { id: 1, name: 'Ana Souza', phone: '+5511987654321', person_id: null },
      { id: 2, name: 'Ana S', phone: '11987654321', person_id: null },
    ];
    const r = await cli(['dedupe', '-', '--default-country', 'BR', '--quiet'], lines.map((l) => JSON.stringify(l)).join('\n'));
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.person_id)).toEqual([null, null]);
    expect(out[0]!.omnilink_person_id).toBeDefined();
    expect(out[0]!.omnilink_person_id).toBe(out[1]!.omnilink_person_id);
  });

  it('refuses to score a column against itself', async () => {
    const file = join(dir, 'same.csv');
    writeFileSync(file, 'id,person_id\n1,a\n2,a\n');
    expect(await cli(['eval', file, '--truth-column', 'person_id'])).toMatchObject({ code: 2, stderr: expect.stringContaining('also the person column') });
    expect(await cli(['eval', file, '--truth-column', 'id', '--person-column', 'id'])).toMatchObject({ code: 2, stderr: expect.stringContaining('both id') });
  });
});
