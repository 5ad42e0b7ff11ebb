// Runs `omnilink normalize` through the BUILT binary, as a data team would: JSONL envelopes on stdin,
// one tagged JSON line per normalized item on stdout, bad lines on stderr, exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const bin = new URL(`../${pkg.bin.omnilink}`, import.meta.url).pathname;
const fixture = (path) => JSON.parse(readFileSync(new URL(`../test/fixtures/channel-payloads/${path}`, import.meta.url), 'utf8'));
const receivedAt = '2025-01-01T00:00:00Z';
const input = [
  JSON.stringify({ receivedAt, body: fixture('whatsapp-cloud/text.json') }),
  'not json',
  JSON.stringify({ provider: 'email', receivedAt, raw: readFileSync(new URL('../test/fixtures/channel-payloads/email/talon-gmail-reply-quoted.eml', import.meta.url), 'utf8') }),
].join('\n');

const ok = spawnSync(process.execPath, [bin, 'normalize', '-'], { input, encoding: 'utf8' });
assert.equal(ok.status, 0, ok.stderr);
const lines = ok.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
assert.deepEqual(
  lines.filter((l) => l.type === 'message').map((l) => [l.line, l.message.provider]),
  [
    [1, 'whatsapp'],
    [3, 'email'],
  ],
);
assert.equal(lines.find((l) => l.line === 1 && l.type === 'message').message.id, 'whatsapp:wamid.xyzxyz');
assert.match(ok.stderr, /line 2: not JSON/);
assert.match(ok.stderr, /2 of 3 deliveries read \(1 rejected\)/);

const none = spawnSync(process.execPath, [bin, 'normalize', '-'], { input: 'garbage\n', encoding: 'utf8' });
assert.equal(none.status, 1);
const usage = spawnSync(process.execPath, [bin, 'normalize'], { encoding: 'utf8' });
assert.equal(usage.status, 2);
assert.match(usage.stderr, /ENVELOPES is required/);
console.log('cli normalize: ok');
