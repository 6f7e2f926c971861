// The CommonJS build loads with require() and exposes the same API as the ESM build.
const assert = require('node:assert/strict');
const { test } = require('node:test');

test('require("@qeetid/sdk") works', () => {
  const sdk = require('@qeetid/sdk');
  assert.equal(typeof sdk.Qeetid, 'function');
  assert.equal(typeof sdk.TokenVerifier, 'function');
  const qeetid = new sdk.Qeetid({ apiKey: 'qk_a.b', baseUrl: 'http://localhost:4000' });
  assert.equal(qeetid.baseUrl, 'http://localhost:4000');
  assert.ok(new sdk.NotFoundError({ status: 404, code: 'not_found', message: 'x' }) instanceof sdk.QeetidError);
});
