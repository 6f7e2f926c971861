import { encodeId, newId, type PersonalAccessTokenCreate } from '@qeetid/contract';
import type { PageQuery } from '@qeetid/db';
import { mintToken } from '../../crypto/opaque-token.ts';
import { type Ctx, principalOf, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { policyOf } from '../auth-policy/policy.ts';
import { assertScopesWithin } from '../authz/delegation.ts';
import { assertSteppedUp } from '../mfa/step-up.ts';
import { callingUser } from '../sessions/service.ts';

const DAY_MS = 24 * 3600 * 1000;

/**
 * A personal access token of the calling user in their current tenant: scoped no wider than the
 * caller, always expiring (within the tenant's `pat_max_ttl_days`), secret shown once.
 */
export async function createPat(ctx: Ctx, input: PersonalAccessTokenCreate) {
  const me = callingUser(ctx);
  await assertSteppedUp(ctx);
  const scopes = input.scopes ?? ['*'];
  assertScopesWithin(principalOf(ctx).scopes, scopes);
  const now = new Date();
  const expiresAt = new Date(input.expires_at);
  const id = newId('pat');
  const minted = mintToken('qp');
  const row = await ctx.db.withTenant(scopeOf(ctx, me.tenantId), async (r) => {
    const maxDays = (await policyOf(r)).pat_max_ttl_days;
    if (expiresAt <= now) {
      throw ApiError.validation([{ field: 'expires_at', code: 'in_past', message: 'must be in the future' }]);
    }
    if (expiresAt.getTime() - now.getTime() > maxDays * DAY_MS) {
      throw ApiError.validation([
        { field: 'expires_at', code: 'too_far', message: `must be at most ${maxDays} days ahead (auth policy)` },
      ]);
    }
    const pat = await r.pats.insert({
      id: id.uuid,
      userId: me.userId,
      name: input.name,
      prefix: minted.prefix,
      secretHash: minted.secretHash,
      scopes,
      expiresAt,
      createdAt: now,
    });
    await r.audit.append({
      action: 'personal_access_token.created',
      target: { type: 'personal_access_token', id: id.id },
      metadata: { name: input.name, scopes, expires_at: expiresAt.toISOString() },
    });
    return pat;
  });
  return { row, token: minted.token };
}

export async function listPats(ctx: Ctx, q: PageQuery) {
  const me = callingUser(ctx);
  return ctx.db.withTenant(scopeOf(ctx, me.tenantId), (r) => r.pats.listOfUser(me.userId, q));
}

export async function revokePat(ctx: Ctx, id: string): Promise<void> {
  const me = callingUser(ctx);
  await ctx.db.withTenant(scopeOf(ctx, me.tenantId), async (r) => {
    if (!(await r.pats.revoke(me.userId, id, new Date()))) {
      throw ApiError.notFound('personal access token', encodeId('pat', id));
    }
    await r.audit.append({
      action: 'personal_access_token.revoked',
      target: { type: 'personal_access_token', id: encodeId('pat', id) },
    });
  });
}
