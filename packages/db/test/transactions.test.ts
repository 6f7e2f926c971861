import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/open.ts';
import { openTestDb } from '../src/testing.ts';
import type { TenantScope } from '../src/types.ts';

/**
 * A transaction is all or nothing on either engine, including on PostgreSQL, where BEGIN goes
 * out with the first statements instead of before them (pipelined-begin.ts).
 */
let db: Database;
let tenant: string;
const now = new Date('2026-01-01T00:00:00Z');
const scope = (): TenantScope => ({
  tenantId: tenant,
  audit: { actor: { type: 'system', id: null }, ip: null, userAgent: null, requestId: null },
});
const key = (id: string, prefix: string) => ({ id, name: 'k', prefix, secretHash: 'x', scopes: ['*'], createdAt: now });
const keyExists = async (id: string) =>
  (await db.unscopedQuery('select 1 from api_keys where id = $1', [id])).length > 0;

beforeAll(async () => {
  db = await openTestDb();
  tenant = randomUUID();
  await db.platform((p) => p.insertTenant({ id: tenant, name: 'tx', parentId: null }, now));
});

afterAll(async () => {
  await db?.close();
});

describe('transactions', () => {
  it('commits every statement, the first one included', async () => {
    const first = randomUUID();
    const second = randomUUID();
    await db.withTenant(scope(), async (r) => {
      await r.apiKeys.insert(key(first, 'txfirst1'));
      await r.apiKeys.insert(key(second, 'txfirst2'));
    });
    expect([await keyExists(first), await keyExists(second)]).toEqual([true, true]);
  });

  it('keeps nothing when the work throws', async () => {
    const id = randomUUID();
    await expect(
      db.withTenant(scope(), async (r) => {
        await r.apiKeys.insert(key(id, 'txthrow1'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await keyExists(id)).toBe(false);
  });

  it('fails, keeping nothing, when a statement failed even though its error was swallowed', async () => {
    const id = randomUUID();
    await expect(
      db.withTenant(scope(), async (r) => {
        await r.apiKeys.insert(key(id, 'txswal01'));
        // The same prefix again: a unique violation the work ignores.
        await r.apiKeys.insert(key(randomUUID(), 'txswal01')).catch(() => {});
      }),
    ).rejects.toThrow();
    expect(await keyExists(id)).toBe(false);
  });
});
