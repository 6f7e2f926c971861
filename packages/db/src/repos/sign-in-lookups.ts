import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { mfaPendingLogins, tenants, users, webauthnChallenges, webauthnCredentials } from '../schema.ts';
import type { ChallengeRow, PasskeyRow, PendingLoginRow, Tx, UserRow } from '../types.ts';

/**
 * Platform queries of passkey and MFA sign-in: they run before the tenant is known (the
 * credential, the email or the mfa_token tells it), so each states its own conditions.
 */
export function signInLookups(tx: Tx) {
  const liveUser = and(isNull(users.deletedAt), eq(users.status, 'active'));
  const liveTenant = isNull(tenants.deletedAt);
  return {
    async insertChallenge(values: typeof webauthnChallenges.$inferInsert): Promise<void> {
      await tx.insert(webauthnChallenges).values(values);
    },

    /** Removes and returns a live challenge of this ceremony: each challenge is answered once. */
    async takeChallenge(challengeHash: string, ceremony: string, now: Date): Promise<ChallengeRow | undefined> {
      const [row] = await tx
        .delete(webauthnChallenges)
        .where(
          and(
            eq(webauthnChallenges.challengeHash, challengeHash),
            eq(webauthnChallenges.ceremony, ceremony),
            gt(webauthnChallenges.expiresAt, now),
          ),
        )
        .returning();
      return row;
    },

    async purgeExpiredChallenges(now: Date): Promise<void> {
      await tx.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
    },

    /** A credential with its active, undeleted user in a live tenant. */
    async passkeyByCredentialId(credentialId: string): Promise<{ passkey: PasskeyRow; user: UserRow } | undefined> {
      const [row] = await tx
        .select({ passkey: webauthnCredentials, user: users })
        .from(webauthnCredentials)
        .innerJoin(users, and(eq(users.id, webauthnCredentials.userId), liveUser))
        .innerJoin(tenants, and(eq(tenants.id, webauthnCredentials.tenantId), liveTenant))
        .where(eq(webauthnCredentials.credentialId, credentialId));
      return row;
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
