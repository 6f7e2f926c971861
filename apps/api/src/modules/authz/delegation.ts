import type { Ctx } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { permits } from './permission.ts';

/**
 * Nobody hands out more than they hold: granting a permission to a role, or a role to a
 * member or group, needs every permission involved to be held by the caller (the key's
 * scopes; for a user, the scopes of their token and their own grants in the tenant). This
 * keeps an admin from minting an owner.
 */
export async function assertHolds(ctx: Ctx, permissions: readonly string[]): Promise<void> {
  const principal = ctx.principal;
  const tenant = ctx.tenant;
  if (!principal || !tenant) throw new Error('delegation needs an authenticated tenant operation');
  for (const permission of permissions) {
    let held = permits(principal.scopes, permission);
    if (held && principal.kind !== 'api_key') {
      const decision = await ctx.authz.decide(tenant.tenantId, principal.userId, permission, {
        version: tenant.authzVersion,
        context: { ip: ctx.ip },
      });
      held = decision.allowed;
    }
    if (!held) throw new ApiError('forbidden', `you cannot grant ${permission}: you do not hold it yourself`);
  }
}

/** A new credential (API key, personal access token) is scoped no wider than the one creating it. */
export function assertScopesWithin(held: readonly string[], scopes: readonly string[]): void {
  const beyond = scopes.filter((s) => !permits(held, s));
  if (beyond.length) {
    throw ApiError.validation(
      beyond.map((s) => ({ field: 'scopes', code: 'exceeds_caller', message: `${s} is beyond your own scopes` })),
    );
  }
}
