import {
  decodeId,
  encodeId,
  type LoginRequest,
  type LoginResult,
  newId,
  type SignupRequest,
  type TokenPair,
} from '@qeetid/contract';
import type { PlatformReads } from '@qeetid/db';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../crypto/passwords.ts';
import type { Ctx } from '../../http/context.ts';
import { ApiError, conflictOnUnique } from '../../http/errors.ts';
import { checkPassword } from '../auth-policy/password-rules.ts';
import { DEFAULT_POLICY, type LoginMethod, policyOf } from '../auth-policy/policy.ts';
import { finishFirstFactor } from '../mfa/login.ts';
import { assertUnderLimits, clearCounter, countAttempt, counters, limits } from '../rate-limit/service.ts';
import { openSession, type SessionStart, signInScope } from '../sessions/issue.ts';
import { normalizeEmail } from '../users/service.ts';

const invalidCredentials = () => new ApiError('auth.invalid_credentials', 'email or password is incorrect');

export function startOf(ctx: Ctx, userId: string, tenantId: string, methods: string[]): SessionStart {
  return { userId, tenantId, methods, ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
}

/** The user, their personal tenant (they own it) and a first session, in one transaction. */
export async function signup(ctx: Ctx, input: SignupRequest): Promise<TokenPair> {
  await countAttempt(ctx.db, counters(limits.signupPerIp, limits.signupPerIp, null, ctx.ip));
  await checkPassword(input.password, {
    policy: DEFAULT_POLICY,
    rangeUrl: ctx.config.breachedPasswordsUrl,
    field: 'password',
    email: input.email,
    log: ctx.log,
  });
  const hash = await hashPassword(input.password);
  const tenant = newId('tenant');
  const user = newId('user');
  const now = new Date();
  const tenantName = input.tenant_name ?? 'Personal';
  const start = startOf(ctx, user.uuid, tenant.uuid, ['pwd']);
  return conflictOnUnique(
    ctx.db.platform(async (p) => {
      await p.insertTenant({ id: tenant.uuid, name: tenantName, parentId: null }, now);
      const r = await p.enterTenant(signInScope(start));
      await r.users.insert({
        id: user.uuid,
        email: input.email,
        emailNormalized: normalizeEmail(input.email),
        displayName: input.display_name ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await r.memberships.add(user.uuid, 'owner', now);
      await r.passwords.set(user.uuid, hash, now);
      await r.audit.append({
        action: 'tenant.created',
        target: { type: 'tenant', id: tenant.id },
        metadata: { name: tenantName, parent_id: null },
      });
      await r.audit.append({
        action: 'user.created',
        target: { type: 'user', id: user.id },
        metadata: { signup: true },
      });
      await r.audit.append({
        action: 'member.added',
        target: { type: 'user', id: user.id },
        metadata: { role: 'owner' },
      });
      return openSession(ctx, r, start);
    }),
    'a user with this email already exists',
  );
}

/** Refuses a sign-in method the tenant's auth policy does not allow. */
export function assertMethodAllowed(allowed: readonly LoginMethod[], method: LoginMethod): void {
  if (!allowed.includes(method)) {
    throw new ApiError('auth.method_not_allowed', `this tenant does not allow signing in with ${method}`);
  }
}

/** A sign-in with no tenant to land in: not a member of the one asked for, or of any. */
export const noSignInTenant = (wanted?: string | null) =>
  new ApiError(
    'forbidden',
    wanted
      ? `you are not a member of tenant ${encodeId('tenant', wanted)}`
      : 'this account is not a member of any tenant',
  );

/**
 * The tenant a sign-in lands in (CONTRACT.md leaves it open; README "Signing in"): the wanted
 * tenant when the user is a member there (403 otherwise), else the user's home tenant, else
 * their oldest membership.
 */
export async function resolveSignInTenant(
  p: PlatformReads,
  userId: string,
  wanted: string | null | undefined,
): Promise<string> {
  const target = await p.signInTenant(userId, wanted ?? undefined);
  if (!target) throw noSignInTenant(wanted);
  return target.tenantId;
}

/** A wire tenant id from a request body as a UUID (404 when it is not one). */
export function wantedTenant(wanted: string | undefined): string | undefined {
  if (wanted === undefined) return undefined;
  const id = decodeId('tenant', wanted);
  if (!id) throw ApiError.notFound('tenant', wanted);
  return id;
}

export async function signInTenant(ctx: Ctx, userId: string, wanted: string | undefined): Promise<string> {
  const tenantId = wantedTenant(wanted);
  return ctx.db.platformRead((p) => resolveSignInTenant(p, userId, tenantId));
}

/**
 * Password sign-in. An unknown email costs the same argon2 verification as a wrong password
 * and gets the same answer (OWASP Authentication Cheat Sheet, "Authentication Responses").
 */
export async function login(ctx: Ctx, input: LoginRequest): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const limiters = counters(limits.loginPerAccount, limits.loginPerIp, email, ctx.ip);
  const counts = await assertUnderLimits(ctx.db, limiters);
  const user = await ctx.db.platformRead((p) => p.userForLogin(email));
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await burnPasswordCheck(input.password);
  if (!user || !ok || user.status !== 'active') {
    await countAttempt(ctx.db, limiters);
    throw invalidCredentials();
  }
  await clearCounter(ctx.db, limiters[0], counts);
  const tenantId = await signInTenant(ctx, user.id, input.tenant_id);
  const start = startOf(ctx, user.id, tenantId, ['pwd']);
  return finishFirstFactor(ctx, start, user.homeTenantId, async (r) => {
    assertMethodAllowed((await policyOf(r)).login_methods, 'password');
  });
}
