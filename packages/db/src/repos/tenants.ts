import { and, eq, isNull, or } from 'drizzle-orm';
import { tenants } from '../schema.ts';
import type { TenantRow, Tx } from '../types.ts';

/** The scope's own tenant and the tenants created under it. */
export function tenantsRepo(tx: Tx, tenantId: string) {
  const reachable = (id: string) =>
    and(eq(tenants.id, id), or(eq(tenants.id, tenantId), eq(tenants.parentId, tenantId)), isNull(tenants.deletedAt));

  return {
    async get(id: string): Promise<TenantRow | undefined> {
      const [row] = await tx.select().from(tenants).where(reachable(id));
      return row;
    },

    async update(id: string, patch: { name?: string | undefined; deletedAt?: Date }, now: Date) {
      const [row] = await tx
        .update(tenants)
        .set({ ...patch, updatedAt: now })
        .where(reachable(id))
        .returning();
      return row;
    },
  };
}
