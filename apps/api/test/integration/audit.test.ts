import { createHash } from 'node:crypto';
import { decodeId } from '@qeetid/contract';
import { openDb } from '@qeetid/db';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createTenantWithKey, startTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
let tenant: { tenantId: string; apiKey: string };
let auth: { apiKey: string };

beforeAll(async () => {
  t = await startTestApp();
  tenant = await createTenantWithKey(t, 'Audited');
  auth = { apiKey: tenant.apiKey };
});
afterAll(() => t.close());

const auditPath = (suffix = '') => `/v1/tenants/${tenant.tenantId}/audit${suffix}`;

async function events(query = 'limit=200') {
  const res = await t.request('GET', `${auditPath()}?${query}`, { auth });
  expect(res.status).toBe(200);
  return res.body.items as { id: string; seq: number; action: string; target: { id: string }; hash: string }[];
}

/** Recomputes an exported chain with nothing but node:crypto and an RFC 8785 library. */
function independentlyVerify(lines: Record<string, unknown>[]): boolean {
  let prev = '0'.repeat(64);
  for (const [i, event] of lines.entries()) {
    const { hash, ...rest } = event;
    if (event.seq !== i + 1 || event.prev_hash !== prev) return false;
    const digest = createHash('sha256')
      .update(prev)
      .update(canonicalize(rest) as string)
      .digest('hex');
    if (digest !== hash) return false;
    prev = hash as string;
  }
  return true;
}

