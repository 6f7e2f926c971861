import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createTenantWithKey, startTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('tenants', () => {
  it('makes the creating user the owner of a new tenant and lists it among theirs', async () => {
    const res = await t.request('POST', '/v1/tenants', { body: { name: 'Acme, Inc.' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^ten_/), name: 'Acme, Inc.', parent_id: null });
    const members = await t.request('GET', `/v1/tenants/${res.body.id}/members`);
    expect(members.body.items).toEqual([expect.objectContaining({ user_id: t.adminUserId, role: 'owner' })]);
    const mine = await t.request('GET', '/v1/tenants');
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([t.tenantId, res.body.id]));
  });

  it('lets an API key create child tenants and manage them, but not unrelated tenants', async () => {
    const parent = await createTenantWithKey(t, 'Parent');
    const child = await t.request('POST', '/v1/tenants', { auth: { apiKey: parent.apiKey }, body: { name: 'Child' } });
    expect(child.status).toBe(201);
    expect(child.body.parent_id).toBe(parent.tenantId);
    const listed = await t.request('GET', '/v1/tenants', { auth: { apiKey: parent.apiKey } });
    expect(listed.body.items.map((x: { id: string }) => x.id).sort()).toEqual([parent.tenantId, child.body.id].sort());
    const renamed = await t.request('PATCH', `/v1/tenants/${child.body.id}`, {
      auth: { apiKey: parent.apiKey },
      body: { name: 'Child 2' },
    });
    expect(renamed.body.name).toBe('Child 2');
    const unrelated = await t.request('GET', `/v1/tenants/${t.tenantId}`, { auth: { apiKey: parent.apiKey } });
    expect(unrelated.status).toBe(404);
  });

  it('deletes a tenant: it disappears and its keys stop working', async () => {
    const doomed = await createTenantWithKey(t, 'Doomed');
    expect((await t.request('DELETE', `/v1/tenants/${doomed.tenantId}`)).status).toBe(204);
    expect((await t.request('GET', `/v1/tenants/${doomed.tenantId}`)).status).toBe(404);
    expect((await t.request('GET', '/v1/users', { auth: { apiKey: doomed.apiKey } })).status).toBe(401);
    const mine = await t.request('GET', '/v1/tenants?limit=200');
    expect(mine.body.items.map((x: { id: string }) => x.id)).not.toContain(doomed.tenantId);
  });

  it('refuses to let a credential delete its own tenant (409)', async () => {
    const res = await t.request('DELETE', `/v1/tenants/${t.tenantId}`);
    expect(res.status).toBe(409);
    const key = await createApiKey(t);
    expect((await t.request('DELETE', `/v1/tenants/${t.tenantId}`, { auth: { apiKey: key } })).status).toBe(409);
  });

  it('validates tenant input', async () => {
    expect((await t.request('POST', '/v1/tenants', { body: { name: '' } })).status).toBe(422);
    expect((await t.request('POST', '/v1/tenants', { body: { name: 'x'.repeat(101) } })).status).toBe(422);
    expect((await t.request('PATCH', `/v1/tenants/${t.tenantId}`, { body: {} })).status).toBe(422);
    expect((await t.request('GET', '/v1/tenants/not-an-id')).status).toBe(422);
    expect((await t.request('GET', '/v1/tenants/ten_01h2xcejqtf2nbrexx3vqjhp41')).status).toBe(404);
  });

  it('lets a user read a member user of a tenant but only the home tenant changes them', async () => {
    const other = await createTenantWithKey(t, 'Member view');
    // The bootstrap admin is a member of `other` but managed by the bootstrap tenant.
    const read = await t.request('GET', `/v1/users/${t.adminUserId}`, { auth: { apiKey: other.apiKey } });
    expect(read.status).toBe(200);
    const change = await t.request('PATCH', `/v1/users/${t.adminUserId}`, {
      auth: { apiKey: other.apiKey },
      body: { display_name: 'Hijacked' },
    });
    expect(change.status).toBe(403);
    expect(change.body.error.message).toContain(t.tenantId);
  });
});
