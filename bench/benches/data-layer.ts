import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Database, openDb, type TenantScope } from '@qeetid/db';
import postgres from 'postgres';
import type { Benchmark, Settings } from '../lib/bench.ts';
import { defer } from '../lib/cleanup.ts';
import { createDatabase, type EngineName } from '../lib/engines.ts';
import { fmt } from '../lib/format.ts';
import { goals, goalText, verdict } from '../lib/goals.ts';
import { interleave } from '../lib/interleave.ts';
import { median, spreadPct } from '../lib/stats.ts';

/**
 * P12: GET /v1/users/{id}'s query through our data layer — `db.withTenant(scope, r => r.users.get(id))`,
 * i.e. drizzle inside a transaction that first scopes it to the tenant — against the raw driver
 * sending the very same statements: BEGIN, the same set_config select, the same SELECT text
 * drizzle generates for `users.get` (captured from its query log), COMMIT. The raw side uses
 * each driver the ordinary way: postgres.js with prepared statements (its default for tagged
 * templates), PGlite `query`.
 */
const SET_SCOPE = `select set_config('qeet.tenant_id', $1, true), set_config('role', 'qeet_app', true)`;
const GET_USER =
  'select "id", "tenant_id", "email", "email_normalized", "email_verified", "phone", "phone_verified", ' +
  '"display_name", "status", "metadata", "created_at", "updated_at", "deleted_at" from "users" ' +
  'where (("users"."tenant_id" = $1 or exists (select "user_id" from "memberships" ' +
  'where ("memberships"."tenant_id" = $2 and "memberships"."user_id" = "users"."id"))) and "users"."id" = $3)';

const USERS = 1000;
/** In-flight operations: the API's pool size on PostgreSQL; PGlite runs one statement at a time anyway. */
const CONCURRENCY: Record<EngineName, number> = { postgres: 10, pglite: 1 };

type GetUser = (id: string) => Promise<{ id: string } | undefined>;

interface Twins {
  ours: GetUser;
  raw: GetUser;
  ids: string[];
  close(): Promise<void>;
}

export const dataLayer: Benchmark = {
  name: 'data-layer',
  describe: 'P12: withTenant + users.get through @qeetid/db vs the raw driver running the same SQL',
  async run(settings) {
    const goal = goals.P12;
    const rows: string[][] = [];
    for (const engine of settings.engines) {
      const twins = engine === 'postgres' ? await postgresTwins(settings) : await pgliteTwins();
      try {
        const [ours, raw] = await measure(twins, CONCURRENCY[engine], settings);
        if (!ours || !raw) throw new Error('missing measurement');
        const rawName = engine === 'postgres' ? 'raw postgres.js (twin)' : 'raw PGlite (twin)';
        rows.push(
          [engine, rawName, fmt.int(raw.ops), fmt.pct(raw.spread), fmt.us(raw.cpuUs), '', '', ''],
          [
            engine,
            '@qeetid/db withTenant',
            fmt.int(ours.ops),
            fmt.pct(ours.spread),
            fmt.us(ours.cpuUs),
            fmt.ratio(ours.ops / raw.ops),
            goalText(goal),
            verdict(goal, ours.ops / raw.ops),
          ],
        );
      } finally {
        await twins.close();
      }
    }
    return [
      {
        title: `P12 — ${goal.what}`,
        columns: ['engine', 'path', 'tx/s', 'spread', 'CPU/tx (bench)', 'ratio', 'goal (must / target)', 'verdict'],
        rows,
        notes: [
          `one tx = BEGIN; set_config(tenant, role); SELECT user by id (${USERS} seeded, round-robin); COMMIT`,
          `in-process loop, ${CONCURRENCY.postgres} in flight on PostgreSQL (pool 10 both sides), ` +
            `${CONCURRENCY.pglite} on PGlite; ${settings.seconds} s × ${settings.runs} runs interleaved, median`,
          'CPU/tx is user+system CPU of the bench process per transaction (driver + data layer; on PGlite also the database)',
        ],
      },
    ];
  },
};

interface Throughput {
  ops: number;
  cpuUs: number;
  spread: number;
}

