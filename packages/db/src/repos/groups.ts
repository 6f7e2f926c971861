import { and, asc, eq, gt } from 'drizzle-orm';
import { groupMembers, groups, users } from '../schema.ts';
import type { PageQuery, Tx } from '../types.ts';
import { page } from './page.ts';

export type GroupRow = typeof groups.$inferSelect;

export function groupsRepo(tx: Tx, tenantId: string) {
  return {
    async list(q: PageQuery) {
      const rows = await tx
        .select()
        .from(groups)
        .where(and(eq(groups.tenantId, tenantId), q.after ? gt(groups.id, q.after) : undefined))
        .orderBy(asc(groups.id))
        .limit(q.limit + 1);
      return page(rows, q.limit);
    },

    async get(id: string): Promise<GroupRow | undefined> {
      const [row] = await tx
        .select()
        .from(groups)
        .where(and(eq(groups.tenantId, tenantId), eq(groups.id, id)));
      return row;
    },

    async insert(values: { id: string; name: string; description: string | null }, now: Date): Promise<GroupRow> {
      const [row] = await tx
        .insert(groups)
        .values({ ...values, tenantId, createdAt: now, updatedAt: now })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async update(id: string, patch: { name?: string; description?: string | null }, now: Date) {
      const [row] = await tx
        .update(groups)
        .set({ ...patch, updatedAt: now })
        .where(and(eq(groups.tenantId, tenantId), eq(groups.id, id)))
        .returning();
      return row;
    },

    /** Deletes the group; its memberships and role grants go with it (foreign keys cascade). */
    async delete(id: string): Promise<GroupRow | undefined> {
      const [row] = await tx
        .delete(groups)
        .where(and(eq(groups.tenantId, tenantId), eq(groups.id, id)))
        .returning();
      return row;
    },

    async members(id: string, q: PageQuery) {
      const rows = await tx
        .select({
          userId: groupMembers.userId,
          email: users.email,
          displayName: users.displayName,
          addedAt: groupMembers.createdAt,
        })
        .from(groupMembers)
        .innerJoin(users, eq(users.id, groupMembers.userId))
        .where(
          and(
            eq(groupMembers.tenantId, tenantId),
            eq(groupMembers.groupId, id),
            q.after ? gt(groupMembers.userId, q.after) : undefined,
          ),
        )
        .orderBy(asc(groupMembers.userId))
        .limit(q.limit + 1);
      return page(rows, q.limit);
    },

    async addMember(id: string, userId: string, now: Date): Promise<boolean> {
      const rows = await tx
        .insert(groupMembers)
        .values({ tenantId, groupId: id, userId, createdAt: now })
        .onConflictDoNothing()
        .returning({ userId: groupMembers.userId });
      return rows.length === 1;
    },

    async removeMember(id: string, userId: string): Promise<boolean> {
      const rows = await tx
        .delete(groupMembers)
        .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.groupId, id), eq(groupMembers.userId, userId)))
        .returning({ userId: groupMembers.userId });
      return rows.length === 1;
    },
  };
}
