import { auditEventWire } from '@qeetid/db';
import type { AppHandlers } from '../../handlers.ts';
import { decodeCursor, nextCursor } from '../../http/cursor.ts';
import * as audit from './service.ts';

export const auditHandlers = {
  listAuditEvents: async ({ query }, ctx) => {
    const tenant = ctx.tenant?.tenantId as string;
    const beforeSeq = decodeCursor<number>(query.cursor, { list: 'audit', tenant, type: 'number' });
    const page = await audit.listEvents(ctx, {
      action: query.action,
      actorId: query.actor_id,
      targetId: query.target_id,
      since: query.since ? new Date(query.since) : undefined,
      until: query.until ? new Date(query.until) : undefined,
      beforeSeq,
      limit: query.limit ?? 50,
    });
    return {
      status: 200,
      body: {
        items: page.items.map(auditEventWire),
        next_cursor: nextCursor(page.items, page.more, 'audit', tenant, (e) => e.seq),
      },
    };
  },

  verifyAuditChain: async (_req, ctx) => ({ status: 200, body: await audit.verifyChain(ctx) }),

  exportAuditEvents: async (_req, ctx) =>
    new Response(audit.exportNdjson(ctx), {
      status: 200,
      headers: { 'content-type': 'application/x-ndjson', 'x-request-id': ctx.requestId },
    }),
} satisfies Partial<AppHandlers>;
