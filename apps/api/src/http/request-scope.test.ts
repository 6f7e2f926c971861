import { Hono } from 'hono';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { requestScope } from './request-scope.ts';

function setup() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => lines.push(JSON.parse(s)) });
  const scope = requestScope(log);
  const app = new Hono();
  app.get('/ok', (c) => scope.respond(c, async () => c.text('ok')));
  app.get('/refused', (c) =>
    scope.respond(c, async () => {
      throw new ApiError('forbidden', 'no', { headers: { 'X-Why': 'test' } });
    }),
  );
  app.get('/boom', (c) =>
    scope.respond(c, async () => {
      throw new Error('secret detail');
    }),
  );
  app.notFound((c) => scope.settle(c, new ApiError('not_found', 'nothing here')));
  return { app, lines };
}

describe('requestScope', () => {
  it('logs method, path, status, duration and request id, and never the Authorization header', async () => {
    const { app, lines } = setup();
    const res = await app.request('/ok?token=1', {
      headers: { authorization: 'Bearer qp_secretvalue', 'x-request-id': 'r1' },
    });
    expect(res.headers.get('x-request-id')).toBe('r1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, method: 'GET', path: '/ok', status: 200, request_id: 'r1' });
    expect(typeof lines[0]?.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('qp_secretvalue');
  });

  it('replaces a request id that is not a plain token with a fresh one', async () => {
    const { app } = setup();
    for (const sent of ['has space', 'x'.repeat(256), 'semi;colon']) {
      const res = await app.request('/ok', { headers: { 'x-request-id': sent } });
      expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f-]{36}$/);
    }
  });

  it('answers what a route throws with the error envelope, its headers and its request id', async () => {
    const { app, lines } = setup();
    const res = await app.request('/refused', { headers: { 'x-request-id': 'r2' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-why')).toBe('test');
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden', message: 'no', request_id: 'r2' } });
    expect(lines[0]).toMatchObject({ level: 30, status: 403 });
  });

  it('answers an unexpected error with 500 and no detail, logged at error level', async () => {
    const { app, lines } = setup();
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('secret detail');
    expect(lines.map((l) => l.level)).toEqual([50, 50]);
    expect(lines[1]).toMatchObject({ status: 500 });
  });

  it('gives requests that reach no route a request id and a log line too', async () => {
    const { app, lines } = setup();
    const res = await app.request('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(lines[0]).toMatchObject({ path: '/nowhere', status: 404 });
  });
});
