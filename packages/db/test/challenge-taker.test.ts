import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/open.ts';
import type { NewChallenge } from '../src/repos/challenge-writer.ts';
import { challengeTaker, type WantedChallenge } from '../src/repos/sign-in-lookups.ts';
import { openTestDb } from '../src/testing.ts';
import type { TenantScope } from '../src/types.ts';
import { countingRun, passkeyRow } from './support/fixtures.ts';

/**
 * The challenges assertions answer are taken, with the credentials answering them read along, by
 * one statement per event-loop turn; each is taken once, by one caller, whatever happens next.
 */
let db: Database;
const tenant = randomUUID();
const user = randomUUID();
const passkey = randomUUID();
const now = new Date('2026-01-01T00:00:00Z');
const live = new Date('2099-01-01T00:00:00Z');
const scope: TenantScope = {
  tenantId: tenant,
  audit: { actor: { type: 'system', id: 'test' }, ip: null, userAgent: null, requestId: null },
};

async function stored(overrides: Partial<NewChallenge> = {}): Promise<NewChallenge> {
  const challenge = {
    challengeHash: randomUUID(),
    ceremony: 'login',
    tenantId: null,
    userId: null,
    payload: {},
    expiresAt: live,
    ...overrides,
  };
  await db.storeChallenge(challenge);
  return challenge;
}

const wanted = (challenge: NewChallenge, credentialId = 'credential-1', ceremony = 'login'): WantedChallenge => ({
  challengeHash: challenge.challengeHash,
  ceremony,
  now,
  credentialId,
});

function counting() {
  const { statements, run } = countingRun(db);
  return { statements, take: challengeTaker(run) };
}

beforeAll(async () => {
  db = await openTestDb();
  await db.platform((p) => p.insertTenant({ id: tenant, name: 't', parentId: null }, now));
  await db.withTenant(scope, async (r) => {
    await r.users.insert({ id: user, email: 't@x.test', emailNormalized: 't@x.test', createdAt: now, updatedAt: now });
    await r.memberships.add(user, 'member', now);
    await r.passkeys.insert(
      passkeyRow(user, {
        id: passkey,
        credentialId: 'credential-1',
        publicKey: 'public-key',
        signCount: 3,
        transports: ['internal'],
        backupEligible: true,
      }),
    );
  });
});

afterAll(async () => {
  await db?.close();
});

describe('challenge taker', () => {
  it('takes the challenges of one turn with one statement, each with the credential answering it', async () => {
    const { statements, take } = counting();
    const bound = await stored({ tenantId: tenant, userId: user, payload: { email: 't@x.test' } });
    const unknown = await stored();
    const expired = await stored({ expiresAt: new Date('2025-12-31T23:59:59Z') });
    const otherCeremony = await stored({ ceremony: 'mfa' });
    const [boundTaken, unknownTaken, expiredTaken, otherTaken] = await Promise.all([
      take(wanted(bound)),
      take(wanted(unknown, 'no-such-credential')),
      take(wanted(expired)),
      take(wanted(otherCeremony)),
    ]);
    expect(statements).toHaveLength(1);

    expect(boundTaken).toEqual({
      challenge: {
        challengeHash: bound.challengeHash,
        ceremony: 'login',
        tenantId: tenant,
        userId: user,
        payload: { email: 't@x.test' },
        expiresAt: live,
      },
      asserting: {
        passkey: {
          id: passkey,
          tenantId: tenant,
          userId: user,
          credentialId: 'credential-1',
          publicKey: 'public-key',
          signCount: 3,
          transports: ['internal'],
          backupEligible: true,
        },
        user: { id: user, tenantId: tenant },
        signIn: { tenantId: tenant, policy: undefined },
      },
    });
    // An unknown credential still spends the challenge.
    expect(unknownTaken).toMatchObject({ challenge: { challengeHash: unknown.challengeHash }, asserting: undefined });
    expect(expiredTaken).toBeUndefined();
    expect(otherTaken).toBeUndefined();

    const [again, stillThere] = await Promise.all([
      take(wanted(unknown, 'credential-1')),
      take(wanted(otherCeremony, 'credential-1', 'mfa')),
    ]);
    expect(statements).toHaveLength(2);
    expect(again).toBeUndefined();
    expect(stillThere).toMatchObject({ challenge: { ceremony: 'mfa' }, asserting: { passkey: { id: passkey } } });
  });

  it('gives a challenge wanted twice in one turn to one of them', async () => {
    const { take } = counting();
    const once = await stored();
    const answers = await Promise.all([take(wanted(once)), take(wanted(once)), take(wanted(once))]);
    expect(answers.filter((a) => a !== undefined)).toHaveLength(1);
  });

  it('is how the database takes the challenge an assertion answers', async () => {
    const challenge = await stored({ ceremony: 'step_up' });
    const taken = await db.takeChallengeForPasskey(wanted(challenge, 'credential-1', 'step_up'));
    expect(taken?.asserting?.passkey.id).toBe(passkey);
    expect(await db.takeChallengeForPasskey(wanted(challenge, 'credential-1', 'step_up'))).toBeUndefined();
  });
});
