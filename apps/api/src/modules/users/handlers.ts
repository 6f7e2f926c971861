import type { AppHandlers } from '../../handlers.ts';
import type { Ctx } from '../../http/context.ts';
import { decodeCursor, nextCursor } from '../../http/cursor.ts';
import { pathId } from '../../http/path-id.ts';
import { setPasswordAsAdmin } from '../passwords/service.ts';
import { toUser } from './mapper.ts';
import * as users from './service.ts';

async function page(ctx: Ctx, query: { limit?: number; cursor?: string; email?: string }, deleted: boolean) {
  const list = deleted ? 'deleted-users' : 'users';
  const tenant = ctx.tenant?.tenantId as string;
  const after = decodeCursor<string>(query.cursor, { list, tenant, type: 'string' });
  const result = await users.listUsers(ctx, { after, limit: query.limit ?? 50, deleted, email: query.email });
  return {
    status: 200 as const,
    body: {
      items: result.items.map(toUser),
      next_cursor: nextCursor(result.items, result.more, list, tenant, (u) => u.id),
    },
  };
}

export const userHandlers = {
  listUsers: async ({ query }, ctx) => page(ctx, query, false),
  listDeletedUsers: async ({ query }, ctx) => page(ctx, query, true),
  createUser: async ({ body }, ctx) => ({ status: 201, body: toUser(await users.createUser(ctx, body)) }),
  getUser: async ({ path }, ctx) => ({
    status: 200,
    body: toUser(await users.getUser(ctx, pathId('user', path.id, 'user'))),
  }),
  updateUser: async ({ path, body }, ctx) => ({
    status: 200,
    body: toUser(await users.updateUser(ctx, pathId('user', path.id, 'user'), body)),
  }),
  deleteUser: async ({ path }, ctx) => {
    await users.deleteUser(ctx, pathId('user', path.id, 'user'));
    return { status: 204, body: undefined };
  },
  restoreUser: async ({ path }, ctx) => ({
    status: 200,
    body: toUser(await users.restoreUser(ctx, pathId('user', path.id, 'user'))),
  }),
  purgeUser: async ({ path }, ctx) => {
    await users.purgeUser(ctx, pathId('user', path.id, 'user'));
    return { status: 204, body: undefined };
  },
  replaceUserMetadata: async ({ path, body }, ctx) => ({
    status: 200,
    body: toUser(await users.replaceMetadata(ctx, pathId('user', path.id, 'user'), body)),
  }),
  clearUserMetadata: async ({ path }, ctx) => ({
    status: 200,
    body: toUser(await users.replaceMetadata(ctx, pathId('user', path.id, 'user'), null)),
  }),
  setUserPassword: async ({ path, body }, ctx) => {
    await setPasswordAsAdmin(ctx, pathId('user', path.id, 'user'), body);
    return { status: 204, body: undefined };
  },
} satisfies Partial<AppHandlers>;
