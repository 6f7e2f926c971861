import { availableParallelism } from 'node:os';
import { type ApiServer, call, createApiKey, startApi } from '../lib/api-server.ts';
import { argon2Millis } from '../lib/argon2.ts';
import type { Benchmark, Settings } from '../lib/bench.ts';
import { fmt, type Table } from '../lib/format.ts';
import { goals, goalText, verdict } from '../lib/goals.ts';
import { DEFAULT_CONNECTIONS, hit, type LoadSpec, measureInterleaved, summarize } from '../lib/load.ts';

const PASSWORD = 'bench passphrase that is long enough 42';
/** OWASP argon2id parameters, as the server uses them. */
/** Rate of the /healthz probe while logins saturate the CPU (P7). */
const PROBE_RATE = 100;

/**
 * P3/P4: refresh-token rotation through the real server (each request presents the refresh token
 * the previous answer for that session carried, so every request is a real rotation with reuse
 * detection). P6/P7: password login against the argon2 floor, and /healthz latency meanwhile.
 */
export const sessions: Benchmark = {
  name: 'sessions',
  describe:
    'P3/P4 refresh rotation throughput and p99 at half load; P6 login vs argon2 floor; P7 /healthz under login load',
  async run(settings) {
    const refreshRows: string[][] = [];
    const loginRows: string[][] = [];
    const notes: string[] = [];
    const hashMs = await argon2Millis();
    const floor = (availableParallelism() * 1000) / hashMs;
    for (const engine of settings.engines) {
      const server = await startApi(engine, settings.postgresUrl);
      try {
        const user = await benchUser(server);
        const pool = await sessionPool(server, user, DEFAULT_CONNECTIONS * (settings.runs * 2 + 2) * 3);
        const refresh = refreshSpec(server, pool);
        const [max] = await measureInterleaved([refresh], settings);
        if (!max) throw new Error('no refresh measurement');
        const half = await atRate(refresh, Math.max(1, Math.round(max.rps / 2)), settings);
        const p3 = goals.P3;
        const p4 = goals.P4;
        refreshRows.push([
          engine,
          fmt.int(max.rps),
          fmt.pct(max.spread),
          fmt.ms(max.p50),
          fmt.ms(max.p99),
          fmt.us(max.cpuUs),
          verdict(p3, max.rps),
          `${fmt.int(Math.round(max.rps / 2))}/s`,
          fmt.ms(half.p99),
          verdict(p4, half.p99),
        ]);
        if (max.non2xx || half.non2xx) notes.push(`! ${engine} refresh: ${max.non2xx + half.non2xx} non-2xx`);

        const login = loginSpec(server, user);
        const [logins] = await measureInterleaved([login], settings);
        if (!logins) throw new Error('no login measurement');
        const probe = await healthzUnderLogins(server, login, settings);
        loginRows.push([
          engine,
          `${hashMs.toFixed(1)} ms`,
          fmt.int(floor),
          fmt.int(logins.rps),
          fmt.us(logins.cpuUs),
          fmt.ratio(logins.rps / floor),
          fmt.ratio((hashMs * 1000) / logins.cpuUs),
          verdict(goals.P6, logins.rps / floor),
          fmt.ms(probe.p99),
          verdict(goals.P7, probe.p99),
        ]);
        if (logins.non2xx) notes.push(`! ${engine} login: ${logins.non2xx} non-2xx`);
      } finally {
        await server.stop();
      }
    }
    const load =
      `load: autocannon ${settings.autocannon}, ${DEFAULT_CONNECTIONS} connections, no pipelining, ` +
      `${settings.seconds} s × ${settings.runs} runs, median; the load generator shares the 2 vCPUs`;
    const tables: Table[] = [
      {
        title: `P3/P4 — refresh-token rotation through the server (goals: P3 ${goalText(goals.P3)}, P4 p99 ${goalText(goals.P4)})`,
        columns: ['engine', 'refresh/s', 'spread', 'p50', 'p99', 'API CPU/req', 'P3', 'half load', 'p99 at half', 'P4'],
        rows: refreshRows,
        notes: [
          load,
          'each request presents the refresh token its session last received (autocannon onResponse → pool), so every one rotates',
          'half load: paced load (lib/paced.ts: 10 keep-alive connections, evenly spaced requests, 3 s warm-up) at ½ × the measured max; P3 and P4 are stated for PostgreSQL',
          'API CPU/req: user+system CPU of the API process per 2xx (PostgreSQL server CPU not included)',
          ...notes,
        ],
      },
      {
        title: `P6/P7 — password login vs the argon2id floor; /healthz p99 meanwhile (goals: P6 ${goalText(goals.P6)}, P7 ${goalText(goals.P7)})`,
        columns: [
          'engine',
          'argon2id hash',
          'floor/s',
          'logins/s',
          'API CPU/login',
          'P6 ratio',
          'P6 ratio by CPU',
          'P6',
          '/healthz p99',
          'P7',
        ],
        rows: loginRows,
        notes: [
          load,
          `floor = ${availableParallelism()} cores × 1000 / hash-ms, hash-ms = median CPU time of 20 sequential @node-rs/argon2 hashes in the bench process (m=19 MiB, t=2, p=1)`,
          'P6 ratio by CPU = hash-ms / API CPU per login: the same ratio from CPU time, less sensitive to other jobs on the machine',
          `P7: logins at full load and, at the same time, GET /healthz at a fixed ${PROBE_RATE} req/s on 2 more connections`,
        ],
      },
    ];
    return tables;
  },
};

