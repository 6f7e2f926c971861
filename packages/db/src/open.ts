import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { type ChangeFeed, type ChangeFeedSource, pgliteChangeFeed, postgresChangeFeed } from './change-feed.ts';
import { withPipelinedBegin } from './pipelined-begin.ts';
import { challengeWriter, type NewChallenge } from './repos/challenge-writer.ts';
import { type RunStatement, transactionStatement } from './repos/hot-statements.ts';
import { type PasskeySignIn, passkeySignIns } from './repos/passkey-sign-in.ts';
import { platformRepo } from './repos/platform.ts';
import { challengeTaker, type TakenChallenge, type WantedChallenge } from './repos/sign-in-lookups.ts';
import { type TenantRepos, tenantRepos } from './tenant-repos.ts';
import type { Db, SessionRow, TenantScope, Tx } from './types.ts';

const migrationsFolder = new URL('../migrations', import.meta.url).pathname;

export type OpenDbOptions =
  /** PostgreSQL server, through a postgres.js pool of `poolSize` connections (default 4). */
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
  /**
   * The way to tenant data: one transaction, row-level security on, repos bound to the tenant
   * (`passkeySignIn` scopes each of its sign-ins the same way).
   */
  withTenant<T>(scope: TenantScope, fn: (repos: TenantRepos) => Promise<T>): Promise<T>;
  /** One transaction for the queries that run before a tenant is known. */
  platform<T>(fn: (repos: PlatformRepos) => Promise<T>): Promise<T>;
  /** The same queries without a transaction, for single-statement reads on hot paths (credential lookup). */
  platformRead<T>(fn: (repos: PlatformReads) => Promise<T>): Promise<T>;
  /** Stores a WebAuthn challenge, with the others of this event-loop turn (repos/challenge-writer.ts). */
  storeChallenge(challenge: NewChallenge): Promise<void>;
  /**
   * Takes a live challenge and reads the credential answering it, with the others of this
   * event-loop turn (repos/sign-in-lookups.ts `challengeTaker`): undefined when none is live.
   */
  takeChallengeForPasskey(wanted: WantedChallenge): Promise<TakenChallenge | undefined>;
  /**
   * A passkey sign-in in the passkey's own tenant: the use, the session and the scope's events,
   * with the others of this event-loop turn in one statement (repos/passkey-sign-in.ts).
   * Undefined, with nothing written, when the passkey's counter moved since it was read.
   */
  passkeySignIn(signIn: PasskeySignIn): Promise<SessionRow | undefined>;
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
    const client = postgres(options.url, { max: options.poolSize ?? 4, onnotice: () => {} });
    const changes = await postgresChangeFeed(options.url);
    return wrap('postgres', drizzlePostgres({ client: withPipelinedBegin(client) }), changes, {
      query: async (text, params) => (await client.unsafe(text, params as never[])) as never,
      // Hot-path statements are prepared once per connection (postgres.js caches them by text).
      prepared: async (text, params) => (await client.unsafe(text, params as never[], { prepare: true })) as never,
      close: async () => {
        await changes.close();
        // Bounded: a connection that died mid-query never finishes ending on its own.
        await client.end({ timeout: 5 });
      },
    });
  }
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pg = new PGlite(options.dataDir);
  const db = drizzlePglite({ client: pg });
  await migratePglite(db, { migrationsFolder });
  const changes = await pgliteChangeFeed(pg);
  // PGlite has no statement cache to ask for: both run the same way.
  const query = async (text: string, params: unknown[]) => (await pg.query(text, params)).rows as never[];
  return wrap('pglite', db, changes, {
    query,
    prepared: query,
    close: async () => {
      await changes.close();
      await pg.close();
    },
  });
}

/** Transaction-local tenant settings (migration 0073): the connection goes back to the pool clean. */
const SCOPE_TO_TENANT = 'select qeet_enter_tenant($1)';

type Enter = (scope: TenantScope) => Promise<TenantRepos>;

/**
 * One transaction's tenant scopes. Entering a scope sends its settings without waiting for them:
 * the scope's statements follow on the same connection, in order, so the settings cost no round
 * trip of their own; their outcome is checked before the commit. Pending audit events (repos/
 * audit.ts `append`) are written when the next scope is entered, while their tenant is still the
 * one row-level security checks them against, and at the end. Once the transaction committed,
 * every tenant that wrote events (every mutation does) is announced on the change feed.
 */
async function scopedTransaction<T>(
  db: Db,
  changes: ChangeFeedSource,
  work: (tx: Tx, run: RunStatement, enter: Enter) => Promise<T>,
) {
  const entered: { tenantId: string; repos: TenantRepos }[] = [];
  let appended: Promise<void> | undefined;
  let result: T;
  try {
    result = await db.transaction(async (tx) => {
      const run = transactionStatement(tx);
      const settings: Promise<unknown>[] = [];
      const outcome = await work(tx, run, async (scope) => {
        await entered.at(-1)?.repos.audit.flush();
        const applied = run(SCOPE_TO_TENANT, [scope.tenantId]);
        // Awaited below; a failure also fails every later statement of the transaction.
        applied.catch(() => {});
        settings.push(applied);
        const repos = tenantRepos(tx, run, scope);
        entered.push({ tenantId: scope.tenantId, repos });
        return repos;
      });
      await Promise.all(settings);
      // Only the last scope can still hold events; one left in an earlier scope fails on RLS, loudly.
      for (const { repos } of entered.slice(0, -1)) await repos.audit.flush();
      // The last scope's events go out unawaited, so COMMIT follows them in the same write and
      // the chain head they lock is held for no round trip. If they fail, the transaction is
      // aborted and its COMMIT rolls back; their own error is the one to report.
      appended = entered.at(-1)?.repos.audit.flush();
      appended?.catch(() => {});
      return outcome;
    });
  } catch (error) {
    await appended;
    throw error;
  }
  await appended;
  const audited = new Set(entered.filter((e) => e.repos.audit.written > 0).map((e) => e.tenantId));
  for (const tenantId of audited) changes.announce(tenantId);
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
  // The repos of single-statement reads hold no transaction state: one set serves every call.
  const reads = platformRepo(db as unknown as Tx, raw.prepared);
  const signIns = passkeySignIns(raw.prepared);
  return {
    engine,
    withTenant: (scope, fn) => scopedTransaction(db, changes, async (_tx, _run, enter) => fn(await enter(scope))),
    platform: (fn) =>
      scopedTransaction(db, changes, (tx, run, enter) => fn({ ...platformRepo(tx, run), enterTenant: enter })),
    changes,
    platformRead: (fn) => fn(reads),
    storeChallenge: challengeWriter(raw.prepared),
    takeChallengeForPasskey: challengeTaker(raw.prepared),
    passkeySignIn: async (signIn) => {
      const opened = await signIns(signIn);
      if (opened && signIn.events.length) changes.announce(signIn.scope.tenantId);
      return opened;
    },
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
