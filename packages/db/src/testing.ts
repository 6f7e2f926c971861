import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDb } from './open.ts';

/**
 * A fresh, empty, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the server named by DATABASE_URL (dropped again on close).
 */
export async function openTestDb(): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDb({});
  const name = `qeet_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDb({ url: target.toString(), poolSize: 4 });
  return {
    ...db,
    url: target.toString(),
    async close() {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
