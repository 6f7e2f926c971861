import type { AppHandlers } from '../../handlers.ts';
import { tenantOf } from '../../http/context.ts';
import { decodeCursor, nextCursor } from '../../http/cursor.ts';
import { pathId } from '../../http/path-id.ts';
import * as check from './check.ts';
import { toEffectivePermissions, toRole } from './mapper.ts';
import * as roles from './service.ts';

export const authzHandlers = {
  listPermissions: async (_req, ctx) => ({ status: 200, body: { items: await roles.catalogue(ctx) } }),

  listRoles: async ({ query }, ctx) => {
    const tenant = tenantOf(ctx);
    const after = decodeCursor<string>(query.cursor, { list: 'roles', tenant, type: 'string' });
    const page = await roles.listRoles(ctx, { after, limit: query.limit ?? 50 });
    return {
      status: 200,
      body: {
        items: page.items.map(toRole),
        next_cursor: nextCursor(page.items, page.more, 'roles', tenant, (r) => r.id),
      },
    };
  },

  createRole: async ({ body }, ctx) => ({ status: 201, body: toRole(await roles.createRole(ctx, body)) }),

  updateRole: async ({ path, body }, ctx) => ({
    status: 200,
    body: toRole(await roles.updateRole(ctx, pathId('role', path.roleID, 'role'), body)),
  }),

  deleteRole: async ({ path }, ctx) => {
    await roles.deleteRole(ctx, pathId('role', path.roleID, 'role'));
    return { status: 204, body: undefined };
  },

  listRolePermissions: async ({ path }, ctx) => ({
    status: 200,
    body: { role_id: path.roleID, permissions: await roles.rolePermissions(ctx, pathId('role', path.roleID, 'role')) },
  }),

  grantRolePermission: async ({ path }, ctx) => ({
    status: 200,
    body: {
      role_id: path.roleID,
      permissions: await roles.grantPermission(ctx, pathId('role', path.roleID, 'role'), path.permID),
    },
  }),

  revokeRolePermission: async ({ path }, ctx) => ({
    status: 200,
    body: {
      role_id: path.roleID,
      permissions: await roles.revokePermission(ctx, pathId('role', path.roleID, 'role'), path.permID),
    },
  }),

  assignRole: async ({ path }, ctx) => {
    await roles.assignRole(ctx, pathId('user', path.userID, 'member'), pathId('role', path.roleID, 'role'));
    return { status: 204, body: undefined };
  },

  unassignRole: async ({ path }, ctx) => {
    await roles.unassignRole(ctx, pathId('user', path.userID, 'member'), pathId('role', path.roleID, 'role'));
    return { status: 204, body: undefined };
  },

  getEffectivePermissions: async ({ path }, ctx) => {
    const userId = pathId('user', path.userID, 'member');
    const grants = await roles.effectivePermissions(ctx, userId);
    return { status: 200, body: toEffectivePermissions(userId, tenantOf(ctx), grants) };
  },

  checkPermission: async ({ query }, ctx) => ({ status: 200, body: await check.checkOne(ctx, query) }),

  checkPermissions: async ({ body }, ctx) => ({ status: 200, body: await check.checkMany(ctx, body) }),
} satisfies Partial<AppHandlers>;
