import { eq } from 'drizzle-orm';
import { authPolicies } from '../schema.ts';
import type { Tx } from '../types.ts';

export function authPoliciesRepo(tx: Tx, tenantId: string) {
  return {
    /** The tenant's stored settings; undefined until it first changes them. */
    async get(): Promise<Record<string, unknown> | undefined> {
      const [row] = await tx.select().from(authPolicies).where(eq(authPolicies.tenantId, tenantId));
      return row?.settings;
    },

    async put(settings: Record<string, unknown>, now: Date): Promise<void> {
      await tx
        .insert(authPolicies)
        .values({ tenantId, settings, updatedAt: now })
        .onConflictDoUpdate({ target: authPolicies.tenantId, set: { settings, updatedAt: now } });
    },
  };
}
