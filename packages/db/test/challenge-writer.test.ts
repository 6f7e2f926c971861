import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/open.ts';
import { challengeWriter, type NewChallenge } from '../src/repos/challenge-writer.ts';
import { openTestDb } from '../src/testing.ts';
import { countingRun } from './support/fixtures.ts';

/** Challenges asked for in one event-loop turn are stored by one statement; each caller waits for it. */
let db: Database;
const tenant = randomUUID();
const user = randomUUID();
const now = new Date('2026-01-01T00:00:00Z');
const expiresAt = new Date('2099-01-01T00:00:00Z');
const challenge = (overrides: Partial<NewChallenge> = {}): NewChallenge => ({
  challengeHash: randomUUID(),
  ceremony: 'login',
  tenantId: null,
  userId: null,
  payload: {},
  expiresAt,
  ...overrides,
});

beforeAll(async () => {
  db = await openTestDb();
  await db.platform((p) => p.insertTenant({ id: tenant, name: 'c', parentId: null }, now));
});

afterAll(async () => {
  await db?.close();
});

describe('challenge writer', () => {
  it('stores the challenges of one turn with one statement, the next turn with another', async () => {
    const { statements, run } = countingRun(db);
    const store = challengeWriter(run);
    const bound = challenge({ ceremony: 'mfa', tenantId: tenant, userId: user, payload: { email: 'é@x.test' } });
    const firstTurn = [challenge(), bound, challenge({ ceremony: 'signup' })];
    await Promise.all(firstTurn.map(store));
    expect(statements).toHaveLength(1);
    const later = challenge();
    await store(later);
    expect(statements).toHaveLength(2);

    const stored = await db.unscopedQuery<Record<string, unknown>>(
      `select challenge_hash, ceremony, tenant_id, user_id, payload, expires_at = $2::timestamptz as expiry_kept
        from webauthn_challenges where challenge_hash = any($1::text[]) order by ceremony`,
      [[...firstTurn, later].map((c) => c.challengeHash), expiresAt.toISOString()],
    );
    const row = (c: NewChallenge) => ({
      challenge_hash: c.challengeHash,
      ceremony: c.ceremony,
      tenant_id: c.tenantId,
      user_id: c.userId,
      payload: c.payload,
      expiry_kept: true,
    });
    expect(stored).toEqual(expect.arrayContaining([...firstTurn, later].map(row)));
    expect(stored).toHaveLength(4);
  });

  it('fails every caller of a turn whose statement is lost with its connection', async () => {
    const store = challengeWriter(async () => {
      throw new Error('connection lost');
    });
    const results = await Promise.allSettled([store(challenge()), store(challenge())]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('is how the database stores a challenge that can then be taken once', async () => {
    const stored = challenge({ ceremony: 'step_up', tenantId: tenant, userId: user });
    await db.storeChallenge(stored);
    const taken = await db.platformRead((p) => p.takeChallenge(stored.challengeHash, 'step_up', now));
    expect(taken).toMatchObject({ challengeHash: stored.challengeHash, tenantId: tenant, userId: user, expiresAt });
    expect(await db.platformRead((p) => p.takeChallenge(stored.challengeHash, 'step_up', now))).toBeUndefined();
  });
});
