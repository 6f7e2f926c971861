import { and, asc, eq, gt } from 'drizzle-orm';
import { abacPolicies } from '../schema.ts';
import type { PageQuery, Tx } from '../types.ts';
import { page } from './page.ts';

export type AbacPolicyRow = typeof abacPolicies.$inferSelect;
export type AbacPolicyFields = Pick<
  AbacPolicyRow,
  'name' | 'description' | 'effect' | 'permissions' | 'condition' | 'enabled'
>;

export function abacPoliciesRepo(tx: Tx, tenantId: string) {
  return {
    async list(q: PageQuery) {
      const rows = await tx
        .select()
        .from(abacPolicies)
        .where(and(eq(abacPolicies.tenantId, tenantId), q.after ? gt(abacPolicies.id, q.after) : undefined))
        .orderBy(asc(abacPolicies.id))
        .limit(q.limit + 1);
      return page(rows, q.limit);
    },

    /** Every enabled policy, for the decision engine. */
    async enabled(): Promise<AbacPolicyRow[]> {
      return tx
        .select()
        .from(abacPolicies)
        .where(and(eq(abacPolicies.tenantId, tenantId), eq(abacPolicies.enabled, true)))
        .orderBy(asc(abacPolicies.id));
    },

    async get(id: string): Promise<AbacPolicyRow | undefined> {
      const [row] = await tx
        .select()
        .from(abacPolicies)
        .where(and(eq(abacPolicies.tenantId, tenantId), eq(abacPolicies.id, id)));
      return row;
    },

    async insert(id: string, values: AbacPolicyFields, now: Date): Promise<AbacPolicyRow> {
      const [row] = await tx
        .insert(abacPolicies)
        .values({ ...values, id, tenantId, createdAt: now, updatedAt: now })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async update(id: string, patch: Partial<AbacPolicyFields>, now: Date) {
      const [row] = await tx
        .update(abacPolicies)
        .set({ ...patch, updatedAt: now })
        .where(and(eq(abacPolicies.tenantId, tenantId), eq(abacPolicies.id, id)))
        .returning();
      return row;
    },

    async delete(id: string): Promise<AbacPolicyRow | undefined> {
      const [row] = await tx
        .delete(abacPolicies)
        .where(and(eq(abacPolicies.tenantId, tenantId), eq(abacPolicies.id, id)))
        .returning();
      return row;
    },
  };
}
