import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { type ChangeFeed, type ChangeFeedSource, pgliteChangeFeed, postgresChangeFeed } from './change-feed.ts';
import { boundStatement, type RunStatement } from './repos/hot-statements.ts';
import { platformRepo } from './repos/platform.ts';
import * as schema from './schema.ts';
import { type TenantRepos, tenantRepos } from './tenant-repos.ts';
import type { Db, TenantScope, Tx } from './types.ts';

const migrationsFolder = new URL('../migrations', import.meta.url).pathname;

export type OpenDbOptions =
  /** PostgreSQL server (postgres.js pool). */
  | { url: string; poolSize?: number }
  /** Embedded PGlite; `dataDir` persists it, omitted keeps it in memory. */
  | { dataDir?: string | undefined };

export type PlatformReads = ReturnType<typeof platformRepo>;

export type PlatformRepos = PlatformReads & {
  /** Continues the same transaction confined to one tenant (the last step of a platform transaction). */
  enterTenant(scope: TenantScope): Promise<TenantRepos>;
};

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  /** The only way to tenant data: one transaction, row-level security on, repos bound to the tenant. */
  withTenant<T>(scope: TenantScope, fn: (repos: TenantRepos) => Promise<T>): Promise<T>;
  /** One transaction for the queries that run before a tenant is known. */
  platform<T>(fn: (repos: PlatformRepos) => Promise<T>): Promise<T>;
  /** The same queries without a transaction, for single-statement reads on hot paths (credential lookup). */
  platformRead<T>(fn: (repos: PlatformReads) => Promise<T>): Promise<T>;
  /**
   * Committed changes to what credentials may do, per tenant: from this process as its
   * transaction settles (every mutation appends an audit event), from other processes by
   * LISTEN/NOTIFY (migration 0070's triggers).
   */
  readonly changes: ChangeFeed;
  ping(): Promise<void>;
  /** Unscoped SQL for tests and operators; never used by request handling. */
  unscopedQuery<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/** Opens the database and brings its schema up to date. */
export async function openDb(options: OpenDbOptions): Promise<Database> {
  if ('url' in options) {
    // Migrate on one dedicated connection holding an advisory lock, so replicas starting
    // together take turns instead of racing on the same DDL.
    const migrator = postgres(options.url, { max: 1, onnotice: () => {} });
    try {
      await migrator`select pg_advisory_lock(hashtext('qeetid.migrate'))`;
      await migratePostgres(drizzlePostgres({ client: migrator }), { migrationsFolder });
    } finally {
      await migrator.end();
    }
    const client = postgres(options.url, { max: options.poolSize ?? 10, onnotice: () => {} });
    const changes = await postgresChangeFeed(options.url);
    return wrap('postgres', drizzlePostgres({ client, schema }), changes, {
      query: async (text, params) => (await client.unsafe(text, params as never[])) as never,
      // Hot-path statements are prepared once per connection (postgres.js caches them by text).
      prepared: async (text, params) => (await client.unsafe(text, params as never[], { prepare: true })) as never,
      close: async () => {
        await changes.close();
        await client.end();
      },
    });
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pg = new PGlite(options.dataDir);
  const db = drizzlePglite({ client: pg, schema });
  await migratePglite(db, { migrationsFolder });
  const changes = await pgliteChangeFeed(pg);
  return wrap('pglite', db, changes, {
    query: async (text, params) => (await pg.query(text, params)).rows as never,
    prepared: async (text, params) => (await pg.query(text, params)).rows as never,
    close: async () => {
      await changes.close();
      await pg.close();
    },
  });
}

async function scopeTo(tx: Tx, scope: TenantScope, audited?: () => void): Promise<TenantRepos> {
  // Both settings are transaction-local: the connection goes back to the pool clean.
  await tx.execute(
    sql`select set_config('qeet.tenant_id', ${scope.tenantId}, true), set_config('role', 'qeet_app', true)`,
  );
  return tenantRepos(tx, scope, audited);
}

/** Runs a transaction; if it appended audit events (it changed something), announces its tenant once it committed. */
async function announcing<T>(
  changes: ChangeFeedSource,
  tenantId: () => string | undefined,
  run: (audited: () => void) => Promise<T>,
): Promise<T> {
  let changed = false;
  const result = await run(() => {
    changed = true;
  });
  const tenant = tenantId();
  if (changed && tenant) changes.announce(tenant);
  return result;
}

function wrap(
  engine: Database['engine'],
  db: Db,
  changes: ChangeFeedSource,
  raw: {
    query: (text: string, params: unknown[]) => Promise<never[]>;
    prepared: RunStatement;
    close: () => Promise<void>;
  },
): Database {
  // Made once, so the prepared statements of the hot reads are built once per process.
  const reads = platformRepo(db as unknown as Tx, raw.prepared);
  return {
    engine,
    withTenant: (scope, fn) =>
      announcing(
        changes,
        () => scope.tenantId,
        (audited) => db.transaction(async (tx) => fn(await scopeTo(tx, scope, audited))),
      ),
    platform: (fn) => {
      let entered: string | undefined;
      return announcing(
        changes,
        () => entered,
        (audited) =>
          db.transaction(async (tx) =>
            fn({
              ...platformRepo(tx, boundStatement(tx)),
              enterTenant: (scope) => {
                entered = scope.tenantId;
                return scopeTo(tx, scope, audited);
              },
            }),
          ),
      );
    },
    changes,
    platformRead: (fn) => fn(reads),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    unscopedQuery: (text, params = []) => raw.query(text, params),
    close: raw.close,
  };
}

/** True when a statement failed on a unique constraint (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  for (
    let e: unknown = error;
    e instanceof Error || (e && typeof e === 'object');
    e = (e as { cause?: unknown }).cause
  ) {
    if ((e as { code?: unknown }).code === '23505') return true;
    if (!(e as { cause?: unknown }).cause) break;
  }
  return false;
}
