import { openDb } from '@qeetid/db';
import { type ApiServer, createApiKey, startApi } from '../lib/api-server.ts';
import type { Benchmark } from '../lib/bench.ts';
import { fmt, type Table } from '../lib/format.ts';
import { goals, goalText, verdict } from '../lib/goals.ts';
import { DEFAULT_CONNECTIONS, type LoadSpec, measureInterleaved } from '../lib/load.ts';

const USERS = 10_000;
const ROLES = 200;
const GROUPS = 1_000;
const PERMISSIONS_PER_ROLE = 50;
/** Distinct users the load cycles through; one pass before measuring fills the cache. */
const CHECKED_USERS = 500;

/**
 * P9/P10: `GET /v1/check` on a realistic tenant, next to `GET /healthz` of the same server in
 * the same run, then at half the measured maximum rate for the p99.
 */
export const check: Benchmark = {
  name: 'check',
  describe: 'P9/P10: GET /v1/check (10k users, 200 roles, 1k groups) vs GET /healthz, same server, same run',
  async run(settings) {
    const rows: string[][] = [];
    const notes: string[] = [];
    for (const engine of settings.engines) {
      const server = await startApi(engine, settings.postgresUrl);
      try {
        const auth = await createApiKey(server);
        let seeded: Seeded | undefined;
        await server.restart(async () => {
          seeded = await seed(server);
        });
        const { tenant, users } = seeded as Seeded;
        let n = 0;
        const permissions = Array.from({ length: 20 }, (_, i) => `res${(i * 37) % 500}:act${i % 10}`);
        const checkSpec: LoadSpec = {
          url: server.url,
          path: '/v1/check',
          pathFor: () => {
            const i = n++;
            return `/v1/check?user_id=${users[i % users.length]}&tenant_id=${tenant}&permission=${permissions[i % permissions.length]}`;
          },
          headers: { authorization: auth },
          pid: server.pid,
        };
        const healthSpec: LoadSpec = { url: server.url, path: '/healthz', pid: server.pid };
        // The common case is a cache hit: compile every checked user's set once before measuring.
        for (const user of users) {
          const res = await fetch(`${server.url}/v1/check?user_id=${user}&tenant_id=${tenant}&permission=res0:act0`, {
            headers: { authorization: auth },
          });
          if (res.status !== 200) throw new Error(`warm-up check answered ${res.status}: ${await res.text()}`);
        }
        const [health, checks] = await measureInterleaved([healthSpec, checkSpec], settings);
        if (!health || !checks) throw new Error('missing measurement');
        const half = await measureInterleaved(
          [{ ...checkSpec, rate: Math.max(1, Math.round(checks.rps / 2)) }],
          settings,
        );
        const atHalf = half[0];
        const ratio = checks.rps / health.rps;
        rows.push(
          [
            engine,
            'GET /healthz',
            fmt.int(health.rps),
            fmt.pct(health.spread),
            fmt.ms(health.p50),
            fmt.ms(health.p99),
            fmt.us(health.cpuUs),
            '',
            '',
          ],
          [
            engine,
            'GET /v1/check',
            fmt.int(checks.rps),
            fmt.pct(checks.spread),
            fmt.ms(checks.p50),
            fmt.ms(checks.p99),
            fmt.us(checks.cpuUs),
            `${fmt.ratio(ratio)} (${verdict(goals.P10, ratio)})`,
            '',
          ],
          [
            engine,
            `GET /v1/check at ${fmt.int(checks.rps / 2)}/s (50 %)`,
            fmt.int(atHalf?.rps ?? Number.NaN),
            '',
            fmt.ms(atHalf?.p50 ?? Number.NaN),
            fmt.ms(atHalf?.p99 ?? Number.NaN),
            fmt.us(atHalf?.cpuUs ?? Number.NaN),
            '',
            engine === 'postgres' ? verdict(goals.P9, atHalf?.p99 ?? Number.NaN) : '(P9 is for PostgreSQL)',
          ],
        );
        for (const m of [health, checks, atHalf]) {
          if (m && (m.non2xx || m.errors)) notes.push(`! ${engine}: ${m.non2xx} non-2xx, ${m.errors} errors`);
        }
      } finally {
        await server.stop();
      }
    }
    const table: Table = {
      title: 'check — GET /v1/check vs GET /healthz on the same server (P9, P10)',
      columns: [
        'engine',
        'request',
        'req/s',
        'spread',
        'p50',
        'p99',
        'API CPU/req',
        `P10 ratio (${goalText(goals.P10)})`,
        `P9 p99 (${goalText(goals.P9)})`,
      ],
      rows,
      notes: [
        `tenant: ${fmt.int(USERS)} users, ${ROLES} roles × ${PERMISSIONS_PER_ROLE} permissions, ${fmt.int(GROUPS)} groups; ` +
          'each user in 3 groups (2 roles each) and holds 1 role directly; seeded in SQL while the server is stopped',
        `requests cycle through ${fmt.int(CHECKED_USERS)} users (their permission sets compiled by one warm-up pass: ` +
          'the cache-hit path) and 20 permissions, API key auth',
        `load: autocannon ${settings.autocannon}, ${DEFAULT_CONNECTIONS} connections, ${settings.seconds} s × ${settings.runs} runs ` +
          'interleaved (healthz, check, …), median; the 50 % row is paced load (lib/paced.ts: 10 keep-alive connections, evenly spaced requests, 3 s warm-up) at half the measured check rate',
        ...notes,
      ],
    };
    return [table];
  },
};

