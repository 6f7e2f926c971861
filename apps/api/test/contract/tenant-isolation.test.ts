import { operations } from '@qeetid/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithKey, startTestApp, type TestApp } from '../harness.ts';
import { shapeOf } from './spec-walk.ts';

/**
 * Walks every tenant-scoped operation in openapi.yaml and calls it as tenant B against tenant
 * A's resources. A new operation is covered without anyone remembering: if it takes a path
 * parameter or body schema this file has no fixture for, the test fails and says which.
 */
let t: TestApp;
let a: {
  tenantId: string;
  apiKey: string;
  userId: string;
  userEmail: string;
  keyId: string;
  roleId: string;
  groupId: string;
  policyId: string;
};
let b: { tenantId: string; apiKey: string };

/** Tenant A's resource for each id schema a path parameter can take. */
const pathFixtures: Record<string, () => string> = {
  '#/components/schemas/TenantId': () => a.tenantId,
  '#/components/schemas/UserId': () => a.userId,
  '#/components/schemas/ApiKeyId': () => a.keyId,
  '#/components/schemas/RoleId': () => a.roleId,
  '#/components/schemas/GroupId': () => a.groupId,
  '#/components/schemas/AbacPolicyId': () => a.policyId,
  '#/components/schemas/Permission': () => 'a_secret:read',
};

/** Required query parameters, pointing at tenant A. */
const queryFixtures: Record<string, () => string> = {
  user_id: () => a.userId,
  tenant_id: () => a.tenantId,
  permission: () => 'a_secret:read',
};

let counter = 0;
/** A valid body for each request schema, so the call reaches the tenant scoping. */
const bodyFixtures: Record<string, () => unknown> = {
  '#/components/schemas/TenantCreate': () => ({ name: 'Intruder' }),
  '#/components/schemas/TenantUpdate': () => ({ name: 'Hijacked' }),
  '#/components/schemas/UserCreate': () => ({ email: `intruder${++counter}@b.test` }),
  '#/components/schemas/UserUpdate': () => ({ display_name: 'Hijacked' }),
  '#/components/schemas/Metadata': () => ({ hijacked: true }),
  '#/components/schemas/ApiKeyCreate': () => ({ name: 'intruder' }),
  '#/components/schemas/UserMfaRequirement': () => ({ required: true }),
  '#/components/schemas/SecurityPolicy': () => ({ mfa_required: true, step_up_max_age_seconds: 60 }),
  '#/components/schemas/AdminPasswordSet': () => ({ password: 'Intruder-Chosen-Secret-42' }),
  '#/components/schemas/CodeConfirm': () => ({ code: '123456' }),
  '#/components/schemas/AuthPolicyUpdate': () => ({ password_min_length: 8 }),
  '#/components/schemas/RoleCreate': () => ({ name: 'intruder', permissions: ['users:read'] }),
  '#/components/schemas/RoleUpdate': () => ({ name: 'hijacked' }),
  '#/components/schemas/GroupCreate': () => ({ name: `intruders ${++counter}` }),
  '#/components/schemas/GroupUpdate': () => ({ name: 'hijacked' }),
  '#/components/schemas/AbacPolicyCreate': () => ({
    name: 'intruder',
    effect: 'deny',
    permissions: ['*'],
    condition: 'true',
  }),
  '#/components/schemas/AbacPolicyUpdate': () => ({ condition: 'true' }),
  '#/components/schemas/AbacEvaluateRequest': () => ({ user_id: a.userId, permission: 'a_secret:read' }),
  '#/components/schemas/CheckBatch': () => ({
    checks: [{ user_id: a.userId, tenant_id: a.tenantId, permission: 'a_secret:read' }],
  }),
};

const scoped = operations.filter((o) => o.tenant === 'required');

