import { randomBytes, randomUUID } from 'node:crypto';
import { decodeId, encodeId, newId } from '@qeetid/contract';
import type { Database } from '@qeetid/db';
import { openTestDb } from '@qeetid/db/testing';
import type { Hono } from 'hono';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { bootstrap } from '../src/bootstrap.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { mintToken } from '../src/crypto/opaque-token.ts';
import { createDeps } from '../src/deps.ts';
import type { Deps } from '../src/http/context.ts';

export type Auth = { apiKey: string } | { bearer: string } | { header: string } | null;

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies; the app validates them against the spec.
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The real app on a fresh, bootstrapped database; every response is checked against the spec. */
export interface TestApp {
  app: Hono;
  deps: Deps;
  db: Database;
  /** The PostgreSQL URL of this test's database; undefined on PGlite. */
  dbUrl: string | undefined;
  /** The bootstrap owner's personal access token (Bearer). */
  adminToken: string;
  adminAuth: Auth;
  /** Wire id (`ten_…`) of the bootstrap tenant. */
  tenantId: string;
  /** Wire id (`usr_…`) of the bootstrap owner. */
  adminUserId: string;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  request<T = any>(
    method: string,
    path: string,
    options?: { auth?: Auth; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
  close(): Promise<void>;
}

/** Test settings: silent logs, a fresh master key; `env` adds or overrides variables. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    QEETID_DATA_DIR: '/nonexistent',
    LOG_LEVEL: 'silent',
    QEETID_BODY_LIMIT: '65536',
    QEETID_MASTER_KEY: randomBytes(32).toString('base64url'),
    ...env,
  });
}

export async function startTestApp(options: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await openTestDb();
  let adminToken = '';
  const boot = await bootstrap(db, {
    adminEmail: 'admin@qeetid.test',
    persistToken: async (token) => {
      adminToken = token;
    },
  });
  if (!boot) throw new Error('test database was not empty');
  const config = testConfig(options.env);
  const deps = await createDeps({ db, config, log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  const app = createApp(deps, { validateResponses: true });
  const adminAuth: Auth = { bearer: adminToken };

  return {
    app,
    deps,
    db,
    dbUrl: db.url,
    adminToken,
    adminAuth,
    tenantId: encodeId('tenant', boot.tenantId),
    adminUserId: encodeId('user', boot.userId),
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const auth = options.auth === undefined ? adminAuth : options.auth;
      if (auth && 'apiKey' in auth) headers.authorization = `ApiKey ${auth.apiKey}`;
      if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
      if (auth && 'header' in auth) headers.authorization = auth.header;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await app.request(path, { method, headers, body });
      const text = await res.text();
      const type = res.headers.get('content-type') ?? '';
      return {
        status: res.status,
        headers: res.headers,
        body: type.includes('application/json') && text ? JSON.parse(text) : text,
      };
    },
    close: () => db.close(),
  };
}

/** Creates an API key through the API and returns its secret. */
export async function createApiKey(
  t: TestApp,
  body: Record<string, unknown> = { name: 'test' },
  auth?: Auth,
): Promise<string> {
  const res = await t.request('POST', '/v1/api-keys', { body, auth });
  if (res.status !== 201) throw new Error(`createApiKey: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.key;
}

/** A new tenant owned by the bootstrap admin, with an API key of its own. */
export async function createTenantWithKey(t: TestApp, name: string): Promise<{ tenantId: string; apiKey: string }> {
  const tenant = await t.request('POST', '/v1/tenants', { body: { name } });
  if (tenant.status !== 201) throw new Error(`createTenant: ${tenant.status} ${JSON.stringify(tenant.body)}`);
  const key = await t.request('POST', `/v1/tenants/${tenant.body.id}/api-keys`, { body: { name: `${name} key` } });
  if (key.status !== 201) throw new Error(`createTenantApiKey: ${key.status} ${JSON.stringify(key.body)}`);
  return { tenantId: tenant.body.id, apiKey: key.body.key };
}

/**
 * A user of the bootstrap tenant with the given built-in role, and a personal access token for
 * them (there is no API to mint one for someone else yet, so it is written like bootstrap does).
 */
export async function createMember(
  t: TestApp,
  role: 'owner' | 'admin' | 'member',
  email = `${role}-${randomUUID().slice(0, 8)}@qeetid.test`,
): Promise<{ userId: string; auth: Auth }> {
  const user = await t.request('POST', '/v1/users', { body: { email } });
  if (user.status !== 201) throw new Error(`createUser: ${user.status} ${JSON.stringify(user.body)}`);
  if (role !== 'member') {
    const roles = await t.request('GET', `/v1/tenants/${t.tenantId}/roles`);
    const builtin = roles.body.items.find((r: { name: string }) => r.name === role);
    const assigned = await t.request('POST', `/v1/users/${user.body.id}/tenants/${t.tenantId}/roles/${builtin.id}`);
    if (assigned.status !== 204) throw new Error(`assignRole: ${assigned.status} ${JSON.stringify(assigned.body)}`);
  }
  return { userId: user.body.id, auth: { bearer: await mintPat(t, user.body.id) } };
}

/** A personal access token for a member of the bootstrap tenant. */
export async function mintPat(t: TestApp, userId: string, scopes: string[] = ['*']): Promise<string> {
  const minted = mintToken('qp');
  const tenantId = decodeId('tenant', t.tenantId) as string;
  await t.db.withTenant(
    { tenantId, audit: { actor: { type: 'system', id: null }, ip: null, userAgent: null, requestId: null } },
    (r) =>
      r.pats.insert({
        id: newId('pat').uuid,
        userId: decodeId('user', userId) as string,
        name: 'test token',
        prefix: minted.prefix,
        secretHash: minted.secretHash,
        scopes,
        createdAt: new Date(),
      }),
  );
  return minted.token;
}

/**
 * Resolves at the change feed's next announcement. A change made behind the server's back (plain
 * SQL, as another replica would) reaches cached credentials through the feed; on PostgreSQL the
 * notification arrives asynchronously after the commit.
 */
export function nextAnnouncement(db: Database): Promise<string> {
  return new Promise((resolve) => {
    const stop = db.changes.subscribe((tenantId) => {
      stop();
      resolve(tenantId);
    });
  });
}

/** The actions of the bootstrap tenant's newest 200 audit events, newest first. */
export async function auditActions(t: TestApp): Promise<string[]> {
  const res = await t.request('GET', `/v1/tenants/${t.tenantId}/audit?limit=200`);
  return res.body.items.map((e: { action: string }) => e.action);
}
