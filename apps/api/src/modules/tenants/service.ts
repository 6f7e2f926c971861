import { encodeId, newId, type TenantCreate, type TenantUpdate } from '@qeetid/contract';
import type { PageQuery } from '@qeetid/db';
import { type Ctx, principalOf, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';

/** Tenants the caller can reach: a user's memberships, or an API key's tenant and its children. */
export async function listReachable(ctx: Ctx, q: PageQuery) {
  const principal = principalOf(ctx);
  return ctx.db.platform((p) =>
    principal.kind === 'api_key' ? p.tenantAndChildren(principal.tenantId, q) : p.tenantsOfUser(principal.userId, q),
  );
}

/** A user becomes the owner of the new tenant; an API key creates a child of its own tenant. */
export async function createTenant(ctx: Ctx, input: TenantCreate) {
  const principal = principalOf(ctx);
  const id = newId('tenant');
  const now = new Date();
  return ctx.db.platform(async (p) => {
    const parentId = principal.kind === 'api_key' ? principal.tenantId : null;
    const row = await p.insertTenant({ id: id.uuid, name: input.name, parentId }, now);
    const repos = await p.enterTenant(scopeOf(ctx, id.uuid));
    await repos.audit.append({
      action: 'tenant.created',
      target: { type: 'tenant', id: id.id },
      metadata: { name: input.name, parent_id: parentId ? encodeId('tenant', parentId) : null },
    });
    if (principal.kind !== 'api_key') {
      await repos.memberships.add(principal.userId, 'owner', now);
      await repos.audit.append({
        action: 'member.added',
        target: { type: 'user', id: encodeId('user', principal.userId) },
        metadata: { role: 'owner' },
      });
    }
    return row;
  });
}

export async function getTenant(ctx: Ctx, tenantId: string) {
  const row = await ctx.db.withTenant(scopeOf(ctx), (r) => r.tenants.get(tenantId));
  if (!row) throw ApiError.notFound('tenant', encodeId('tenant', tenantId));
  return row;
}

export async function updateTenant(ctx: Ctx, tenantId: string, input: TenantUpdate) {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const row = await r.tenants.update(tenantId, { name: input.name }, new Date());
    if (!row) throw ApiError.notFound('tenant', encodeId('tenant', tenantId));
    await r.audit.append({
      action: 'tenant.updated',
      target: { type: 'tenant', id: encodeId('tenant', tenantId) },
      metadata: { fields: Object.keys(input) },
    });
    return row;
  });
}

export async function deleteTenant(ctx: Ctx, tenantId: string) {
  if (tenantId === principalOf(ctx).tenantId) {
    throw new ApiError('conflict', 'a credential cannot delete the tenant it belongs to');
  }
  const now = new Date();
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const row = await r.tenants.update(tenantId, { deletedAt: now }, now);
    if (!row) throw ApiError.notFound('tenant', encodeId('tenant', tenantId));
    await r.audit.append({ action: 'tenant.deleted', target: { type: 'tenant', id: encodeId('tenant', tenantId) } });
  });
}

export async function listMembers(ctx: Ctx, q: PageQuery) {
  return ctx.db.withTenant(scopeOf(ctx), (r) => r.memberships.list(q));
}
