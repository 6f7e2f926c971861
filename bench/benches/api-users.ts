import { randomBytes } from 'node:crypto';
import { type ApiServer, call, createApiKey, startApi } from '../lib/api-server.ts';
import type { Benchmark, Settings } from '../lib/bench.ts';
import { fmt, type Table } from '../lib/format.ts';
import { DEFAULT_CONNECTIONS, type LoadSpec, type LoadSummary, measureInterleaved } from '../lib/load.ts';

/** Create-user and get-user through the whole server: HTTP, auth, tenant, validation, database. */
export const apiUsers: Benchmark = {
  name: 'api-users',
  describe: 'POST /v1/users and GET /v1/users/{id} throughput and latency on the real server',
  async run(settings) {
    const rows: string[][] = [];
    const notes: string[] = [];
    for (const engine of settings.engines) {
      const server = await startApi(engine, settings.postgresUrl);
      try {
        const measured = await measureUsers(server, settings);
        for (const [op, m] of Object.entries(measured)) {
          rows.push([engine, op, fmt.int(m.rps), fmt.pct(m.spread), fmt.ms(m.p50), fmt.ms(m.p99), fmt.us(m.cpuUs)]);
          if (m.non2xx || m.errors) notes.push(`! ${engine} ${op}: ${m.non2xx} non-2xx, ${m.errors} errors`);
        }
      } finally {
        await server.stop();
      }
    }
    const table: Table = {
      title: 'api-users — create and get a user through the full server (API key auth)',
      columns: ['engine', 'operation', 'req/s', 'spread', 'p50', 'p99', 'API CPU/req'],
      rows,
      notes: [
        `load: autocannon ${settings.autocannon}, ${DEFAULT_CONNECTIONS} connections, no pipelining, ` +
          `${settings.seconds} s × ${settings.runs} runs, median; spread is ±half the run-to-run range`,
        'server: node apps/api/src/main.ts, LOG_LEVEL=warn, fresh data dir / database, load generator on the same 2 vCPUs',
        'API CPU/req: user+system CPU of the API process per 2xx response (PostgreSQL server CPU not included)',
        'no raw twin: these figures are absolute (no PERFORMANCE.md goal yet); see P1/P12 for ratios',
        ...notes,
      ],
    };
    return [table];
  },
};

async function measureUsers(server: ApiServer, settings: Settings): Promise<Record<string, LoadSummary>> {
  const auth = await createApiKey(server);
  const tag = randomBytes(4).toString('hex');
  let n = 0;
  const create: LoadSpec = {
    url: server.url,
    method: 'POST',
    path: '/v1/users',
    headers: { authorization: auth },
    pid: server.pid,
    body: () => JSON.stringify({ email: `bench-${tag}-${n++}@example.com`, display_name: 'Bench User' }),
  };
  const [created] = await measureInterleaved([create], settings);
  const user = await call<{ id: string }>(server, 'POST', '/v1/users', {
    auth,
    body: { email: `bench-${tag}-get@example.com` },
    expect: 201,
  });
  const get: LoadSpec = {
    url: server.url,
    path: `/v1/users/${user.id}`,
    headers: { authorization: auth },
    pid: server.pid,
  };
  const [got] = await measureInterleaved([get], settings);
  return { 'POST /v1/users': created as LoadSummary, 'GET /v1/users/{id}': got as LoadSummary };
}
