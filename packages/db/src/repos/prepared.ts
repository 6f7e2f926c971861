/**
 * Keeps drizzle prepared statements for the life of the session they were built on. Building a
 * statement (query builder → SQL text) costs more CPU than running it, so hot queries are built
 * once with `sql.placeholder` parameters: once for the pool (the repos behind `platformRead` are
 * made once per database), once per transaction otherwise.
 */
export function statementCache(): <T>(name: string, build: () => T) => T {
  const built = new Map<string, unknown>();
  return <T>(name: string, build: () => T): T => {
    let statement = built.get(name) as T | undefined;
    if (statement === undefined) {
      statement = build();
      built.set(name, statement);
    }
    return statement;
  };
}
