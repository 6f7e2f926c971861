import type { AppHandlers } from '../../handlers.ts';
import { type Ctx, principalOf } from '../../http/context.ts';
import { decodeCursor, nextCursor } from '../../http/cursor.ts';
import { toMember, toTenant } from './mapper.ts';
import * as tenants from './service.ts';

/** The resolved tenant of a `/v1/tenants/{tenantID}` route (the binder has checked access). */
const pathTenant = (ctx: Ctx) => ctx.tenant?.tenantId as string;

export const tenantHandlers = {
  listTenants: async ({ query }, ctx) => {
    const p = principalOf(ctx);
    const owner = p.kind === 'api_key' ? p.tenantId : p.userId;
    const limit = query.limit ?? 50;
    const after = decodeCursor<string>(query.cursor, { list: 'tenants', tenant: owner, type: 'string' });
    const page = await tenants.listReachable(ctx, { after, limit });
    return {
      status: 200,
      body: {
        items: page.items.map(toTenant),
        next_cursor: nextCursor(page.items, page.more, 'tenants', owner, (t) => t.id),
      },
    };
  },

  createTenant: async ({ body }, ctx) => ({ status: 201, body: toTenant(await tenants.createTenant(ctx, body)) }),

  getTenant: async (_req, ctx) => ({ status: 200, body: toTenant(await tenants.getTenant(ctx, pathTenant(ctx))) }),

  updateTenant: async ({ body }, ctx) => ({
    status: 200,
    body: toTenant(await tenants.updateTenant(ctx, pathTenant(ctx), body)),
  }),

  deleteTenant: async (_req, ctx) => {
    await tenants.deleteTenant(ctx, pathTenant(ctx));
    return { status: 204, body: undefined };
  },

  listTenantMembers: async ({ query }, ctx) => {
    const tenant = pathTenant(ctx);
    const limit = query.limit ?? 50;
    const after = decodeCursor<string>(query.cursor, { list: 'members', tenant, type: 'string' });
    const page = await tenants.listMembers(ctx, { after, limit });
    return {
      status: 200,
      body: {
        items: page.items.map(toMember),
        next_cursor: nextCursor(page.items, page.more, 'members', tenant, (m) => m.userId),
      },
    };
  },
} satisfies Partial<AppHandlers>;
