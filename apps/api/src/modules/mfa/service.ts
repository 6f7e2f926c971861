import { randomUUID } from 'node:crypto';
import { encodeId, type MfaEnrolled, type SecurityPolicy, type StepUpStatus } from '@qeetid/contract';
import type { TenantRepos } from '@qeetid/db';
import type { Ctx } from '../../http/context.ts';
import { scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { managedUser } from '../users/service.ts';
import { accountOf, accountScope } from './account.ts';
import { checkCode, inTenant } from './code-check.ts';
import { checkTotp, totpSecretContext } from './factors.ts';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.ts';
import { recordStepUp, requireStepUp, securityPolicyOf, stepUpStatus } from './step-up.ts';
import { newTotpSecret, otpauthUri } from './totp.ts';

const userTarget = (userId: string) => ({ type: 'user', id: encodeId('user', userId) });

/** Ten fresh recovery codes replace any old ones; returns them in clear, once. */
export async function issueRecoveryCodes(r: TenantRepos, userId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await r.mfa.replaceRecoveryCodes(
    userId,
    codes.map((c) => ({ id: randomUUID(), codeHash: hashRecoveryCode(c) })),
    now,
  );
  return codes;
}

/** A first second factor comes with recovery codes, so losing it does not lock the account out. */
export async function recoveryCodesForNewFactor(r: TenantRepos, userId: string, now: Date): Promise<string[]> {
  if ((await r.mfa.recoveryCodesLeft(userId)) > 0) return [];
  const codes = await issueRecoveryCodes(r, userId, now);
  await r.audit.append({ action: 'mfa.recovery_codes_generated', target: userTarget(userId) });
  return codes;
}

export async function totpStatus(ctx: Ctx) {
  const account = await accountOf(ctx);
  const row = await ctx.db.withTenant(accountScope(ctx, account), (r) => r.mfa.totp(account.userId));
  return { enrolled: Boolean(row?.confirmedAt), confirmed_at: row?.confirmedAt?.toISOString() ?? null };
}

/** A new, unconfirmed TOTP secret for a user, with the URI their app reads. */
export async function startTotp(ctx: Ctx, r: TenantRepos, userId: string) {
  const user = await r.users.get(userId);
  if (!user) throw ApiError.notFound('user', encodeId('user', userId));
  const secret = newTotpSecret();
  // The secret is needed in clear to check codes, so it is sealed rather than hashed.
  const sealed = await ctx.secrets.seal(Buffer.from(secret), totpSecretContext(userId));
  if (!(await r.mfa.startTotp(userId, sealed, new Date()))) {
    throw new ApiError('conflict', 'an authenticator app is already enrolled; remove it first to enroll another');
  }
  await r.audit.append({ action: 'mfa.totp_enrollment_started', target: userTarget(userId) });
  return { secret, otpauth_uri: otpauthUri(secret, ctx.config.webauthn.rpName, user.email) };
}

export async function startTotpEnrollment(ctx: Ctx) {
  const account = await accountOf(ctx);
  return ctx.db.withTenant(accountScope(ctx, account), (r) => startTotp(ctx, r, account.userId));
}

export async function confirmTotpEnrollment(ctx: Ctx, code: string): Promise<MfaEnrolled> {
  const account = await accountOf(ctx);
  return checkCode(
    inTenant(ctx, accountScope(ctx, account)),
    account.userId,
    'totp',
    async (r, now) => {
      const row = await r.mfa.totp(account.userId);
      if (row?.confirmedAt) throw new ApiError('conflict', 'the authenticator app is already confirmed');
      return checkTotp(ctx.secrets, r, account.userId, code, now, true);
    },
    async (r, now) => {
      await r.audit.append({ action: 'mfa.totp_enrolled', target: userTarget(account.userId) });
      await recordStepUp(r, account, 'totp', now);
      return { recovery_codes: await recoveryCodesForNewFactor(r, account.userId, now) };
    },
  );
}

export async function verifyTotp(ctx: Ctx, code: string): Promise<StepUpStatus> {
  const account = await accountOf(ctx);
  return checkCode(
    inTenant(ctx, accountScope(ctx, account)),
    account.userId,
    'totp',
    (r, now) => checkTotp(ctx.secrets, r, account.userId, code, now, false),
    async (r, now) => {
      await recordStepUp(r, account, 'totp', now);
      await r.audit.append({
        action: 'mfa.step_up_verified',
        target: userTarget(account.userId),
        metadata: { method: 'totp' },
      });
      return stepUpStatus(r, account, now);
    },
  );
}

export async function disableTotp(ctx: Ctx): Promise<void> {
  const account = await accountOf(ctx);
  await ctx.db.withTenant(accountScope(ctx, account), async (r) => {
    await requireStepUp(r, account, new Date());
    if (!(await r.mfa.deleteTotp(account.userId))) throw new ApiError('not_found', 'no authenticator app is enrolled');
    await r.audit.append({ action: 'mfa.totp_disabled', target: userTarget(account.userId) });
  });
}

export async function recoveryCodeStatus(ctx: Ctx) {
  const account = await accountOf(ctx);
  const remaining = await ctx.db.withTenant(accountScope(ctx, account), (r) => r.mfa.recoveryCodesLeft(account.userId));
  return { remaining };
}

export async function regenerateRecoveryCodes(ctx: Ctx) {
  const account = await accountOf(ctx);
  return ctx.db.withTenant(accountScope(ctx, account), async (r) => {
    const now = new Date();
    await requireStepUp(r, account, now);
    const codes = await issueRecoveryCodes(r, account.userId, now);
    await r.audit.append({ action: 'mfa.recovery_codes_regenerated', target: userTarget(account.userId) });
    return { recovery_codes: codes };
  });
}

export async function getStepUpStatus(ctx: Ctx): Promise<StepUpStatus> {
  const account = await accountOf(ctx);
  return ctx.db.withTenant(accountScope(ctx, account), (r) => stepUpStatus(r, account, new Date()));
}

export async function resetUserMfa(ctx: Ctx, userId: string): Promise<void> {
  await managedUser(ctx, userId, async (r) => {
    await r.mfa.resetFactors(userId);
    await r.audit.append({ action: 'mfa.reset', target: userTarget(userId) });
  });
}

export async function setUserMfaRequired(ctx: Ctx, userId: string, required: boolean) {
  return managedUser(ctx, userId, async (r) => {
    await r.mfa.setRequired(userId, required);
    await r.audit.append({ action: 'mfa.requirement_set', target: userTarget(userId), metadata: { required } });
    return { required };
  });
}

export async function getSecurityPolicy(ctx: Ctx): Promise<SecurityPolicy> {
  return ctx.db.withTenant(scopeOf(ctx), securityPolicyOf);
}

export async function putSecurityPolicy(ctx: Ctx, policy: SecurityPolicy): Promise<SecurityPolicy> {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const row = await r.mfa.putSecurityPolicy(
      { mfaRequired: policy.mfa_required, stepUpMaxAgeSeconds: policy.step_up_max_age_seconds },
      new Date(),
    );
    await r.audit.append({
      action: 'tenant.security_policy_updated',
      target: { type: 'tenant', id: encodeId('tenant', row.tenantId) },
      metadata: { ...policy },
    });
    return { mfa_required: row.mfaRequired, step_up_max_age_seconds: row.stepUpMaxAgeSeconds };
  });
}
