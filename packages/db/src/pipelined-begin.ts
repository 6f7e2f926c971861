import type { ReservedSql, Sql } from 'postgres';

/**
 * The postgres.js client drizzle runs on, except that a transaction does not wait for its BEGIN:
 * postgres.js `begin` awaits the BEGIN round trip before running the first statement, while a
 * reserved connection takes BEGIN and the first statements in one write (the protocol runs them
 * in order). Like postgres.js `begin`, a statement that failed rolls the transaction back even
 * when its caller swallowed the error: the COMMIT would be answered with ROLLBACK, so that
 * answer is an error here. Nested transactions (savepoints) are not offered; nothing uses them.
 */
export function withPipelinedBegin(client: Sql): Sql {
  async function begin<T>(fn: (tx: ReservedSql) => Promise<T>): Promise<T> {
    const connection = await client.reserve();
    // postgres.js hands a statement's connection to `onexecute` (answering true keeps the
    // pipeline going). A connection that closed lost its reservation: it must get no ROLLBACK
    // and no release, since a write to its gone socket throws outside any promise; the pool
    // reconnects it on its next use.
    let link: { reserved: unknown } | undefined;
    const open = () => Boolean(link?.reserved);
    try {
      // Sent now, answered before any later statement; awaited before COMMIT.
      const begun = connection.unsafe('begin', [], {
        onexecute: (c: { reserved: unknown }) => {
          link = c;
          return true;
        },
      } as never);
      begun.catch(() => {});
      const result = await fn(connection);
      await begun;
      const committed = await connection.unsafe('commit');
      if (committed.command !== 'COMMIT') throw new TransactionRolledBack();
      return result;
    } catch (error) {
      if (open()) await connection.unsafe('rollback').catch(() => {});
      throw error;
    } finally {
      if (open()) connection.release();
    }
  }
  return new Proxy(client, { get: (target, name) => (name === 'begin' ? begin : Reflect.get(target, name)) });
}

/** PostgreSQL rolled back at COMMIT: a statement of the transaction had failed. */
class TransactionRolledBack extends Error {
  constructor() {
    super('the transaction was rolled back: one of its statements failed');
  }
}
