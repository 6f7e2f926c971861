import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDb } from './open.ts';

/** A new, empty database on the server named by DATABASE_URL, and a way to drop it again. */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `qeet_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * A fresh, empty, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the server named by DATABASE_URL (dropped again on close).
 */
export async function openTestDb(): Promise<Database & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDb({});
  const fresh = await createTestDatabase(serverUrl);
  const db = await openDb({ url: fresh.url });
  return {
    ...db,
    url: fresh.url,
    async close() {
      await db.close();
      await fresh.drop();
    },
  };
}
