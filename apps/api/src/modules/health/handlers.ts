import type { AppHandlers } from '../../handlers.ts';
import { ApiError } from '../../http/errors.ts';

export const healthHandlers = {
  getHealth: async () => ({ status: 200, body: { status: 'ok' } }),

  getReadiness: async (_req, ctx) => {
    try {
      await ctx.db.ping();
    } catch (err) {
      ctx.log.warn({ err }, 'readiness: database ping failed');
      throw new ApiError('unavailable', 'the database is not reachable');
    }
    return { status: 200, body: { status: 'ok' } };
  },
} satisfies Partial<AppHandlers>;
