import type {
  MfaChallenge,
  MfaCompletion,
  MfaFactorChallenge,
  MfaFactorChallengeRequest,
  MfaMethod,
  TokenPair,
} from '@qeetid/contract';
import { decodeId, encodeId } from '@qeetid/contract';
import type { PendingLoginRow, PlatformRepos, TenantRepos } from '@qeetid/db';
import { mintToken, parseToken, secretMatches } from '../../crypto/opaque-token.ts';
import type { Ctx } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { startOf } from '../auth/service.ts';
import { recordPasskeyUse, verifyPasskeyAssertion } from '../passkeys/assertion.ts';
import { requestOptions } from '../passkeys/ceremony.ts';
import { issueChallenge } from '../passkeys/challenges.ts';
import { openSession, type SessionStart, signInScope } from '../sessions/issue.ts';
import { checkCode, type Opener } from './code-check.ts';
import { checkOtpCode, checkRecoveryCode, checkTotp, enrolledMethods } from './factors.ts';
import { sendOtpCode, toOtpFactor } from './otp-factors.ts';
import { startTotp } from './service.ts';
import { recordStepUp, securityPolicyOf } from './step-up.ts';

/** How long a sign-in may wait for its second factor. */
const PENDING_TTL_MS = 10 * 60_000;

/** RFC 8176 `amr` of each second factor. */
const amrOf: Record<MfaCompletion['method'], string> = {
  totp: 'otp',
  otp: 'otp',
  recovery_code: 'kba',
  webauthn: 'hwk',
};

/**
 * The end of a first-factor sign-in (password, email code, magic link), in one transaction: the
 * sign-in tenant's checks and policy, then the user's factors in their home tenant, then either
 * the session or — when the account has a second factor, or the tenant or an admin requires one —
 * a pending sign-in answered with `{mfa_required, mfa_token, methods}`.
 */
export async function finishFirstFactor(
  ctx: Ctx,
  start: SessionStart,
  homeTenantId: string,
  allowed: (r: TenantRepos) => Promise<void>,
): Promise<TokenPair | MfaChallenge> {
  return ctx.db.platform((p) => finishFirstFactorIn(ctx, p, start, homeTenantId, allowed));
}

/** The same, inside a platform transaction the caller already holds. */
export async function finishFirstFactorIn(
  ctx: Ctx,
  p: PlatformRepos,
  start: SessionStart,
  homeTenantId: string,
  allowed: (r: TenantRepos) => Promise<void>,
): Promise<TokenPair | MfaChallenge> {
  const now = new Date();
  const signIn = await p.enterTenant(signInScope(start));
  await allowed(signIn);
  const tenantRequires = (await securityPolicyOf(signIn)).mfa_required;
  const same = homeTenantId === start.tenantId;
  const home = same ? signIn : await p.enterTenant(signInScope({ ...start, tenantId: homeTenantId }));
  const methods = await enrolledMethods(home, start.userId);
  const required = tenantRequires || Boolean((await home.mfa.state(start.userId))?.required);
  if (!methods.length && !required)
    return openSession(ctx, same ? signIn : await p.enterTenant(signInScope(start)), start);
  const due: MfaMethod[] = methods.length ? methods : ['totp_enrollment'];
  const minted = mintToken('qm');
  await home.mfa.insertPendingLogin({
    prefix: minted.prefix,
    secretHash: minted.secretHash,
    userId: start.userId,
    signInTenantId: start.tenantId,
    amr: start.methods,
    methods: due,
    expiresAt: new Date(now.getTime() + PENDING_TTL_MS),
    createdAt: now,
  });
  await home.audit.append({
    action: 'mfa.challenge_issued',
    target: { type: 'user', id: encodeId('user', start.userId) },
    metadata: { methods: due, first_factor: start.methods },
  });
  const otp = due.includes('otp') ? (await home.mfa.otpFactors(start.userId)).filter((f) => f.confirmedAt) : [];
  return {
    mfa_required: true as const,
    mfa_token: minted.token,
    methods: due,
    ...(otp.length ? { otp_factors: otp.map(toOtpFactor) } : {}),
  };
}

/** The pending sign-in behind an `mfa_token`: known, unexpired, secret right. */
async function pendingOf(ctx: Ctx, token: string, now: Date): Promise<PendingLoginRow> {
  const parsed = parseToken(token);
  const row =
    parsed?.kind === 'qm' ? await ctx.db.platformRead((p) => p.pendingLoginByPrefix(parsed.prefix)) : undefined;
  if (!parsed || !row || !secretMatches(parsed.secret, row.secretHash) || row.expiresAt <= now) {
    throw new ApiError('mfa.token_invalid', 'the mfa_token is unknown, used or expired; sign in again');
  }
  return row;
}

function allows(pending: PendingLoginRow, method: string): boolean {
  if (method === 'totp') return pending.methods.includes('totp') || pending.methods.includes('totp_enrollment');
  return pending.methods.includes(method);
}

