import { randomUUID } from 'node:crypto';
import {
  type EmailOtpVerify,
  encodeId,
  type LoginResult,
  type PasswordReset,
  type SignInStart,
} from '@qeetid/contract';
import type { PlatformRepos } from '@qeetid/db';
import { mintSecret, secretHashOf } from '../../crypto/opaque-token.ts';
import { type Ctx, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { assertMethodAllowed, resolveSignInTenant, startOf, wantedTenant } from '../auth/service.ts';
import { type LoginMethod, policyOf } from '../auth-policy/policy.ts';
import type { Message } from '../messages/sender.ts';
import { finishFirstFactorIn } from '../mfa/login.ts';
import { acceptNewPassword } from '../passwords/service.ts';
import { assertUnderLimits, countAttempt, counters, limits } from '../rate-limit/service.ts';
import { signInScope } from '../sessions/issue.ts';
import { managedUser, normalizeEmail } from '../users/service.ts';
import { texts } from './messages.ts';
import { codeHash, lifetimes, MAX_CODE_ATTEMPTS, newCode, type OneTimePurpose } from './secrets.ts';

const tokenInvalid = () =>
  new ApiError('auth.token_invalid', 'this link or token is not valid: it is unknown, already used or expired');
const codeInvalid = () => new ApiError('auth.code_invalid', 'this code is wrong, already used or expired');

/** Delivery happens after the secret is committed; a failing mail server is logged, never hidden. */
async function deliver(ctx: Ctx, message: Omit<Message, 'tenantId'>, tenantId: string | null): Promise<void> {
  try {
    await ctx.messages.send({ ...message, tenantId });
  } catch (error) {
    ctx.log.error({ err: error, purpose: message.purpose }, 'message delivery failed');
    throw new ApiError('unavailable', 'the message could not be sent; try again later');
  }
}

/**
 * Stores a fresh single-use secret for a user (voiding older ones of the same purpose) and
 * returns the row id. `hashOf` gets the row id so codes can be bound to it.
 */
async function storeSecret(
  ctx: Ctx,
  purpose: OneTimePurpose,
  user: { id: string; tenantId: string | null; sentTo: string },
  hashOf: (rowId: string) => string,
): Promise<void> {
  const now = new Date();
  const id = randomUUID();
  await ctx.db.platform(async (p) => {
    await p.voidOneTimeTokens(user.id, purpose, now);
    await p.insertOneTimeToken({
      id,
      purpose,
      userId: user.id,
      tenantId: user.tenantId,
      tokenHash: hashOf(id),
      sentTo: user.sentTo,
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetimes[purpose]),
    });
  });
}

/** A live, active account by email, or undefined — callers answer the same either way. */
async function activeAccount(ctx: Ctx, email: string) {
  const user = await ctx.db.platformRead((p) => p.userForLogin(normalizeEmail(email)));
  return user && user.status === 'active' ? user : undefined;
}

const linkTo = (ctx: Ctx, page: string, token: string) => `${ctx.config.issuer}/${page}#token=${token}`;

// ── forgot / reset password

export async function forgotPassword(ctx: Ctx, email: string): Promise<void> {
  await countAttempt(ctx.db, counters(limits.sendPerAccount, limits.sendPerIp, normalizeEmail(email), ctx.ip));
  const user = await activeAccount(ctx, email);
  if (!user) return;
  const secret = mintSecret('ql');
  await storeSecret(ctx, 'password_reset', { id: user.id, tenantId: null, sentTo: user.email }, () => secret.hash);
  await deliver(
    ctx,
    texts.passwordReset(user.email, linkTo(ctx, 'reset-password', secret.token), secret.token),
    user.homeTenantId,
  );
}

/**
 * The rules of the user's home tenant apply to the new password; the token is consumed in the
 * same transaction that sets it and revokes every session, so a failed rule leaves it usable.
 */
