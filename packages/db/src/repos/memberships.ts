import { and, asc, count, eq, gt, isNull } from 'drizzle-orm';
import { memberships, users } from '../schema.ts';
import type { PageQuery, Role, Tx } from '../types.ts';
import { page } from './page.ts';

export function membershipsRepo(tx: Tx, tenantId: string) {
  return {
    async add(userId: string, role: Role, now: Date): Promise<void> {
      await tx.insert(memberships).values({ tenantId, userId, role, createdAt: now });
    },

    async role(userId: string): Promise<Role | undefined> {
      const [row] = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
      return row?.role as Role | undefined;
    },

    /** Changes the built-in role a membership carries; false when not a member. */
    async setRole(userId: string, role: Role): Promise<boolean> {
      const rows = await tx
        .update(memberships)
        .set({ role })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
        .returning({ userId: memberships.userId });
      return rows.length === 1;
    },

    async countWithRole(role: Role): Promise<number> {
      const [row] = await tx
        .select({ n: count() })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, role)));
      return row?.n ?? 0;
    },

    async removeAll(userId: string): Promise<void> {
      await tx.delete(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
    },

    /** Members who are not in the recycle bin, with the profile fields a member list shows. */
    async list(q: PageQuery) {
      const rows = await tx
        .select({
          userId: memberships.userId,
          role: memberships.role,
          joinedAt: memberships.createdAt,
          email: users.email,
          displayName: users.displayName,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(
            eq(memberships.tenantId, tenantId),
            isNull(users.deletedAt),
            q.after ? gt(memberships.userId, q.after) : undefined,
          ),
        )
        .orderBy(asc(memberships.userId))
        .limit(q.limit + 1);
      return page(rows, q.limit);
    },
  };
}
