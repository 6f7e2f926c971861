import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/open.ts';
import { openTestDb } from '../src/testing.ts';

/** The PostgreSQL listener losing its connection: the feed is not live until LISTEN is back. */
let db: Database;
const heard: string[] = [];

beforeAll(async () => {
  db = await openTestDb();
  db.changes.subscribe((t) => heard.push(t));
});

afterAll(async () => {
  await db?.close();
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('change feed on PostgreSQL', () => {
  it('steps down when its connection is killed, then listens again and flushes everything', async () => {
    expect(db.changes.live).toBe(true);
    const from = heard.length;
    const [killed] = await db.unscopedQuery<{ ok: boolean }>(
      `select pg_terminate_backend(pid) as ok from pg_stat_activity
       where datname = current_database() and query = 'listen qeet_changes'`,
    );
    expect(killed?.ok).toBe(true);
    await until(() => !db.changes.live, 'the feed is down');
    // Down means "anything may have changed": subscribers were told to drop everything.
    expect(heard.slice(from)).toContain('*');
    await until(() => db.changes.live, 'the feed is live again');
    const after = heard.length;
    await db.unscopedQuery(`select pg_notify('qeet_changes', 'after-reconnect')`);
    await until(() => heard.slice(after).includes('after-reconnect'), 'a notification arrives on the new connection');
  });
});
