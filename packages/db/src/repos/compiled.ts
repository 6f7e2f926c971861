import { getTableColumns, Placeholder, type Table } from 'drizzle-orm';
import type { RunStatement } from './hot-statements.ts';

type Value = string | number | boolean | null;

/**
 * A drizzle query built once, at module load, with `sql.placeholder(name)` for its inputs, and
 * run as fixed SQL text (prepared on postgres.js) inside any transaction. Building a query costs
 * more CPU than running it, so hot queries are built once instead of on every call.
 */
export function compiled<Row>(
  query: { toSQL(): { sql: string; params: unknown[] } },
  map: (raw: Record<string, unknown>) => Row,
): (run: RunStatement, values: Record<string, Value>) => Promise<Row[]> {
  const { sql, params } = query.toSQL();
  return async (run, values) => {
    const bound = params.map((p) => (p instanceof Placeholder ? (values[p.name] ?? null) : (p as Value)));
    const rows = await run<Record<string, unknown>>(sql, bound);
    return rows.map(map);
  };
}

/** Decodes a raw driver row (column names) into the table's row type with drizzle's own column codecs. */
export function rowOf<T extends Table>(table: T): (raw: Record<string, unknown>) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table));
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  };
}
