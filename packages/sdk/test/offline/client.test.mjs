// The facade's transport against a local HTTP server: credentials, env defaults, retries,
// Retry-After, timeouts and typed errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectionError, NotFoundError, Qeetid, RateLimitError, ServerError } from '@qeetid/sdk';
import { serve } from './helpers.mjs';

const user = { id: 'usr_1', email: 'a@b.test' };
const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const envelope = (code, message) => ({ error: { code, message, request_id: 'req_1' } });

test('sends the API key with the ApiKey scheme; reads QEETID_API_KEY and QEETID_BASE_URL', async () => {
  let seen;
  const srv = await serve((req, res) => {
    seen = req.headers.authorization;
    json(res, 200, user);
  });
  process.env.QEETID_API_KEY = 'qk_env.secret';
  process.env.QEETID_BASE_URL = srv.url;
  try {
    const qeetid = new Qeetid();
    assert.equal(qeetid.baseUrl, srv.url);
    assert.deepEqual(await qeetid.users.get('usr_1'), user);
    assert.equal(seen, 'ApiKey qk_env.secret');
  } finally {
    delete process.env.QEETID_API_KEY;
    delete process.env.QEETID_BASE_URL;
  }
  assert.equal(new Qeetid().baseUrl, 'https://api.qeetid.com');
  await srv.close();
});

test('retries an idempotent call on 5xx with backoff and succeeds', async () => {
  const srv = await serve((_req, res, hit) => (hit < 3 ? res.writeHead(503).end('busy') : json(res, 200, user)));
  const qeetid = new Qeetid({ baseUrl: srv.url, apiKey: 'qk_a.b' });
  assert.deepEqual(await qeetid.users.get('usr_1'), user);
  assert.equal(srv.state.hits, 3);
  await srv.close();
});

test('does not retry a POST on 5xx, and reports a non-JSON body as a ServerError with its status', async () => {
  const srv = await serve((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('boom'));
  const qeetid = new Qeetid({ baseUrl: srv.url, apiKey: 'qk_a.b' });
  await assert.rejects(qeetid.users.create({ email: 'x@y.test' }), (e) => {
    assert.ok(e instanceof ServerError);
    assert.equal(e.status, 500);
    assert.equal(e.code, 'unexpected_response');
    return true;
  });
  assert.equal(srv.state.hits, 1);
  await srv.close();
});

test('honours Retry-After on 429, for any method', async () => {
  const srv = await serve((_req, res, hit) =>
    hit === 1 ? json(res, 429, envelope('rate_limited', 'slow down'), { 'retry-after': '1' }) : json(res, 201, user),
  );
  const qeetid = new Qeetid({ baseUrl: srv.url, apiKey: 'qk_a.b' });
  const started = Date.now();
  assert.deepEqual(await qeetid.users.create({ email: 'a@b.test' }), user);
  assert.ok(Date.now() - started >= 950, 'waited for Retry-After');
  assert.equal(srv.state.hits, 2);
  await srv.close();
});

test('a Retry-After longer than the SDK waits surfaces as RateLimitError with retryAfter', async () => {
  const srv = await serve((_req, res) =>
    json(res, 429, envelope('rate_limited', 'slow down'), { 'retry-after': '3600' }),
  );
  const qeetid = new Qeetid({ baseUrl: srv.url, apiKey: 'qk_a.b' });
  await assert.rejects(qeetid.users.get('usr_1'), (e) => {
    assert.ok(e instanceof RateLimitError);
    assert.equal(e.retryAfter, 3600);
    assert.equal(e.requestId, 'req_1');
    return true;
  });
  assert.equal(srv.state.hits, 1);
  await srv.close();
});

test('4xx are not retried and come back typed', async () => {
  const srv = await serve((_req, res) => json(res, 404, envelope('not_found', 'no such user')));
  const qeetid = new Qeetid({ baseUrl: srv.url, apiKey: 'qk_a.b' });
  await assert.rejects(qeetid.users.get('usr_1'), NotFoundError);
  assert.equal(srv.state.hits, 1);
  await srv.close();
});

test('a server that never answers times out per attempt and ends in a ConnectionError', async () => {
  const srv = await serve(() => {});
  const qeetid = new Qeetid({ baseUrl: srv.url, apiKey: 'qk_a.b', timeoutMs: 100, maxRetries: 1 });
  await assert.rejects(qeetid.users.get('usr_1'), (e) => {
    assert.ok(e instanceof ConnectionError);
    assert.equal(e.code, 'timeout');
    assert.equal(e.status, 0);
    return true;
  });
  assert.equal(srv.state.hits, 2);
  await srv.close();
});

test('listAll follows next_cursor across pages', async () => {
  const srv = await serve((req, res) => {
    const cursor = new URL(req.url, 'http://x').searchParams.get('cursor');
    if (!cursor) json(res, 200, { items: [{ id: 'usr_1' }, { id: 'usr_2' }], next_cursor: 'c2' });
    else if (cursor === 'c2') json(res, 200, { items: [{ id: 'usr_3' }], next_cursor: null });
    else json(res, 400, envelope('bad_request', 'bad cursor'));
  });
  const qeetid = new Qeetid({ baseUrl: srv.url, apiKey: 'qk_a.b' });
  const ids = [];
  for await (const u of qeetid.users.listAll({ limit: 2 })) ids.push(u.id);
  assert.deepEqual(ids, ['usr_1', 'usr_2', 'usr_3']);
  await srv.close();
});