export async function resetPassword(ctx: Ctx, input: PasswordReset): Promise<void> {
  const ipCounter = counters(limits.codePerIp, limits.codePerIp, null, ctx.ip);
  await assertUnderLimits(ctx.db, ipCounter);
  const hash = secretHashOf('ql', input.token);
  const now = new Date();
  const row = hash ? await ctx.db.platformRead((p) => p.oneTimeTokenByHash(hash)) : undefined;
  if (!hash || !row || row.purpose !== 'password_reset' || row.consumedAt || row.expiresAt <= now) {
    await countAttempt(ctx.db, ipCounter);
    throw tokenInvalid();
  }
  const user = await ctx.db.platformRead((p) => p.userById(row.userId));
  if (!user || user.deletedAt || user.status !== 'active') throw tokenInvalid();
  const scope = signInScope(startOf(ctx, user.id, user.homeTenantId, []));
  const passwordHash = await acceptNewPassword(ctx, scope, user.email, input.new_password);
  await ctx.db.platform(async (p) => {
    if (!(await p.consumeOneTimeToken('password_reset', hash, now))) throw tokenInvalid();
    await p.setPassword(user.id, passwordHash, now);
    const revoked = await p.revokeSessionsOfUser(user.id, 'password_reset', now);
    const r = await p.enterTenant(scope);
    await r.audit.append({
      action: 'user.password_reset',
      target: { type: 'user', id: encodeId('user', user.id) },
      metadata: { sessions_revoked: revoked.length },
    });
  });
}

// ── magic link and email code sign-in

export async function startMagicLink(ctx: Ctx, input: SignInStart): Promise<void> {
  const tenantId = wantedTenant(input.tenant_id) ?? null;
  await countAttempt(ctx.db, counters(limits.sendPerAccount, limits.sendPerIp, normalizeEmail(input.email), ctx.ip));
  const user = await activeAccount(ctx, input.email);
  if (!user) return;
  const secret = mintSecret('ql');
  await storeSecret(ctx, 'magic_link', { id: user.id, tenantId, sentTo: user.email }, () => secret.hash);
  await deliver(ctx, texts.magicLink(user.email, linkTo(ctx, 'magic-link', secret.token), secret.token), tenantId);
}

export async function startEmailOtp(ctx: Ctx, input: SignInStart): Promise<void> {
  const tenantId = wantedTenant(input.tenant_id) ?? null;
  await countAttempt(ctx.db, counters(limits.sendPerAccount, limits.sendPerIp, normalizeEmail(input.email), ctx.ip));
  const user = await activeAccount(ctx, input.email);
  if (!user) return;
  const code = newCode();
  await storeSecret(ctx, 'email_otp', { id: user.id, tenantId, sentTo: user.email }, (id) => codeHash(id, code));
  await deliver(ctx, texts.emailOtp(user.email, code), tenantId);
}

/**
 * Finishes a sign-in by emailed secret in one transaction: the secret is consumed, the email is
 * marked verified (the user just proved they read it), and the session opens (or the second factor
 * is asked for) — or, if the tenant does not allow the method, nothing happens at all.
 */
async function finishEmailSignIn(
  ctx: Ctx,
  p: PlatformRepos,
  user: { id: string; homeTenantId: string },
  tenantId: string | null,
  method: LoginMethod,
): Promise<LoginResult> {
  const target = await resolveSignInTenant(p, user.id, tenantId);
  await p.markEmailVerified(user.id, new Date());
  const start = startOf(ctx, user.id, target, ['otp']);
  return finishFirstFactorIn(ctx, p, start, user.homeTenantId, async (r) => {
    assertMethodAllowed((await policyOf(r)).login_methods, method);
  });
}

