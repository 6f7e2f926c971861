import { type AdminPasswordSet, encodeId, type PasswordChange } from '@qeetid/contract';
import type { TenantScope } from '@qeetid/db';
import { hashPassword, verifyPassword } from '../../crypto/passwords.ts';
import { type Ctx, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { startOf } from '../auth/service.ts';
import { checkPassword } from '../auth-policy/password-rules.ts';
import { policyOf } from '../auth-policy/policy.ts';
import { assertSteppedUp } from '../mfa/step-up.ts';
import { assertUnderLimits, countAttempt, counters, limits } from '../rate-limit/service.ts';
import { signInScope } from '../sessions/issue.ts';
import { callingUser } from '../sessions/service.ts';
import { managedUser, normalizeEmail } from '../users/service.ts';

/**
 * An administrator sets the password of a user their tenant manages. The rules and the hashing
 * run between a read and the write transaction, so no transaction waits on argon2.
 */
export async function setPasswordAsAdmin(ctx: Ctx, userId: string, input: AdminPasswordSet): Promise<void> {
  const { email, policy } = await managedUser(ctx, userId, async (r, user) => ({
    email: user.email,
    policy: await policyOf(r),
  }));
  await checkPassword(input.password, {
    policy,
    rangeUrl: ctx.config.breachedPasswordsUrl,
    field: 'password',
    email,
    log: ctx.log,
  });
  const hash = await hashPassword(input.password);
  const now = new Date();
  await ctx.db.platform(async (p) => {
    // The home tenant manages the user, so ending their sessions reaches every tenant.
    const revoked = input.revoke_sessions ? await p.revokeSessionsOfUser(userId, 'password_set', now) : [];
    const r = await p.enterTenant(scopeOf(ctx));
    if (!(await r.passwords.set(userId, hash, now))) throw ApiError.notFound('user', encodeId('user', userId));
    await r.audit.append({
      action: 'user.password_set',
      target: { type: 'user', id: encodeId('user', userId) },
      metadata: { sessions_revoked: revoked.length },
    });
  });
}

/** How recent a sign-in must be to set a first password without knowing an old one. */
const FRESH_SIGN_IN_MS = 10 * 60_000;

export async function passwordStatus(ctx: Ctx) {
  const me = callingUser(ctx);
  const stored = await ctx.db.platformRead((p) => p.passwordOf(me.userId));
  return { has_password: stored !== undefined, updated_at: stored?.updatedAt.toISOString() ?? null };
}

/**
 * Change (or first set) the caller's own password. Step-up: the current password when there is
 * one (wrong guesses count against the account's login limit); otherwise a sign-in within the
 * last 10 minutes — and a recent second factor once the account has one (mfa/step-up.ts). The
 * user's other sessions end; this one stays.
 */
export async function changeOwnPassword(ctx: Ctx, input: PasswordChange): Promise<void> {
  const me = callingUser(ctx);
  const account = await assertSteppedUp(ctx);
  const stored = await ctx.db.platformRead((p) => p.passwordOf(me.userId));
  if (stored) {
    const limiters = counters(limits.loginPerAccount, limits.loginPerIp, normalizeEmail(account.email), ctx.ip);
    await assertUnderLimits(ctx.db, limiters);
    if (!input.current_password || !(await verifyPassword(stored.hash, input.current_password))) {
      if (input.current_password) await countAttempt(ctx.db, limiters);
      throw new ApiError('step_up_required', 'confirm the change with your current password (current_password)');
    }
  } else {
    // A personal access token is no sign-in (`signIn` null): it cannot stand in for the old password.
    const signedInAt = account.signIn?.at;
    if (!signedInAt || Date.now() - signedInAt.getTime() > FRESH_SIGN_IN_MS) {
      throw new ApiError('step_up_required', 'sign in again (within the last 10 minutes) to set a password');
    }
  }
  const scope = signInScope(startOf(ctx, me.userId, account.tenantId, []));
  const hash = await acceptNewPassword(ctx, scope, account.email, input.new_password);
  const now = new Date();
  await ctx.db.platform(async (p) => {
    await p.setPassword(me.userId, hash, now);
    const revoked = await p.revokeSessionsOfUser(me.userId, 'password_changed', now, me.sessionId ?? undefined);
    const r = await p.enterTenant(scope);
    await r.audit.append({
      action: stored ? 'user.password_changed' : 'user.password_set',
      target: { type: 'user', id: encodeId('user', me.userId) },
      metadata: { sessions_revoked: revoked.length },
    });
  });
}

/**
 * A password a user chooses for themselves (change or reset): their home tenant's rules apply,
 * then it is hashed, before any write transaction opens.
 */
export async function acceptNewPassword(
  ctx: Ctx,
  scope: TenantScope,
  email: string,
  password: string,
): Promise<string> {
  const policy = await ctx.db.withTenant(scope, (r) => policyOf(r));
  await checkPassword(password, {
    policy,
    rangeUrl: ctx.config.breachedPasswordsUrl,
    field: 'new_password',
    email,
    log: ctx.log,
  });
  return hashPassword(password);
}
