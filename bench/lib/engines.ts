import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { defer } from './cleanup.ts';
import { processStat } from './proc.ts';

export type EngineName = 'pglite' | 'postgres';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The PostgreSQL server to benchmark on: DATABASE_URL when set, else the throwaway server of
 * scripts/postgres-up.sh. Null (with the reason) when neither is available.
 */
export async function findPostgres(): Promise<{ url: string } | { skipped: string }> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return { url: fromEnv };
  try {
    const { stdout } = await promisify(execFile)('bash', ['scripts/postgres-up.sh'], {
      cwd: repoRoot,
      timeout: 300_000,
    });
    const url = /DATABASE_URL=(\S+)/.exec(stdout)?.[1];
    return url ? { url } : { skipped: 'scripts/postgres-up.sh printed no DATABASE_URL' };
  } catch (error) {
    return { skipped: `scripts/postgres-up.sh failed: ${(error as Error).message.split('\n')[0]}` };
  }
}

/**
 * A new, empty database on the server for one benchmark (the server is shared with other
 * people's test runs); `drop` removes it again and also runs at exit.
 */
export async function createDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `qeet_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const drop = defer(async () => {
    try {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await admin.end();
    }
  });
  return { url: target.toString(), drop };
}

/**
 * CPU time (user + system, µs) the PostgreSQL server behind `url` has used so far: its postmaster
 * and every process it started (backends, WAL writer, checkpointer…). Null when the server does
 * not run on this machine (its backend's process is not ours to read).
 */
export async function postgresCpu(url: string): Promise<(() => Promise<number>) | null> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  // Read while the backend lives: it exits with the connection.
  const postmaster = await client<{ pid: number }[]>`select pg_backend_pid() as pid`
    .then(async ([row]) => (await processStat(row?.pid ?? 0)).parent)
    .catch(() => null)
    .finally(() => client.end());
  if (postmaster === null) return null;
  return async () => {
    // Backends and autovacuum workers come and go: one that ended while measured moved its time
    // into the postmaster's reaped-children figure, so the sum stays continuous.
    const main = await processStat(postmaster);
    let total = main.cpuMicros + main.childrenMicros;
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = await processStat(Number(entry)).catch(() => null);
      if (child?.parent === postmaster) total += child.cpuMicros;
    }
    return total;
  };
}
