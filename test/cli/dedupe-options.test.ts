import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './_run.js';

const dir = mkdtempSync(join(tmpdir(), 'omnilink-options-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const labelled = file('tr.csv', 'id,name,email,cluster\n1,Ana Souza,ana.souza@gmail.com,a\n2,Ana Souza,ana.souza@gmail.com,a\n3,Bia Lima,bia@gmail.com,b\n');

describe('dedupe and eval: --truth-column', () => {
  it('dedupe: a column no input has is one usage error naming it and the columns, not a perfect score', async () => {
    const r = await cli(['dedupe', labelled, '--truth-column', 'nosuch', '--out', join(dir, 'tr.out.csv'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--truth-column nosuch: no input has this column (columns: id, name, email, cluster)');
    expect(r.stdout).toBe('');
  });

  it('eval: says the column does not exist', async () => {
    const out = file('labelled-out.csv', 'id,person_id,truth\n1,p1,a\n2,p1,a\n');
    const r = await cli(['eval', out, '--truth-column', 'nosuch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--truth-column nosuch: ');
    expect(r.stderr).toContain('has no such column (columns: id, person_id, truth)');
    const p = await cli(['eval', out, '--truth-column', 'truth', '--person-column', 'persn']);
    expect(p.stderr).toContain('--person-column persn: ');
  });
});

describe('dedupe: stdin twice', () => {
  it('is a usage error, as for timeline and normalize', async () => {
    const r = await cli(['dedupe', '-', '-'], '{"id":"1","name":"Ana Souza","email":"ana.souza@gmail.com"}\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('- (stdin) may be given once only');
  }, 5000);
});

describe('dedupe: --config', () => {
  const semi = file('semi.csv', 'id;name;email;phone\n1;Ana Souza;ana.souza@gmail.com;+5511987654321\n2;Pedro Lima;pedro@gmail.com;+5511912345678\n');
  const usage = async (config: unknown, expected: string): Promise<void> => {
    const r = await cli(['dedupe', semi, '--config', file('cfg.json', JSON.stringify(config)), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(expected);
    expect(r.stdout).toBe('');
  };

  it('is checked before reading: unknown keys, wrong types, out-of-range values and unknown fields are usage errors naming the key', async () => {
    await usage({ columns: { email: 'email' }, treshold: 0.1 }, 'unknown key "treshold" (known: columns, defaultCountry, threshold, nameOnlyThreshold, blocklist, unique)');
    await usage({ columns: { email: 'emial' } }, '"columns"."email": unknown field "emial" (fields: id, full_name,');
    await usage({ columns: { PSID: { field: 'user_id', chanel: 'messenger' } } }, '"columns"."PSID": unknown key "chanel"');
    await usage({ columns: ['email'] }, '"columns" must be an object');
    await usage({ threshold: 5 }, '"threshold" must be a probability between 0 and 1');
    await usage({ threshold: '0.5' }, '"threshold" must be a probability between 0 and 1 (a number; got "0.5")');
    await usage({ defaultCountry: 55 }, '"defaultCountry" must be a string');
    await usage({ blocklist: 'test@test.com' }, '"blocklist" must be a list of strings');
    await usage({ unique: [{ kind: 'customer' }] }, '"unique"[0].kind must be one of email, phone,');
  });

  it('a valid config still works', async () => {
    const r = await cli(['dedupe', semi, '--config', file('ok.json', JSON.stringify({ columns: { email: 'email', PSID: { field: 'user_id', channel: 'messenger' } }, defaultCountry: 'BR', threshold: 0.9, nameOnlyThreshold: 1, blocklist: ['test@test.com'], unique: [{ kind: 'external_id' }] })), '--quiet']);
    expect(r.code).toBe(0);
  });

  it('exits non-zero when every row was rejected (0 records)', async () => {
    const r = await cli(['dedupe', file('long.csv', `id,name,email\n1,${'A'.repeat(1100)},a@gmail.com\n`), '--quiet', '--rejects', join(dir, 'long.rejects.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no readable rows (every row was rejected)');
  });
});

describe('dedupe: --out by extension', () => {
  const semi = file('semi-out.csv', 'id;name;email\n1;Ana Souza;ana.souza@gmail.com\n2;"Lima\tPedro";pedro@gmail.com\n');
  it('writes TSV for .tsv, which eval reads back', async () => {
    const out = join(dir, 'x.tsv');
    expect((await cli(['dedupe', semi, '--out', out, '--quiet'])).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id\tname\temail\tperson_id\tmatch_probability');
    expect(lines[2]).toMatch(/^2\t"Lima\tPedro"\tpedro@gmail.com\tp_/);
    const e = await cli(['eval', out, '--truth-column', 'id']);
    expect(e.code).toBe(0);
    expect(JSON.parse(e.stdout)).toMatchObject({ records: 2, unreadableRows: 0 });
  });

  it('writes JSONL for .ndjson, and refuses any other extension as a usage error naming --out, before reading', async () => {
    const out = join(dir, 'x.ndjson');
    expect((await cli(['dedupe', semi, '--out', out, '--quiet'])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!)).toMatchObject({ id: '1' });
    for (const name of ['x.txt', 'x.json', 'x']) {
      const r = await cli(['dedupe', join(dir, 'nope.csv'), '--out', join(dir, name)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--out ${join(dir, name)}: expected a .csv, .tsv, .jsonl or .ndjson file (or - for stdout)`);
      expect(existsSync(join(dir, name))).toBe(false);
    }
  });
});

describe('dedupe: output paths', () => {
  const rag = file('rag.csv', 'id,name,email\n1,Ana Souza,ana@gmail.com\n2,Bia Lima\n3,Caio Reis,caio@gmail.com\n');
  it('are checked before reading: a missing directory is one usage error naming the option, and nothing is written', async () => {
    const ok = join(dir, 'paths-ok.csv');
    for (const [option, path] of [['--out', join(dir, 'nodir/x/out.csv')], ['--explain', join(dir, 'nodir/e.jsonl')], ['--review', join(dir, 'nodir/r.jsonl')], ['--rejects', join(dir, 'nodir/rj.jsonl')], ['--save-model', join(dir, 'nodir/m.json')]] as const) {
      const args = option === '--out' ? ['dedupe', rag, '--out', path] : ['dedupe', rag, '--out', ok, option, path];
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`omnilink dedupe: ${option} ${path}: the directory `);
      expect(r.stderr).toContain('does not exist');
      expect(existsSync(ok)).toBe(false);
    }
    const isDir = await cli(['dedupe', rag, '--out', dir]);
    expect(isDir.code).toBe(2);
  });

  it('timeline and normalize check --out the same way', async () => {
    const env = file('one.jsonl', '{"provider":"telegram","receivedAt":"2024-05-01T10:00:00Z","body":{"update_id":1,"message":{"message_id":5,"date":1714557600,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Ana"},"text":"oi"}}}\n');
    for (const command of ['timeline', 'normalize']) {
      const r = await cli([command, env, '--out', join(dir, 'nodir/t.jsonl')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--out ${join(dir, 'nodir/t.jsonl')}: the directory`);
    }
  });

  it('a run without rejects removes the stale OUT.rejects.jsonl of an earlier run, and empties an explicit --rejects file', async () => {
    const out = join(dir, 'r.csv');
    expect((await cli(['dedupe', rag, '--out', out, '--quiet'])).code).toBe(0);
    expect(existsSync(`${out}.rejects.jsonl`)).toBe(true);
    const clean = file('clean.csv', 'id,name,email\n4,Caio Reis,caio@gmail.com\n');
    expect((await cli(['dedupe', clean, '--out', out, '--quiet'])).code).toBe(0);
    expect(existsSync(`${out}.rejects.jsonl`)).toBe(false);
    const explicit = join(dir, 'explicit.rejects.jsonl');
    expect((await cli(['dedupe', rag, '--out', out, '--rejects', explicit, '--quiet'])).code).toBe(0);
    expect(readFileSync(explicit, 'utf8')).not.toBe('');
    expect((await cli(['dedupe', clean, '--out', out, '--rejects', explicit, '--quiet'])).code).toBe(0);
    expect(readFileSync(explicit, 'utf8')).toBe('');
  });
});

describe('errors with context', () => {
  it('eval names the file of an unreadable line', async () => {
    const out = file('ragged-out.csv', 'id,person_id,truth\n1,p1,a\n2,p1,a,x,y\n');
    const r = await cli(['eval', out, '--truth-column', 'truth']);
    expect(r.stderr).toContain('omnilink eval: ragged-out.csv:3: expected 3 fields, found 5');
  });

  it('dedupe - given CSV on stdin hints that stdin is read as JSONL', async () => {
    const r = await cli(['dedupe', '-', '--quiet', '--rejects', join(dir, 'stdin.rejects.jsonl')], 'id,name,email\n1,Ana Souza,ana@gmail.com\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stdin:1: not JSON');
    expect(r.stderr).toContain('(- reads JSONL from stdin; give a CSV as a file name ending in .csv)');
    expect(r.stderr.match(/reads JSONL from stdin/g)).toHaveLength(1);
  });
});
