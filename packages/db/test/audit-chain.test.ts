import { randomUUID } from 'node:crypto';
import { auditEventHash, GENESIS_HASH } from '@qeetid/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/open.ts';
import { auditEventWire } from '../src/repos/audit.ts';
import { openTestDb } from '../src/testing.ts';
import type { AuditEventRow, TenantScope } from '../src/types.ts';

/**
 * The database links events into the chain (migration 0071) from the JCS text cut around
 * prev_hash and seq; the API verifies the chain with `auditEventHash` over the whole event.
 * Both must agree byte for byte, whatever the metadata holds.
 */
let db: Database;
let tenant: string;
const now = new Date('2026-01-01T00:00:00Z');
const scope = (userAgent: string | null): TenantScope => ({
  tenantId: tenant,
  audit: { actor: { type: 'user', id: 'usr_0' }, ip: '2001:db8::1', userAgent, requestId: 'req_1' },
});

/** Strings JCS escapes or leaves as UTF-8, numbers it reformats, nesting it sorts. */
const AWKWARD: Record<string, unknown>[] = [
  {},
  { quote: 'say "hi"\\ back', newline: 'a\nb\tc\u0001', slash: '</script>' },
  { accents: 'Zoë Ångström', cjk: '身份', emoji: '🔑👩🏽‍💻', lone: '\u2028\u2029' },
  { numbers: [0, -0, 1e21, 1.5, -3.25e-7, 9007199254740991], flags: [true, false, null] },
  { z: { b: 1, a: [{ y: 2, x: 1 }] }, '': 'empty key', '€': 'sorted by code unit', seq: 0, prev_hash: '' },
];

beforeAll(async () => {
  db = await openTestDb();
  tenant = randomUUID();
  await db.platform((p) => p.insertTenant({ id: tenant, name: 'chain', parentId: null }, now));
});

afterAll(async () => {
  await db?.close();
});

async function chain(): Promise<AuditEventRow[]> {
  return db.withTenant(scope(null), (r) => r.audit.scan(0, 1000));
}

describe('audit chain written by the database', () => {
  it('links events exactly as auditEventHash verifies them, one or several per transaction', async () => {
    for (const metadata of AWKWARD) {
      await db.withTenant(scope('agent "x" é'), async (r) => {
        r.audit.append({ action: 'test.one', target: { type: 'thing', id: 'thg_1' }, metadata });
      });
    }
    await db.withTenant(scope(null), async (r) => {
      for (const metadata of AWKWARD)
        r.audit.append({ action: 'test.many', target: { type: 'thing', id: null }, metadata });
    });
    const rows = await chain();
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows).toHaveLength(AWKWARD.length * 2);
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const { hash, ...unhashed } = auditEventWire(row);
      expect(unhashed.prev_hash).toBe(prev);
      expect(hash).toBe(auditEventHash(unhashed));
      prev = hash;
    }
    const [head] = await db.unscopedQuery<{ seq: string | number; hash: string }>(
      'select seq, hash from audit_heads where tenant_id = $1',
      [tenant],
    );
    expect({ seq: Number(head?.seq), hash: head?.hash }).toEqual({ seq: rows.length, hash: prev });
  });

  it('writes nothing when the transaction fails after appending', async () => {
    const before = (await chain()).length;
    await expect(
      db.withTenant(scope(null), async (r) => {
        r.audit.append({ action: 'test.lost', target: { type: 'thing', id: null } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await chain()).toHaveLength(before);
  });

  it('rolls the whole transaction back when the append itself fails, and says why', async () => {
    const orphan = randomUUID();
    await db.platform((p) => p.insertTenant({ id: orphan, name: 'no chain', parentId: null }, now));
    await db.unscopedQuery('delete from audit_heads where tenant_id = $1', [orphan]);
    const key = randomUUID();
    await expect(
      db.withTenant({ ...scope(null), tenantId: orphan }, async (r) => {
        await r.apiKeys.insert({
          id: key,
          name: 'k',
          prefix: 'orphan01',
          secretHash: 'x',
          scopes: ['*'],
          createdAt: now,
        });
        r.audit.append({ action: 'api_key.created', target: { type: 'api_key', id: key } });
      }),
    ).rejects.toThrow(/has no audit chain/);
    expect(await db.unscopedQuery('select id from api_keys where id = $1', [key])).toEqual([]);
  });

  it('keeps one gapless chain under concurrent writers', async () => {
    const before = (await chain()).length;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.withTenant(scope(null), async (r) => {
          r.audit.append({ action: 'test.race', target: { type: 'thing', id: String(i) } });
        }),
      ),
    );
    const rows = await chain();
    expect(rows).toHaveLength(before + 20);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
  });
});