interface Seeded {
  tenant: string;
  users: string[];
}

/** Seeds the realistic tenant straight into the database (the server is stopped meanwhile). */
async function seed(server: ApiServer): Promise<Seeded> {
  // One connection: the seed is one transaction with temporary tables.
  const db = await openDb(
    'url' in server.storage ? { url: server.storage.url, poolSize: 1 } : { dataDir: server.storage.dataDir },
  );
  try {
    const q = (text: string, params: unknown[] = []) => db.unscopedQuery(text, params);
    const [row] = await q('select id from tenants order by created_at limit 1');
    const tenant = (row as { id: string }).id;
    await q('begin');
    await q(
      `insert into users (id, tenant_id, email, email_normalized, created_at, updated_at)
       select gen_random_uuid(), $1, 'bench' || i || '@bench.test', 'bench' || i || '@bench.test', now(), now()
       from generate_series(1, ${USERS}) i`,
      [tenant],
    );
    await q(
      `create temporary table bench_users as
       select id, (row_number() over (order by email)) - 1 as n from users where email like 'bench%@bench.test'`,
    );
    await q(
      `insert into memberships (tenant_id, user_id, role, created_at) select $1, id, 'member', now() from bench_users`,
      [tenant],
    );
    await q(
      `insert into roles (tenant_id, id, name, created_at, updated_at)
       select $1, gen_random_uuid(), 'bench role ' || i, now(), now() from generate_series(0, ${ROLES - 1}) i`,
      [tenant],
    );
    await q(
      `create temporary table bench_roles as
       select id, (row_number() over (order by name)) - 1 as n from roles where name like 'bench role %'`,
    );
    await q(
      `insert into role_permissions (tenant_id, role_id, permission, created_at)
       select $1, r.id, 'res' || ((r.n * 7 + j) % 500) || ':act' || (j % 10), now()
       from bench_roles r, generate_series(0, ${PERMISSIONS_PER_ROLE - 1}) j`,
      [tenant],
    );
    await q(
      `insert into groups (tenant_id, id, name, created_at, updated_at)
       select $1, gen_random_uuid(), 'bench group ' || i, now(), now() from generate_series(0, ${GROUPS - 1}) i`,
      [tenant],
    );
    await q(
      `create temporary table bench_groups as
       select id, (row_number() over (order by name)) - 1 as n from groups where name like 'bench group %'`,
    );
    await q(
      `insert into group_members (tenant_id, group_id, user_id, created_at)
       select $1, g.id, u.id, now() from bench_users u, generate_series(0, 2) k
       join bench_groups g on true where g.n = (u.n * 3 + k) % ${GROUPS}`,
      [tenant],
    );
    await q(
      `insert into group_roles (tenant_id, group_id, role_id, created_at)
       select distinct $1::uuid, g.id, r.id, now() from bench_groups g, generate_series(0, 1) k
       join bench_roles r on true where r.n = (g.n * 7 + k * 13) % ${ROLES}`,
      [tenant],
    );
    await q(
      `insert into role_assignments (tenant_id, user_id, role_id, created_at)
       select $1, u.id, r.id, now() from bench_users u join bench_roles r on r.n = u.n % ${ROLES}`,
      [tenant],
    );
    const users = (await q(`select id from bench_users order by n limit ${CHECKED_USERS}`)) as { id: string }[];
    await q('commit');
    return { tenant, users: users.map((u) => u.id) };
  } finally {
    await db.close();
  }
}
