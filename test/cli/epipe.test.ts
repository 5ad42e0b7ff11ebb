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
    expect(readFileSync(err, 'utf8')).toBe('');
  }, 30_000);
});