describe('audit chain', () => {
  it('records every mutation with actor, target, request id and chained hashes', async () => {
    const user = (await t.request('POST', '/v1/users', { auth, body: { email: 'audited@acme.test' } })).body;
    await t.request('PATCH', `/v1/users/${user.id}`, { auth, body: { display_name: 'A' } });
    await t.request('PUT', `/v1/users/${user.id}/metadata`, { auth, body: { k: 1 } });
    await t.request('DELETE', `/v1/users/${user.id}/metadata`, { auth });
    await t.request('DELETE', `/v1/users/${user.id}`, { auth });
    await t.request('POST', `/v1/users/${user.id}/restore`, { auth });
    await t.request('DELETE', `/v1/users/${user.id}`, { auth });
    const purge = await t.request('DELETE', `/v1/users/${user.id}/purge`, {
      auth,
      headers: { 'x-request-id': 'purge-1' },
    });
    expect(purge.status).toBe(204);
    const key = (await t.request('POST', '/v1/api-keys', { auth, body: { name: 'k' } })).body;
    await t.request('DELETE', `/v1/api-keys/${key.id}`, { auth });
    await t.request('PATCH', `/v1/tenants/${tenant.tenantId}`, { auth, body: { name: 'Audited 2' } });

    const actions = (await events()).map((e) => e.action).reverse();
    expect(actions).toEqual([
      'tenant.created',
      'member.added',
      'api_key.created',
      'user.created',
      'user.updated',
      'user.metadata_replaced',
      'user.metadata_cleared',
      'user.deleted',
      'user.restored',
      'user.deleted',
      'user.purged',
      'api_key.created',
      'api_key.revoked',
      'tenant.updated',
    ]);
    const purged = (await events('action=user.purged'))[0];
    expect(purged).toMatchObject({
      actor: { type: 'api_key', id: expect.stringMatching(/^key_/) },
      target: { type: 'user', id: user.id },
      request_id: 'purge-1',
    });
    // Nothing personal about the purged user stays in the log.
    expect(JSON.stringify(await events())).not.toContain('audited@acme.test');
  });

  it('filters by action, target and time, and pages newest first by cursor', async () => {
    const all = await events();
    const byTarget = await events(`target_id=${all.find((e) => e.action === 'user.created')?.target.id}`);
    expect(new Set(byTarget.map((e) => e.target.id)).size).toBe(1);
    expect(await events('since=2999-01-01T00:00:00Z')).toEqual([]);
    expect((await events('until=2999-01-01T00:00:00Z')).length).toBe(all.length);

    const seqs: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { seq: number }[]; next_cursor: string | null } } = await t.request(
        'GET',
        `${auditPath()}?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        { auth },
      );
      seqs.push(...res.body.items.map((e) => e.seq));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seqs).toEqual(all.map((e) => e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('rejects a malformed since with 422', async () => {
    const res = await t.request('GET', `${auditPath()}?since=yesterday`, { auth });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0]).toMatchObject({ field: 'since', code: 'invalid_date_time' });
  });

  it('verifies an intact chain', async () => {
    const res = await t.request('GET', auditPath('/verify'), { auth });
    expect(res.status).toBe(200);
    const all = await events();
    expect(res.body).toEqual({ ok: true, events_checked: all.length, head: { seq: all[0]?.seq, hash: all[0]?.hash } });
  });

  it('exports NDJSON oldest first that an independent verifier accepts', async () => {
    const res = await t.request('GET', auditPath('/export'), { auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const lines = (res.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe((await events()).length);
    expect(independentlyVerify(lines)).toBe(true);
  });

  it('keeps one linear chain under concurrent writers', async () => {
    const writes = Array.from({ length: 25 }, (_, i) =>
      t.request('POST', '/v1/users', { auth, body: { email: `burst${i}@acme.test` } }),
    );
    expect((await Promise.all(writes)).map((r) => r.status)).toEqual(Array(25).fill(201));
    const verify = await t.request('GET', auditPath('/verify'), { auth });
    expect(verify.body.ok).toBe(true);
  });
});

// PostgreSQL only (PGlite is one in-process connection); CI runs this file on both engines.
if (process.env.DATABASE_URL)
  describe('audit chain across two server processes on one PostgreSQL', () => {
    it('never forks when two connection pools append to one tenant at once', async () => {
      const second = await openDb({ url: t.dbUrl as string, poolSize: 4 });
      try {
        const scope = {
          tenantId: decodeId('tenant', tenant.tenantId) as string,
          audit: { actor: { type: 'system' as const, id: null }, ip: null, userAgent: null, requestId: null },
        };
        const append = (db: typeof second, i: number) =>
          db.withTenant(scope, async (r) =>
            r.audit.append({ action: 'test.concurrent', target: { type: 'test', id: String(i) } }),
          );
        await Promise.all(Array.from({ length: 40 }, (_, i) => append(i % 2 ? second : t.db, i)));
        const verify = await t.request('GET', auditPath('/verify'), { auth });
        expect(verify.body.ok).toBe(true);
        expect((await events('action=test.concurrent&limit=200')).length).toBe(40);
      } finally {
        await second.close();
      }
    });
  });

describe('tamper evidence', () => {
  let victim: { tenantId: string; apiKey: string };
  beforeAll(async () => {
    victim = await createTenantWithKey(t, 'Tampered');
    const a = { apiKey: victim.apiKey };
    for (let i = 0; i < 4; i++) await t.request('POST', '/v1/users', { auth: a, body: { email: `t${i}@tamper.test` } });
  });
  const verify = async () =>
    (await t.request('GET', `/v1/tenants/${victim.tenantId}/audit/verify`, { auth: { apiKey: victim.apiKey } })).body;
  const tenantUuid = async () =>
    (await t.db.unscopedQuery<{ id: string }>('select id from tenants where name = $1', ['Tampered']))[0]?.id;

  it('names the event whose content was edited in the database', async () => {
    const id = await tenantUuid();
    expect((await verify()).ok).toBe(true);
    await t.db.unscopedQuery(`update audit_events set metadata = '{"forged": true}' where tenant_id = $1 and seq = 4`, [
      id,
    ]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.broken_at).toMatchObject({
      seq: 4,
      id: expect.stringMatching(/^evt_/),
      reason: expect.stringMatching(/hash/),
    });
    expect(result.events_checked).toBe(3);
  });

  it('names the gap when an event is deleted', async () => {
    const id = await tenantUuid();
    await t.db.unscopedQuery('delete from audit_events where tenant_id = $1 and seq = 2', [id]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.broken_at).toMatchObject({ seq: 3, reason: expect.stringMatching(/missing/) });
  });

  it('is append-only for the application role', async () => {
    const id = await tenantUuid();
    const asApp = (statement: string) =>
      t.db.unscopedQuery(
        `do $$ begin perform set_config('qeet.tenant_id', '${id}', true); set local role qeet_app; ${statement}; end $$`,
      );
    await expect(asApp(`update audit_events set action = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(asApp('delete from audit_events')).rejects.toThrow(/permission denied/);
    await asApp('perform count(*) from audit_events');
  });
});

describe('audit access', () => {
  it('requires the audit:read scope', async () => {
    const key = await createApiKey(t, { name: 'no audit', scopes: ['users:read'] });
    const res = await t.request('GET', `/v1/tenants/${t.tenantId}/audit`, { auth: { apiKey: key } });
    expect(res.status).toBe(403);
  });
});
