import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { withPipelinedBegin } from '../src/pipelined-begin.ts';

/**
 * A transaction whose connection dies on the way (server restart, killed backend, network) fails
 * like any other, and the pool carries on with a new connection.
 */
const url = process.env.DATABASE_URL as string;
const raw = postgres(url, { max: 2, onnotice: () => {} });
const sql = withPipelinedBegin(raw);
const admin = postgres(url, { max: 1, onnotice: () => {} });

afterAll(async () => {
  // A connection that died mid-query never finishes ending by itself (postgres.js keeps the
  // failed query on it); the pool in open.ts ends with the same bound.
  await raw.end({ timeout: 5 });
  await admin.end();
});

describe('pipelined BEGIN on PostgreSQL', () => {
  it('fails a transaction whose backend is killed, then runs the next ones', async () => {
    await Promise.all([sql.begin((c) => c`select 1`), sql.begin((c) => c`select 1`)]);
    const marker = `victim-${Date.now()}`;
    const victim = sql.begin(async (c) => {
      await c.unsafe(`select pg_sleep(2) as "${marker}"`);
      return 'committed';
    });
    // Its failure may arrive while the loop below still waits for the kill's answer: take it now.
    const outcome = victim.then(
      () => 'committed',
      (error: unknown) => error,
    );
    let killed = false;
    for (let i = 0; i < 100 && !killed; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const rows = await admin.unsafe(
        'select pg_terminate_backend(pid) as ok from pg_stat_activity where query like $1 and pid <> pg_backend_pid()',
        [`%${marker}%`],
      );
      killed = rows.some((row) => row.ok);
    }
    expect(killed).toBe(true);
    expect(await outcome).toBeInstanceOf(Error);
    for (let i = 0; i < 4; i++) {
      expect(await sql.begin(async (c) => (await c`select ${i}::int as i`)[0]?.i)).toBe(i);
    }
  });
});
