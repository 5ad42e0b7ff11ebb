import { mkdtempSync, writeFileSync } from 'node:fs';
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
