import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { apiKeys } from '../schema.ts';
import type { ApiKeyRow, PageQuery, Tx } from '../types.ts';
import { page } from './page.ts';

export function apiKeysRepo(tx: Tx, tenantId: string) {
  return {
    async insert(values: Omit<typeof apiKeys.$inferInsert, 'tenantId'>): Promise<ApiKeyRow> {
      const [row] = await tx
        .insert(apiKeys)
        .values({ ...values, tenantId })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async list(q: PageQuery) {
      const rows = await tx
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.tenantId, tenantId), q.after ? gt(apiKeys.id, q.after) : undefined))
        .orderBy(asc(apiKeys.id))
        .limit(q.limit + 1);
      return page(rows, q.limit);
    },

    async get(id: string): Promise<ApiKeyRow | undefined> {
      const [row] = await tx
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
      return row;
    },

    /** Revokes a live key; undefined when there is no such live key. */
    async revoke(id: string, now: Date): Promise<ApiKeyRow | undefined> {
      const [row] = await tx
        .update(apiKeys)
        .set({ revokedAt: now })
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning();
      return row;
    },
  };
}
