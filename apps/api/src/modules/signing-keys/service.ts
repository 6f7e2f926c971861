import type { SigningKey } from '@qeetid/contract';
import type { SigningKeyInfo } from '../../crypto/key-ring.ts';
import { type Ctx, principalOf, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';

/**
 * Signing keys are platform-wide (one JWKS for every tenant), so only the platform's operators
 * manage them: owners and admins of the first (bootstrap) tenant, or its API keys.
 */
async function assertPlatformAdmin(ctx: Ctx): Promise<void> {
  const principal = principalOf(ctx);
  const root = await ctx.db.platformRead((p) => p.rootTenantId());
  const isAdmin = principal.kind === 'api_key' || principal.role === 'owner' || principal.role === 'admin';
  if (principal.tenantId !== root || !isAdmin) {
    throw new ApiError('forbidden', 'signing keys are managed by administrators of the platform (bootstrap) tenant');
  }
}

export function toSigningKey(k: SigningKeyInfo): SigningKey {
  return {
    kid: k.kid,
    alg: 'ES256',
    status: k.status,
    created_at: k.createdAt.toISOString(),
    retired_at: k.retiredAt?.toISOString() ?? null,
    published_until: k.publishedUntil?.toISOString() ?? null,
  };
}

export async function listKeys(ctx: Ctx): Promise<SigningKeyInfo[]> {
  await assertPlatformAdmin(ctx);
  return ctx.keys.list();
}

export async function rotate(ctx: Ctx): Promise<SigningKeyInfo> {
  await assertPlatformAdmin(ctx);
  const kid = await ctx.keys.rotate(async (p, newKid) => {
    const r = await p.enterTenant(scopeOf(ctx, principalOf(ctx).tenantId));
    await r.audit.append({ action: 'signing_key.rotated', target: { type: 'signing_key', id: newKid } });
  });
  const key = (await ctx.keys.list()).find((k) => k.kid === kid);
  if (!key) throw new Error('the rotated key is not in the ring');
  return key;
}
