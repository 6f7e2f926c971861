import { decodeId } from '@qeetid/contract';
import type { AppHandlers } from '../../handlers.ts';
import type { Ctx } from '../../http/context.ts';
import { decodeCursor, nextCursor } from '../../http/cursor.ts';
import { ApiError } from '../../http/errors.ts';
import { setPasswordAsAdmin } from '../passwords/service.ts';
import { toUser } from './mapper.ts';
import * as users from './service.ts';

export function userIdOf(id: string): string {
  const uuid = decodeId('user', id);
  if (!uuid) throw ApiError.notFound('user', id);
  return uuid;
}

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
  getUser: async ({ path }, ctx) => ({ status: 200, body: toUser(await users.getUser(ctx, userIdOf(path.id))) }),
  updateUser: async ({ path, body }, ctx) => ({
    status: 200,
    body: toUser(await users.updateUser(ctx, userIdOf(path.id), body)),
  }),
  deleteUser: async ({ path }, ctx) => {
    await users.deleteUser(ctx, userIdOf(path.id));
    return { status: 204, body: undefined };
  },
  restoreUser: async ({ path }, ctx) => ({
    status: 200,
    body: toUser(await users.restoreUser(ctx, userIdOf(path.id))),
  }),
  purgeUser: async ({ path }, ctx) => {
    await users.purgeUser(ctx, userIdOf(path.id));
    return { status: 204, body: undefined };
  },
  replaceUserMetadata: async ({ path, body }, ctx) => ({
    status: 200,
    body: toUser(await users.replaceMetadata(ctx, userIdOf(path.id), body)),
  }),
  clearUserMetadata: async ({ path }, ctx) => ({
    status: 200,
    body: toUser(await users.replaceMetadata(ctx, userIdOf(path.id), null)),
  }),
  setUserPassword: async ({ path, body }, ctx) => {
    await setPasswordAsAdmin(ctx, userIdOf(path.id), body);
    return { status: 204, body: undefined };
  },
} satisfies Partial<AppHandlers>;
