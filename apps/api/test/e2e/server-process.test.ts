import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@qeetid/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real process as an operator runs it: first-start bootstrap, the token file, the banner,
 * JSON logs without secrets, and a clean exit on SIGTERM.
 */
let dir: string;
let server: ChildProcess;
let output = '';
let baseUrl = '';
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qeetid-e2e-'));
  // On the PostgreSQL run the process gets a database of its own, empty like a first install.
  if (process.env.DATABASE_URL) database = await createTestDatabase(process.env.DATABASE_URL);
  server = spawn(process.execPath, ['src/main.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      QEETID_DATA_DIR: dir,
      LOG_LEVEL: 'info',
      DATABASE_URL: database?.url ?? '',
    },
  });
  server.stdout?.on('data', (d) => {
    output += d;
  });
  server.stderr?.on('data', (d) => {
    output += d;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 45_000);
    const poll = setInterval(() => {
      const m = /running on (http:\/\/localhost:\d+)/.exec(output);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        baseUrl = (m[1] as string).replace('localhost', '127.0.0.1');
        resolve();
      }
    }, 50);
  });
}, 60_000);

/** Resolves with the first truthy value of `probe`, checking as output arrives. */
async function until<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((r) => server.stdout?.once('data', r));
  }
  throw new Error('condition never held');
}

afterAll(async () => {
  if (server.exitCode === null) server.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
  await database?.drop();
});

describe('the server process', () => {
  it('writes the bootstrap admin token to a 0600 file and prints its path and a curl, never the token', async () => {
    const file = join(dir, 'admin-token');
    const token = (await readFile(file, 'utf8')).trim();
    expect(token).toMatch(/^qp_/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(output).toContain(file);
    expect(output).toContain('curl -X POST');
    expect(output).not.toContain(token);
  });

  it('serves the Quickstart first step: an API key created with the admin token manages users', async () => {
    const token = (await readFile(join(dir, 'admin-token'), 'utf8')).trim();
    const created = await fetch(`${baseUrl}/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'backend' }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const user = await fetch(`${baseUrl}/v1/users`, {
      method: 'POST',
      headers: { authorization: `ApiKey ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alex@acme.com', display_name: 'Alex Chen' }),
    });
    expect(user.status).toBe(201);
    expect(output).not.toContain(key.split('.')[1]);
  });

  it('logs one JSON line per request with its request id', async () => {
    const res = await fetch(`${baseUrl}/healthz`, { headers: { 'x-request-id': 'e2e-probe-1' } });
    expect(res.status).toBe(200);
    const line = await until(() => output.split('\n').find((l) => l.includes('e2e-probe-1')));
    expect(JSON.parse(line as string)).toMatchObject({
      request_id: 'e2e-probe-1',
      method: 'GET',
      path: '/healthz',
      status: 200,
    });
  });

  it('drains and exits with status 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/shutting down/);
  });
});
