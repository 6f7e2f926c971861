import { GENESIS_HASH } from '@qeetid/contract';
import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { apiKeys, auditHeads, authzVersions, memberships, personalAccessTokens, tenants, users } from '../schema.ts';
import type { PageQuery, Role, TenantRow, Tx } from '../types.ts';
import { authPlatformRepo } from './auth-platform.ts';
import { compiled, rowOf } from './compiled.ts';
import type { RunStatement } from './hot-statements.ts';
import { page } from './page.ts';
import { signInLookups } from './sign-in-lookups.ts';

const qb = new QueryBuilder();
const apiKeyRow = rowOf(apiKeys);
const patRow = rowOf(personalAccessTokens);

// The credential lookups run on every request: built once. Each reads the tenant's authorization
// version along, so checks need no second query.
const apiKeyByPrefix = compiled(
  qb
    .select({ key: apiKeys, authzVersion: authzVersions.version })
    .from(apiKeys)
    .innerJoin(tenants, and(eq(tenants.id, apiKeys.tenantId), isNull(tenants.deletedAt)))
    .leftJoin(authzVersions, eq(authzVersions.tenantId, apiKeys.tenantId))
    .where(eq(apiKeys.prefix, sql.placeholder('prefix'))),
  (raw) => ({ ...apiKeyRow(raw), authzVersion: Number(raw.version ?? 0) }),
);

const patByPrefix = compiled(
  qb
    .select({ pat: personalAccessTokens, role: memberships.role, authzVersion: authzVersions.version })
    .from(personalAccessTokens)
    .innerJoin(tenants, and(eq(tenants.id, personalAccessTokens.tenantId), isNull(tenants.deletedAt)))
    .innerJoin(users, and(eq(users.id, personalAccessTokens.userId), isNull(users.deletedAt)))
    .leftJoin(
      memberships,
      and(eq(memberships.tenantId, personalAccessTokens.tenantId), eq(memberships.userId, personalAccessTokens.userId)),
    )
    .leftJoin(authzVersions, eq(authzVersions.tenantId, personalAccessTokens.tenantId))
    .where(and(eq(personalAccessTokens.prefix, sql.placeholder('prefix')), eq(users.status, 'active'))),
  (raw) => ({ ...patRow(raw), role: raw.role as Role | null, authzVersion: Number(raw.version ?? 0) }),
);

const liveTenant = compiled(
  qb
    .select()
    .from(tenants)
    .where(and(eq(tenants.id, sql.placeholder('id')), isNull(tenants.deletedAt))),
  rowOf(tenants),
);

const authzVersionOf = compiled(
  qb
    .select({ version: authzVersions.version })
    .from(authzVersions)
    .where(eq(authzVersions.tenantId, sql.placeholder('tenantId'))),
  (raw) => Number(raw.version),
);

/**
 * The few queries that run before a tenant is known (credential lookup, tenant creation,
 * "which tenants can I reach"). They run as the connecting role, outside row-level security,
 * so each one states its own tenant condition.
 */
export function platformRepo(tx: Tx, run: RunStatement) {
  return {
    ...signInLookups(tx, run),
    ...authPlatformRepo(tx, run),
    /** The key with its tenant's authorization version. */
    async apiKeyByPrefix(prefix: string) {
      const [row] = await apiKeyByPrefix(run, { prefix });
      return row;
    },

    /** The token with its user's role in the token's tenant (null when no longer a member). */
    async patByPrefix(prefix: string) {
      const [row] = await patByPrefix(run, { prefix });
      return row;
    },

    async touchApiKey(tenantId: string, id: string, at: Date): Promise<void> {
      await tx
        .update(apiKeys)
        .set({ lastUsedAt: at })
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)));
    },

    async touchPat(tenantId: string, id: string, at: Date): Promise<void> {
      await tx
        .update(personalAccessTokens)
        .set({ lastUsedAt: at })
        .where(and(eq(personalAccessTokens.tenantId, tenantId), eq(personalAccessTokens.id, id)));
    },

    async tenant(id: string): Promise<TenantRow | undefined> {
      const [row] = await liveTenant(run, { id });
      return row;
    },

    async membershipRole(tenantId: string, userId: string): Promise<Role | undefined> {
      const [row] = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .innerJoin(tenants, and(eq(tenants.id, memberships.tenantId), isNull(tenants.deletedAt)))
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
      return row?.role as Role | undefined;
    },

    /** The tenant's authorization version: cached decisions older than this are stale. */
    async authzVersion(tenantId: string): Promise<number> {
      const [row] = await authzVersionOf(run, { tenantId });
      return row ?? 0;
    },

    async hasTenants(): Promise<boolean> {
      const [row] = await tx.select({ id: tenants.id }).from(tenants).limit(1);
      return row !== undefined;
    },

    /** Serialises first-start bootstrap across replicas for the rest of the transaction. */
    async lockBootstrap(): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('qeetid.bootstrap'))`);
    },

    /** A tenant row and the genesis of its audit chain. */
    async insertTenant(values: { id: string; name: string; parentId: string | null }, now: Date) {
      const [row] = await tx
        .insert(tenants)
        .values({ ...values, createdAt: now, updatedAt: now })
        .returning();
      await tx.insert(auditHeads).values({ tenantId: values.id, seq: 0, hash: GENESIS_HASH });
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    /** Tenants a user is a member of. */
    async tenantsOfUser(userId: string, q: PageQuery) {
      const rows = await tx
        .select({ tenant: tenants })
        .from(memberships)
        .innerJoin(tenants, and(eq(tenants.id, memberships.tenantId), isNull(tenants.deletedAt)))
        .where(and(eq(memberships.userId, userId), q.after ? gt(tenants.id, q.after) : undefined))
        .orderBy(asc(tenants.id))
        .limit(q.limit + 1);
      return page(
        rows.map((r) => r.tenant),
        q.limit,
      );
    },

    /** A tenant and the tenants created under it. */
    async tenantAndChildren(tenantId: string, q: PageQuery) {
      const rows = await tx
        .select()
        .from(tenants)
        .where(
          and(
            or(eq(tenants.id, tenantId), eq(tenants.parentId, tenantId)),
            isNull(tenants.deletedAt),
            q.after ? gt(tenants.id, q.after) : undefined,
          ),
        )
        .orderBy(asc(tenants.id))
        .limit(q.limit + 1);
      return page(rows, q.limit);
    },
  };
}
