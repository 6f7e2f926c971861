import { personalAccessTokens } from '../schema.ts';
import type { PatRow, Tx } from '../types.ts';

export function patsRepo(tx: Tx, tenantId: string) {
  return {
    async insert(values: Omit<typeof personalAccessTokens.$inferInsert, 'tenantId'>): Promise<PatRow> {
      const [row] = await tx
        .insert(personalAccessTokens)
        .values({ ...values, tenantId })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
  };
}
