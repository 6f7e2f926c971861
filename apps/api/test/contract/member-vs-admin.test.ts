import { operations } from '@qeetid/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRoleGrants } from '../../src/modules/authz/catalogue.ts';
import { type Auth, createMember, startTestApp, type TestApp } from '../harness.ts';
import { shapeOf } from './spec-walk.ts';

/**
 * Walks every operation of openapi.yaml that names an `x-qeet-permission` inside a tenant and
 * calls it as a `member` and then as an `admin` of that tenant (personal access tokens with every
 * scope, so only roles decide). Whatever the built-in member role does not grant, the member must
 * be refused with 403 while the admin gets through the same binder check.
 */
let t: TestApp;
let member: { userId: string; auth: Auth };
let admin: { userId: string; auth: Auth };
let fixtures: Record<string, string>;

const MEMBER_GRANTS = builtinRoleGrants.member;
const guarded = operations.filter(
  (o) => o.tenant === 'required' && o.permission && !MEMBER_GRANTS.includes(o.permission),
);

let n = 0;
const bodies: Record<string, () => unknown> = {
  '#/components/schemas/TenantUpdate': () => ({ name: 'Renamed' }),
  '#/components/schemas/UserCreate': () => ({ email: `walker${++n}@qeetid.test` }),
  '#/components/schemas/UserUpdate': () => ({ display_name: 'Walker' }),
  '#/components/schemas/Metadata': () => ({ walked: true }),
  '#/components/schemas/ApiKeyCreate': () => ({ name: 'walker', scopes: ['users:read'] }),
  '#/components/schemas/UserMfaRequirement': () => ({ required: true }),
  '#/components/schemas/SecurityPolicy': () => ({ mfa_required: true, step_up_max_age_seconds: 600 }),
  '#/components/schemas/RoleCreate': () => ({ name: `walker ${++n}`, permissions: ['users:read'] }),
  '#/components/schemas/RoleUpdate': () => ({ description: 'walked' }),
  '#/components/schemas/GroupCreate': () => ({ name: `walkers ${++n}` }),
  '#/components/schemas/GroupUpdate': () => ({ description: 'walked' }),
  '#/components/schemas/AbacPolicyCreate': () => ({
    name: `walker ${++n}`,
    effect: 'deny',
    permissions: ['walker:none'],
    condition: 'false',
  }),
  '#/components/schemas/AbacPolicyUpdate': () => ({ description: 'walked' }),
  '#/components/schemas/AbacEvaluateRequest': () => ({ user_id: fixtures.user, permission: 'users:read' }),
  '#/components/schemas/AuthPolicyUpdate': () => ({ password_min_length: 10 }),
  '#/components/schemas/AdminPasswordSet': () => ({ password: 'Walker-Chosen-Secret-42' }),
  '#/components/schemas/CodeConfirm': () => ({ code: '123456' }),
  '#/components/schemas/CheckBatch': () => ({
    checks: [{ user_id: fixtures.user, tenant_id: t.tenantId, permission: 'users:read' }],
  }),
};

beforeAll(async () => {
  t = await startTestApp();
  member = await createMember(t, 'member');
  admin = await createMember(t, 'admin');
  const target = await t.request('POST', '/v1/users', { body: { email: 'walked@qeetid.test' } });
  const key = await t.request('POST', '/v1/api-keys', { body: { name: 'walked' } });
  const role = await t.request('POST', `/v1/tenants/${t.tenantId}/roles`, {
    body: { name: 'walked', permissions: ['users:read'] },
  });
  const group = await t.request('POST', '/v1/groups', { body: { name: 'walked' } });
  const policy = await t.request('POST', `/v1/tenants/${t.tenantId}/abac/policies`, {
    body: { name: 'walked', effect: 'deny', permissions: ['walker:none'], condition: 'false' },
  });
  await t.request('POST', `/v1/groups/${group.body.id}/members/${target.body.id}`);
  fixtures = {
    '#/components/schemas/TenantId': t.tenantId,
    '#/components/schemas/UserId': target.body.id,
    '#/components/schemas/ApiKeyId': key.body.id,
    '#/components/schemas/RoleId': role.body.id,
    '#/components/schemas/GroupId': group.body.id,
    '#/components/schemas/AbacPolicyId': policy.body.id,
    '#/components/schemas/Permission': 'users:read',
    user: target.body.id,
  };
});
afterAll(() => t.close());

function request(op: (typeof operations)[number]) {
  const { params, body: ref } = shapeOf(op);
  let path: string = op.path;
  for (const p of params.filter((x) => x.in === 'path')) {
    const value = fixtures[p.schema?.$ref ?? ''];
    if (!value) throw new Error(`no fixture for path parameter ${p.name} of ${op.operationId}`);
    path = path.replace(`{${p.name}}`, value);
  }
  const query = params.filter((x) => x.in === 'query' && x.required);
  if (query.length) {
    const values: Record<string, string> = {
      user_id: fixtures.user as string,
      tenant_id: t.tenantId,
      permission: 'users:read',
    };
    path += `?${new URLSearchParams(query.map((p) => [p.name, values[p.name] as string]))}`;
  }
  if (ref !== undefined && !bodies[ref]) throw new Error(`no body fixture for ${ref} of ${op.operationId}`);
  return { path, body: ref !== undefined ? bodies[ref]?.() : undefined };
}

describe('a member is refused what an admin may do', () => {
  it('walks every admin operation of the spec', () => {
    expect(guarded.length).toBeGreaterThanOrEqual(30);
  });

  it.each(guarded.map((o) => [`${o.method.toUpperCase()} ${o.path} (${o.permission})`, o] as const))(
    '%s',
    async (_name, op) => {
      const method = op.method.toUpperCase();
      const { path, body } = request(op);
      const asMember = await t.request(method, path, { auth: member.auth, body });
      expect(asMember.status, JSON.stringify(asMember.body)).toBe(403);
      expect(asMember.body.error.message).toContain(`${op.permission} is not granted`);
      const asAdmin = await t.request(method, path, { auth: admin.auth, body: request(op).body });
      if (op.permission === 'tenants:delete') {
        // Deleting the tenant is the owner's alone.
        expect(asAdmin.status).toBe(403);
        return;
      }
      expect([401, 403], JSON.stringify(asAdmin.body)).not.toContain(asAdmin.status);
      expect(asAdmin.status, JSON.stringify(asAdmin.body)).toBeLessThan(500);
    },
  );
});
