import { encodeId } from '@qeetid/contract';
import type { AppHandlers } from '../../handlers.ts';
import { actorOf, principalOf } from '../../http/context.ts';

export const authHandlers = {
  getMe: async (_req, ctx) => {
    const principal = principalOf(ctx);
    return {
      status: 200,
      body: {
        actor: actorOf(principal),
        tenant_id: encodeId('tenant', ctx.tenant?.tenantId ?? principal.tenantId),
        user_id: principal.kind === 'api_key' ? null : encodeId('user', principal.userId),
        session_id: null,
        scopes: [...principal.scopes],
        auth_method: principal.kind,
      },
    };
  },
} satisfies Partial<AppHandlers>;
