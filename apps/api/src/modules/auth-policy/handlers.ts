import type { AppHandlers } from '../../handlers.ts';
import * as policies from './service.ts';

export const authPolicyHandlers = {
  getAuthPolicy: async (_req, ctx) => ({ status: 200, body: await policies.getPolicy(ctx) }),
  updateAuthPolicy: async ({ body }, ctx) => ({ status: 200, body: await policies.putPolicy(ctx, body) }),
} satisfies Partial<AppHandlers>;
