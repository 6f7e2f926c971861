import { randomUUID } from 'node:crypto';
import { auditEventHash, GENESIS_HASH } from '@qeetid/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, isUniqueViolation } from '../src/open.ts';
import { auditEventWire } from '../src/repos/audit.ts';
import type { NewSession } from '../src/repos/sessions.ts';
import { openTestDb } from '../src/testing.ts';
import type { TenantScope } from '../src/types.ts';

/**
 * `Database.passkeySignIn` writes a passkey sign-in as one statement (migration 0073): all of it
 * or nothing, only in the scope's tenant, and only while the counter is still the one checked.
 */
let db: Database;
const home = randomUUID();
const other = randomUUID();
const user = randomUUID();
const passkey = randomUUID();
const now = new Date('2026-01-01T00:00:00Z');
const scope = (tenantId: string): TenantScope => ({
  tenantId,
  audit: { actor: { type: 'user', id: 'usr_x' }, ip: '192.0.2.1', userAgent: 'agent', requestId: 'req_1' },
});
const session = (at: Date, tokenHash: string = randomUUID()): NewSession => ({
  id: randomUUID(),
  userId: user,
  authMethods: ['hwk', 'user', 'mfa'],
  ip: '192.0.2.1',
  userAgent: 'agent',
  createdAt: at,
  expiresAt: new Date(at.getTime() + 3_600_000),
  refreshToken: { id: randomUUID(), tokenHash },
});
const event = (sessionId: string) => ({
  action: 'session.created',
  target: { type: 'session', id: sessionId },
  metadata: { passkey_id: 'pk_1' },
});
const use = (previousSignCount: number, signCount: number) => ({
  passkeyId: passkey,
  previousSignCount,
  signCount,
  backupState: true,
});

async function state(tenantId: string) {
  // Plain text and numbers read alike on both engines.
  const [key] = await db.unscopedQuery<{ sign_count: number; backup_state: boolean; last_used: string | null }>(
    `select sign_count::int, backup_state, to_char(last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as last_used
      from webauthn_credentials where id = $1`,
    [passkey],
  );
  const sessions = await db.unscopedQuery<{ id: string }>('select id from sessions where tenant_id = $1', [tenantId]);
  const events = await db.withTenant(scope(tenantId), (r) => r.audit.scan(0, 100));
  return { counter: key?.sign_count, backedUp: key?.backup_state, lastUsed: key?.last_used, sessions, events };
}

beforeAll(async () => {
  db = await openTestDb();
  for (const id of [home, other]) await db.platform((p) => p.insertTenant({ id, name: id, parentId: null }, now));
  await db.withTenant(scope(home), async (r) => {
    await r.users.insert({ id: user, email: 'p@x.test', emailNormalized: 'p@x.test', createdAt: now, updatedAt: now });
    await r.passkeys.insert({
      id: passkey,
      userId: user,
      credentialId: 'credential-1',
      publicKey: 'pk',
      signCount: 4,
      transports: [],
      aaguid: '00000000-0000-0000-0000-000000000000',
      attestationFormat: 'none',
      backupEligible: true,
      backupState: false,
      name: 'key',
      createdAt: now,
    });
  });
});

afterAll(async () => {
  await db?.close();
});

describe('passkey sign-in in one statement', () => {
  it('stores the use, the session with its first refresh token and the event, linked into the chain', async () => {
    const before = await state(home);
    const announced: string[] = [];
    const unsubscribe = db.changes.subscribe((tenantId) => announced.push(tenantId));
    const at = new Date('2026-01-02T00:00:00Z');
    const values = session(at);
    const opened = await db.passkeySignIn(scope(home), use(4, 5), values, [event(values.id)]);
    unsubscribe();
    expect(opened).toMatchObject({ tenantId: home, id: values.id, userId: user, expiresAt: values.expiresAt });
    const after = await state(home);
    expect(after).toMatchObject({ counter: 5, backedUp: true, lastUsed: '2026-01-02T00:00:00' });
    expect(after.sessions).toEqual([...before.sessions, { id: values.id }]);
    const tokens = await db.unscopedQuery('select session_id, token_hash from refresh_tokens where id = $1', [
      values.refreshToken.id,
    ]);
    expect(tokens).toEqual([{ session_id: values.id, token_hash: values.refreshToken.tokenHash }]);
    const added = after.events.slice(before.events.length);
    expect(added.map((e) => [e.action, e.targetId, e.actorId, e.ip, e.metadata])).toEqual([
      ['session.created', values.id, 'usr_x', '192.0.2.1', { passkey_id: 'pk_1' }],
    ]);
    let prev = GENESIS_HASH;
    for (const row of after.events) {
      const { hash, ...unhashed } = auditEventWire(row);
      expect(unhashed.prev_hash).toBe(prev);
      expect(hash).toBe(auditEventHash(unhashed));
      prev = hash;
    }
    expect(announced).toContain(home);
  });

  it('writes nothing when the counter is no longer the one checked (a racing use landed first)', async () => {
    const before = await state(home);
    const values = session(new Date('2026-01-03T00:00:00Z'));
    expect(await db.passkeySignIn(scope(home), use(4, 6), values, [event(values.id)])).toBeUndefined();
    expect(await state(home)).toEqual(before);
  });

  it("reaches no passkey outside the scope's tenant", async () => {
    const before = await state(home);
    const values = session(new Date('2026-01-04T00:00:00Z'));
    expect(await db.passkeySignIn(scope(other), use(5, 6), values, [event(values.id)])).toBeUndefined();
    expect(await state(home)).toEqual(before);
    expect(await state(other)).toMatchObject({ sessions: [], events: [] });
  });

  it('keeps nothing, the use included, when a later write fails', async () => {
    const before = await state(home);
    const [taken] = await db.unscopedQuery<{ token_hash: string }>('select token_hash from refresh_tokens limit 1');
    if (!taken) throw new Error('the first test stored a refresh token');
    // The refresh token, written after the use, repeats a stored hash.
    const values = session(new Date('2026-01-05T00:00:00Z'), taken.token_hash);
    await expect(db.passkeySignIn(scope(home), use(5, 6), values, [event(values.id)])).rejects.toSatisfy(
      isUniqueViolation,
    );
    expect(await state(home)).toEqual(before);
  });
});