beforeAll(async () => {
  t = await startTestApp();
  const ta = await createTenantWithKey(t, 'Tenant A');
  const user = await t.request('POST', '/v1/users', {
    auth: { apiKey: ta.apiKey },
    body: { email: 'victim@a.test', metadata: { secret: 'a-only' } },
  });
  const key = await t.request('POST', '/v1/api-keys', { auth: { apiKey: ta.apiKey }, body: { name: 'a key' } });
  const auth = { apiKey: ta.apiKey };
  const role = await t.request('POST', `/v1/tenants/${ta.tenantId}/roles`, {
    auth,
    body: { name: 'a-role', permissions: ['a_secret:read'] },
  });
  const group = await t.request('POST', '/v1/groups', { auth, body: { name: 'a-group' } });
  await t.request('POST', `/v1/groups/${group.body.id}/members/${user.body.id}`, { auth });
  await t.request('POST', `/v1/tenants/${ta.tenantId}/groups/${group.body.id}/roles/${role.body.id}`, { auth });
  await t.request('POST', `/v1/users/${user.body.id}/tenants/${ta.tenantId}/roles/${role.body.id}`, { auth });
  const policy = await t.request('POST', `/v1/tenants/${ta.tenantId}/abac/policies`, {
    auth,
    body: { name: 'a-policy', effect: 'allow', permissions: ['a_secret:*'], condition: 'true' },
  });
  a = {
    ...ta,
    userId: user.body.id,
    userEmail: 'victim@a.test',
    keyId: key.body.id,
    roleId: role.body.id,
    groupId: group.body.id,
    policyId: policy.body.id,
  };
  b = await createTenantWithKey(t, 'Tenant B');
});
afterAll(() => t.close());

async function stateOfA() {
  const auth = { apiKey: a.apiKey };
  const head = await t.request('GET', `/v1/tenants/${a.tenantId}/audit/verify`, { auth });
  const user = await t.request('GET', `/v1/users/${a.userId}`, { auth });
  const tenant = await t.request('GET', `/v1/tenants/${a.tenantId}`, { auth });
  const roles = await t.request('GET', `/v1/tenants/${a.tenantId}/roles`, { auth });
  const access = await t.request('GET', `/v1/users/${a.userId}/tenants/${a.tenantId}/permissions`, { auth });
  const policies = await t.request('GET', `/v1/tenants/${a.tenantId}/abac/policies`, { auth });
  const members = await t.request('GET', `/v1/groups/${a.groupId}/members`, { auth });
  return {
    head: head.body,
    user: user.body,
    tenant: tenant.body,
    roles: roles.body,
    access: access.body,
    policies: policies.body,
    members: members.body,
  };
}

describe('a second tenant sees and changes nothing of the first', () => {
  it('covers every tenant-scoped operation of the spec', () => {
    expect(scoped.length).toBeGreaterThanOrEqual(20);
  });

  it.each(scoped.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))('%s', async (_name, op) => {
    const { params, body: bodyRef } = shapeOf(op);
    let path: string = op.path;
    const pathParams = params.filter((p) => p.in === 'path');
    for (const p of pathParams) {
      const fixture = pathFixtures[p.schema?.$ref ?? ''];
      if (!fixture)
        throw new Error(`no tenant-A fixture for path parameter ${p.name} (${p.schema?.$ref}) of ${op.operationId}`);
      path = path.replace(`{${p.name}}`, fixture());
    }
    const required = params.filter((p) => p.in === 'query' && p.required);
    const query = new URLSearchParams();
    for (const p of required) {
      const fixture = queryFixtures[p.name];
      if (!fixture) throw new Error(`no tenant-A fixture for query parameter ${p.name} of ${op.operationId}`);
      query.set(p.name, fixture());
    }
    if (required.length) path += `?${query}`;
    let body: unknown;
    if (bodyRef !== undefined) {
      const fixture = bodyFixtures[bodyRef];
      if (!fixture) throw new Error(`no body fixture for ${bodyRef} of ${op.operationId}`);
      body = fixture();
    }
    const before = await stateOfA();
    const res = await t.request(op.method.toUpperCase(), path, { auth: { apiKey: b.apiKey }, body });

    const namesTenantOutsidePath = JSON.stringify(body ?? '').includes(a.tenantId) || path.includes('tenant_id=');
    if (pathParams.length) {
      // Another tenant's resource is not found, never forbidden: its existence is not revealed.
      expect(res.status, JSON.stringify(res.body)).toBe(404);
    } else if (namesTenantOutsidePath) {
      // A decision about another tenant is refused outright (checks name their tenant).
      expect(res.status, JSON.stringify(res.body)).toBe(403);
    } else {
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    // Ids the caller put in the path may be echoed back ("no user with id …"); nothing else may.
    const secrets = [
      a.tenantId,
      a.userId,
      a.keyId,
      a.userEmail,
      'a-only',
      a.roleId,
      a.groupId,
      a.policyId,
      'a-role',
    ].filter((s) => !path.includes(s) && !JSON.stringify(body ?? '').includes(s));
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(await stateOfA()).toEqual(before);
  });
});
