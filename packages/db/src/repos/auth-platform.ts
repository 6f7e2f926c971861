import { and, asc, desc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import {
  memberships,
  messageOutbox,
  oneTimeTokens,
  rateLimitCounters,
  refreshTokens,
  sessions,
  signingKeys,
  tenants,
  userPasswords,
  users,
} from '../schema.ts';
import type { OneTimeTokenRow, PageQuery, Role, SessionRow, SigningKeyRow, Tx } from '../types.ts';
import { page } from './page.ts';

/**
 * Platform queries of sign-in, refresh and the key ring: they run before a tenant is known (or
 * across a user's tenants), outside row-level security, so each states its own conditions.
 */
export function authPlatformRepo(tx: Tx) {
  return {
    // ── signing keys
    /** Keys still published: the active one and those retired after `retiredSince`. */
    async publishedSigningKeys(retiredSince: Date): Promise<SigningKeyRow[]> {
      return tx
        .select()
        .from(signingKeys)
        .where(or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, retiredSince)))
        .orderBy(desc(signingKeys.createdAt));
    },

    async allSigningKeys(): Promise<SigningKeyRow[]> {
      return tx.select().from(signingKeys).orderBy(desc(signingKeys.createdAt));
    },

    /** Serialises key creation and rotation across replicas for the rest of the transaction. */
    async lockSigningKeys(): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('qeetid.signing_keys'))`);
    },

    /** Retires the active key(s) and stores the new one, which becomes the active key. */
    async rotateSigningKey(key: typeof signingKeys.$inferInsert, now: Date): Promise<void> {
      await tx.update(signingKeys).set({ retiredAt: now }).where(isNull(signingKeys.retiredAt));
      await tx.insert(signingKeys).values(key);
    },

    /** The bootstrap (first) tenant, whose administrators run the platform. */
    async rootTenantId(): Promise<string | undefined> {
      const [row] = await tx
        .select({ id: tenants.id })
        .from(tenants)
        .where(isNull(tenants.parentId))
        .orderBy(asc(tenants.createdAt), asc(tenants.id))
        .limit(1);
      return row?.id;
    },

    // ── sign-in
    async userById(userId: string) {
      const [row] = await tx
        .select({
          id: users.id,
          homeTenantId: users.tenantId,
          email: users.email,
          phone: users.phone,
          status: users.status,
          deletedAt: users.deletedAt,
        })
        .from(users)
        .where(eq(users.id, userId));
      return row;
    },

    /** A live user by normalised email, with their password hash when they have one. */
    async userForLogin(emailNormalized: string) {
      const [row] = await tx
        .select({
          id: users.id,
          homeTenantId: users.tenantId,
          email: users.email,
          status: users.status,
          passwordHash: userPasswords.hash,
        })
        .from(users)
        .leftJoin(userPasswords, eq(userPasswords.userId, users.id))
        .where(and(eq(users.emailNormalized, emailNormalized), isNull(users.deletedAt)));
      return row;
    },

    /**
     * The tenant a sign-in lands in: `tenantId` when the user is a member of it, else their home
     * tenant when they are a member there, else their oldest membership.
     */
    async signInTenant(userId: string, tenantId?: string): Promise<{ tenantId: string; role: Role } | undefined> {
      const [row] = await tx
        .select({ tenantId: memberships.tenantId, role: memberships.role })
        .from(memberships)
        .innerJoin(tenants, and(eq(tenants.id, memberships.tenantId), isNull(tenants.deletedAt)))
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.userId, userId), tenantId ? eq(memberships.tenantId, tenantId) : undefined))
        .orderBy(desc(sql`${memberships.tenantId} = ${users.tenantId}`), asc(memberships.createdAt))
        .limit(1);
      return row ? { tenantId: row.tenantId, role: row.role as Role } : undefined;
    },

    // ── refresh
    /**
     * Marks an unused refresh token used and returns it. Under concurrency the row lock makes
     * exactly one caller see it unused; the others get undefined (RFC 9700 §4.14.2).
     */
    async claimRefreshToken(tokenHash: string, now: Date) {
      const [row] = await tx
        .update(refreshTokens)
        .set({ usedAt: now })
        .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.usedAt)))
        .returning({ tenantId: refreshTokens.tenantId, sessionId: refreshTokens.sessionId });
      return row;
    },

    async refreshTokenByHash(tokenHash: string) {
      const [row] = await tx
        .select({
          tenantId: refreshTokens.tenantId,
          sessionId: refreshTokens.sessionId,
          usedAt: refreshTokens.usedAt,
        })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash));
      return row;
    },

    /**
     * What an access token's holder may still do: the session (revoked? expired?), the user
     * (active?) and their role in the token's tenant (null when no longer a member).
     */
    async sessionStanding(tenantId: string, sessionId: string) {
      const [row] = await tx
        .select({
          session: sessions,
          userStatus: users.status,
          userDeletedAt: users.deletedAt,
          role: memberships.role,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(tenants, and(eq(tenants.id, sessions.tenantId), isNull(tenants.deletedAt)))
        .leftJoin(
          memberships,
          and(eq(memberships.tenantId, sessions.tenantId), eq(memberships.userId, sessions.userId)),
        )
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)));
      return row
        ? {
            session: row.session,
            userActive: row.userStatus === 'active' && row.userDeletedAt === null,
            role: row.role as Role | null,
          }
        : undefined;
    },

    // ── a user's sessions across tenants
    async sessionsOfUser(userId: string, now: Date, q: PageQuery): Promise<{ items: SessionRow[]; more: boolean }> {
      const rows = await tx
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.userId, userId),
            isNull(sessions.revokedAt),
            gt(sessions.expiresAt, now),
            q.after ? sql`${sessions.id} < ${q.after}` : undefined,
          ),
        )
        .orderBy(desc(sessions.id))
        .limit(q.limit + 1);
      return page(rows, q.limit);
    },

    async sessionOfUser(userId: string, sessionId: string): Promise<SessionRow | undefined> {
      const [row] = await tx
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)));
      return row;
    },

    /** Revokes a user's live sessions in every tenant except `keep`; the revoked (tenant, id) pairs. */
    async revokeSessionsOfUser(userId: string, reason: string, now: Date, keep?: string) {
      return tx
        .update(sessions)
        .set({ revokedAt: now, revokedReason: reason })
        .where(
          and(
            eq(sessions.userId, userId),
            isNull(sessions.revokedAt),
            gt(sessions.expiresAt, now),
            keep ? ne(sessions.id, keep) : undefined,
          ),
        )
        .returning({ tenantId: sessions.tenantId, id: sessions.id });
    },

    async setPassword(userId: string, hash: string, now: Date): Promise<void> {
      await tx
        .insert(userPasswords)
        .values({ userId, hash, updatedAt: now })
        .onConflictDoUpdate({ target: userPasswords.userId, set: { hash, updatedAt: now } });
    },

    async passwordOf(userId: string): Promise<{ hash: string; updatedAt: Date } | undefined> {
      const [row] = await tx
        .select({ hash: userPasswords.hash, updatedAt: userPasswords.updatedAt })
        .from(userPasswords)
        .where(eq(userPasswords.userId, userId));
      return row;
    },

    async markEmailVerified(userId: string, now: Date): Promise<void> {
      await tx.update(users).set({ emailVerified: true, updatedAt: now }).where(eq(users.id, userId));
    },

    // ── one-time tokens
    async insertOneTimeToken(values: typeof oneTimeTokens.$inferInsert): Promise<void> {
      await tx.insert(oneTimeTokens).values(values);
    },

    /** Consumes an unexpired, unused token by hash; undefined when there is none. */
    async consumeOneTimeToken(purpose: string, tokenHash: string, now: Date): Promise<OneTimeTokenRow | undefined> {
      const [row] = await tx
        .update(oneTimeTokens)
        .set({ consumedAt: now })
        .where(
          and(
            eq(oneTimeTokens.tokenHash, tokenHash),
            eq(oneTimeTokens.purpose, purpose),
            isNull(oneTimeTokens.consumedAt),
            gt(oneTimeTokens.expiresAt, now),
          ),
        )
        .returning();
      return row;
    },

    async oneTimeTokenByHash(tokenHash: string): Promise<OneTimeTokenRow | undefined> {
      const [row] = await tx.select().from(oneTimeTokens).where(eq(oneTimeTokens.tokenHash, tokenHash));
      return row;
    },

    /** The newest live code of a purpose sent to a user, locked until the transaction ends. */
    async latestCode(userId: string, purpose: string, now: Date): Promise<OneTimeTokenRow | undefined> {
      const [row] = await tx
        .select()
        .from(oneTimeTokens)
        .where(
          and(
            eq(oneTimeTokens.userId, userId),
            eq(oneTimeTokens.purpose, purpose),
            isNull(oneTimeTokens.consumedAt),
            gt(oneTimeTokens.expiresAt, now),
          ),
        )
        .orderBy(desc(oneTimeTokens.createdAt))
        .limit(1)
        .for('update');
      return row;
    },

    async countCodeAttempt(id: string): Promise<void> {
      await tx
        .update(oneTimeTokens)
        .set({ attempts: sql`${oneTimeTokens.attempts} + 1` })
        .where(eq(oneTimeTokens.id, id));
    },

    async consumeById(id: string, now: Date): Promise<void> {
      await tx.update(oneTimeTokens).set({ consumedAt: now }).where(eq(oneTimeTokens.id, id));
    },

    /** Voids the live tokens of one purpose for a user (a new one replaces them). */
    async voidOneTimeTokens(userId: string, purpose: string, now: Date): Promise<void> {
      await tx
        .update(oneTimeTokens)
        .set({ consumedAt: now })
        .where(
          and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.consumedAt)),
        );
    },

    // ── rate limits
    /**
     * Counts one attempt under `key` in a fixed window starting at `windowStart` (a new window
     * resets the count); returns the count including this attempt. One statement, so replicas
     * sharing the database never lose an increment.
     */
    async countAttempt(key: string, windowStart: Date): Promise<number> {
      const [row] = await tx
        .insert(rateLimitCounters)
        .values({ key, windowStartedAt: windowStart, count: 1 })
        .onConflictDoUpdate({
          target: rateLimitCounters.key,
          set: {
            count: sql`case when ${rateLimitCounters.windowStartedAt} = excluded.window_started_at then ${rateLimitCounters.count} + 1 else 1 end`,
            windowStartedAt: sql`excluded.window_started_at`,
          },
        })
        .returning({ count: rateLimitCounters.count });
      return row?.count ?? 1;
    },

    /** Current counts of the keys in the window starting at `windowStart`. */
    async attemptCounts(keys: string[], windowStart: Date): Promise<Map<string, number>> {
      const rows = await tx
        .select({ key: rateLimitCounters.key, count: rateLimitCounters.count })
        .from(rateLimitCounters)
        .where(and(sql`${rateLimitCounters.key} in ${keys}`, eq(rateLimitCounters.windowStartedAt, windowStart)));
      return new Map(rows.map((r) => [r.key, r.count]));
    },

    async clearAttempts(key: string): Promise<void> {
      await tx.delete(rateLimitCounters).where(eq(rateLimitCounters.key, key));
    },

    // ── dev outbox
    async storeMessage(values: typeof messageOutbox.$inferInsert): Promise<void> {
      await tx.insert(messageOutbox).values(values);
    },
  };
}