function unavailable(method: string, pending: PendingLoginRow): ApiError {
  return new ApiError(
    'mfa.method_unavailable',
    `${method} is not available for this sign-in; use one of: ${pending.methods.join(', ')}`,
  );
}

const homeScopeOf = (ctx: Ctx, pending: PendingLoginRow) =>
  signInScope(startOf(ctx, pending.userId, pending.tenantId, []));

export async function createMfaChallenge(ctx: Ctx, input: MfaFactorChallengeRequest): Promise<MfaFactorChallenge> {
  const now = new Date();
  const pending = await pendingOf(ctx, input.mfa_token, now);
  if (!allows(pending, input.method)) throw unavailable(input.method, pending);
  const scope = homeScopeOf(ctx, pending);
  switch (input.method) {
    case 'webauthn': {
      const passkeys = await ctx.db.withTenant(scope, (r) => r.passkeys.listOfUser(pending.userId));
      const challenge = await issueChallenge(
        ctx.db,
        'mfa',
        { tenantId: pending.tenantId, userId: pending.userId },
        now,
      );
      return { method: 'webauthn', options: await requestOptions(ctx.config.webauthn, challenge, passkeys) };
    }
    case 'otp': {
      const id = input.factor_id ? decodeId('otpFactor', input.factor_id) : null;
      if (!id)
        throw ApiError.validation([
          { field: 'factor_id', code: 'required', message: 'name the factor to send a code to' },
        ]);
      const sent = await sendOtpCode(ctx, scope, pending.userId, id, true);
      return { method: 'otp', ...sent };
    }
    default: {
      const enrollment = await ctx.db.withTenant(scope, (r) => startTotp(ctx, r, pending.userId));
      return { method: 'totp_enrollment', ...enrollment };
    }
  }
}

/**
 * Finishes a pending sign-in: spends the factor in the home tenant, ends the pending sign-in,
 * opens the session in the sign-in tenant and starts its step-up clock — one transaction.
 */
export async function completeMfaLogin(ctx: Ctx, input: MfaCompletion): Promise<TokenPair> {
  const now = new Date();
  const pending = await pendingOf(ctx, input.mfa_token, now);
  if (!allows(pending, input.method)) throw unavailable(input.method, pending);
  const start = startOf(ctx, pending.userId, pending.signInTenantId, [
    ...new Set([...pending.amr, amrOf[input.method], 'mfa']),
  ]);
  const homeScope = homeScopeOf(ctx, pending);
  const open: Opener = (fn) => ctx.db.platform(async (p) => fn(await p.enterTenant(homeScope), p));
  const finish = (home: TenantRepos, p?: PlatformRepos) =>
    finishPending(ctx, p as PlatformRepos, home, pending, start, input.method, now);

  if (input.method === 'webauthn') {
    if (!input.credential) throw missing('credential', 'a WebAuthn assertion');
    const verified = await verifyPasskeyAssertion(ctx, input.credential, 'mfa', now);
    return open(async (home, p) => {
      await recordPasskeyUse(home, verified, now);
      return finish(home, p);
    });
  }
  const code = input.code;
  if (!code) throw missing('code', `the ${input.method.replace('_', ' ')}`);
  const check = async (r: TenantRepos, at: Date) => {
    if (input.method === 'totp')
      return checkTotp(ctx.secrets, r, pending.userId, code, at, pending.methods.includes('totp_enrollment'));
    if (input.method === 'recovery_code') return checkRecoveryCode(r, pending.userId, code, at);
    const id = input.factor_id ? decodeId('otpFactor', input.factor_id) : null;
    if (!id) throw missing('factor_id', 'the factor the code was sent to');
    return checkOtpCode(r, pending.userId, id, code, at);
  };
  return checkCode(open, pending.userId, input.method, check, (home, _at, p) => finish(home, p));
}

const missing = (field: string, what: string) =>
  ApiError.validation([{ field, code: 'required', message: `${what} is required for this method` }]);

async function finishPending(
  ctx: Ctx,
  p: PlatformRepos,
  home: TenantRepos,
  pending: PendingLoginRow,
  start: SessionStart,
  method: string,
  now: Date,
): Promise<TokenPair> {
  if (!(await home.mfa.deletePendingLogin(pending.prefix))) {
    throw new ApiError('mfa.token_invalid', 'this mfa_token was already used; sign in again');
  }
  await home.audit.append({
    action: 'mfa.login_completed',
    target: { type: 'user', id: encodeId('user', pending.userId) },
    metadata: { method },
  });
  const same = pending.signInTenantId === pending.tenantId;
  const signIn = same ? home : await p.enterTenant(signInScope(start));
  const pair = await openSession(ctx, signIn, start);
  const back = same ? home : await p.enterTenant(homeScopeOf(ctx, pending));
  await recordStepUp(back, { subject: pair.session_id, userId: pending.userId }, method, now);
  return pair;
}
