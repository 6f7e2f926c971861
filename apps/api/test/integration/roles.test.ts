import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, createMember, createTenantWithKey, startTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const rolesPath = () => `/v1/tenants/${t.tenantId}/roles`;
const assignPath = (user: string, role: string) => `/v1/users/${user}/tenants/${t.tenantId}/roles/${role}`;
const check = (user: string, permission: string, extra = '') =>
  t.request('GET', `/v1/check?user_id=${user}&tenant_id=${t.tenantId}&permission=${permission}${extra}`);

async function builtin(name: string): Promise<string> {
  const roles = await t.request('GET', rolesPath());
  return roles.body.items.find((r: { name: string }) => r.name === name).id;
}

describe('roles', () => {
  it('lists the built-in roles of every tenant with their fixed permissions', async () => {
    const res = await t.request('GET', rolesPath());
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.items.map((r: { name: string }) => [r.name, r]));
    expect(byName.owner).toMatchObject({ builtin: true, permissions: ['*'] });
    expect(byName.admin.permissions).toContain('roles:write');
    expect(byName.admin.permissions).not.toContain('tenants:delete');
    expect(byName.member.permissions).toEqual(['tenants:read', 'members:read', 'users:read']);
  });

  it('creates a role with its permissions in one call, audited, and refuses a duplicate name (409)', async () => {
    const res = await t.request('POST', rolesPath(), {
      body: { name: 'billing-admin', description: 'Billing', permissions: ['billing:*', 'invoices:read'] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^rol_/), builtin: false, name: 'billing-admin' });
    expect(res.body.permissions).toEqual(['billing:*', 'invoices:read']);
    expect(await auditActions(t)).toContain('role.created');
    const again = await t.request('POST', rolesPath(), { body: { name: 'billing-admin' } });
    expect(again.status).toBe(409);
  });

  it('refuses a malformed permission with 422 naming it', async () => {
    const res = await t.request('POST', rolesPath(), { body: { name: 'bad', permissions: ['Billing Write'] } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].field).toBe('permissions.0');
    expect((await t.request('POST', `/v1/roles/${await builtin('admin')}/permissions/billing`)).status).toBe(422);
  });

  it('grants, lists and revokes permissions of a custom role; built-in roles cannot change (409)', async () => {
    const role = (await t.request('POST', rolesPath(), { body: { name: 'editor' } })).body.id;
    const granted = await t.request('POST', `/v1/roles/${role}/permissions/docs:write`);
    expect(granted.body).toEqual({ role_id: role, permissions: ['docs:write'] });
    const listed = await t.request('GET', `/v1/roles/${role}/permissions`);
    expect(listed.body.permissions).toEqual(['docs:write']);
    const revoked = await t.request('DELETE', `/v1/roles/${role}/permissions/docs:write`);
    expect(revoked.body.permissions).toEqual([]);
    expect((await t.request('DELETE', `/v1/roles/${role}/permissions/docs:write`)).status).toBe(404);
    const member = await builtin('member');
    expect((await t.request('POST', `/v1/roles/${member}/permissions/docs:write`)).status).toBe(409);
    expect((await t.request('DELETE', `${rolesPath()}/${member}`)).status).toBe(409);
    expect((await t.request('PATCH', `${rolesPath()}/${member}`, { body: { name: 'x' } })).status).toBe(409);
    expect(await auditActions(t)).toEqual(
      expect.arrayContaining(['role.permission_granted', 'role.permission_revoked']),
    );
  });

  it('updates a role, replacing its permission list', async () => {
    const role = (await t.request('POST', rolesPath(), { body: { name: 'ops', permissions: ['a:read', 'b:read'] } }))
      .body.id;
    const res = await t.request('PATCH', `${rolesPath()}/${role}`, {
      body: { name: 'operations', permissions: ['b:read', 'c:read'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'operations', permissions: ['b:read', 'c:read'] });
    expect(await auditActions(t)).toContain('role.updated');
  });

  it('lists the built-in catalogue and the tenant-defined permissions', async () => {
    const res = await t.request('GET', '/v1/permissions');
    expect(res.status).toBe(200);
    const users = res.body.items.find((p: { permission: string }) => p.permission === 'users:write');
    expect(users).toMatchObject({ source: 'builtin', operations: expect.arrayContaining(['createUser']) });
    expect(res.body.items).toContainEqual({ permission: 'billing:*', source: 'tenant', operations: [] });
  });
});

describe('assignments and checks', () => {
  it('grants through a direct role and explains the path', async () => {
    const role = (await t.request('POST', rolesPath(), { body: { name: 'reports', permissions: ['reports:*'] } })).body;
    const { userId } = await createMember(t, 'member');
    expect((await check(userId, 'reports:read')).body).toEqual({ allowed: false });
    expect((await t.request('POST', assignPath(userId, role.id))).status).toBe(204);
    expect((await check(userId, 'reports:read')).body).toEqual({ allowed: true });
    const explained = await check(userId, 'reports:read', '&explain=true');
    expect(explained.body.explain.grants).toEqual([
      { role: { id: role.id, name: 'reports' }, via: 'direct', permission: 'reports:*' },
    ]);
    expect(await auditActions(t)).toContain('role.assigned');
    expect((await t.request('DELETE', assignPath(userId, role.id))).status).toBe(204);
    expect((await check(userId, 'reports:read')).body).toEqual({ allowed: false });
    expect((await t.request('DELETE', assignPath(userId, role.id))).status).toBe(404);
  });

  it('grants through a group and names the group in the explanation', async () => {
    const role = (await t.request('POST', rolesPath(), { body: { name: 'payroll', permissions: ['payroll:run'] } }))
      .body;
    const group = (await t.request('POST', '/v1/groups', { body: { name: 'finance' } })).body;
    const { userId } = await createMember(t, 'member');
    await t.request('POST', `/v1/groups/${group.id}/members/${userId}`);
    await t.request('POST', `/v1/tenants/${t.tenantId}/groups/${group.id}/roles/${role.id}`);
    const res = await check(userId, 'payroll:run', '&explain=true');
    expect(res.body).toEqual({
      allowed: true,
      explain: {
        grants: [
          {
            role: { id: role.id, name: 'payroll' },
            via: 'group',
            group: { id: group.id, name: 'finance' },
            permission: 'payroll:run',
          },
        ],
        policies: [],
      },
    });
    const effective = await t.request('GET', `/v1/users/${userId}/tenants/${t.tenantId}/permissions`);
    expect(effective.body.permissions).toEqual(['members:read', 'payroll:run', 'tenants:read', 'users:read']);
    await t.request('DELETE', `/v1/groups/${group.id}/members/${userId}`);
    expect((await check(userId, 'payroll:run')).body.allowed).toBe(false);
  });

  it('answers unknown users and permissions with allowed:false and a reason, never an error', async () => {
    const unknownUser = 'usr_01h2xcejqtf2nbrexx3vqjhp41';
    const res = await check(unknownUser, 'billing:write', '&explain=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ allowed: false, explain: { reason: 'the user is not a member of this tenant' } });
    const unknownPermission = await check(t.adminUserId, 'nothing:here', '&explain=true');
    expect(unknownPermission.body.allowed).toBe(true); // the owner holds *
    const { userId } = await createMember(t, 'member');
    const denied = await check(userId, 'nothing:here', '&explain=true');
    expect(denied.body.explain.reason).toMatch(/unknown permission/);
    const unknownTenant = await t.request(
      'GET',
      `/v1/check?user_id=${userId}&tenant_id=ten_01h2xcejqtf2nbrexx3vqjhp41&permission=a:b&explain=true`,
    );
    expect(unknownTenant.body).toMatchObject({
      allowed: false,
      explain: { reason: expect.stringContaining('no tenant') },
    });
  });

  it('refuses a malformed permission (422) and a check about another tenant (403)', async () => {
    expect((await check(t.adminUserId, 'billing')).status).toBe(422);
    expect((await check(t.adminUserId, 'Billing:write')).status).toBe(422);
    const other = await createTenantWithKey(t, 'Other for check');
    const res = await t.request('GET', `/v1/check?user_id=${t.adminUserId}&tenant_id=${other.tenantId}&permission=a:b`);
    expect(res.status).toBe(403);
  });

  it('answers a batch in order, and refuses one over the 1000-check limit with 422', async () => {
    const { userId } = await createMember(t, 'member');
    const res = await t.request('POST', '/v1/check/batch', {
      body: {
        checks: [
          { user_id: userId, tenant_id: t.tenantId, permission: 'users:read' },
          { user_id: userId, tenant_id: t.tenantId, permission: 'users:write' },
        ],
      },
    });
    expect(res.body).toEqual({ results: [{ allowed: true }, { allowed: false }] });
    const item = { user_id: userId, tenant_id: t.tenantId, permission: 'users:read' };
    const huge = await t.request('POST', '/v1/check/batch', { body: { checks: Array(10_000).fill(item) } });
    expect(huge.status).toBe(422);
    expect(huge.body.error.message).toBe('checks: must have at most 1000 items');
  });

  it('assigning a role of another tenant is not found (404)', async () => {
    const other = await createTenantWithKey(t, 'Role owner');
    const foreign = await t.request('POST', `/v1/tenants/${other.tenantId}/roles`, {
      auth: { apiKey: other.apiKey },
      body: { name: 'foreign', permissions: ['x:y'] },
    });
    const { userId } = await createMember(t, 'member');
    const res = await t.request('POST', assignPath(userId, foreign.body.id));
    expect(res.status).toBe(404);
    const group = (await t.request('POST', '/v1/groups', { body: { name: 'cross' } })).body;
    expect(
      (await t.request('POST', `/v1/tenants/${t.tenantId}/groups/${group.id}/roles/${foreign.body.id}`)).status,
    ).toBe(404);
  });

  it('deletes a role in use: members and groups lose it, each loss audited', async () => {
    const role = (await t.request('POST', rolesPath(), { body: { name: 'doomed', permissions: ['doom:run'] } })).body;
    const group = (await t.request('POST', '/v1/groups', { body: { name: 'doomers' } })).body;
    const one = await createMember(t, 'member');
    const two = await createMember(t, 'member');
    await t.request('POST', assignPath(one.userId, role.id));
    await t.request('POST', assignPath(two.userId, role.id));
    await t.request('POST', `/v1/tenants/${t.tenantId}/groups/${group.id}/roles/${role.id}`);
    expect((await check(one.userId, 'doom:run')).body.allowed).toBe(true);
    expect((await t.request('DELETE', `${rolesPath()}/${role.id}`)).status).toBe(204);
    expect((await check(one.userId, 'doom:run')).body.allowed).toBe(false);
    const events = (await t.request('GET', `/v1/tenants/${t.tenantId}/audit?limit=10`)).body.items;
    const cascade = events.filter((e: { metadata: { cascade?: boolean } }) => e.metadata.cascade);
    expect(cascade.map((e: { action: string }) => e.action).sort()).toEqual([
      'group.role_unassigned',
      'role.unassigned',
      'role.unassigned',
    ]);
    expect(events[0]).toMatchObject({
      action: 'role.deleted',
      metadata: { unassigned_users: 2, unassigned_groups: 1 },
    });
    expect((await t.request('GET', `/v1/tenants/${t.tenantId}/audit/verify`)).body.ok).toBe(true);
  });
});

describe('built-in roles and delegation', () => {
  it('promotes a member to admin by assigning the built-in role; the member list shows it', async () => {
    const { userId, auth } = await createMember(t, 'member');
    expect((await t.request('GET', '/v1/api-keys', { auth })).status).toBe(405);
    expect((await t.request('GET', `/v1/tenants/${t.tenantId}/api-keys`, { auth })).status).toBe(403);
    expect((await t.request('POST', assignPath(userId, await builtin('admin')))).status).toBe(204);
    expect((await t.request('GET', `/v1/tenants/${t.tenantId}/api-keys`, { auth })).status).toBe(200);
    const members = await t.request('GET', `/v1/tenants/${t.tenantId}/members?limit=200`);
    expect(members.body.items).toContainEqual(expect.objectContaining({ user_id: userId, role: 'admin' }));
    expect((await t.request('DELETE', assignPath(userId, await builtin('admin')))).status).toBe(409);
  });

  it('authorizes user access tokens with the same engine, seeing a promotion on the next request', async () => {
    const email = 'session-user@qeetid.test';
    const { userId } = await createMember(t, 'member', email);
    const password = 'Correct-Horse-Battery-42';
    expect((await t.request('POST', `/v1/users/${userId}/password`, { body: { password } })).status).toBe(204);
    const login = await t.request('POST', '/v1/auth/login', { auth: null, body: { email, password } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const auth = { bearer: login.body.access_token as string };
    const keys = `/v1/tenants/${t.tenantId}/api-keys`;
    const denied = await t.request('GET', keys, { auth });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('api_keys:read is not granted');
    expect((await t.request('POST', assignPath(userId, await builtin('admin')))).status).toBe(204);
    expect((await t.request('GET', keys, { auth })).status).toBe(200);
  });

  it('keeps the last owner (409)', async () => {
    const res = await t.request('POST', assignPath(t.adminUserId, await builtin('member')));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/no owner left/);
  });

  it('does not let an admin hand out what they do not hold (no self-made owners)', async () => {
    const admin = await createMember(t, 'admin');
    const owner = await builtin('owner');
    expect((await t.request('POST', assignPath(admin.userId, owner), { auth: admin.auth })).status).toBe(403);
    const star = await t.request('POST', rolesPath(), { auth: admin.auth, body: { name: 'root', permissions: ['*'] } });
    expect(star.status).toBe(403);
    expect(star.body.error.message).toContain('you cannot grant *');
    const fine = await t.request('POST', rolesPath(), {
      auth: admin.auth,
      body: { name: 'user-manager', permissions: ['users:read', 'users:write'] },
    });
    expect(fine.status).toBe(201);
  });
});
