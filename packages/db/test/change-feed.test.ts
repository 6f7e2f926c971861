import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/open.ts';
import { openTestDb } from '../src/testing.ts';
import type { TenantScope } from '../src/types.ts';

/**
 * The change feed on the engine the suite runs on: a change this process commits is announced
 * before its transaction's promise settles; a change made behind its back (plain SQL, as
 * another replica would) arrives through the triggers and LISTEN/NOTIFY.
 */
let db: Database;
let tenant: string;
let key: string;
const heard: string[] = [];
const now = new Date('2026-01-01T00:00:00Z');
const system: TenantScope['audit'] = {
  actor: { type: 'system', id: null },
  ip: null,
  userAgent: null,
  requestId: null,
};

/** Resolves once `tenantId` was heard after `from`; the feed is push, so this waits for delivery only. */
async function heardAfter(from: number, tenantId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (heard.slice(from).includes(tenantId)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no announcement of ${tenantId}; heard ${JSON.stringify(heard.slice(from))}`);
}

/**
 * Waits until everything notified so far has arrived (a marker sent now arrives after it) and
 * returns the position after the marker.
 */
async function settled(): Promise<number> {
  const marker = `marker-${randomUUID()}`;
  const from = heard.length;
  await db.unscopedQuery(`select pg_notify('qeet_changes', $1)`, [marker]);
  await heardAfter(from, marker);
  return heard.indexOf(marker, from) + 1;
}

beforeAll(async () => {
  db = await openTestDb();
  db.changes.subscribe((t) => heard.push(t));
  tenant = randomUUID();
  key = randomUUID();
  await db.platform((p) => p.insertTenant({ id: tenant, name: 'feed', parentId: null }, now));
  await db.withTenant({ tenantId: tenant, audit: system }, (r) =>
    r.apiKeys.insert({ id: key, name: 'k', prefix: 'feedkey1', secretHash: 'x', scopes: ['*'], createdAt: now }),
  );
});

afterAll(async () => {
  await db?.close();
});

describe('change feed', () => {
  it('is live once the database is open', () => {
    expect(db.changes.live).toBe(true);
  });

  it('announces a tenant whose transaction appended an audit event, before the transaction returns', async () => {
    const from = heard.length;
    await db.withTenant({ tenantId: tenant, audit: system }, async (r) => {
      await r.apiKeys.revoke(key, now);
      await r.audit.append({ action: 'api_key.revoked', target: { type: 'api_key', id: key } });
    });
    expect(heard.slice(from)).toContain(tenant);
  });

  it('says nothing for a read-only transaction, nor for one that rolled back', async () => {
    const from = await settled();
    await db.withTenant({ tenantId: tenant, audit: system }, (r) => r.apiKeys.list({ limit: 10 }));
    await expect(
      db.withTenant({ tenantId: tenant, audit: system }, async (r) => {
        await r.audit.append({ action: 'test.failed', target: { type: 'test', id: null } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const end = await settled();
    expect(heard.slice(from, end - 1)).toEqual([]);
  });

  it('hears a revocation committed outside this process API (plain SQL), through the triggers', async () => {
    await db.unscopedQuery('update api_keys set revoked_at = null where id = $1', [key]);
    const from = heard.length;
    await db.unscopedQuery('update api_keys set revoked_at = now() where id = $1', [key]);
    await heardAfter(from, tenant);
  });

  it('ignores the last-used stamp, which changes nothing a credential may do', async () => {
    const from = await settled();
    await db.unscopedQuery('update api_keys set last_used_at = now() where id = $1', [key]);
    await db.unscopedQuery('update tenants set name = $2 where id = $1', [tenant, 'renamed']);
    const end = await settled();
    expect(heard.slice(from, end - 1)).toEqual([]);
  });

  it('announces role, membership and user-status changes', async () => {
    const user = randomUUID();
    let from = heard.length;
    await db.unscopedQuery(
      `insert into users (id, tenant_id, email, email_normalized, created_at, updated_at) values ($1, $2, 'f@x.test', 'f@x.test', now(), now())`,
      [user, tenant],
    );
    await db.unscopedQuery(
      `insert into memberships (tenant_id, user_id, role, created_at) values ($1, $2, 'member', now())`,
      [tenant, user],
    );
    await heardAfter(from, tenant);
    from = heard.length;
    await db.unscopedQuery(`update users set status = 'disabled' where id = $1`, [user]);
    await heardAfter(from, '*');
    from = heard.length;
    await db.unscopedQuery(
      `insert into roles (tenant_id, id, name, created_at, updated_at) values ($1, gen_random_uuid(), 'r', now(), now())`,
      [tenant],
    );
    await heardAfter(from, tenant);
  });
});
