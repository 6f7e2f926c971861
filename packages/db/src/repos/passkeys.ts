import { and, asc, eq } from 'drizzle-orm';
import { webauthnCredentials } from '../schema.ts';
import type { PasskeyRow, Tx } from '../types.ts';
import type { RunStatement } from './hot-statements.ts';

export type NewPasskey = Omit<typeof webauthnCredentials.$inferInsert, 'tenantId'>;

/** A verified assertion of a user's passkey: the counter it was checked against and what it reported. */
export interface PasskeyUse {
  passkeyId: string;
  previousSignCount: number;
  signCount: number;
  backupState: boolean;
}

/** $1 tenant, $2 user, $3 passkey, $4 counter read before verification, $5 new counter, $6 backup state, $7 when (migration 0073). */
const RECORD_USE = 'select qeet_record_passkey_use($1, $2, $3, $4, $5, $6, $7) as stored';

/** A tenant's WebAuthn credentials; every query names the user it is about. */
export function passkeysRepo(tx: Tx, run: RunStatement, tenantId: string) {
  const mine = (userId: string, id: string) =>
    and(
      eq(webauthnCredentials.tenantId, tenantId),
      eq(webauthnCredentials.userId, userId),
      eq(webauthnCredentials.id, id),
    );
  return {
    async listOfUser(userId: string): Promise<PasskeyRow[]> {
      return tx
        .select()
        .from(webauthnCredentials)
        .where(and(eq(webauthnCredentials.tenantId, tenantId), eq(webauthnCredentials.userId, userId)))
        .orderBy(asc(webauthnCredentials.id));
    },

    async insert(values: NewPasskey): Promise<PasskeyRow> {
      const [row] = await tx
        .insert(webauthnCredentials)
        .values({ ...values, tenantId })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async rename(userId: string, id: string, name: string): Promise<PasskeyRow | undefined> {
      const [row] = await tx.update(webauthnCredentials).set({ name }).where(mine(userId, id)).returning();
      return row;
    },

    async remove(userId: string, id: string): Promise<PasskeyRow | undefined> {
      const [row] = await tx.delete(webauthnCredentials).where(mine(userId, id)).returning();
      return row;
    },

    /**
     * Stores the counter and backup state of a successful assertion. The update only lands while
     * the stored counter is still the one the assertion was checked against, so two racing
     * assertions cannot both succeed (WebAuthn L3 §7.2 step 22). Every passkey sign-in runs it: fixed SQL text.
     */
    async recordUse(userId: string, use: PasskeyUse & { at: Date }): Promise<boolean> {
      const rows = await run<{ stored: boolean }>(RECORD_USE, [
        tenantId,
        userId,
        use.passkeyId,
        use.previousSignCount,
        use.signCount,
        use.backupState,
        use.at.toISOString(),
      ]);
      return rows[0]?.stored === true;
    },
  };
}
