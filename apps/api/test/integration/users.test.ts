import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createTenantWithKey, startTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
let key: { apiKey: string };

beforeAll(async () => {
  t = await startTestApp();
  key = { apiKey: await createApiKey(t) };
});
afterAll(() => t.close());

/** Rows and audit events of the whole database: bad input must leave both untouched. */
async function footprint() {
  const [users] = await t.db.unscopedQuery<{ n: number }>('select count(*)::int as n from users');
  const [events] = await t.db.unscopedQuery<{ n: number }>('select count(*)::int as n from audit_events');
  return { users: users?.n, events: events?.n };
}

const create = (body: unknown, auth: { apiKey: string } = key) => t.request('POST', '/v1/users', { body, auth });

describe('users', () => {
  it('creates a user who is a member of the caller tenant, and reads it back', async () => {
    const res = await create({ email: 'alex@acme.test', display_name: 'Alex Chen', metadata: { plan: 'pro' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^usr_/),
      tenant_id: t.tenantId,
      email: 'alex@acme.test',
      email_verified: false,
      display_name: 'Alex Chen',
      metadata: { plan: 'pro' },
      status: 'active',
      deleted_at: null,
    });
    const got = await t.request('GET', `/v1/users/${res.body.id}`, { auth: key });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    const members = await t.request('GET', `/v1/tenants/${t.tenantId}/members`);
    expect(members.body.items.map((m: { user_id: string }) => m.user_id)).toContain(res.body.id);
  });

  it('accepts the plain UUID form of an id', async () => {
    const res = await create({ email: 'uuid-form@acme.test' });
    const [row] = await t.db.unscopedQuery<{ id: string }>('select id from users where email = $1', [
      'uuid-form@acme.test',
    ]);
    const got = await t.request('GET', `/v1/users/${row?.id}`, { auth: key });
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(res.body.id);
  });

  it('stores quotes, percent signs, unicode and SQL fragments verbatim', async () => {
    const name = `O'Brien "Bob" 100% ✓ Ωμέγα 😀 '); drop table users; --`;
    const res = await create({
      email: 'verbatim@acme.test',
      display_name: name,
      metadata: { q: 'a\'b"c%_\\', emoji: '🎉' },
    });
    expect(res.status).toBe(201);
    const got = await t.request('GET', `/v1/users/${res.body.id}`, { auth: key });
    expect(got.body.display_name).toBe(name);
    expect(got.body.metadata).toEqual({ q: 'a\'b"c%_\\', emoji: '🎉' });
  });

  it('rejects a duplicate email in any letter case with 409 and writes nothing', async () => {
    await create({ email: 'dup@acme.test' });
    const before = await footprint();
    const res = await create({ email: 'DUP@Acme.TEST' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(await footprint()).toEqual(before);
  });

  it('rejects a duplicate email created through another tenant (emails are global)', async () => {
    const other = await createTenantWithKey(t, 'Other for dup');
    await create({ email: 'global@acme.test' });
    const res = await create({ email: 'Global@acme.test' }, { apiKey: other.apiKey });
    expect(res.status).toBe(409);
  });

  it.each([
    ['an invalid email', { email: 'not-an-email' }, 'email', 'invalid_email'],
    ['a too-long display name', { email: 'long@acme.test', display_name: 'x'.repeat(201) }, 'display_name', 'too_long'],
    ['an unknown field', { email: 'unknown@acme.test', nickname: 'al' }, 'nickname', 'unknown_field'],
    ['a missing email', { display_name: 'No Email' }, 'email', 'required'],
    ['a non-E.164 phone', { email: 'phone@acme.test', phone: '555-1234' }, 'phone', 'invalid_format'],
    ['a wrongly typed field', { email: 'typed@acme.test', display_name: 42 }, 'display_name', 'invalid_type'],
  ])('rejects %s with 422 naming the field, writing nothing', async (_label, body, field, code) => {
    const before = await footprint();
    const res = await create(body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields).toContainEqual(expect.objectContaining({ field, code }));
    expect(res.body.error.message).toContain(field);
    expect(await footprint()).toEqual(before);
  });

  it('rejects metadata over 8 KiB with 422', async () => {
    const before = await footprint();
    const res = await create({ email: 'big@acme.test', metadata: { blob: 'x'.repeat(9000) } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0]).toMatchObject({ field: 'metadata', code: 'too_large' });
    expect(await footprint()).toEqual(before);
  });

  it('rejects malformed JSON with 400', async () => {
    const before = await footprint();
    const res = await t.request('POST', '/v1/users', {
      auth: key,
      raw: '{"email": "x@acme.test",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.message).toMatch(/malformed JSON/);
    expect(await footprint()).toEqual(before);
  });

  it('rejects a non-JSON content type with 415', async () => {
    const res = await t.request('POST', '/v1/users', {
      auth: key,
      raw: 'email=x@acme.test',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('rejects a body over the limit with 413', async () => {
    const before = await footprint();
    const res = await create({ email: 'huge@acme.test', metadata: { blob: 'x'.repeat(70_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await footprint()).toEqual(before);
  });

  it('rejects a declared length over the limit with 413, and reads a declared body within it', async () => {
    const before = await footprint();
    const raw = JSON.stringify({ email: 'declared@acme.test', metadata: { blob: 'x'.repeat(70_000) } });
    const huge = await t.request('POST', '/v1/users', {
      auth: key,
      raw,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(raw)) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    expect(await footprint()).toEqual(before);
    const small = JSON.stringify({ email: 'declared@acme.test' });
    const ok = await t.request('POST', '/v1/users', {
      auth: key,
      raw: small,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(small)) },
    });
    expect(ok.status).toBe(201);
  });

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    const unknown = await t.request('GET', '/v1/users/usr_01h2xcejqtf2nbrexx3vqjhp41', { auth: key });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const malformed = await t.request('GET', '/v1/users/ten_01h2xcejqtf2nbrexx3vqjhp41', { auth: key });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.fields[0].field).toBe('id');
  });

  it('updates only the fields present, merges metadata and unverifies a changed email', async () => {
    const u = (await create({ email: 'patch@acme.test', display_name: 'Before', metadata: { a: 1, b: 2 } })).body;
    await t.db.unscopedQuery('update users set email_verified = true where email = $1', ['patch@acme.test']);
    const res = await t.request('PATCH', `/v1/users/${u.id}`, {
      auth: key,
      body: { email: 'patched@acme.test', metadata: { b: null, c: 3 } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: 'patched@acme.test',
      email_verified: false,
      display_name: 'Before',
      metadata: { a: 1, c: 3 },
    });
    const empty = await t.request('PATCH', `/v1/users/${u.id}`, { auth: key, body: {} });
    expect(empty.status).toBe(422);
  });

  it('replaces and clears metadata', async () => {
    const u = (await create({ email: 'meta@acme.test', metadata: { a: 1 } })).body;
    const put = await t.request('PUT', `/v1/users/${u.id}/metadata`, {
      auth: key,
      body: { z: [1, 2], nested: { ok: true } },
    });
    expect(put.status).toBe(200);
    expect(put.body.metadata).toEqual({ z: [1, 2], nested: { ok: true } });
    const cleared = await t.request('DELETE', `/v1/users/${u.id}/metadata`, { auth: key });
    expect(cleared.body.metadata).toEqual({});
  });

  it('soft-deletes into the recycle bin, restores, and purges', async () => {
    const u = (await create({ email: 'bin@acme.test' })).body;
    expect((await t.request('DELETE', `/v1/users/${u.id}`, { auth: key })).status).toBe(204);
    expect((await t.request('GET', `/v1/users/${u.id}`, { auth: key })).status).toBe(404);
    const bin = await t.request('GET', '/v1/users/deleted', { auth: key });
    expect(bin.body.items).toContainEqual(expect.objectContaining({ id: u.id, deleted_at: expect.any(String) }));
    const live = await t.request('GET', '/v1/users?limit=200', { auth: key });
    expect(live.body.items.map((x: { id: string }) => x.id)).not.toContain(u.id);

    const restored = await t.request('POST', `/v1/users/${u.id}/restore`, { auth: key });
    expect(restored.status).toBe(200);
    expect(restored.body.deleted_at).toBeNull();
    expect((await t.request('POST', `/v1/users/${u.id}/restore`, { auth: key })).status).toBe(409);

    expect((await t.request('DELETE', `/v1/users/${u.id}/purge`, { auth: key })).status).toBe(409);
    await t.request('DELETE', `/v1/users/${u.id}`, { auth: key });
    expect((await t.request('DELETE', `/v1/users/${u.id}/purge`, { auth: key })).status).toBe(204);
    const again = await t.request('POST', `/v1/users/${u.id}/restore`, { auth: key });
    expect(again.status).toBe(404);
    // The email is free again after a purge.
    expect((await create({ email: 'bin@acme.test' })).status).toBe(201);
  });

  it('filters the list by email, case-insensitively', async () => {
    await create({ email: 'Filter.Me@acme.test' });
    const res = await t.request('GET', '/v1/users?email=filter.me@ACME.test', { auth: key });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].email).toBe('Filter.Me@acme.test');
  });
});

describe('user list pagination', () => {
  it('walks every user exactly once with keyset cursors, stable under inserts', async () => {
    const { apiKey } = await createTenantWithKey(t, 'Paging');
    const auth = { apiKey };
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await create({ email: `page${i}@paging.test` }, auth)).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string }[]; next_cursor: string | null } } = await t.request(
        'GET',
        `/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { auth },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((u) => u.id));
      cursor = res.body.next_cursor;
      if (pages === 0) created.push((await create({ email: 'late@paging.test' }, auth)).body.id);
      pages += 1;
    } while (cursor);
    // The tenant's creator (the bootstrap admin) is its owner member, so listed first.
    expect(seen).toEqual([t.adminUserId, ...created]);
    expect(pages).toBe(3);
  });

  it.each([
    ['limit=0', 422],
    ['limit=201', 422],
    ['limit=abc', 422],
    ['cursor=not-a-cursor', 400],
    ['colour=blue', 422],
  ])('rejects %s with %i', async (query, status) => {
    const res = await t.request('GET', `/v1/users?${query}`, { auth: key });
    expect(res.status).toBe(status);
  });

  it('rejects a cursor from another list or another tenant with 400', async () => {
    const other = await createTenantWithKey(t, 'Cursor owner');
    for (let i = 0; i < 2; i++) await create({ email: `c${i}@cursor.test` }, { apiKey: other.apiKey });
    const page = await t.request('GET', '/v1/users?limit=1', { auth: { apiKey: other.apiKey } });
    const foreign = await t.request('GET', `/v1/users?cursor=${page.body.next_cursor}`, { auth: key });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('bad_request');
    const keys = await t.request('GET', `/v1/tenants/${other.tenantId}/api-keys?cursor=${page.body.next_cursor}`);
    expect(keys.status).toBe(400);
  });
});
