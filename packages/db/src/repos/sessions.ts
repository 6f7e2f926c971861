import { and, desc, eq, gt, isNull, lt, ne, type SQL } from 'drizzle-orm';
import { refreshTokens, sessions } from '../schema.ts';
import type { PageQuery, SessionRow, Tx } from '../types.ts';
import { page } from './page.ts';

export type NewSession = Omit<typeof sessions.$inferInsert, 'tenantId'>;

/** A tenant's sessions and their refresh-token families. */
export function sessionsRepo(tx: Tx, tenantId: string) {
  const live = (now: Date): SQL => and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now)) as SQL;
  return {
    async insert(values: NewSession): Promise<SessionRow> {
      const [row] = await tx
        .insert(sessions)
        .values({ ...values, tenantId })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async get(id: string): Promise<SessionRow | undefined> {
      const [row] = await tx
        .select()
        .from(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
      return row;
    },

    /** A user's live sessions in this tenant, newest first. */
    async listLive(userId: string, now: Date, q: PageQuery) {
      const rows = await tx
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.tenantId, tenantId),
            eq(sessions.userId, userId),
            live(now),
            q.after ? lt(sessions.id, q.after) : undefined,
          ),
        )
        .orderBy(desc(sessions.id))
        .limit(q.limit + 1);
      return page(rows, q.limit);
    },

    /** Revokes one live session; undefined when it was not live. */
    async revoke(id: string, reason: string, now: Date): Promise<SessionRow | undefined> {
      const [row] = await tx
        .update(sessions)
        .set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id), isNull(sessions.revokedAt)))
        .returning();
      return row;
    },

    /** Revokes every live session of a user here, except `keep`; the ids revoked. */
    async revokeAllOfUser(userId: string, reason: string, now: Date, keep?: string): Promise<string[]> {
      const rows = await tx
        .update(sessions)
        .set({ revokedAt: now, revokedReason: reason })
        .where(
          and(
            eq(sessions.tenantId, tenantId),
            eq(sessions.userId, userId),
            live(now),
            keep ? ne(sessions.id, keep) : undefined,
          ),
        )
        .returning({ id: sessions.id });
      return rows.map((r) => r.id);
    },

    async touch(id: string, now: Date): Promise<void> {
      await tx
        .update(sessions)
        .set({ lastActiveAt: now })
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
    },

    async addRefreshToken(values: { id: string; sessionId: string; tokenHash: string; createdAt: Date }) {
      await tx.insert(refreshTokens).values({ ...values, tenantId });
    },
  };
}
