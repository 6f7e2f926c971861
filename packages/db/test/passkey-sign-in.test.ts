import { randomUUID } from 'node:crypto';
import { auditEventHash, GENESIS_HASH } from '@qeetid/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, isUniqueViolation } from '../src/open.ts';
import { auditEventWire } from '../src/repos/audit.ts';
import { passkeySignIns } from '../src/repos/passkey-sign-in.ts';
import type { PasskeyUse } from '../src/repos/passkeys.ts';
import type { NewSession } from '../src/repos/sessions.ts';
import { openTestDb } from '../src/testing.ts';
import type { TenantScope } from '../src/types.ts';
import { countingRun, passkeyRow } from './support/fixtures.ts';

/**
 * `Database.passkeySignIn` writes a passkey sign-in as one statement (migration 0073): all of it
 * or nothing, only in the scope's tenant, and only while the counter is still the one checked.
 */
let db: Database;
const home = randomUUID();
const other = randomUUID();
const user = randomUUID();
const passkey = randomUUID();
const otherUser = randomUUID();
const otherPasskey = randomUUID();
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

const signIn = (tenantId: string, passkeyUse: PasskeyUse, values: NewSession) =>
  db.passkeySignIn({ scope: scope(tenantId), use: passkeyUse, session: values, events: [event(values.id)] });

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
    await r.passkeys.insert(passkeyRow(user, { id: passkey, signCount: 4, backupEligible: true }));
  });
});

/** A second user with a passkey at counter 0, at home in the other tenant. */
async function enrollOther() {
  await db.withTenant(scope(other), async (r) => {
    await r.users.insert({
      id: otherUser,
      email: 'o@x.test',
      emailNormalized: 'o@x.test',
      createdAt: now,
      updatedAt: now,
    });
    await r.passkeys.insert(passkeyRow(otherUser, { id: otherPasskey }));
  });
}

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
    const opened = await signIn(home, use(4, 5), values);
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
    expect(await signIn(home, use(4, 6), values)).toBeUndefined();
    expect(await state(home)).toEqual(before);
  });

  it("reaches no passkey outside the scope's tenant", async () => {
    const before = await state(home);
    const values = session(new Date('2026-01-04T00:00:00Z'));
    expect(await signIn(other, use(5, 6), values)).toBeUndefined();
    expect(await state(home)).toEqual(before);
    expect(await state(other)).toMatchObject({ sessions: [], events: [] });
  });

  it('keeps nothing, the use included, when a later write fails', async () => {
    const before = await state(home);
    const [taken] = await db.unscopedQuery<{ token_hash: string }>('select token_hash from refresh_tokens limit 1');
    if (!taken) throw new Error('the first test stored a refresh token');
    // The refresh token, written after the use, repeats a stored hash.
    const values = session(new Date('2026-01-05T00:00:00Z'), taken.token_hash);
    await expect(signIn(home, use(5, 6), values)).rejects.toSatisfy(isUniqueViolation);
    expect(await state(home)).toEqual(before);
  });
});

describe('passkey sign-ins of one event-loop turn', () => {
  const counting = () => {
    const { statements, run } = countingRun(db);
    return { statements, signIns: passkeySignIns(run) };
  };
  const request = (tenantId: string, passkeyUse: PasskeyUse, values: NewSession) => ({
    scope: scope(tenantId),
    use: passkeyUse,
    session: values,
    events: [event(values.id)],
  });

  it('share one statement, each in its own tenant and on its own counter', async () => {
    await enrollOther();
    const { statements, signIns } = counting();
    const at = new Date('2026-01-06T00:00:00Z');
    const [toOther, toHome, stale] = [session(at), session(at), session(at)];
    const otherUse = { passkeyId: otherPasskey, previousSignCount: 0, signCount: 0, backupState: false };
    const answers = await Promise.all([
      signIns(request(home, use(5, 6), toHome)),
      signIns(request(other, otherUse, { ...toOther, userId: otherUser })),
      signIns(request(home, use(4, 7), stale)),
    ]);
    expect(statements).toHaveLength(1);
    // Sent in tenant order, so that concurrent batches take the audit chains' locks in one order.
    const sent = JSON.parse(String(statements[0]?.params[0])) as string[][];
    expect(sent.map((args) => args[1])).toEqual([home, home, other].sort());
    expect(answers.map((a) => a && [a.tenantId, a.id])).toEqual([[home, toHome.id], [other, toOther.id], undefined]);
    expect(await state(home)).toMatchObject({ counter: 6 });
    const [otherKey] = await db.unscopedQuery<{ last_used: boolean }>(
      'select last_used_at is not null as last_used from webauthn_credentials where id = $1',
      [otherPasskey],
    );
    expect(otherKey).toEqual({ last_used: true });
    for (const [tenantId, values] of [
      [home, toHome],
      [other, toOther],
    ] as const) {
      const events = (await state(tenantId)).events;
      expect(events.at(-1)).toMatchObject({ action: 'session.created', targetId: values.id });
      expect((await state(tenantId)).sessions).toContainEqual({ id: values.id });
    }
    expect((await state(home)).sessions).not.toContainEqual({ id: stale.id });
  });

  it('run again one by one when the server refuses their statement, so only the failing one fails', async () => {
    const { statements, signIns } = counting();
    const [taken] = await db.unscopedQuery<{ token_hash: string }>('select token_hash from refresh_tokens limit 1');
    if (!taken) throw new Error('an earlier test stored a refresh token');
    const at = new Date('2026-01-07T00:00:00Z');
    const good = session(at);
    const duplicate = session(at, taken.token_hash);
    const otherUse = { passkeyId: otherPasskey, previousSignCount: 0, signCount: 0, backupState: false };
    const [kept, refused] = await Promise.allSettled([
      signIns(request(home, use(6, 7), good)),
      signIns(request(other, otherUse, { ...duplicate, userId: otherUser })),
    ]);
    expect(statements).toHaveLength(3);
    expect(kept).toMatchObject({ status: 'fulfilled', value: { id: good.id } });
    expect(refused.status === 'rejected' && isUniqueViolation(refused.reason)).toBe(true);
    expect(await state(home)).toMatchObject({ counter: 7 });
    expect((await state(other)).sessions).not.toContainEqual({ id: duplicate.id });
  });
});
