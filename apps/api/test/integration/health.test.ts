import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('answers liveness without credentials', async () => {
    const res = await t.request('GET', '/healthz', { auth: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('answers readiness after pinging the database', async () => {
    const res = await t.request('GET', '/readyz', { auth: null });
    expect(res.status).toBe(200);
  });

  it('echoes a sane caller request id and replaces an unsafe one', async () => {
    const echoed = await t.request('GET', '/healthz', { auth: null, headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await t.request('GET', '/healthz', { auth: null, headers: { 'x-request-id': 'a b<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('answers unknown routes with the error envelope and the request id', async () => {
    const res = await t.request('GET', '/v1/nope', { auth: null });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found', request_id: res.headers.get('x-request-id') });
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await t.request('PUT', '/healthz', { auth: null });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(res.body.error.code).toBe('method_not_allowed');
  });
});

describe('when the database goes away', () => {
  let down: TestApp;
  beforeAll(async () => {
    down = await startTestApp();
    await down.close();
  });

  it('answers readiness with 503 unavailable', async () => {
    const res = await down.request('GET', '/readyz', { auth: null });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
  });

  it('answers other requests with a 500 envelope carrying the request id and no internals', async () => {
    const res = await down.request('GET', '/v1/users');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: {
        code: 'internal',
        message: 'internal error; quote the request id when reporting it',
        request_id: res.headers.get('x-request-id'),
      },
    });
  });
});
