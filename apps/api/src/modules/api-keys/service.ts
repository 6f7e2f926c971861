import { type ApiKeyCreate, encodeId, newId } from '@qeetid/contract';
import type { PageQuery } from '@qeetid/db';
import { mintToken } from '../../crypto/opaque-token.ts';
import { type Ctx, principalOf, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { assertScopesWithin } from '../authz/delegation.ts';

export async function createApiKey(ctx: Ctx, input: ApiKeyCreate) {
  const scopes = input.scopes ?? ['*'];
  // A credential cannot mint a key stronger than itself.
  assertScopesWithin(principalOf(ctx).scopes, scopes);
  const now = new Date();
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  if (expiresAt && expiresAt <= now) {
    throw ApiError.validation([{ field: 'expires_at', code: 'in_past', message: 'must be in the future' }]);
  }
  const id = newId('apiKey');
  const minted = mintToken('qk');
  const row = await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const key = await r.apiKeys.insert({
      id: id.uuid,
      name: input.name,
      prefix: minted.prefix,
      secretHash: minted.secretHash,
      scopes,
      expiresAt,
      createdAt: now,
    });
    await r.audit.append({
      action: 'api_key.created',
      target: { type: 'api_key', id: id.id },
      metadata: { name: input.name, scopes, expires_at: expiresAt?.toISOString() ?? null },
    });
    return key;
  });
  return { row, key: minted.token };
}

export async function listApiKeys(ctx: Ctx, q: PageQuery) {
  return ctx.db.withTenant(scopeOf(ctx), (r) => r.apiKeys.list(q));
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const row = await r.apiKeys.revoke(id, new Date());
    if (!row) throw ApiError.notFound('API key', encodeId('apiKey', id));
    await r.audit.append({ action: 'api_key.revoked', target: { type: 'api_key', id: encodeId('apiKey', id) } });
  });
}
