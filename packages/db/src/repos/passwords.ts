import { and, eq } from 'drizzle-orm';
import { userPasswords, users } from '../schema.ts';
import type { Tx } from '../types.ts';
import { visibleTo } from './users.ts';

/** Password hashes of the users this tenant can see: the ones it manages and its members. */
export function passwordsRepo(tx: Tx, tenantId: string) {
  const visible = (userId: string) => and(eq(users.id, userId), visibleTo(tenantId));
  return {
    async get(userId: string): Promise<{ hash: string; updatedAt: Date } | undefined> {
      const [row] = await tx
        .select({ hash: userPasswords.hash, updatedAt: userPasswords.updatedAt })
        .from(userPasswords)
        .innerJoin(users, eq(users.id, userPasswords.userId))
        .where(visible(userId));
      return row;
    },

    /** Sets the hash of a visible user; false when the user is not visible here. */
    async set(userId: string, hash: string, now: Date): Promise<boolean> {
      const [user] = await tx.select({ id: users.id }).from(users).where(visible(userId));
      if (!user) return false;
      await upsertPassword(tx, userId, hash, now);
      return true;
    },
  };
}

/** Stores a user's password hash, replacing any earlier one (callers decide who may). */
export async function upsertPassword(tx: Tx, userId: string, hash: string, now: Date): Promise<void> {
  await tx
    .insert(userPasswords)
    .values({ userId, hash, updatedAt: now })
    .onConflictDoUpdate({ target: userPasswords.userId, set: { hash, updatedAt: now } });
}
