import { encodeId } from '@qeetid/contract';
import type { AppHandlers } from '../../handlers.ts';
import { actorOf, principalOf } from '../../http/context.ts';
import { changeOwnPassword, passwordStatus } from '../passwords/service.ts';
import * as auth from './service.ts';

export const authHandlers = {
  getMe: async (_req, ctx) => {
    const principal = principalOf(ctx);
    return {
      status: 200,
      body: {
        actor: actorOf(principal),
        tenant_id: encodeId('tenant', ctx.tenant?.tenantId ?? principal.tenantId),
        user_id: principal.kind === 'api_key' ? null : encodeId('user', principal.userId),
        session_id: principal.kind === 'access_token' ? encodeId('session', principal.sessionId) : null,
        scopes: [...principal.scopes],
        auth_method: principal.kind,
      },
    };
  },
  signUp: async ({ body }, ctx) => ({ status: 201, body: await auth.signup(ctx, body) }),
  logIn: async ({ body }, ctx) => ({ status: 200, body: await auth.login(ctx, body) }),
  getPasswordStatus: async (_req, ctx) => ({ status: 200, body: await passwordStatus(ctx) }),
  changePassword: async ({ body }, ctx) => {
    await changeOwnPassword(ctx, body);
    return { status: 204, body: undefined };
  },
} satisfies Partial<AppHandlers>;
