// Runs the BUILT CLI binary as a user would (through the package's bin entry).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const bin = new URL(`../${pkg.bin.omnilink}`, import.meta.url).pathname;
const version = execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim();
assert.equal(version, pkg.version);
const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
assert.match(help, /Usage: omnilink <command>/);
let failed = false;
try {
  execFileSync(process.execPath, [bin, 'no-such-command'], { encoding: 'utf8', stdio: 'pipe' });
} catch (error) {
  failed = true;
  assert.match(String(error.stderr), /unknown command 'no-such-command'/);
  assert.notEqual(error.status, 0);
}
assert.ok(failed, 'an unknown command must fail');
console.log('cli: ok');
