import { and, asc, desc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import {
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
import { rowOf } from './compiled.ts';
import type { RunStatement } from './hot-statements.ts';
import { page } from './page.ts';
import { upsertPassword } from './passwords.ts';

interface RotatedRow extends StandingRow {
  settings: Record<string, unknown> | null;
  rotated: number | string;
}

export interface RotatedRefresh {
  session: SessionRow;
  userActive: boolean;
  role: Role | null;
  /** The tenant's stored auth-policy settings, if it ever set any. */
  policy: Record<string, unknown> | undefined;
  /** True when the successor token was stored (the session was live). */
  rotated: boolean;
}

const STANDING_COLUMNS = `s.tenant_id, s.id, s.user_id, s.auth_methods, s.ip, s.user_agent, s.created_at,
  s.last_active_at, s.expires_at, s.revoked_at, s.revoked_reason,
  (u.status = 'active' and u.deleted_at is null) as user_active, m.role`;
const STANDING_JOINS = `join users u on u.id = s.user_id
  join tenants t on t.id = s.tenant_id and t.deleted_at is null
  left join memberships m on m.tenant_id = s.tenant_id and m.user_id = s.user_id`;

/**
 * Every bearer request with an access token reads this: one prepared statement, with the
 * tenant's authorization version so the permission check needs no second query.
 */
const SESSION_STANDING = `select ${STANDING_COLUMNS}, coalesce(av.version, 0) as authz_version
  from sessions s ${STANDING_JOINS}
  left join authz_versions av on av.tenant_id = s.tenant_id
  where s.tenant_id = $1 and s.id = $2`;

/** $1 now, $2 presented token hash, $3 successor id, $4 successor hash. */
const ROTATE_REFRESH_TOKEN = `with claimed as (
    update refresh_tokens set used_at = $1
    where token_hash = $2 and used_at is null
    returning tenant_id, session_id
  ), standing as (
    select ${STANDING_COLUMNS}, p.settings
    from claimed c join sessions s on s.tenant_id = c.tenant_id and s.id = c.session_id ${STANDING_JOINS}
    left join auth_policies p on p.tenant_id = s.tenant_id
  ), live as (
    select tenant_id, id from standing
    where revoked_at is null and expires_at > $1 and user_active and role is not null
  ), successor as (
    insert into refresh_tokens (tenant_id, id, session_id, token_hash, created_at)
    select tenant_id, $3, id, $4, $1 from live
    returning 1
  ), touched as (
    update sessions set last_active_at = $1 from live
    where sessions.tenant_id = live.tenant_id and sessions.id = live.id
    returning 1
  )
  select standing.*, (select count(*) from successor) as rotated from standing`;

/**
 * The membership a sign-in of user `user` lands in: in tenant `wanted` when the user is a member
 * of it, else their home tenant when they are a member there, else their oldest membership.
 * `user` and `wanted` are SQL expressions (parameters or columns); `wanted` may be null.
 */
export const signInMembership = (user: string, wanted: string) => `select m.tenant_id, m.role
  from memberships m
  join tenants t on t.id = m.tenant_id and t.deleted_at is null
  join users u on u.id = m.user_id
  where m.user_id = ${user} and (${wanted}::uuid is null or m.tenant_id = ${wanted}::uuid)
  order by m.tenant_id = u.tenant_id desc, m.created_at asc
  limit 1`;

const SIGN_IN_TENANT = signInMembership('$1', '$2');

/** A session row as the driver returns it, with the standing read along. */
interface StandingRow extends Record<string, unknown> {
  user_active: boolean;
  role: string | null;
}

const sessionOf = rowOf(sessions);

function standingOf(row: StandingRow): { session: SessionRow; userActive: boolean; role: Role | null } {
  return { session: sessionOf(row), userActive: row.user_active, role: row.role as Role | null };
}

/**
 * Platform queries of sign-in, refresh and the key ring: they run before a tenant is known (or
 * across a user's tenants), outside row-level security, so each states its own conditions.
 */
export function authPlatformRepo(tx: Tx, run: RunStatement) {
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

    /** The tenant a sign-in lands in (`signInMembership`). */
    async signInTenant(userId: string, tenantId?: string): Promise<{ tenantId: string; role: Role } | undefined> {
      const [row] = await run<{ tenant_id: string; role: string }>(SIGN_IN_TENANT, [userId, tenantId ?? null]);
      return row ? { tenantId: row.tenant_id, role: row.role as Role } : undefined;
    },

    // ── refresh
    /**
     * The whole happy path of a refresh in one statement (atomic on its own, one round trip):
     * claim the unused token, read the session's standing and the tenant's policy, and — only
     * when the session is live, the user active and still a member — store the successor token
     * and touch the session. Undefined when the token was not claimed (unknown, or used before:
     * the caller then looks closer). The row lock of the claim lets exactly one concurrent
     * caller through.
     */
    async rotateRefreshToken(
      tokenHash: string,
      successor: { id: string; tokenHash: string },
      now: Date,
    ): Promise<RotatedRefresh | undefined> {
      const [row] = await run<RotatedRow>(ROTATE_REFRESH_TOKEN, [
        now.toISOString(),
        tokenHash,
        successor.id,
        successor.tokenHash,
      ]);
      if (!row) return undefined;
      return { ...standingOf(row), policy: row.settings ?? undefined, rotated: Number(row.rotated) === 1 };
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
      const [row] = await run<StandingRow & { authz_version: number | string }>(SESSION_STANDING, [
        tenantId,
        sessionId,
      ]);
      return row ? { ...standingOf(row), authzVersion: Number(row.authz_version) } : undefined;
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

    setPassword: (userId: string, hash: string, now: Date) => upsertPassword(tx, userId, hash, now),

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

    /** Current counts of several counters, each in its own current window; absent = 0. */
    async attemptCounts(counters: { key: string; windowStart: Date }[]): Promise<Map<string, number>> {
      if (!counters.length) return new Map();
      const rows = await tx
        .select({ key: rateLimitCounters.key, count: rateLimitCounters.count })
        .from(rateLimitCounters)
        .where(
          or(
            ...counters.map((c) =>
              and(eq(rateLimitCounters.key, c.key), eq(rateLimitCounters.windowStartedAt, c.windowStart)),
            ),
          ),
        );
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
