// Loads the BUILT package through its CommonJS export, as a user's `require` would.
const assert = require('node:assert/strict');
const omnilink = require('omnilink');

assert.equal(typeof omnilink.parseContactRecord, 'function');
assert.ok(omnilink.CHANNELS.includes('email'));
assert.throws(() => omnilink.parseContactRecord({}), (e) => e instanceof omnilink.ValidationError && e.code === 'validation_failed');
if ('normalizeEmail' in omnilink) {
  const e = omnilink.normalizeEmail(' Ana.Souza+news@GoogleMail.com ');
  assert.equal(e.success, true);
}
if ('normalizePhone' in omnilink) {
  assert.equal(omnilink.normalizePhone('whatsapp:+14155238886').data.e164, '+14155238886');
}
console.log('cjs: ok');
