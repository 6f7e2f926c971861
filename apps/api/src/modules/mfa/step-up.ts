import type { StepUpStatus } from '@qeetid/contract';
import type { TenantRepos } from '@qeetid/db';
import type { Ctx } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { type Account, accountOf, accountScope } from './account.ts';
import { enrolledMethods } from './factors.ts';

export const DEFAULT_STEP_UP_MAX_AGE_SECONDS = 300;

/** The tenant's security policy, or the defaults when it has none. */
export async function securityPolicyOf(r: TenantRepos) {
  const row = await r.mfa.securityPolicy();
  return {
    mfa_required: row?.mfaRequired ?? false,
    step_up_max_age_seconds: row?.stepUpMaxAgeSeconds ?? DEFAULT_STEP_UP_MAX_AGE_SECONDS,
  };
}

/**
 * A sign-in with a user-verified passkey (`amr` "hwk" or "swk" with "user", RFC 8176 §2) is a
 * WebAuthn verification in itself: such a session's step-up clock starts at its sign-in, with
 * no verification stored for it.
 */
function passkeySignIn(account: Account): { verifiedAt: Date; method: string } | null {
  const amr = account.signIn?.methods ?? [];
  const passkey = (amr.includes('hwk') || amr.includes('swk')) && amr.includes('user');
  return account.signIn && passkey ? { verifiedAt: account.signIn.at, method: 'webauthn' } : null;
}

export async function stepUpStatus(r: TenantRepos, account: Account, now: Date): Promise<StepUpStatus> {
  const maxAge = (await securityPolicyOf(r)).step_up_max_age_seconds;
  const stored = await r.mfa.stepUp(account.subject);
  const signIn = passkeySignIn(account);
  const latest = stored && (!signIn || stored.verifiedAt >= signIn.verifiedAt) ? stored : signIn;
  const freshUntil = latest ? new Date(latest.verifiedAt.getTime() + maxAge * 1000) : null;
  return {
    verified_at: latest?.verifiedAt.toISOString() ?? null,
    method: latest?.method ?? null,
    fresh: freshUntil !== null && freshUntil > now,
    max_age_seconds: maxAge,
    fresh_until: freshUntil?.toISOString() ?? null,
  };
}

/** Starts the step-up clock of the account's session or token. */
export async function recordStepUp(
  r: TenantRepos,
  account: Pick<Account, 'subject' | 'userId'>,
  method: string,
  now: Date,
) {
  await r.mfa.recordStepUp(account.subject, account.userId, method, now);
}

/**
 * Sensitive operations need a second factor or passkey proven within the tenant's window. An
 * account with no second factor and no passkey has nothing stronger to show, so its sign-in is
 * all there is; a tenant closes that gap by requiring MFA.
 */
export async function requireStepUp(r: TenantRepos, account: Account, now: Date): Promise<void> {
  const status = await stepUpStatus(r, account, now);
  if (status.fresh) return;
  const methods = await enrolledMethods(r, account.userId);
  const ways = stepUpEndpoints(methods);
  if (!ways.length) return;
  throw new ApiError(
    'step_up_required',
    `this needs a second factor verified in the last ${status.max_age_seconds} seconds; verify with ${ways.join(' or ')}, then retry`,
    { stepUp: { methods: ways, max_age_seconds: status.max_age_seconds } },
  );
}

function stepUpEndpoints(methods: string[]): string[] {
  const ways: string[] = [];
  if (methods.includes('webauthn')) ways.push('POST /v1/mfa/webauthn/challenge + /v1/mfa/webauthn/verify');
  if (methods.includes('totp')) ways.push('POST /v1/mfa/totp/verify');
  if (methods.includes('otp')) ways.push('POST /v1/mfa/otp/factors/{id}/challenge + /confirm');
  return ways;
}

/**
 * The step-up check for other modules' sensitive operations (password change, new PAT); the
 * account it read, so the caller need not read the user again.
 */
export async function assertSteppedUp(ctx: Ctx): Promise<Account> {
  const account = await accountOf(ctx);
  await ctx.db.withTenant(accountScope(ctx, account), (r) => requireStepUp(r, account, new Date()));
  return account;
}
