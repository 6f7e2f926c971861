import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@qeetid/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl, type ServerProcess, spawnServer } from './spawn-server.ts';

/**
 * Two server processes on one PostgreSQL database, as two replicas behind a load balancer. Each
 * caches credentials and compiled permission sets. A change applies at once on the replica that
 * made it, and on the other as soon as PostgreSQL delivers the change feed's notification: the
 * other replica is polled until it agrees (it must, within seconds), and a change is never
 * undone later.
 */
const serverUrl = postgresUrl();
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const servers: { proc: ServerProcess; url: string; dir: string }[] = [];

async function start(url: string, masterKey: string) {
  const dir = await mkdtemp(join(tmpdir(), 'qeetid-replica-'));
  const proc = await spawnServer({ QEETID_DATA_DIR: dir, DATABASE_URL: url, QEETID_MASTER_KEY: masterKey });
  return { proc, url: proc.url, dir };
}

beforeAll(async () => {
  database = await createTestDatabase(serverUrl);
  const masterKey = randomBytes(32).toString('base64url');
  servers.push(await start(database.url, masterKey));
  servers.push(await start(database.url, masterKey));
}, 120_000);

afterAll(async () => {
  for (const s of servers) {
    await s.proc.stop();
    await rm(s.dir, { recursive: true, force: true });
  }
  await database?.drop();
});

async function call(server: number, method: string, path: string, auth: string, body?: unknown) {
  const res = await fetch(`${servers[server]?.url}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Polls until `probe` answers `expected`, then checks it keeps answering that. */
async function eventually<T>(probe: () => Promise<T>, expected: T): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await probe()) !== expected) {
    if (Date.now() > deadline) throw new Error(`still not ${String(expected)} after 5 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(await probe()).toBe(expected);
}

describe('two replicas on one database', () => {
  it('sees role, group and policy changes made through the other replica once they are announced', async () => {
    // The first replica bootstrapped the empty database; the second found it initialised.
    const token = await readFile(join(servers[0]?.dir as string, 'admin-token'), 'utf8');
    const admin = `Bearer ${token.trim()}`;
    const key = (await call(0, 'POST', '/v1/api-keys', admin, { name: 'replicas' })).body.key as string;
    const auth = `ApiKey ${key}`;
    const me = (await call(0, 'GET', '/v1/auth/me', auth)).body;
    const tenant = me.tenant_id as string;
    const user = (await call(0, 'POST', '/v1/users', auth, { email: 'replica@qeetid.test' })).body.id as string;
    const role = (
      await call(0, 'POST', `/v1/tenants/${tenant}/roles`, auth, { name: 'b', permissions: ['billing:write'] })
    ).body.id as string;
    const check = async (server: number) =>
      (await call(server, 'GET', `/v1/check?user_id=${user}&tenant_id=${tenant}&permission=billing:write`, auth)).body
        .allowed as boolean;

    // Both replicas cache the denial first.
    expect(await check(0)).toBe(false);
    expect(await check(1)).toBe(false);
    expect((await call(0, 'POST', `/v1/users/${user}/tenants/${tenant}/roles/${role}`, auth)).status).toBe(204);
    await eventually(() => check(1), true);
    expect((await call(0, 'DELETE', `/v1/users/${user}/tenants/${tenant}/roles/${role}`, auth)).status).toBe(204);
    await eventually(() => check(1), false);

    // Through a group, changed on replica 1, seen on replica 0.
    const group = (await call(1, 'POST', '/v1/groups', auth, { name: 'finance' })).body.id as string;
    await call(1, 'POST', `/v1/groups/${group}/members/${user}`, auth);
    await call(1, 'POST', `/v1/tenants/${tenant}/groups/${group}/roles/${role}`, auth);
    expect(await check(1)).toBe(true);
    await eventually(() => check(0), true);
    // A deny policy written on replica 0 applies on replica 1.
    const policy = await call(0, 'POST', `/v1/tenants/${tenant}/abac/policies`, auth, {
      name: 'freeze',
      effect: 'deny',
      permissions: ['billing:*'],
      condition: 'true',
    });
    expect(policy.status).toBe(201);
    expect(await check(0)).toBe(false);
    await eventually(() => check(1), false);
    await call(0, 'DELETE', `/v1/tenants/${tenant}/abac/policies/${policy.body.id}`, auth);
    await eventually(() => check(1), true);
    // Deleting the role in use on replica 1 takes effect on replica 0.
    expect((await call(1, 'DELETE', `/v1/tenants/${tenant}/roles/${role}`, auth)).status).toBe(204);
    expect(await check(1)).toBe(false);
    await eventually(() => check(0), false);
  });

  it('refuses a revoked API key on the replica that revoked it at once, and on the other one soon after', async () => {
    const token = await readFile(join(servers[0]?.dir as string, 'admin-token'), 'utf8');
    const admin = `Bearer ${token.trim()}`;
    const created = (await call(0, 'POST', '/v1/api-keys', admin, { name: 'to revoke' })).body;
    const auth = `ApiKey ${created.key}`;
    // Both replicas have the key cached.
    expect((await call(0, 'GET', '/v1/auth/me', auth)).status).toBe(200);
    expect((await call(1, 'GET', '/v1/auth/me', auth)).status).toBe(200);
    expect((await call(0, 'DELETE', `/v1/api-keys/${created.id}`, admin)).status).toBe(204);
    const me = async (server: number) => (await call(server, 'GET', '/v1/auth/me', auth)).status;
    expect(await me(0)).toBe(401);
    await eventually(() => me(1), 401);
  });
});
