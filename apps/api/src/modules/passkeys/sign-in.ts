import { newId, type TokenPair, type WebauthnCredentialJson } from '@qeetid/contract';
import type { Ctx } from '../../http/context.ts';
import { conflictOnUnique } from '../../http/errors.ts';
import { assertMethodAllowed, noSignInTenant, startOf } from '../auth/service.ts';
import { effectivePolicy } from '../auth-policy/policy.ts';
import { newSession, openSession, pairFor, signInScope } from '../sessions/issue.ts';
import { concurrentUse, passkeyUse, recordPasskeyUse } from './assertion.ts';
import { createPasskeyAccount, verifyLogin, verifySignup } from './service.ts';

/**
 * RFC 8176 `amr` of a user-verified passkey sign-in: a key held by the authenticator ("hwk", or
 * "swk" for a synced passkey that leaves the device) unlocked by the user, so multi-factor.
 */
const passkeyAmr = (backupEligible: boolean) => [backupEligible ? 'swk' : 'hwk', 'user', 'mfa'];

/**
 * Passkey-first signup, one transaction: the personal tenant, the user (its owner), the passkey and
 * the first session (its step-up clock starts at this sign-in: mfa/step-up.ts `passkeySignIn`).
 */
export async function completePasskeySignup(
  ctx: Ctx,
  credential: WebauthnCredentialJson,
  name: string | undefined,
): Promise<TokenPair> {
  const signup = await verifySignup(ctx, credential);
  const tenant = newId('tenant');
  const now = new Date();
  const start = startOf(ctx, signup.payload.user_id, tenant.uuid, passkeyAmr(signup.verified.backupEligible));
  return conflictOnUnique(
    ctx.db.platform(async (p) => {
      await p.insertTenant({ id: tenant.uuid, name: 'Personal', parentId: null }, now);
      const r = await p.enterTenant(signInScope(start));
      await r.audit.append({
        action: 'tenant.created',
        target: { type: 'tenant', id: tenant.id },
        metadata: { name: 'Personal', parent_id: null },
      });
      await createPasskeyAccount(r, signup, name, now);
      return openSession(ctx, r, start);
    }),
    'this email or this passkey is already registered',
  );
}

/**
 * Passkey sign-in: the use is recorded in the user's home tenant (where the passkey lives) and the
 * session opens in the tenant sign-in picks (home first, read along with the passkey together
 * with its auth policy). In the home tenant, the usual case, that is one statement, shared with
 * the other sign-ins of its event-loop turn; in another, one transaction. Its audit event is the
 * session's `session.created`, which names the passkey; its step-up clock starts at this sign-in
 * (mfa/step-up.ts `passkeySignIn`).
 */
export async function completePasskeyLogin(ctx: Ctx, credential: WebauthnCredentialJson): Promise<TokenPair> {
  const now = new Date();
  const verified = await verifyLogin(ctx, credential);
  if (!verified.signIn) throw noSignInTenant();
  const tenantId = verified.signIn.tenantId;
  const policy = effectivePolicy(verified.signIn.policy);
  assertMethodAllowed(policy.login_methods, 'passkey');
  const start = {
    ...startOf(ctx, verified.user.id, tenantId, passkeyAmr(verified.passkey.backupEligible)),
    passkeyId: verified.passkey.id,
  };
  if (tenantId === verified.user.tenantId) {
    const next = newSession(start, policy, now);
    const session = await ctx.db.passkeySignIn({
      scope: signInScope(start),
      use: passkeyUse(verified),
      session: next.values,
      events: [next.event],
    });
    if (!session) throw concurrentUse();
    return pairFor(ctx, session, policy, next.refreshToken, now);
  }
  return ctx.db.platform(async (p) => {
    await recordPasskeyUse(
      await p.enterTenant(signInScope({ ...start, tenantId: verified.user.tenantId })),
      verified,
      now,
    );
    return openSession(ctx, await p.enterTenant(signInScope(start)), start, policy);
  });
}
