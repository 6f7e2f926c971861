import { and, eq, isNull, lt } from 'drizzle-orm';
import { mfaPendingLogins, tenants, users, webauthnChallenges } from '../schema.ts';
import type { ChallengeRow, PasskeyRow, PendingLoginRow, Tx, UserRow } from '../types.ts';
import { signInMembership } from './auth-platform.ts';
import { rowOf } from './compiled.ts';
import type { RunStatement } from './hot-statements.ts';
import { turnBatch } from './turn-batch.ts';

/** What an assertion is checked against, and where a sign-in with it lands. */
export interface AssertingPasskey {
  passkey: Pick<
    PasskeyRow,
    'id' | 'tenantId' | 'userId' | 'credentialId' | 'publicKey' | 'signCount' | 'transports' | 'backupEligible'
  >;
  user: Pick<UserRow, 'id' | 'tenantId'>;
  /** The sign-in tenant and its stored auth-policy settings; undefined when the user is a member nowhere. */
  signIn: { tenantId: string; policy: Record<string, unknown> | undefined } | undefined;
}

/** $1 challenge hash, $2 ceremony, $3 now. */
const TAKE_CHALLENGE = `delete from webauthn_challenges
  where challenge_hash = $1 and ceremony = $2 and expires_at > $3
  returning challenge_hash, ceremony, tenant_id, user_id, payload, expires_at`;

/**
 * $1 the wanted challenges, a JSON array of `{i, challenge_hash, ceremony, now, credential_id}`:
 * each live challenge wanted is taken, and the credential answering it read along, in one
 * statement (one round trip for all). The delete runs whether or not the credential is known (a
 * data-modifying WITH always runs to completion), so the challenge is spent either way; a wanted
 * challenge without a row has none live (a challenge wanted twice is taken by one of them), a row
 * with a null `id` an unknown credential. The sign-in tenant and its policy are read along, so a
 * passkey sign-in needs no further query before it writes.
 */
const TAKE_CHALLENGES_FOR_PASSKEYS = `with wanted as (
    select * from jsonb_to_recordset($1::jsonb)
      as w(i int, challenge_hash text, ceremony text, now timestamptz, credential_id text)
  ), taken as (
    delete from webauthn_challenges c using wanted w
    where c.challenge_hash = w.challenge_hash and c.ceremony = w.ceremony and c.expires_at > w.now
    returning w.i, w.credential_id as wanted_credential_id, c.challenge_hash, c.ceremony,
      c.tenant_id as challenge_tenant_id, c.user_id as challenge_user_id, c.payload, c.expires_at
  )
  select taken.*, a.*
  from taken left join lateral (
    select c.id, c.tenant_id, c.user_id, c.credential_id, c.public_key, c.sign_count,
      c.transports, c.backup_eligible, u.tenant_id as home_tenant_id,
      s.tenant_id as sign_in_tenant_id, p.settings as sign_in_policy
    from webauthn_credentials c
    join users u on u.id = c.user_id and u.deleted_at is null and u.status = 'active'
    join tenants t on t.id = c.tenant_id and t.deleted_at is null
    left join lateral (${signInMembership('c.user_id', 'null')}) s on true
    left join auth_policies p on p.tenant_id = s.tenant_id
    where c.credential_id = taken.wanted_credential_id
  ) a on true`;

/** The credential's columns are null when no credential has the id. */
interface AssertingPasskeyRow {
  id: string | null;
  tenant_id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
  sign_count: number | string;
  transports: string[];
  backup_eligible: boolean;
  home_tenant_id: string;
  sign_in_tenant_id: string | null;
  sign_in_policy: Record<string, unknown> | null;
}

/** A taken challenge's row: which wanted it, its own columns and the credential's (null when unknown). */
interface TakenChallengeRow extends AssertingPasskeyRow {
  i: number;
  challenge_tenant_id: string | null;
  challenge_user_id: string | null;
}

/** A challenge an assertion answers, and the credential that answers it. */
export interface WantedChallenge {
  challengeHash: string;
  ceremony: string;
  now: Date;
  credentialId: string;
}

