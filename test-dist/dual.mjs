// The dual-package hazard: an app that loads the ESM build and, through a dependency, the CommonJS
// build has two copies of every class. An error thrown by one copy is still `instanceof` the
// other's OmnilinkError / ValidationError (errors carry a Symbol.for brand).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as esm from 'omnilink';

const cjs = createRequire(import.meta.url)('omnilink');
assert.notEqual(esm.OmnilinkError, cjs.OmnilinkError); // two copies indeed
for (const [thrower, other] of [
  [esm, cjs],
  [cjs, esm],
]) {
  assert.throws(
    () => thrower.parseContactRecord({ id: '' }),
    (e) => e instanceof other.ValidationError && e instanceof other.OmnilinkError && e.code === 'validation_failed',
  );
  assert.ok(!(new thrower.OmnilinkError('not_found', 'x') instanceof other.ValidationError));
}
console.log('dual: ok');
