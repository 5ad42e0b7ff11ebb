import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './_run.js';

const dir = mkdtempSync(join(tmpdir(), 'omnilink-envelopes-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const demo = readFileSync(fileURLToPath(new URL('../../demo/data/envelopes.jsonl', import.meta.url)), 'utf8');

describe('envelopes with provider "voice"', () => {
  it('are read as Twilio voice webhooks by normalize and timeline, as with provider "twilio"', async () => {
    const calls = demo.split('\n').filter((l) => l.includes('"CallSid"'));
    expect(calls.length).toBeGreaterThan(0);
    const twilio = file('calls-twilio.jsonl', `${calls.join('\n')}\n`);
    const voice = file('calls-voice.jsonl', `${calls.map((l) => l.replace('"provider":"twilio"', '"provider":"voice"')).join('\n')}\n`);
    const [n1, n2] = [await cli(['normalize', twilio]), await cli(['normalize', voice])];
    expect(n2.code).toBe(0);
    expect(n2.stderr).not.toContain('no adapter');
    expect(n2.stdout).toBe(n1.stdout);
    expect(n2.stdout).toContain('"channel":"voice"');
    const [t1, t2] = [await cli(['timeline', twilio, '--quiet']), await cli(['timeline', voice, '--quiet'])];
    expect(t2.code).toBe(0);
    expect(t2.stdout).toBe(t1.stdout);
  });
});

describe('timeline --quiet', () => {
  it('prints nothing on stderr, not even the inferred business addresses', async () => {
    const r = await cli(['timeline', file('demo.jsonl', demo), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const loud = await cli(['timeline', file('demo.jsonl', demo)]);
    expect(loud.stderr).toContain('business email addresses (inferred; set them with --own-address)');
  });
});
