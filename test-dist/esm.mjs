// Loads the BUILT package through its ESM export, as a user's `import` would. Catches bundling bugs
// that src tests cannot see (e.g. a named import of a CJS-only dependency).
import assert from 'node:assert/strict';
import * as omnilink from 'omnilink';

assert.equal(typeof omnilink.parseContactRecord, 'function');
assert.ok(omnilink.CHANNELS.includes('whatsapp'));
const r = omnilink.safeParseContactRecord({ id: 'x', channel: 'crm', identifiers: [] });
assert.equal(r.success, true);
for (const name of ['normalizeEmail', 'normalizePhone', 'normalizeName', 'toIdentifier', 'normalizeDelivery', 'detectProvider']) {
  if (name in omnilink) assert.equal(typeof omnilink[name], 'function', name);
}
if ('normalizePhone' in omnilink) {
  const p = omnilink.normalizePhone('+55 11 98765-4321');
  assert.equal(p.success, true);
  assert.equal(p.data.e164, '+5511987654321');
}
console.log('esm: ok');
