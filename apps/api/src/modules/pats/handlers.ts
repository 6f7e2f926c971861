import { encodeId, type PersonalAccessToken } from '@qeetid/contract';
import type { PatRow } from '@qeetid/db';
import type { AppHandlers } from '../../handlers.ts';
import { decodeCursor, nextCursor } from '../../http/cursor.ts';
import { pathId } from '../../http/path-id.ts';
import { callingUser } from '../sessions/service.ts';
import * as pats from './service.ts';

function toPat(row: PatRow): PersonalAccessToken {
  return {
    id: encodeId('pat', row.id),
    tenant_id: encodeId('tenant', row.tenantId),
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    expires_at: row.expiresAt?.toISOString() ?? null,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}

export const patHandlers = {
  createPersonalAccessToken: async ({ body }, ctx) => {
    const { row, token } = await pats.createPat(ctx, body);
    return { status: 201, body: { ...toPat(row), token } };
  },
  listPersonalAccessTokens: async ({ query }, ctx) => {
    const scope = callingUser(ctx).userId;
    const after = decodeCursor<string>(query.cursor, { list: 'pats', tenant: scope, type: 'string' });
    const page = await pats.listPats(ctx, { after, limit: query.limit ?? 50 });
    return {
      status: 200,
      body: {
        items: page.items.map(toPat),
        next_cursor: nextCursor(page.items, page.more, 'pats', scope, (p) => p.id),
      },
    };
  },
  revokePersonalAccessToken: async ({ path }, ctx) => {
    await pats.revokePat(ctx, pathId('pat', path.id, 'personal access token'));
    return { status: 204, body: undefined };
  },
} satisfies Partial<AppHandlers>;
