import type { Transaction } from '@electric-sql/pglite';
import type { TransactionSql } from 'postgres';
import type { Tx } from '../types.ts';

/**
 * Runs one fixed SQL text with `$n` parameters. It is a prepared statement on postgres.js (parsed
 * and planned once per connection), a plain query on PGlite. Parameters are strings, numbers,
 * booleans or null (timestamps as ISO strings, arrays and objects as JSON text cast in the SQL):
 * the raw drivers do not serialise every other JS type alike.
 */
export type RunStatement = <T>(text: string, params: (string | number | boolean | null)[]) => Promise<T[]>;

/**
 * The same statements inside a drizzle transaction. Fixed SQL text skips drizzle's query
 * building, which costs more CPU than running the statement. drizzle keeps the driver's
 * transaction client on the transaction's session (`tx._.session.client`, not in its types):
 * a postgres.js TransactionSql or a PGlite Transaction.
 */
export function transactionStatement(tx: Tx): RunStatement {
  const client = (tx._.session as unknown as { client: Pick<TransactionSql, 'unsafe'> | Transaction }).client;
  if ('unsafe' in client) {
    return async (text, params) => (await client.unsafe(text, params, { prepare: true })) as never;
  }
  return async (text, params) => (await client.query(text, params)).rows as never;
}
