import type { AppHandlers } from '../../handlers.ts';
import * as sessions from './service.ts';

export const sessionHandlers = {
  refreshSession: async ({ body }, ctx) => ({ status: 200, body: await sessions.refresh(ctx, body.refresh_token) }),
  logOut: async (_req, ctx) => {
    await sessions.logout(ctx);
    return { status: 204, body: undefined };
  },
} satisfies Partial<AppHandlers>;
