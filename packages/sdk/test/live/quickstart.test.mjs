// The seed Quickstart end to end against a live server (scripts/ci/sdks.sh starts one on PGlite
// and sets QEETID_TEST_BASE_URL and QEETID_TEST_ADMIN_TOKEN), plus pagination and typed errors.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import {
  AuthenticationError,
  api,
  ConflictError,
  NotFoundError,
  Qeetid,
  TokenVerificationError,
  ValidationError,
} from '@qeetid/sdk';

const baseUrl = process.env.QEETID_TEST_BASE_URL;
const adminToken = process.env.QEETID_TEST_ADMIN_TOKEN;
if (!baseUrl || !adminToken) {
  // In CI nothing may be skipped: a missing server is a failure there.
  if (process.env.CI === 'true') throw new Error('QEETID_TEST_BASE_URL and QEETID_TEST_ADMIN_TOKEN must be set in CI');
}
const run = `ts-${process.version}-${randomUUID().slice(0, 8)}`;
const log = (...args) => console.log(`[quickstart ${run}]`, ...args);

async function signIn(email, password) {
  const response = await fetch(`${baseUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(response.status, 200);
  const pair = await response.json();
  assert.ok(pair.access_token, 'a token pair, not an MFA challenge');
  return pair;
}

describe('live server', { skip: !baseUrl || !adminToken ? 'no live server configured' : false }, () => {
  /** @type {Qeetid} */
  let qeetid;
  let apiKey;

  before(async () => {
    // Step 1 of the Quickstart is a curl with the admin token: the SDK only ever holds an API key.
    const response = await fetch(`${baseUrl}/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `backend ${run}` }),
    });
    assert.equal(response.status, 201);
    apiKey = (await response.json()).key;
    assert.match(apiKey, /^qk_/);
    log('created API key', `${apiKey.slice(0, 16)}…`);
    qeetid = new Qeetid({ apiKey, baseUrl });
  });

  test('Quickstart: tenant and user through the SDK', async () => {
    const tenant = await qeetid.tenants.create({ name: `Acme ${run}` });
    assert.match(tenant.id, /^ten_/);
    assert.equal((await qeetid.tenants.get(tenant.id)).name, `Acme ${run}`);
    log('created tenant', tenant.id);
    const user = await qeetid.users.create({ email: `alex-${run}@acme.test`, display_name: 'Alex Chen' });
    assert.match(user.id, /^usr_/);
    assert.equal((await qeetid.users.get(user.id)).email, `alex-${run}@acme.test`);
    const updated = await qeetid.users.update(user.id, { display_name: 'Alex C.' });
    assert.equal(updated.display_name, 'Alex C.');
    log('created user', user.id);

    // Sign in as that user (what the app's frontend does), then verify the token offline.
    const password = `correct horse ${run} battery`;
    await qeetid.users.setPassword(user.id, { password });
    const session = await signIn(user.email, password);
    const claims = await qeetid.sessions.verify(session.access_token);
    assert.equal(claims.userId, user.id);
    assert.equal(claims.tenantId, user.tenant_id);
    assert.equal(claims.sessionId, session.session_id);
    log('verified access token', { userId: claims.userId, tenantId: claims.tenantId, sessionId: claims.sessionId });
    await assert.rejects(qeetid.sessions.verify(`${session.access_token.slice(0, -4)}AAAA`), TokenVerificationError);

    // Protect a route: can() flips from false to true once a role grants the permission.
    const check = { user: claims.userId, tenant: claims.tenantId, permission: 'billing:write' };
    assert.equal(await qeetid.can(check), false);
    log('can billing:write before any role:', false);
    const role = await qeetid.roles.create(claims.tenantId, { name: `billing ${run}`, permissions: ['billing:write'] });
    await qeetid.roles.assign({ user: claims.userId, tenant: claims.tenantId, role: role.id });
    assert.equal(await qeetid.can(check), true);
    log(`can billing:write after assigning role ${role.id}:`, true);
    assert.equal(await qeetid.canAll([check, { ...check, permission: 'billing:read' }]), false);
    assert.equal(await qeetid.canAll([check, check]), true);

    // Rotate the signing key: tokens of the new key verify after one JWKS refetch, and tokens
    // of the retired key still verify.
    const rotated = (await api.rotateSigningKey({ client: qeetid.client, throwOnError: true })).data;
    log('rotated signing key, new kid', rotated.kid);
    const fresh = await signIn(user.email, password);
    assert.equal(JSON.parse(Buffer.from(fresh.access_token.split('.')[0], 'base64url').toString()).kid, rotated.kid);
    assert.equal((await qeetid.sessions.verify(fresh.access_token)).sessionId, fresh.session_id);
    assert.equal((await qeetid.sessions.verify(session.access_token)).userId, user.id);
    log('verified tokens of the new and the retired key');
  });

  test('groups: a role held through a group grants its permissions', async () => {
    const user = await qeetid.users.create({ email: `grouped-${run}@acme.test` });
    const tenant = user.tenant_id;
    const check = { user: user.id, tenant, permission: 'reports:read' };
    assert.equal(await qeetid.can(check), false);
    const role = await qeetid.roles.create(tenant, { name: `reports ${run}`, permissions: ['reports:read'] });
    const group = await qeetid.groups.create({ name: `analysts ${run}` });
    await qeetid.groups.assignRole(tenant, group.id, role.id);
    await qeetid.groups.addMember(group.id, user.id);
    assert.equal(await qeetid.can(check), true);
    assert.ok((await qeetid.groups.listMembers(group.id)).items.some((m) => m.user_id === user.id));
    const roles = [];
    for await (const r of qeetid.roles.listAll(tenant, { limit: 2 })) roles.push(r.id);
    assert.ok(roles.includes(role.id));
    await qeetid.groups.removeMember(group.id, user.id);
    assert.equal(await qeetid.can(check), false);
  });

  test('list pagination follows next_cursor', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await qeetid.users.create({ email: `page-${i}-${run}@acme.test` })).id);
    const first = await qeetid.users.list({ limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.next_cursor, 'a first page of 2 has a next cursor');
    const second = await qeetid.users.list({ limit: 2, cursor: first.next_cursor });
    assert.ok(!second.items.some((u) => first.items.some((f) => f.id === u.id)), 'pages do not overlap');
    const seen = [];
    for await (const u of qeetid.users.listAll({ limit: 2 })) seen.push(u.id);
    for (const id of ids) assert.ok(seen.includes(id), `listAll reached ${id}`);
    assert.equal(new Set(seen).size, seen.length, 'no user twice');
  });

  test('typed errors: 404, 409, 422, 401', async () => {
    await assert.rejects(qeetid.users.get('usr_01jd5f8q3ve4r9x2m6k7n8p0zz'), (e) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.status, 404);
      assert.equal(e.code, 'not_found');
      assert.match(e.requestId, /^req_/);
      return true;
    });
    const email = `dup-${run}@acme.test`;
    await qeetid.users.create({ email });
    await assert.rejects(qeetid.users.create({ email }), (e) => e instanceof ConflictError && e.code === 'conflict');
    await assert.rejects(qeetid.users.create({ email: 'not-an-email' }), (e) => {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.code, 'validation_failed');
      assert.ok(e.fields.some((f) => f.field === 'email'));
      return true;
    });
    const stranger = new Qeetid({ apiKey: 'qk_000000000000.not-a-real-secret', baseUrl });
    await assert.rejects(stranger.users.list(), (e) => e instanceof AuthenticationError && e.status === 401);
  });

  test('API keys: create (own tenant and a child tenant), list, revoke', async () => {
    const tenant = await qeetid.tenants.create({ name: `Keys ${run}` });
    const childKey = await qeetid.apiKeys.create(
      { name: 'child backend', scopes: ['users:read'] },
      { tenantId: tenant.id },
    );
    assert.equal(childKey.tenant_id, tenant.id);
    const key = await qeetid.apiKeys.create({ name: `short-lived ${run}` });
    const listed = [];
    for await (const k of qeetid.apiKeys.listAll(key.tenant_id, { limit: 1 })) listed.push(k.id);
    assert.ok(listed.includes(key.id));
    const holder = new Qeetid({ apiKey: key.key, baseUrl });
    await holder.users.list({ limit: 1 });
    await qeetid.apiKeys.revoke(key.id);
    await assert.rejects(holder.users.list(), AuthenticationError);
  });
});
