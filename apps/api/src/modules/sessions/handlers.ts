import type { AppHandlers } from '../../handlers.ts';
import { tenantOf } from '../../http/context.ts';
import { decodeCursor, nextCursor } from '../../http/cursor.ts';
import { pathId } from '../../http/path-id.ts';
import { toSession } from './mapper.ts';
import * as sessions from './service.ts';

type Page = Awaited<ReturnType<typeof sessions.listMine>>;

/** Newest first: the cursor is the last session id seen, and the next page holds older ones. */
function sessionPage(page: Page, list: string, scope: string, current: string | null) {
  return {
    status: 200 as const,
    body: {
      items: page.items.map((s) => toSession(s, current)),
      next_cursor: nextCursor(page.items, page.more, list, scope, (s) => s.id),
    },
  };
}

export const sessionHandlers = {
  refreshSession: async ({ body }, ctx) => ({ status: 200, body: await sessions.refresh(ctx, body.refresh_token) }),
  logOut: async (_req, ctx) => {
    await sessions.logout(ctx);
    return { status: 204, body: undefined };
  },
  switchTenant: async ({ body }, ctx) => ({ status: 200, body: await sessions.switchTenant(ctx, body.tenant_id) }),
  listMySessions: async ({ query }, ctx) => {
    const me = sessions.callingUser(ctx);
    const after = decodeCursor<string>(query.cursor, { list: 'my-sessions', tenant: me.userId, type: 'string' });
    const page = await sessions.listMine(ctx, { after, limit: query.limit ?? 50 });
    return sessionPage(page, 'my-sessions', me.userId, me.sessionId);
  },
  revokeMySession: async ({ path }, ctx) => {
    await sessions.revokeMine(ctx, pathId('session', path.id, 'session'));
    return { status: 204, body: undefined };
  },
  listUserSessions: async ({ path, query }, ctx) => {
    const tenant = tenantOf(ctx);
    const after = decodeCursor<string>(query.cursor, { list: 'user-sessions', tenant, type: 'string' });
    const page = await sessions.listOfUser(ctx, pathId('user', path.id, 'user'), { after, limit: query.limit ?? 50 });
    const current = ctx.principal?.kind === 'access_token' ? ctx.principal.sessionId : null;
    return sessionPage(page, 'user-sessions', tenant, current);
  },
  revokeUserSessions: async ({ path }, ctx) => ({
    status: 200,
    body: { revoked: await sessions.revokeAllOfUser(ctx, pathId('user', path.id, 'user')) },
  }),
} satisfies Partial<AppHandlers>;
