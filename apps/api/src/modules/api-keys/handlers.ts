import type { AppHandlers } from '../../handlers.ts';
import { decodeCursor, nextCursor } from '../../http/cursor.ts';
import { pathId } from '../../http/path-id.ts';
import { toApiKey } from './mapper.ts';
import * as apiKeys from './service.ts';

export const apiKeyHandlers = {
  createApiKey: async ({ body }, ctx) => {
    const { row, key } = await apiKeys.createApiKey(ctx, body);
    return { status: 201, body: { ...toApiKey(row), key } };
  },

  createTenantApiKey: async ({ body }, ctx) => {
    const { row, key } = await apiKeys.createApiKey(ctx, body);
    return { status: 201, body: { ...toApiKey(row), key } };
  },

  listApiKeys: async ({ query }, ctx) => {
    const tenant = ctx.tenant?.tenantId as string;
    const after = decodeCursor<string>(query.cursor, { list: 'api-keys', tenant, type: 'string' });
    const page = await apiKeys.listApiKeys(ctx, { after, limit: query.limit ?? 50 });
    return {
      status: 200,
      body: {
        items: page.items.map(toApiKey),
        next_cursor: nextCursor(page.items, page.more, 'api-keys', tenant, (k) => k.id),
      },
    };
  },

  revokeApiKey: async ({ path }, ctx) => {
    await apiKeys.revokeApiKey(ctx, pathId('apiKey', path.id, 'API key'));
    return { status: 204, body: undefined };
  },
} satisfies Partial<AppHandlers>;
