import type { AppHandlers } from '../../handlers.ts';
import { tenantOf } from '../../http/context.ts';
import { decodeCursor, nextCursor } from '../../http/cursor.ts';
import { pathId } from '../../http/path-id.ts';
import { toRole } from '../authz/mapper.ts';
import { toGroup, toGroupMember } from './mapper.ts';
import * as groups from './service.ts';

export const groupHandlers = {
  listGroups: async ({ query }, ctx) => {
    const tenant = tenantOf(ctx);
    const after = decodeCursor<string>(query.cursor, { list: 'groups', tenant, type: 'string' });
    const page = await groups.listGroups(ctx, { after, limit: query.limit ?? 50 });
    return {
      status: 200,
      body: {
        items: page.items.map(toGroup),
        next_cursor: nextCursor(page.items, page.more, 'groups', tenant, (g) => g.id),
      },
    };
  },

  createGroup: async ({ body }, ctx) => ({ status: 201, body: toGroup(await groups.createGroup(ctx, body)) }),

  updateGroup: async ({ path, body }, ctx) => ({
    status: 200,
    body: toGroup(await groups.updateGroup(ctx, pathId('group', path.id, 'group'), body)),
  }),

  deleteGroup: async ({ path }, ctx) => {
    await groups.deleteGroup(ctx, pathId('group', path.id, 'group'));
    return { status: 204, body: undefined };
  },

  listGroupMembers: async ({ path, query }, ctx) => {
    const id = pathId('group', path.id, 'group');
    const list = `group-members:${id}`;
    const after = decodeCursor<string>(query.cursor, { list, tenant: tenantOf(ctx), type: 'string' });
    const page = await groups.listMembers(ctx, id, { after, limit: query.limit ?? 50 });
    return {
      status: 200,
      body: {
        items: page.items.map(toGroupMember),
        next_cursor: nextCursor(page.items, page.more, list, tenantOf(ctx), (m) => m.userId),
      },
    };
  },

  addGroupMember: async ({ path }, ctx) => {
    await groups.addMember(ctx, pathId('group', path.id, 'group'), pathId('user', path.userID, 'member'));
    return { status: 204, body: undefined };
  },

  removeGroupMember: async ({ path }, ctx) => {
    await groups.removeMember(ctx, pathId('group', path.id, 'group'), pathId('user', path.userID, 'member'));
    return { status: 204, body: undefined };
  },

  listGroupRoles: async ({ path }, ctx) => ({
    status: 200,
    body: {
      items: (await groups.listRoles(ctx, pathId('group', path.groupID, 'group'))).map(toRole),
      next_cursor: null,
    },
  }),

  assignGroupRole: async ({ path }, ctx) => {
    await groups.assignRole(ctx, pathId('group', path.groupID, 'group'), pathId('role', path.roleID, 'role'));
    return { status: 204, body: undefined };
  },

  unassignGroupRole: async ({ path }, ctx) => {
    await groups.unassignRole(ctx, pathId('group', path.groupID, 'group'), pathId('role', path.roleID, 'role'));
    return { status: 204, body: undefined };
  },
} satisfies Partial<AppHandlers>;
