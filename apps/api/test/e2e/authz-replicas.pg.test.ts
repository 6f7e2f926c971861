import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@qeetid/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, postgresUrl, type ServerProcess, spawnServer, until } from './spawn-server.ts';

/**
 * Two server processes on one PostgreSQL database, as two replicas behind a load balancer. Each
 * caches credentials and compiled permission sets. A change applies at once on the replica that
 * made it, and on the other as soon as PostgreSQL delivers the change feed's notification: the
 * other replica is polled until it agrees (it must, within seconds), and a change is never
 * undone later.
 */
const serverUrl = postgresUrl();
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const dirs: string[] = [];
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  database = await createTestDatabase(serverUrl);
  const masterKey = randomBytes(32).toString('base64url');
  const start = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qeetid-replica-'));
    dirs.push(dir);
    return spawnServer({ QEETID_DATA_DIR: dir, DATABASE_URL: database.url, QEETID_MASTER_KEY: masterKey });
  };
  a = await start();
  b = await start();
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  await database?.drop();
});

/** Polls until `probe` answers `expected`, then checks it keeps answering that. */
async function eventually<T>(probe: () => Promise<T>, expected: T): Promise<void> {
  await until(async () => (await probe()) === expected, `answers ${String(expected)}`);
  expect(await probe()).toBe(expected);
}

describe('two replicas on one database', () => {
  it('sees role, group and policy changes made through the other replica once they are announced', async () => {
    // The first replica bootstrapped the empty database; the second found it initialised.
    const token = await readFile(join(dirs[0] as string, 'admin-token'), 'utf8');
    const admin = `Bearer ${token.trim()}`;
    const key = (await call(a, 'POST', '/v1/api-keys', { authorization: admin, body: { name: 'replicas' } })).body
      .key as string;
    const auth = `ApiKey ${key}`;
    const me = (await call(a, 'GET', '/v1/auth/me', { authorization: auth })).body;
    const tenant = me.tenant_id as string;
    const user = (await call(a, 'POST', '/v1/users', { authorization: auth, body: { email: 'replica@qeetid.test' } }))
      .body.id as string;
    const role = (
      await call(a, 'POST', `/v1/tenants/${tenant}/roles`, {
        authorization: auth,
        body: { name: 'b', permissions: ['billing:write'] },
      })
    ).body.id as string;
    const check = async (server: ServerProcess) =>
      (
        await call(server, 'GET', `/v1/check?user_id=${user}&tenant_id=${tenant}&permission=billing:write`, {
          authorization: auth,
        })
      ).body.allowed as boolean;

    // Both replicas cache the denial first.
    expect(await check(a)).toBe(false);
    expect(await check(b)).toBe(false);
    expect(
      (await call(a, 'POST', `/v1/users/${user}/tenants/${tenant}/roles/${role}`, { authorization: auth })).status,
    ).toBe(204);
    await eventually(() => check(b), true);
    expect(
      (await call(a, 'DELETE', `/v1/users/${user}/tenants/${tenant}/roles/${role}`, { authorization: auth })).status,
    ).toBe(204);
    await eventually(() => check(b), false);

    // Through a group, changed on replica 1, seen on replica 0.
    const group = (await call(b, 'POST', '/v1/groups', { authorization: auth, body: { name: 'finance' } })).body
      .id as string;
    await call(b, 'POST', `/v1/groups/${group}/members/${user}`, { authorization: auth });
    await call(b, 'POST', `/v1/tenants/${tenant}/groups/${group}/roles/${role}`, { authorization: auth });
    expect(await check(b)).toBe(true);
    await eventually(() => check(a), true);
    // A deny policy written on replica 0 applies on replica 1.
    const policy = await call(a, 'POST', `/v1/tenants/${tenant}/abac/policies`, {
      authorization: auth,
      body: {
        name: 'freeze',
        effect: 'deny',
        permissions: ['billing:*'],
        condition: 'true',
      },
    });
    expect(policy.status).toBe(201);
    expect(await check(a)).toBe(false);
    await eventually(() => check(b), false);
    await call(a, 'DELETE', `/v1/tenants/${tenant}/abac/policies/${policy.body.id}`, { authorization: auth });
    await eventually(() => check(b), true);
    // Deleting the role in use on replica 1 takes effect on replica 0.
    expect((await call(b, 'DELETE', `/v1/tenants/${tenant}/roles/${role}`, { authorization: auth })).status).toBe(204);
    expect(await check(b)).toBe(false);
    await eventually(() => check(a), false);
  });

  it('refuses a revoked API key on the replica that revoked it at once, and on the other one soon after', async () => {
    const token = await readFile(join(dirs[0] as string, 'admin-token'), 'utf8');
    const admin = `Bearer ${token.trim()}`;
    const created = (await call(a, 'POST', '/v1/api-keys', { authorization: admin, body: { name: 'to revoke' } })).body;
    const auth = `ApiKey ${created.key}`;
    // Both replicas have the key cached.
    expect((await call(a, 'GET', '/v1/auth/me', { authorization: auth })).status).toBe(200);
    expect((await call(b, 'GET', '/v1/auth/me', { authorization: auth })).status).toBe(200);
    expect((await call(a, 'DELETE', `/v1/api-keys/${created.id}`, { authorization: admin })).status).toBe(204);
    const me = async (server: ServerProcess) =>
      (await call(server, 'GET', '/v1/auth/me', { authorization: auth })).status;
    expect(await me(a)).toBe(401);
    await eventually(() => me(b), 401);
  });
});
