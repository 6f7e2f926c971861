import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { personalAccessTokens } from '../schema.ts';
import type { PageQuery, PatRow, Tx } from '../types.ts';
import { page } from './page.ts';

export function patsRepo(tx: Tx, tenantId: string) {
  return {
    async insert(values: Omit<typeof personalAccessTokens.$inferInsert, 'tenantId'>): Promise<PatRow> {
      const [row] = await tx
        .insert(personalAccessTokens)
        .values({ ...values, tenantId })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    /** A user's tokens in this tenant, revoked ones included. */
    async listOfUser(userId: string, q: PageQuery) {
      const rows = await tx
        .select()
        .from(personalAccessTokens)
        .where(
          and(
            eq(personalAccessTokens.tenantId, tenantId),
            eq(personalAccessTokens.userId, userId),
            q.after ? gt(personalAccessTokens.id, q.after) : undefined,
          ),
        )
        .orderBy(asc(personalAccessTokens.id))
        .limit(q.limit + 1);
      return page(rows, q.limit);
    },

    /** Revokes a live token of the user; undefined when there is no such live token. */
    async revoke(userId: string, id: string, now: Date): Promise<PatRow | undefined> {
      const [row] = await tx
        .update(personalAccessTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(personalAccessTokens.tenantId, tenantId),
            eq(personalAccessTokens.userId, userId),
            eq(personalAccessTokens.id, id),
            isNull(personalAccessTokens.revokedAt),
          ),
        )
        .returning();
      return row;
    },
  };
}