/**
 * The challenge taken, with what the assertion is checked against: undefined when no credential
 * has the id, or its user is inactive or deleted, or its tenant deleted.
 */
export interface TakenChallenge {
  challenge: ChallengeRow;
  asserting: AssertingPasskey | undefined;
}

/** The challenge's columns as the driver returns them, decoded by drizzle's codecs. */
const challengeOf = rowOf(webauthnChallenges);

function assertingOf(row: AssertingPasskeyRow & { id: string }): AssertingPasskey {
  return {
    passkey: {
      id: row.id,
      tenantId: row.tenant_id,
      userId: row.user_id,
      credentialId: row.credential_id,
      publicKey: row.public_key,
      signCount: Number(row.sign_count),
      transports: row.transports,
      backupEligible: row.backup_eligible,
    },
    user: { id: row.user_id, tenantId: row.home_tenant_id },
    signIn: row.sign_in_tenant_id
      ? { tenantId: row.sign_in_tenant_id, policy: row.sign_in_policy ?? undefined }
      : undefined,
  };
}

/**
 * Platform queries of passkey and MFA sign-in: they run before the tenant is known (the
 * credential, the email or the mfa_token tells it), so each states its own conditions.
 */
export function signInLookups(tx: Tx, run: RunStatement) {
  const liveUser = and(isNull(users.deletedAt), eq(users.status, 'active'));
  const liveTenant = isNull(tenants.deletedAt);
  return {
    /** Removes and returns a live challenge of this ceremony: each challenge is answered once. */
    async takeChallenge(challengeHash: string, ceremony: string, now: Date): Promise<ChallengeRow | undefined> {
      const [row] = await run<Record<string, unknown>>(TAKE_CHALLENGE, [challengeHash, ceremony, now.toISOString()]);
      return row ? challengeOf(row) : undefined;
    },

    async purgeExpiredChallenges(now: Date): Promise<void> {
      await tx.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
    },

    /** An active user by normalized email, in a live home tenant. */
    async activeUserByEmail(emailNormalized: string): Promise<UserRow | undefined> {
      const [row] = await tx
        .select({ user: users })
        .from(users)
        .innerJoin(tenants, and(eq(tenants.id, users.tenantId), liveTenant))
        .where(and(eq(users.emailNormalized, emailNormalized), liveUser));
      return row?.user;
    },

    async emailTaken(emailNormalized: string): Promise<boolean> {
      const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.emailNormalized, emailNormalized));
      return row !== undefined;
    },

    async activeUser(id: string): Promise<UserRow | undefined> {
      const [row] = await tx
        .select({ user: users })
        .from(users)
        .innerJoin(tenants, and(eq(tenants.id, users.tenantId), liveTenant))
        .where(and(eq(users.id, id), liveUser));
      return row?.user;
    },

    async pendingLoginByPrefix(prefix: string): Promise<PendingLoginRow | undefined> {
      const [row] = await tx.select().from(mfaPendingLogins).where(eq(mfaPendingLogins.prefix, prefix));
      return row;
    },
  };
}

/**
 * Takes live challenges and reads the credentials answering them, those wanted in one event-loop
 * turn in one statement (`turnBatch`): undefined when no live challenge of the ceremony matched.
 */
export function challengeTaker(run: RunStatement): (wanted: WantedChallenge) => Promise<TakenChallenge | undefined> {
  return turnBatch(async (wanted: WantedChallenge[]) => {
    const rows = await run<TakenChallengeRow>(TAKE_CHALLENGES_FOR_PASSKEYS, [
      JSON.stringify(
        wanted.map((w, i) => ({
          i,
          challenge_hash: w.challengeHash,
          ceremony: w.ceremony,
          now: w.now,
          credential_id: w.credentialId,
        })),
      ),
    ]);
    const taken: (TakenChallenge | undefined)[] = wanted.map(() => undefined);
    for (const row of rows) {
      taken[row.i] = {
        challenge: challengeOf({ ...row, tenant_id: row.challenge_tenant_id, user_id: row.challenge_user_id }),
        asserting: row.id === null ? undefined : assertingOf({ ...row, id: row.id }),
      };
    }
    return taken;
  });
}
