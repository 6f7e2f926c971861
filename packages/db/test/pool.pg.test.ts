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
});
