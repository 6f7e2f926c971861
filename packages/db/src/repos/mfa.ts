import { and, asc, count, eq, isNull, lt, or, sql } from 'drizzle-orm';
import {
  mfaOtpFactors,
  mfaPendingLogins,
  mfaRecoveryCodes,
  mfaTotp,
  mfaUserState,
  stepUpVerifications,
  tenantSecurityPolicies,
} from '../schema.ts';
import type { OtpFactorRow, Tx } from '../types.ts';
import type { RunStatement } from './hot-statements.ts';

export type NewOtpFactor = Omit<typeof mfaOtpFactors.$inferInsert, 'tenantId'>;
export type NewPendingLogin = Omit<typeof mfaPendingLogins.$inferInsert, 'tenantId'>;

/** A tenant's second factors, MFA state, pending MFA sign-ins, step-up clocks and policy. */
/** $1 tenant, $2 subject, $3 user, $4 method, $5 when. */
const RECORD_STEP_UP = `insert into step_up_verifications (tenant_id, subject, user_id, method, verified_at)
  values ($1, $2, $3, $4, $5)
  on conflict (tenant_id, subject) do update
  set method = excluded.method, verified_at = excluded.verified_at, user_id = excluded.user_id`;

export function mfaRepo(tx: Tx, run: RunStatement, tenantId: string) {
  const totpOf = (userId: string) => and(eq(mfaTotp.tenantId, tenantId), eq(mfaTotp.userId, userId));
  const stateOf = (userId: string) => and(eq(mfaUserState.tenantId, tenantId), eq(mfaUserState.userId, userId));
  const otpOf = (userId: string, id: string) =>
    and(eq(mfaOtpFactors.tenantId, tenantId), eq(mfaOtpFactors.userId, userId), eq(mfaOtpFactors.id, id));
  return {
    async totp(userId: string) {
      const [row] = await tx.select().from(mfaTotp).where(totpOf(userId));
      return row;
    },

    /** Starts (or restarts) an enrollment; a confirmed secret is never replaced. */
    async startTotp(userId: string, secret: string, now: Date): Promise<boolean> {
      const rows = await tx
        .insert(mfaTotp)
        .values({ tenantId, userId, secret, createdAt: now })
        .onConflictDoUpdate({
          target: [mfaTotp.tenantId, mfaTotp.userId],
          set: { secret, createdAt: now, lastUsedStep: null },
          setWhere: isNull(mfaTotp.confirmedAt),
        })
        .returning({ userId: mfaTotp.userId });
      return rows.length === 1;
    },

    /**
     * Accepts a code of time step `step`: only if no code of this step or a later one was
     * accepted before (RFC 6238 §5.2: the verifier must not accept the second attempt of an OTP
     * after the first succeeded). Confirms a pending enrollment on the way.
     */
    async useTotpStep(userId: string, step: number, at: Date): Promise<boolean> {
      const rows = await tx
        .update(mfaTotp)
        .set({
          lastUsedStep: step,
          confirmedAt: sql`coalesce(${mfaTotp.confirmedAt}, ${at.toISOString()}::timestamptz)`,
        })
        .where(and(totpOf(userId), or(isNull(mfaTotp.lastUsedStep), lt(mfaTotp.lastUsedStep, step))))
        .returning({ userId: mfaTotp.userId });
      return rows.length === 1;
    },

    async deleteTotp(userId: string): Promise<boolean> {
      const rows = await tx.delete(mfaTotp).where(totpOf(userId)).returning({ userId: mfaTotp.userId });
      return rows.length === 1;
    },

    async replaceRecoveryCodes(userId: string, codes: { id: string; codeHash: string }[], now: Date) {
      await tx
        .delete(mfaRecoveryCodes)
        .where(and(eq(mfaRecoveryCodes.tenantId, tenantId), eq(mfaRecoveryCodes.userId, userId)));
      if (codes.length)
        await tx.insert(mfaRecoveryCodes).values(codes.map((c) => ({ ...c, tenantId, userId, createdAt: now })));
    },

    /** Spends a code; false when it is unknown or already spent. */
    async useRecoveryCode(userId: string, codeHash: string, at: Date): Promise<boolean> {
      const rows = await tx
        .update(mfaRecoveryCodes)
        .set({ usedAt: at })
        .where(
          and(
            eq(mfaRecoveryCodes.tenantId, tenantId),
            eq(mfaRecoveryCodes.userId, userId),
            eq(mfaRecoveryCodes.codeHash, codeHash),
            isNull(mfaRecoveryCodes.usedAt),
          ),
        )
        .returning({ id: mfaRecoveryCodes.id });
      return rows.length === 1;
    },

    async recoveryCodesLeft(userId: string): Promise<number> {
      const [row] = await tx
        .select({ n: count() })
        .from(mfaRecoveryCodes)
        .where(
          and(
            eq(mfaRecoveryCodes.tenantId, tenantId),
            eq(mfaRecoveryCodes.userId, userId),
            isNull(mfaRecoveryCodes.usedAt),
          ),
        );
      return row?.n ?? 0;
    },

    async otpFactors(userId: string): Promise<OtpFactorRow[]> {
      return tx
        .select()
        .from(mfaOtpFactors)
        .where(and(eq(mfaOtpFactors.tenantId, tenantId), eq(mfaOtpFactors.userId, userId)))
        .orderBy(asc(mfaOtpFactors.id));
    },

    async otpFactor(userId: string, id: string): Promise<OtpFactorRow | undefined> {
      const [row] = await tx.select().from(mfaOtpFactors).where(otpOf(userId, id));
      return row;
    },

    async insertOtpFactor(values: NewOtpFactor): Promise<OtpFactorRow> {
      const [row] = await tx
        .insert(mfaOtpFactors)
        .values({ ...values, tenantId })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async updateOtpFactor(
      userId: string,
      id: string,
      patch: Partial<Pick<OtpFactorRow, 'codeHash' | 'codeExpiresAt' | 'confirmedAt'>>,
    ): Promise<OtpFactorRow | undefined> {
      const [row] = await tx.update(mfaOtpFactors).set(patch).where(otpOf(userId, id)).returning();
      return row;
    },

    async deleteOtpFactor(userId: string, id: string): Promise<boolean> {
      const rows = await tx.delete(mfaOtpFactors).where(otpOf(userId, id)).returning({ id: mfaOtpFactors.id });
      return rows.length === 1;
    },

    async state(userId: string) {
      const [row] = await tx.select().from(mfaUserState).where(stateOf(userId));
      return row;
    },

    async setRequired(userId: string, required: boolean): Promise<void> {
      await tx
        .insert(mfaUserState)
        .values({ tenantId, userId, required })
        .onConflictDoUpdate({ target: [mfaUserState.tenantId, mfaUserState.userId], set: { required } });
    },

    /** Counts a wrong code within a window that starts at the first failure; returns the count. */
    async recordFailure(userId: string, now: Date, windowMs: number): Promise<number> {
      const windowStart = new Date(now.getTime() - windowMs).toISOString();
      const [row] = await tx
        .insert(mfaUserState)
        .values({ tenantId, userId, failures: 1, failuresSince: now })
        .onConflictDoUpdate({
          target: [mfaUserState.tenantId, mfaUserState.userId],
          set: {
            failures: sql`case when ${mfaUserState.failuresSince} > ${windowStart}::timestamptz then ${mfaUserState.failures} + 1 else 1 end`,
            failuresSince: sql`case when ${mfaUserState.failuresSince} > ${windowStart}::timestamptz then ${mfaUserState.failuresSince} else ${now.toISOString()}::timestamptz end`,
          },
        })
        .returning({ failures: mfaUserState.failures });
      return row?.failures ?? 1;
    },

    async clearFailures(userId: string): Promise<void> {
      await tx.update(mfaUserState).set({ failures: 0, failuresSince: null }).where(stateOf(userId));
    },

    /** Removes every second factor of a user (admin reset); passkeys stay. */
    async resetFactors(userId: string): Promise<void> {
      await tx.delete(mfaTotp).where(totpOf(userId));
      await tx
        .delete(mfaRecoveryCodes)
        .where(and(eq(mfaRecoveryCodes.tenantId, tenantId), eq(mfaRecoveryCodes.userId, userId)));
      await tx.delete(mfaOtpFactors).where(and(eq(mfaOtpFactors.tenantId, tenantId), eq(mfaOtpFactors.userId, userId)));
      await tx.update(mfaUserState).set({ failures: 0, failuresSince: null }).where(stateOf(userId));
    },

    async insertPendingLogin(values: NewPendingLogin): Promise<void> {
      await tx.insert(mfaPendingLogins).values({ ...values, tenantId });
    },

    async deletePendingLogin(prefix: string): Promise<boolean> {
      const rows = await tx
        .delete(mfaPendingLogins)
        .where(and(eq(mfaPendingLogins.tenantId, tenantId), eq(mfaPendingLogins.prefix, prefix)))
        .returning({ prefix: mfaPendingLogins.prefix });
      return rows.length === 1;
    },

    /** Every sign-in with a second factor or passkey runs it: fixed SQL text. */
    async recordStepUp(subject: string, userId: string, method: string, at: Date): Promise<void> {
      await run(RECORD_STEP_UP, [tenantId, subject, userId, method, at.toISOString()]);
    },

    async stepUp(subject: string) {
      const [row] = await tx
        .select()
        .from(stepUpVerifications)
        .where(and(eq(stepUpVerifications.tenantId, tenantId), eq(stepUpVerifications.subject, subject)));
      return row;
    },

    async securityPolicy() {
      const [row] = await tx.select().from(tenantSecurityPolicies).where(eq(tenantSecurityPolicies.tenantId, tenantId));
      return row;
    },

    async putSecurityPolicy(values: { mfaRequired: boolean; stepUpMaxAgeSeconds: number }, now: Date) {
      const [row] = await tx
        .insert(tenantSecurityPolicies)
        .values({ ...values, tenantId, updatedAt: now })
        .onConflictDoUpdate({ target: tenantSecurityPolicies.tenantId, set: { ...values, updatedAt: now } })
        .returning();
      if (!row) throw new Error('upsert returned no row');
      return row;
    },
  };
}
