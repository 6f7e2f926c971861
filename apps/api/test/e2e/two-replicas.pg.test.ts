import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@qeetid/db/testing';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, postgresUrl, type ServerProcess, spawnServer, until } from './spawn-server.ts';

/**
 * Two server processes on one PostgreSQL database, as replicas behind a load balancer: key
 * rotation reaches both without a restart, and a refresh token raced at both is honoured once.
 * PGlite is single-process, so this runs only on the PostgreSQL pass (CI always has one).
 */
const serverUrl = postgresUrl();
const PASSWORD = 'replicas share one database 9';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dirs: string[] = [];
let a: ServerProcess;
let b: ServerProcess;
let adminToken: string;

describe('two replicas on one PostgreSQL', () => {
  beforeAll(async () => {
    database = await createTestDatabase(serverUrl);
    const masterKey = randomBytes(32).toString('base64url');
    const start = async () => {
      const dir = await mkdtemp(join(tmpdir(), 'qeetid-replica-'));
      dirs.push(dir);
      return spawnServer({
        DATABASE_URL: database.url,
        QEETID_DATA_DIR: dir,
        QEETID_MASTER_KEY: masterKey,
        QEETID_KEY_REFRESH_SECONDS: '1',
        QEETID_ISSUER: 'http://qeetid.replicas.test',
      });
    };
    a = await start();
    b = await start();
    adminToken = (await readFile(join(dirs[0] as string, 'admin-token'), 'utf8')).trim();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    dirs = [];
  });

  async function newUser(): Promise<string> {
    const email = `replica-${randomBytes(4).toString('hex')}@replicas.test`;
    const res = await call(a, 'POST', '/v1/auth/signup', { body: { email, password: PASSWORD } });
    expect(res.status).toBe(201);
    return email;
  }

  it('a rotation on one replica reaches the other without a restart; older tokens keep verifying', async () => {
    const email = await newUser();
    const before = (await call(b, 'POST', '/v1/auth/login', { body: { email, password: PASSWORD } })).body;
    const oldKid = decodeProtectedHeader(before.access_token).kid;
    const rotated = await call(a, 'POST', '/v1/oidc/signing-keys/rotate', { authorization: `Bearer ${adminToken}` });
    expect(rotated.status).toBe(201);
    expect(rotated.body.kid).not.toBe(oldKid);

    const jwksOfB = createRemoteJWKSet(new URL(`${b.url}/.well-known/jwks.json`), {
      cacheMaxAge: 0,
      cooldownDuration: 0,
    });
    const verifyAtB = (token: string) =>
      jwtVerify(token, jwksOfB, { issuer: 'http://qeetid.replicas.test', audience: 'http://qeetid.replicas.test' });
    await until(async () => {
      const res = await call(b, 'GET', '/.well-known/jwks.json');
      return res.body.keys.some((k: { kid: string }) => k.kid === rotated.body.kid);
    }, 'replica B publishes the new kid');
    await verifyAtB(before.access_token);

    const after = await until(async () => {
      const res = await call(b, 'POST', '/v1/auth/login', { body: { email, password: PASSWORD } });
      return decodeProtectedHeader(res.body.access_token).kid === rotated.body.kid ? res.body : undefined;
    }, 'replica B signs with the new key');
    await verifyAtB(after.access_token);
    expect((await call(a, 'GET', '/v1/auth/me', { authorization: `Bearer ${after.access_token}` })).status).toBe(200);
    expect((await call(a, 'GET', '/v1/auth/me', { authorization: `Bearer ${before.access_token}` })).status).toBe(200);
  });

  it('a refresh token raced at both replicas is honoured exactly once', async () => {
    const email = await newUser();
    for (let round = 0; round < 10; round++) {
      const pair = (await call(a, 'POST', '/v1/auth/login', { body: { email, password: PASSWORD } })).body;
      const results = await Promise.all(
        [a, b].map((s) => call(s, 'POST', '/v1/auth/refresh', { body: { refresh_token: pair.refresh_token } })),
      );
      expect(results.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 401]);
    }
  });

  it('a replay at one replica of a token rotated at the other revokes the session', async () => {
    const email = await newUser();
    const pair = (await call(a, 'POST', '/v1/auth/login', { body: { email, password: PASSWORD } })).body;
    const next = await call(a, 'POST', '/v1/auth/refresh', { body: { refresh_token: pair.refresh_token } });
    expect(next.status).toBe(200);
    const replay = await call(b, 'POST', '/v1/auth/refresh', { body: { refresh_token: pair.refresh_token } });
    expect(replay.body.error.code).toBe('auth.refresh_token_reused');
    expect(
      (await call(a, 'POST', '/v1/auth/refresh', { body: { refresh_token: next.body.refresh_token } })).status,
    ).toBe(401);
  });
});