export async function consumeMagicLink(ctx: Ctx, token: string): Promise<LoginResult> {
  const ipCounter = counters(limits.codePerIp, limits.codePerIp, null, ctx.ip);
  await assertUnderLimits(ctx.db, ipCounter);
  const hash = secretHashOf('ql', token);
  const pair = hash
    ? await ctx.db.platform(async (p) => {
        const row = await p.consumeOneTimeToken('magic_link', hash, new Date());
        if (!row) return undefined;
        const user = await p.userById(row.userId);
        if (!user || user.deletedAt || user.status !== 'active' || user.email !== row.sentTo) return undefined;
        return finishEmailSignIn(ctx, p, user, row.tenantId, 'magic_link');
      })
    : undefined;
  if (!pair) {
    await countAttempt(ctx.db, ipCounter);
    throw tokenInvalid();
  }
  return pair;
}

/**
 * Spends the newest live code of this purpose when `code` matches and it went to `sentTo`; a
 * wrong code counts against the code's own attempts. Undefined when nothing was spent.
 */
async function spendCode(p: PlatformRepos, userId: string, purpose: string, sentTo: string | null, code: string) {
  const row = await p.latestCode(userId, purpose, new Date());
  if (!row || row.attempts >= MAX_CODE_ATTEMPTS || row.sentTo !== sentTo) return undefined;
  if (codeHash(row.id, code) !== row.tokenHash) {
    await p.countCodeAttempt(row.id);
    return undefined;
  }
  await p.consumeById(row.id, new Date());
  return row;
}

export async function verifyEmailOtp(ctx: Ctx, input: EmailOtpVerify): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const limiters = counters(limits.codePerAccount, limits.codePerIp, email, ctx.ip);
  await assertUnderLimits(ctx.db, limiters);
  const user = await activeAccount(ctx, input.email);
  const pair = user
    ? await ctx.db.platform(async (p) => {
        const row = await spendCode(p, user.id, 'email_otp', user.email, input.code);
        if (!row) return undefined;
        return finishEmailSignIn(ctx, p, user, row.tenantId, 'email_otp');
      })
    : undefined;
  if (!pair) {
    await countAttempt(ctx.db, limiters);
    throw codeInvalid();
  }
  return pair;
}

// ── email and phone verification (admin)

type Channel = 'email' | 'phone';

export async function startVerification(ctx: Ctx, userId: string, channel: Channel): Promise<void> {
  const user = await managedUser(ctx, userId, async (_r, row) => row);
  const address = channel === 'email' ? user.email : user.phone;
  if (!address) throw new ApiError('conflict', 'this user has no phone number to verify');
  await countAttempt(ctx.db, counters(limits.sendPerAccount, limits.sendPerIp, `${channel}-verify:${userId}`, ctx.ip));
  const code = newCode();
  const purpose = channel === 'email' ? 'email_verify' : 'phone_verify';
  await storeSecret(ctx, purpose, { id: userId, tenantId: user.tenantId, sentTo: address }, (id) => codeHash(id, code));
  await deliver(
    ctx,
    channel === 'email' ? texts.emailVerify(address, code) : texts.phoneVerify(address, code),
    user.tenantId,
  );
}

export async function confirmVerification(ctx: Ctx, userId: string, channel: Channel, code: string) {
  const limiters = counters(limits.codePerAccount, limits.codePerIp, `${channel}-verify:${userId}`, ctx.ip);
  await assertUnderLimits(ctx.db, limiters);
  const user = await managedUser(ctx, userId, async (_r, row) => row);
  const purpose = channel === 'email' ? 'email_verify' : 'phone_verify';
  const address = channel === 'email' ? user.email : user.phone;
  const updated = await ctx.db.platform(async (p) => {
    if (!(await spendCode(p, userId, purpose, address, code))) return undefined;
    const r = await p.enterTenant(scopeOf(ctx));
    const patch = channel === 'email' ? { emailVerified: true } : { phoneVerified: true };
    const changed = await r.users.update(userId, patch, new Date());
    await r.audit.append({
      action: `user.${channel}_verified`,
      target: { type: 'user', id: encodeId('user', userId) },
    });
    return changed;
  });
  if (!updated) {
    await countAttempt(ctx.db, limiters);
    throw codeInvalid();
  }
  return updated;
}
