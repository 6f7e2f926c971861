import { type AdminPasswordSet, encodeId } from '@qeetid/contract';
import { hashPassword } from '../../crypto/passwords.ts';
import { type Ctx, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { checkPassword } from '../auth-policy/password-rules.ts';
import { policyOf } from '../auth-policy/policy.ts';
import { assertManaged, live } from '../users/service.ts';

/**
 * An administrator sets the password of a user their tenant manages. The rules and the hashing
 * run between a read and the write transaction, so no transaction waits on argon2.
 */
export async function setPasswordAsAdmin(ctx: Ctx, userId: string, input: AdminPasswordSet): Promise<void> {
  const { email, policy } = await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const user = await live(r, userId);
    assertManaged(ctx, user);
    return { email: user.email, policy: await policyOf(r) };
  });
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
