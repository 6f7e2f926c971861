// sessions.verify against a real JWKS endpoint: caching, outages, garbage, unknown-kid floods.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cacheMaxAgeMs, Qeetid, TokenVerificationError } from '@qeetid/sdk';
import { serve, signingKey } from './helpers.mjs';

const jwksServer = (keys, { cacheControl = 'public, max-age=300', status = 200, body } = {}) =>
  serve((req, res) => {
    assert.equal(req.url, '/.well-known/jwks.json');
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': cacheControl });
    res.end(body ?? JSON.stringify({ keys: keys.map((k) => k.jwk) }));
  });

test('fetches the JWKS once and verifies every later token from the cache', async () => {
  const key = await signingKey();
  const srv = await jwksServer([key]);
  const qeetid = new Qeetid({ baseUrl: srv.url, apiKey: 'qk_x.y' });
  for (let i = 0; i < 5; i++) {
    const claims = await qeetid.sessions.verify(await key.sign({}, srv.url, srv.url));
    assert.deepEqual([claims.userId, claims.tenantId, claims.sessionId], ['usr_1', 'ten_1', 'ses_1']);
  }
  assert.equal(srv.state.hits, 1);
  await srv.close();
});

test('Cache-Control no-store makes every verify refetch; max-age is read in seconds', async () => {
  assert.equal(cacheMaxAgeMs('public, max-age=600'), 600_000);
  assert.equal(cacheMaxAgeMs('no-cache'), 0);
  assert.equal(cacheMaxAgeMs(null), null);
  const key = await signingKey();
  const srv = await jwksServer([key], { cacheControl: 'no-store' });
  const qeetid = new Qeetid({ baseUrl: srv.url });
  const token = await key.sign({}, srv.url, srv.url);
  await qeetid.sessions.verify(token);
  await qeetid.sessions.verify(token);
  assert.equal(srv.state.hits, 2);
  await srv.close();
});

test('keeps verifying from the stale cache while the JWKS endpoint is down', async () => {
  const key = await signingKey();
  let down = false;
  const srv = await serve((_req, res) => {
    if (down) {
      res.writeHead(503).end('down');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=0' });
    res.end(JSON.stringify({ keys: [key.jwk] }));
  });
  const qeetid = new Qeetid({ baseUrl: srv.url });
  const token = await key.sign({}, srv.url, srv.url);
  await qeetid.sessions.verify(token);
  down = true;
  const claims = await qeetid.sessions.verify(token);
  assert.equal(claims.userId, 'usr_1');
  // The expired cache did ask the endpoint again and got the outage.
  assert.equal(srv.state.hits, 2);
  await srv.close();
});

test('no cache and no answer: a typed jwks_unavailable error within the timeout, not a hang', async () => {
  const srv = await serve(() => {}); // accepts, never answers
  const qeetid = new Qeetid({ baseUrl: srv.url, timeoutMs: 200 });
  const key = await signingKey();
  const started = Date.now();
  await assert.rejects(qeetid.sessions.verify(await key.sign({}, srv.url, srv.url)), (e) => {
    assert.ok(e instanceof TokenVerificationError);
    assert.equal(e.code, 'jwks_unavailable');
    return true;
  });
  assert.ok(Date.now() - started < 2000);
  await srv.close();
});

test('a JWKS that is not JSON, or has no keys array, is a typed jwks_invalid error', async () => {
  const key = await signingKey();
  for (const body of ['<html>oops</html>', '{"nokeys":true}']) {
    const srv = await jwksServer([], { body });
    const qeetid = new Qeetid({ baseUrl: srv.url });
    await assert.rejects(qeetid.sessions.verify(await key.sign({}, srv.url, srv.url)), { code: 'jwks_invalid' });
    await srv.close();
  }
});

test('a flood of unknown kids causes at most one refetch', async () => {
  const key = await signingKey();
  const stranger = await signingKey();
  const srv = await jwksServer([key]);
  const qeetid = new Qeetid({ baseUrl: srv.url });
  const forged = await stranger.sign({}, srv.url, srv.url);
  for (let i = 0; i < 50; i++) {
    await assert.rejects(qeetid.sessions.verify(forged), { code: 'unknown_kid' });
  }
  assert.equal(srv.state.hits, 2); // the first load, then one refetch for the unknown kid
  await srv.close();
});

test('a rotated key is picked up by one refetch', async () => {
  const oldKey = await signingKey();
  const newKey = await signingKey();
  let keys = [oldKey];
  const srv = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' });
    res.end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
  });
  const qeetid = new Qeetid({ baseUrl: srv.url });
  await qeetid.sessions.verify(await oldKey.sign({}, srv.url, srv.url));
  keys = [newKey, oldKey];
  assert.equal((await qeetid.sessions.verify(await newKey.sign({}, srv.url, srv.url))).userId, 'usr_1');
  assert.equal(srv.state.hits, 2);
  await srv.close();
});

test('a 10 MB token is refused at once, before any decoding or fetch', async () => {
  const qeetid = new Qeetid({ baseUrl: 'http://127.0.0.1:9' });
  const huge = `${'a'.repeat(10 * 1024 * 1024)}.b.c`;
  const started = performance.now();
  await assert.rejects(qeetid.sessions.verify(huge), { code: 'malformed' });
  assert.ok(performance.now() - started < 50);
});

test('per-call options override the expected audience', async () => {
  const key = await signingKey();
  const srv = await jwksServer([key]);
  const qeetid = new Qeetid({ baseUrl: srv.url });
  const token = await key.sign({}, srv.url, 'https://billing.example.test');
  await assert.rejects(qeetid.sessions.verify(token), { code: 'invalid_audience' });
  const claims = await qeetid.sessions.verify(token, { audience: 'https://billing.example.test' });
  assert.equal(claims.userId, 'usr_1');
  await srv.close();
});
