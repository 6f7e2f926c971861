import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, startTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
let user: string;
beforeAll(async () => {
  t = await startTestApp();
  const role = await t.request('POST', `/v1/tenants/${t.tenantId}/roles`, {
    body: { name: 'docs', permissions: ['docs:read', 'docs:write'] },
  });
  user = (await createMember(t, 'member', 'abac@qeetid.test')).userId;
  await t.request('POST', `/v1/users/${user}/tenants/${t.tenantId}/roles/${role.body.id}`);
  await t.request('PUT', `/v1/users/${user}/metadata`, { body: { plan: 'pro', department: 'legal' } });
});
afterAll(() => t.close());

const policies = () => `/v1/tenants/${t.tenantId}/abac/policies`;
const check = (permission: string, context?: unknown) =>
  t.request(
    'GET',
    `/v1/check?user_id=${user}&tenant_id=${t.tenantId}&permission=${permission}&explain=true${
      context ? `&context=${encodeURIComponent(JSON.stringify(context))}` : ''
    }`,
  );

describe('ABAC policies', () => {
  it('refuses an invalid CEL condition with 422 naming line and column', async () => {
    const res = await t.request('POST', policies(), {
      body: {
        name: 'broken',
        effect: 'deny',
        permissions: ['*'],
        condition: 'request.ip == "x" &&\n  user.metadata.plan ==',
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0]).toMatchObject({ field: 'condition', code: 'invalid_cel' });
    expect(res.body.error.fields[0].message).toMatch(/^line 2, column 24: /);
    const unknown = await t.request('POST', policies(), {
      body: { name: 'unknown', effect: 'deny', permissions: ['*'], condition: 'foo == 1' },
    });
    expect(unknown.body.error.fields[0].message).toBe('line 1, column 1: Unknown variable: foo');
    const notBool = await t.request('POST', policies(), {
      body: { name: 'number', effect: 'deny', permissions: ['*'], condition: '1 + 2' },
    });
    expect(notBool.body.error.fields[0].message).toMatch(/must yield a bool/);
  });

  it('denies on top of roles by network, and explain names the deciding policy', async () => {
    const created = await t.request('POST', policies(), {
      body: {
        name: 'office network only',
        effect: 'deny',
        permissions: ['docs:write'],
        condition: '!inCidr(request.ip, "10.0.0.0/8")',
      },
    });
    expect(created.status).toBe(201);
    const outside = await check('docs:write', { ip: '203.0.113.9' });
    expect(outside.body.allowed).toBe(false);
    expect(outside.body.explain.policy).toEqual({ id: created.body.id, name: 'office network only', effect: 'deny' });
    expect(outside.body.explain.reason).toMatch(/denied by policy "office network only"/);
    expect(outside.body.explain.grants).toHaveLength(1);
    const inside = await check('docs:write', { ip: '10.1.2.3' });
    expect(inside.body.allowed).toBe(true);
    expect(inside.body.explain.policies).toEqual([
      { policy: { id: created.body.id, name: 'office network only', effect: 'deny' }, result: false },
    ]);
    expect((await check('docs:read', { ip: '203.0.113.9' })).body.allowed).toBe(true);
    // Disabled, it no longer applies; deleting it is audited.
    await t.request('PATCH', `${policies()}/${created.body.id}`, { body: { enabled: false } });
    expect((await check('docs:write', { ip: '203.0.113.9' })).body.allowed).toBe(true);
    expect((await t.request('DELETE', `${policies()}/${created.body.id}`)).status).toBe(204);
    const audit = await t.request('GET', `/v1/tenants/${t.tenantId}/audit?limit=5`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['abac_policy.deleted', 'abac_policy.updated']),
    );
  });

  it('allows beyond roles on user metadata and resource attributes', async () => {
    const created = await t.request('POST', policies(), {
      body: {
        name: 'legal reads contracts they own',
        effect: 'allow',
        permissions: ['contracts:read'],
        condition: 'user.metadata.department == "legal" && resource.owner == user.id',
      },
    });
    expect(created.status).toBe(201);
    const own = await check('contracts:read', { resource: { owner: user } });
    expect(own.body).toMatchObject({
      allowed: true,
      explain: { grants: [], policy: { name: 'legal reads contracts they own' } },
    });
    const other = await check('contracts:read', { resource: { owner: 'someone else' } });
    expect(other.body.allowed).toBe(false);
    // A missing attribute is an evaluation error: an allow policy then does not allow.
    const missing = await check('contracts:read');
    expect(missing.body.allowed).toBe(false);
    expect(missing.body.explain.policies[0]).toMatchObject({
      result: 'error',
      error: expect.stringContaining('owner'),
    });
  });

  it('fails closed: a deny policy that cannot be evaluated denies', async () => {
    const created = await t.request('POST', policies(), {
      body: { name: 'needs a level', effect: 'deny', permissions: ['docs:read'], condition: 'resource.level > 3' },
    });
    const res = await check('docs:read');
    expect(res.body.allowed).toBe(false);
    expect(res.body.explain.reason).toMatch(/could not be evaluated/);
    await t.request('DELETE', `${policies()}/${created.body.id}`);
  });

  it('evaluates the policies alone at the PDP endpoint', async () => {
    const res = await t.request('POST', `/v1/tenants/${t.tenantId}/abac/evaluate`, {
      body: { user_id: user, permission: 'contracts:read', context: { resource: { owner: user } } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ decision: 'allow', policy: { name: 'legal reads contracts they own' } });
    const none = await t.request('POST', `/v1/tenants/${t.tenantId}/abac/evaluate`, {
      body: { user_id: user, permission: 'billing:read' },
    });
    expect(none.body).toEqual({ decision: 'not_applicable', policies: [] });
  });

  it('takes time-based conditions and refuses a malformed context (422)', async () => {
    const created = await t.request('POST', policies(), {
      body: {
        name: 'not before 2020',
        effect: 'deny',
        permissions: ['docs:*'],
        condition: 'request.time < timestamp("2020-01-01T00:00:00Z")',
      },
    });
    expect((await check('docs:read', { time: '2019-06-01T00:00:00Z' })).body.allowed).toBe(false);
    expect((await check('docs:read', { time: '2024-06-01T00:00:00Z' })).body.allowed).toBe(true);
    await t.request('DELETE', `${policies()}/${created.body.id}`);
    const bad = await t.request('GET', `/v1/check?user_id=${user}&tenant_id=${t.tenantId}&permission=a:b&context=nope`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].field).toBe('context');
  });
});