async function measure(twins: Twins, concurrency: number, settings: Settings): Promise<Throughput[]> {
  const sides = [twins.ours, twins.raw];
  // Both sides must find the same row before anything is timed.
  for (const side of sides) {
    const row = await side(twins.ids[0] as string);
    if (row?.id !== twins.ids[0]) throw new Error('data-layer twins disagree on the seeded user');
  }
  const runs = await interleave(sides, (side, seconds) => drive(side, twins.ids, concurrency, seconds), settings);
  return runs.map((r) => ({
    ops: median(r.map((x) => x.ops)),
    cpuUs: median(r.map((x) => x.cpuUs)),
    spread: spreadPct(r.map((x) => x.ops)),
  }));
}

/** Runs `get` in `concurrency` loops for `seconds`; transactions per second and CPU µs per transaction. */
async function drive(get: GetUser, ids: string[], concurrency: number, seconds: number) {
  let done = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await get(ids[done % ids.length] as string);
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { ops: done / elapsed, cpuUs: (used.user + used.system) / done };
}

async function seed(db: Database): Promise<{ scope: TenantScope; ids: string[] }> {
  const tenantId = randomUUID();
  const now = new Date();
  await db.platform((p) => p.insertTenant({ id: tenantId, name: 'bench', parentId: null }, now));
  const scope: TenantScope = {
    tenantId,
    audit: { actor: { type: 'system', id: null }, ip: null, userAgent: null, requestId: null },
  };
  const ids = Array.from({ length: USERS }, () => randomUUID());
  await db.withTenant(scope, async (r) => {
    for (const [i, id] of ids.entries()) {
      const email = `bench-${i}@example.com`;
      await r.users.insert({ id, email, emailNormalized: email, createdAt: now, updatedAt: now });
    }
  });
  return { scope, ids };
}

const oursOf =
  (db: Database, scope: TenantScope): GetUser =>
  (id) =>
    db.withTenant(scope, (r) => r.users.get(id));

async function postgresTwins(settings: Settings): Promise<Twins> {
  if (!settings.postgresUrl) throw new Error('no PostgreSQL server');
  const database = await createDatabase(settings.postgresUrl);
  const db = await openDb({ url: database.url, poolSize: CONCURRENCY.postgres });
  const closeDb = defer(() => db.close());
  const { scope, ids } = await seed(db);
  const sql = postgres(database.url, { max: CONCURRENCY.postgres, onnotice: () => {} });
  const closeSql = defer(() => sql.end());
  const tenant = scope.tenantId;
  return {
    ours: oursOf(db, scope),
    raw: (id) =>
      sql.begin(async (tx) => {
        // postgres.js prepares statements by default (tagged templates); unsafe() with prepare keeps the text identical.
        await tx.unsafe(SET_SCOPE, [tenant], { prepare: true });
        const [row] = await tx.unsafe(GET_USER, [tenant, tenant, id], { prepare: true });
        return row as { id: string } | undefined;
      }),
    ids,
    async close() {
      await closeSql();
      await closeDb();
      await database.drop();
    },
  };
}

async function pgliteTwins(): Promise<Twins> {
  // Two copies of one seeded data directory: ours opens it through openDb, the twin as plain PGlite.
  const dir = await mkdtemp(join(tmpdir(), 'qeet-bench-pglite-'));
  const removeDir = defer(() => rm(dir, { recursive: true, force: true }));
  const oursDir = join(dir, 'ours');
  const rawDir = join(dir, 'raw');
  const seeding = await openDb({ dataDir: oursDir });
  const { scope, ids } = await seed(seeding);
  await seeding.close();
  await cp(oursDir, rawDir, { recursive: true });
  const db = await openDb({ dataDir: oursDir });
  const closeDb = defer(() => db.close());
  const pg = new PGlite(rawDir);
  const closePg = defer(() => pg.close());
  const tenant = scope.tenantId;
  return {
    ours: oursOf(db, scope),
    raw: (id) =>
      pg.transaction(async (tx) => {
        await tx.query(SET_SCOPE, [tenant]);
        const { rows } = await tx.query<{ id: string }>(GET_USER, [tenant, tenant, id]);
        return rows[0];
      }),
    ids,
    async close() {
      await closePg();
      await closeDb();
      await removeDir();
    },
  };
}
