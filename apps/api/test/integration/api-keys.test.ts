import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, nextAnnouncement, startTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('API keys', () => {
  it('shows the secret once and stores only its SHA-256', async () => {
    const res = await t.request('POST', '/v1/api-keys', { body: { name: 'backend', scopes: ['users:read'] } });
    expect(res.status).toBe(201);
    expect(res.body.key).toMatch(/^qk_[0-9a-z]{12}\.[A-Za-z0-9_-]{43}$/);
    expect(res.body.key.startsWith(`${res.body.prefix}.`)).toBe(true);
    const secret = res.body.key.split('.')[1];
    const rows = await t.db.unscopedQuery<Record<string, unknown>>('select * from api_keys');
    expect(JSON.stringify(rows)).not.toContain(secret);
    const list = await t.request('GET', `/v1/tenants/${t.tenantId}/api-keys`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: res.body.id, scopes: ['users:read'] }));
  });

  it('authenticates with "ApiKey qk_…" and records last use', async () => {
    const key = await createApiKey(t);
    const me = await t.request('GET', '/v1/auth/me', { auth: { apiKey: key } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ auth_method: 'api_key', tenant_id: t.tenantId, user_id: null, scopes: ['*'] });
    const list = await t.request('GET', `/v1/tenants/${t.tenantId}/api-keys`);
    const listed = list.body.items.find((k: { id: string }) => k.id === me.body.actor.id);
    expect(listed.last_used_at).not.toBeNull();
  });

  it('rejects a qk_ key sent as Bearer with invalid_auth_scheme naming the ApiKey scheme', async () => {
    const key = await createApiKey(t);
    const res = await t.request('GET', '/v1/users', { auth: { bearer: key } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_auth_scheme');
    expect(res.body.error.message).toContain('ApiKey');
  });

  it('rejects a token sent under the ApiKey scheme with invalid_auth_scheme', async () => {
    const res = await t.request('GET', '/v1/users', { auth: { header: `ApiKey ${t.adminToken}` } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_auth_scheme');
    expect(res.body.error.message).toContain('Bearer');
  });

  it.each([
    ['no Authorization header', null],
    ['an unknown scheme', { header: 'Basic dXNlcjpwYXNz' }],
    ['an empty credential', { header: 'ApiKey ' }],
    ['a malformed key', { apiKey: 'qk_short.secret' }],
    ['a well-formed key that does not exist', { apiKey: `qk_000000000000.${'A'.repeat(43)}` }],
  ])('answers 401 for %s', async (_label, auth) => {
    const res = await t.request('GET', '/v1/users', { auth: auth as never });
    expect(res.status).toBe(401);
    expect(['unauthorized', 'invalid_auth_scheme']).toContain(res.body.error.code);
  });

  it('rejects the right prefix with a wrong secret', async () => {
    const key = await createApiKey(t);
    const forged = `${key.split('.')[0]}.${'B'.repeat(43)}`;
    const res = await t.request('GET', '/v1/users', { auth: { apiKey: forged } });
    expect(res.status).toBe(401);
  });

  it('stops accepting a revoked key, and a second revoke is 404', async () => {
    const created = (await t.request('POST', '/v1/api-keys', { body: { name: 'short-lived' } })).body;
    expect((await t.request('GET', '/v1/users', { auth: { apiKey: created.key } })).status).toBe(200);
    expect((await t.request('DELETE', `/v1/api-keys/${created.id}`)).status).toBe(204);
    const res = await t.request('GET', '/v1/users', { auth: { apiKey: created.key } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/revoked/);
    expect((await t.request('DELETE', `/v1/api-keys/${created.id}`)).status).toBe(404);
  });

  it('stops accepting a key once it has expired', async () => {
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    const created = (await t.request('POST', '/v1/api-keys', { body: { name: 'expiring', expires_at: expiresAt } }))
      .body;
    expect(created.expires_at).toBe(expiresAt);
    expect((await t.request('GET', '/v1/users', { auth: { apiKey: created.key } })).status).toBe(200);
    // Move the expiry into the past instead of waiting for it, behind the server's back.
    const announced = nextAnnouncement(t.db);
    await t.db.unscopedQuery(`update api_keys set expires_at = now() - interval '1 second' where prefix = $1`, [
      created.prefix.slice(3),
    ]);
    await announced;
    const res = await t.request('GET', '/v1/users', { auth: { apiKey: created.key } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('refuses an expiry in the past with 422', async () => {
    const res = await t.request('POST', '/v1/api-keys', { body: { name: 'x', expires_at: '2020-01-01T00:00:00Z' } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0]).toMatchObject({ field: 'expires_at', code: 'in_past' });
  });

  it('limits a key to its scopes with 403', async () => {
    const readOnly = await createApiKey(t, { name: 'reader', scopes: ['users:read'] });
    expect((await t.request('GET', '/v1/users', { auth: { apiKey: readOnly } })).status).toBe(200);
    const write = await t.request('POST', '/v1/users', {
      auth: { apiKey: readOnly },
      body: { email: 'no@scope.test' },
    });
    expect(write.status).toBe(403);
    expect(write.body.error.message).toContain('users:write');
  });

  it('accepts resource wildcards in scopes', async () => {
    const users = await createApiKey(t, { name: 'users-admin', scopes: ['users:*'] });
    const res = await t.request('POST', '/v1/users', { auth: { apiKey: users }, body: { email: 'wild@scope.test' } });
    expect(res.status).toBe(201);
  });

  it('will not mint a key with scopes beyond its creator', async () => {
    const limited = await createApiKey(t, { name: 'limited', scopes: ['api_keys:write', 'users:read'] });
    const res = await t.request('POST', '/v1/api-keys', {
      auth: { apiKey: limited },
      body: { name: 'escalate', scopes: ['*'] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0]).toMatchObject({ field: 'scopes', code: 'exceeds_caller' });
    const ok = await t.request('POST', '/v1/api-keys', {
      auth: { apiKey: limited },
      body: { name: 'narrower', scopes: ['users:read'] },
    });
    expect(ok.status).toBe(201);
  });

  it.each([
    [{ name: 'bad', scopes: ['Users Read'] }, 'scopes.0'],
    [{ name: 'bad', scopes: [] }, 'scopes'],
    [{ name: '' }, 'name'],
  ])('rejects malformed key input %j with 422', async (body, field) => {
    const res = await t.request('POST', '/v1/api-keys', { body });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].field).toBe(field);
  });
});
