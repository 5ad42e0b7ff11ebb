import { describe, expect, it } from 'vitest';
import { cli } from './_run.js';

describe('omnilink with no command', () => {
  it('prints the help on stderr and exits 2 (a usage error); --help still prints it on stdout with 0', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: omnilink <command> [options]');
    const h = await cli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toBe(r.stderr);
  });
});
