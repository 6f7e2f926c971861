import { and, desc, eq, gt, isNull, lt, ne, type SQL } from 'drizzle-orm';
import { refreshTokens, sessions } from '../schema.ts';
import type { PageQuery, SessionRow, Tx } from '../types.ts';
import type { RunStatement } from './hot-statements.ts';
import { page } from './page.ts';

/** $1 tenant, $2–$8 the session ($3 user, $4 methods as JSON), $9–$10 its first refresh token (migration 0073). */
const OPEN_SESSION = 'select qeet_open_session($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10)';

export type NewSession = Omit<typeof sessions.$inferInsert, 'tenantId' | 'lastActiveAt'> & {
  refreshToken: { id: string; tokenHash: string };
};

/** A new session as `qeet_open_session` takes it after the tenant (migration 0073). */
export function sessionParams(values: NewSession): (string | null)[] {
  return [
    values.id,
    values.userId,
    JSON.stringify(values.authMethods),
    values.ip ?? null,
    values.userAgent ?? null,
    values.createdAt.toISOString(),
    values.expiresAt.toISOString(),
    values.refreshToken.id,
    values.refreshToken.tokenHash,
  ];
}

/** The row a new session has once stored: last active when it is created, neither revoked nor expired. */
export function openedSession(tenantId: string, values: NewSession): SessionRow {
  return {
    tenantId,
    id: values.id,
    userId: values.userId,
    authMethods: values.authMethods,
    ip: values.ip ?? null,
    userAgent: values.userAgent ?? null,
    createdAt: values.createdAt,
    lastActiveAt: values.createdAt,
    expiresAt: values.expiresAt,
    revokedAt: null,
    revokedReason: null,
  };
}

/** A tenant's sessions and their refresh-token families. */
export function sessionsRepo(tx: Tx, run: RunStatement, tenantId: string) {
  const live = (now: Date): SQL => and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now)) as SQL;
  return {
    /**
     * A new session and the first refresh token of its family, in one statement (every sign-in
     * runs it); the session is last active when it is created.
     */
    async open(values: NewSession): Promise<SessionRow> {
      await run(OPEN_SESSION, [tenantId, ...sessionParams(values)]);
      return openedSession(tenantId, values);
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
