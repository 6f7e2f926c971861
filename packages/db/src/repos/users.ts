import { and, asc, eq, exists, gt, isNotNull, isNull, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { memberships, users } from '../schema.ts';
import type { PageQuery, Tx, UserRow } from '../types.ts';
import { compiled, rowOf } from './compiled.ts';
import type { RunStatement } from './hot-statements.ts';
import { page } from './page.ts';

export type NewUser = Omit<typeof users.$inferInsert, 'tenantId'>;
export type UserPatch = Partial<
  Pick<
    UserRow,
    'email' | 'emailNormalized' | 'emailVerified' | 'phoneVerified' | 'displayName' | 'phone' | 'status' | 'metadata'
  >
>;

const qb = new QueryBuilder();

/** A tenant sees the users it manages (home tenant) and the users who are its members. */
export const visibleTo = (tenantId: string | Placeholder) =>
  or(
    eq(users.tenantId, tenantId),
    exists(
      qb
        .select({ one: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, users.id))),
    ),
  ) as SQL;

/** Every API request about one user reads it: built once. */
const getUser = compiled(
  qb
    .select()
    .from(users)
    .where(and(visibleTo(sql.placeholder('tenantId')), eq(users.id, sql.placeholder('id')))),
  rowOf(users),
);

export function usersRepo(tx: Tx, run: RunStatement, tenantId: string) {
  const visible = visibleTo(tenantId);

  return {
    async list(q: PageQuery & { deleted: boolean; email?: string | undefined }) {
      const rows = await tx
        .select()
        .from(users)
        .where(
          and(
            visible,
            q.deleted ? isNotNull(users.deletedAt) : isNull(users.deletedAt),
            q.after ? gt(users.id, q.after) : undefined,
            q.email ? eq(users.emailNormalized, q.email) : undefined,
          ),
        )
        .orderBy(asc(users.id))
        .limit(q.limit + 1);
      return page(rows, q.limit);
    },

    /** A visible user, deleted or not. */
    async get(id: string): Promise<UserRow | undefined> {
      const [row] = await getUser(run, { tenantId, id });
      return row;
    },

    async insert(values: NewUser): Promise<UserRow> {
      const [row] = await tx
        .insert(users)
        .values({ ...values, tenantId })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    /** Changes a user this tenant manages; undefined when it does not manage them. */
    async update(id: string, patch: UserPatch & { deletedAt?: Date | null }, now: Date) {
      const [row] = await tx
        .update(users)
        .set({ ...patch, updatedAt: now })
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
        .returning();
      return row;
    },

    async purge(id: string): Promise<boolean> {
      const rows = await tx
        .delete(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id), isNotNull(users.deletedAt)))
        .returning({ id: users.id });
      return rows.length === 1;
    },
  };
}
