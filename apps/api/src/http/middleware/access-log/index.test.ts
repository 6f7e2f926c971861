import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { accessLog } from './index.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => lines.push(JSON.parse(s)) });
  return { lines, log };
}

describe('accessLog', () => {
  it('logs method, path, status, duration and request id, and never the Authorization header', async () => {
    const { lines, log } = capture();
    const app = new Hono().use(requestId()).use(accessLog({ log }));
    app.get('/x', (c) => c.text('ok'));
    await app.request('/x?token=1', { headers: { authorization: 'Bearer qp_secretvalue', 'x-request-id': 'r1' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, method: 'GET', path: '/x', status: 200, request_id: 'r1' });
    expect(typeof lines[0]?.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('qp_secretvalue');
  });

  it('logs 5xx responses at error level', async () => {
    const { lines, log } = capture();
    const app = new Hono().use(requestId()).use(accessLog({ log }));
    app.get('/boom', (c) => c.text('no', 503));
    await app.request('/boom');
    expect(lines[0]).toMatchObject({ level: 50, status: 503 });
  });
});
