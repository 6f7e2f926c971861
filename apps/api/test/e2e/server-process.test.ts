import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@qeetid/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ServerProcess, spawnServer, until } from './spawn-server.ts';

/**
 * The real process as an operator runs it: first-start bootstrap, the token file, the banner,
 * JSON logs without secrets, and a clean exit on SIGTERM.
 */
let dir: string;
let server: ServerProcess;
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeetid-e2e-'));
  // On the PostgreSQL run the process gets a database of its own, empty like a first install.
  if (process.env.DATABASE_URL) database = await createTestDatabase(process.env.DATABASE_URL);
  server = await spawnServer({ QEETID_DATA_DIR: dir, LOG_LEVEL: 'info', DATABASE_URL: database?.url ?? '' });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
  await database?.drop();
});

describe('the server process', () => {
  it('writes the bootstrap admin token to a 0600 file and prints its path and a curl, never the token', async () => {
    const file = join(dir, 'admin-token');
    const token = (await readFile(file, 'utf8')).trim();
    expect(token).toMatch(/^qp_/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(server.output()).toContain(file);
    expect(server.output()).toContain('curl -X POST');
    expect(server.output()).not.toContain(token);
  });

  it('serves the Quickstart first step: an API key created with the admin token manages users', async () => {
    const token = (await readFile(join(dir, 'admin-token'), 'utf8')).trim();
    const created = await call(server, 'POST', '/v1/api-keys', {
      authorization: `Bearer ${token}`,
      body: { name: 'backend' },
    });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    const user = await call(server, 'POST', '/v1/users', {
      authorization: `ApiKey ${key}`,
      body: { email: 'alex@acme.com', display_name: 'Alex Chen' },
    });
    expect(user.status).toBe(201);
    expect(server.output()).not.toContain(key.split('.')[1]);
  });

  it('logs one JSON line per request with its request id', async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'e2e-probe-1' } });
    expect(res.status).toBe(200);
    const line = await until(
      () =>
        server
          .output()
          .split('\n')
          .find((l) => l.includes('e2e-probe-1')),
      'the request is logged',
    );
    expect(JSON.parse(line)).toMatchObject({
      request_id: 'e2e-probe-1',
      method: 'GET',
      path: '/healthz',
      status: 200,
    });
  });

  it('drains and exits with status 0 on SIGTERM', async () => {
    expect(await server.stop()).toBe(0);
    expect(server.output()).toMatch(/shutting down/);
  });
});
