import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDb } from '../src/open.ts';
import { createTestDatabase } from '../src/testing.ts';

/** The API's connections to PostgreSQL: as many as asked for (4 unless told), never more. */
const opened: { db: Database; drop: () => Promise<void> }[] = [];

async function open(poolSize?: number): Promise<Database> {
  const fresh = await createTestDatabase(process.env.DATABASE_URL as string);
  const db = await openDb(poolSize === undefined ? { url: fresh.url } : { url: fresh.url, poolSize });
  opened.push({ db, drop: fresh.drop });
  return db;
}

/** Backends that answered 12 statements sent at once, each holding its connection 50 ms. */
async function backendsUnderLoad(db: Database): Promise<number> {
  const answers = await Promise.all(
    Array.from({ length: 12 }, () =>
      db.unscopedQuery<{ pid: number }>('select pg_backend_pid() as pid from pg_sleep(0.05)'),
    ),
  );
  return new Set(answers.map(([row]) => row?.pid)).size;
}

afterAll(async () => {
  for (const { db, drop } of opened) {
    await db.close();
    await drop();
  }
});

describe('connection pool on PostgreSQL', () => {
  it('opens 4 connections by default', async () => {
    expect(await backendsUnderLoad(await open())).toBe(4);
  });

  it('opens as many as poolSize and queues the rest of the statements on them', async () => {
    expect(await backendsUnderLoad(await open(2))).toBe(2);
  });

  it('answers a statement with its own rows only, after one failed on the same connection once rows were sent', async () => {
    // postgres.js (patched, see pnpm-workspace.yaml) counted a failed statement's rows into the next one's.
    const db = await open(1);
    await expect(db.unscopedQuery('select 1 / (2 - g) as x from generate_series(1, 2) as g')).rejects.toMatchObject({
      code: '22012',
    });
    const rows = await db.unscopedQuery('select 1 as x');
    expect(rows.length).toBe(1);
    expect([...rows]).toEqual([{ x: 1 }]);
  });
});
