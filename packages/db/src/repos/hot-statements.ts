import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../types.ts';

/**
 * Runs one fixed SQL text with `$n` parameters. Outside a transaction it is a prepared statement
 * (parsed and planned once per connection); inside one it goes through the transaction.
 * Parameters are strings, numbers or null (timestamps as ISO strings): the raw drivers do not
 * serialise every JS type alike.
 */
export type RunStatement = <T>(text: string, params: (string | number | null)[]) => Promise<T[]>;

/** The same statement bound into a drizzle transaction. */
export function boundStatement(tx: Tx): RunStatement {
  return async <T>(text: string, params: (string | number | null)[]) => {
    const pieces = text.split(/\$(\d+)/);
    const chunks: SQL[] = pieces.map((piece, i) =>
      i % 2 === 0 ? sql.raw(piece) : sql`${params[Number(piece) - 1] ?? null}`,
    );
    const result = await tx.execute(sql.join(chunks));
    return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
  };
}
