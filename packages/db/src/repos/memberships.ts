import { and, asc, eq, gt, isNull } from 'drizzle-orm';
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
