import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'omnilink-epipe-'));

describe('stdout closed early (omnilink ... | head -1)', () => {
  it('exits quietly with status 0, no "write EPIPE"', () => {
    // Far more output than a pipe buffers, so the writes after head exits fail with EPIPE.
    const input = join(dir, 'many.jsonl');
    writeFileSync(input, readFileSync(join(root, 'demo/data/envelopes.jsonl'), 'utf8').repeat(300));
    const err = join(dir, 'stderr.txt');
    const r = spawnSync('bash', ['-c', `node --import tsx src/cli/main.ts normalize '${input}' 2>'${err}' | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('0');
    expect(readFileSync(err, 'utf8')).not.toMatch(/EPIPE|omnilink: /);
  }, 30_000);

  it('still writes the files named by options (--explain here) and exits with the command status', () => {
    // 4,000 rows in pairs sharing an email: far more rows than a pipe buffers, and 2,000 links.
    const input = join(dir, 'big.csv');
    const lines = ['id,name,email,phone'];
    for (let i = 0; i < 4000; i++) lines.push(`${i},Person Number${i >> 1} Smith,p${i >> 1}@example.com,+1415555${String((i >> 1) % 10000).padStart(4, '0')}`);
    writeFileSync(input, `${lines.join('\n')}\n`);
    const explain = join(dir, 'explain.jsonl');
    const err = join(dir, 'stderr2.txt');
    const r = spawnSync('bash', ['-c', `node --import tsx src/cli/main.ts dedupe '${input}' --quiet --explain '${explain}' 2>'${err}' | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('0');
    expect(readFileSync(err, 'utf8')).toBe('');
    // The same explain file as a run whose stdout stays open.
    const whole = join(dir, 'explain-whole.jsonl');
    spawnSync('bash', ['-c', `node --import tsx src/cli/main.ts dedupe '${input}' --quiet --explain '${whole}' >/dev/null`], { cwd: root });
    expect(readFileSync(explain, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    expect(readFileSync(explain, 'utf8').length).toBeGreaterThan(0);
  }, 60_000);
});