/** A user created by an API key, with a password set by the admin endpoint (the Quickstart path). */
async function benchUser(server: ApiServer): Promise<string> {
  const auth = await createApiKey(server);
  const email = `bench-${Date.now()}@example.com`;
  const user = await call<{ id: string }>(server, 'POST', '/v1/users', { auth, body: { email }, expect: 201 });
  await call(server, 'POST', `/v1/users/${user.id}/password`, { auth, body: { password: PASSWORD }, expect: 204 });
  return email;
}

async function login(server: ApiServer, email: string): Promise<string> {
  const res = await fetch(`${server.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { refresh_token: string }).refresh_token;
}

/** Refresh tokens of `n` sessions; the refresh load takes one per request and puts back its successor. */
async function sessionPool(server: ApiServer, email: string, n: number): Promise<string[]> {
  const pool: string[] = [];
  for (let i = 0; i < n; i += 4) {
    pool.push(...(await Promise.all([0, 1, 2, 3].map(() => login(server, email)))));
  }
  return pool;
}

function refreshSpec(server: ApiServer, pool: string[]): LoadSpec {
  return {
    url: server.url,
    method: 'POST',
    path: '/v1/auth/refresh',
    pid: server.pid,
    body: () => {
      const token = pool.shift();
      if (!token) throw new Error('the session pool ran dry');
      return JSON.stringify({ refresh_token: token });
    },
    onResponse: (status, body) => {
      if (status === 200) pool.push((JSON.parse(body) as { refresh_token: string }).refresh_token);
    },
  };
}

function loginSpec(server: ApiServer, email: string): LoadSpec {
  const body = JSON.stringify({ email, password: PASSWORD });
  return { url: server.url, method: 'POST', path: '/v1/auth/login', pid: server.pid, body: () => body };
}

async function atRate(spec: LoadSpec, rate: number, settings: Settings) {
  const runs = [];
  for (let i = 0; i < settings.runs; i++) runs.push(await hit({ ...spec, rate }, settings.seconds));
  return summarize(runs);
}

async function healthzUnderLogins(server: ApiServer, login: LoadSpec, settings: Settings) {
  const runs = [];
  for (let i = 0; i < settings.runs; i++) {
    const [, probe] = await Promise.all([
      hit(login, settings.seconds),
      hit({ url: server.url, path: '/healthz', connections: 2, rate: PROBE_RATE }, settings.seconds),
    ]);
    runs.push(probe);
  }
  return summarize(runs);
}
