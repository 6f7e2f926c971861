import { type AuthPolicyUpdate, encodeId } from '@qeetid/contract';
import { type Ctx, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { type AuthPolicy, DEFAULT_POLICY, effectivePolicy, policyOf } from './policy.ts';

export async function getPolicy(ctx: Ctx): Promise<AuthPolicy> {
  return ctx.db.withTenant(scopeOf(ctx), (r) => policyOf(r));
}

/** Replaces the policy (absent fields take their defaults) and records the change. */
export async function putPolicy(ctx: Ctx, input: AuthPolicyUpdate): Promise<AuthPolicy> {
  if (input.password_breach_check === 'online' && !ctx.config.breachedPasswordsUrl) {
    throw ApiError.validation([
      {
        field: 'password_breach_check',
        code: 'not_configured',
        message: 'online checks need QEETID_BREACHED_PASSWORDS_URL on the server',
      },
    ]);
  }
  const settings = { ...DEFAULT_POLICY, ...input };
  const scope = scopeOf(ctx);
  return ctx.db.withTenant(scope, async (r) => {
    await r.authPolicy.put(settings, new Date());
    await r.audit.append({
      action: 'auth_policy.updated',
      target: { type: 'tenant', id: encodeId('tenant', scope.tenantId) },
      metadata: { settings },
    });
    return effectivePolicy(settings);
  });
}
