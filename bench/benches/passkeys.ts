import { randomUUID } from 'node:crypto';
import { SoftwareAuthenticator, type StoredCredential } from '../../apps/api/test/support/authenticator.ts';
import { type ApiServer, call, startApi } from '../lib/api-server.ts';
import type { Benchmark, Settings } from '../lib/bench.ts';
import { postgresCpu } from '../lib/engines.ts';
import { fmt } from '../lib/format.ts';
import { goals, goalText, verdict } from '../lib/goals.ts';
import { keepAliveClient } from '../lib/paced.ts';
import { cpuMicros } from '../lib/proc.ts';
import { median, percentile, spreadPct } from '../lib/stats.ts';

/**
 * P8: complete passkey sign-in flows per second through the real server. One flow is what a
 * browser does: POST /v1/auth/passkeys/login/begin (usernameless options, challenge stored),
 * the authenticator signs (software authenticator: real P-256 ECDSA over real authenticator
 * data), POST /v1/auth/passkeys/login/finish (challenge spent, signature and counter verified,
 * session and refresh token stored, ES256 access token signed, audit event appended).
 */
const CONCURRENCY = 16;

/**
 * Who signs in: 16 passkeys of one user in one tenant (every flow appends to that tenant's audit
 * chain, which concurrent writers take in turn), or 16 users who signed up with a passkey, each
 * in the personal tenant signup made (one chain each: the case of many tenants).
 */
type Population = 'one tenant' | 'own tenants';
const POPULATIONS: Population[] = ['own tenants', 'one tenant'];

export const passkeys: Benchmark = {
  name: 'passkeys',
  describe: 'P8: passkey sign-in flows per second (begin + software authenticator + finish)',
  async run(settings) {
    const goal = goals.P8;
    const rows: string[][] = [];
    const notes: string[] = [];
    for (const engine of settings.engines) {
      const server = await startApi(engine, settings.postgresUrl);
      try {
        const postgresCpuNow = 'url' in server.storage ? await postgresCpu(server.storage.url) : null;
        for (const population of POPULATIONS) {
          const m = await measureFlows(server, population, postgresCpuNow, settings);
          const serverCpuUs = m.cpuUs + (postgresCpuNow ? m.pgCpuUs : 0);
          // Flows the server (API and its database) completes per CPU-second, on both vCPUs.
          const capacity = (2 * 1e6) / serverCpuUs;
          rows.push([
            engine,
            population,
            fmt.int(m.flows),
            fmt.pct(m.spread),
            fmt.ms(m.p50),
            fmt.ms(m.p99),
            fmt.us(m.cpuUs),
            postgresCpuNow ? fmt.us(m.pgCpuUs) : engine === 'pglite' ? 'in API' : 'n/a',
            fmt.int(capacity),
            goalText(goal),
            verdict(goal, capacity),
          ]);
          if (m.failures) notes.push(`! ${engine}, ${population}: ${m.failures} failed flows`);
        }
      } finally {
        await server.stop();
      }
    }
    return [
      {
        title: `P8 — ${goal.what}`,
        columns: [
          'engine',
          'users',
          'flows/s',
          'spread',
          'flow p50',
          'flow p99',
          'API CPU/flow',
          'PG CPU/flow',
          'server capacity, 2 vCPU',
          'goal (must / target)',
          'verdict (capacity)',
        ],
        rows,
        notes: [
          `load: ${CONCURRENCY} concurrent clients in the bench process (one keep-alive connection each + the software ` +
            `authenticator), each with its own passkey; ${settings.seconds} s × ${settings.runs} runs, median; spread is ±half the run-to-run range`,
          'a flow = 2 HTTP requests (begin, finish) + one ECDSA P-256 signature on the client side',
          'server: node apps/api/src/main.ts, LOG_LEVEL=warn, fresh data dir / database; the client, the API and PostgreSQL share the same 2 vCPUs',
          "flows/s: completed flows per second with all three on this machine (the client is the users' devices and browsers, which a deployment does not host)",
          'API / PG CPU per flow: user+system CPU of the API process and of the PostgreSQL server (postmaster and all its processes, those that ended meanwhile included) per completed flow',
          'server capacity: flows per second the API and its database complete on 2 vCPUs at this CPU cost, 2 s / (API + PG CPU per flow); the verdict is on it',
          'one tenant: every flow appends to the same audit chain; own tenants: each user in the personal tenant passkey signup made',
          ...notes,
        ],
      },
    ];
  },
};

interface FlowRun {
  flows: number;
  p50: number;
  p99: number;
  cpuUs: number;
  pgCpuUs: number;
  failures: number;
}

async function measureFlows(
  server: ApiServer,
  population: Population,
  postgresCpuNow: (() => Promise<number>) | null,
  settings: Settings,
) {
  const { authenticator, credentials } = await enroll(server, population);
  const clients = await Promise.all(credentials.map(() => keepAliveClient(server.url)));
  try {
    const drive = (seconds: number) => driveFlows(server, clients, authenticator, credentials, postgresCpuNow, seconds);
    // Steady state: a flow runs most of the API's code, which V8 optimizes over its first few
    // thousand flows; with 1 s of warm-up the population measured first paid for that (+15–20 %
    // API CPU per flow whichever population went first).
    await drive(Math.max(3, settings.warmupSeconds));
    const runs: FlowRun[] = [];
    for (let r = 0; r < settings.runs; r++) runs.push(await drive(settings.seconds));
    return {
      flows: median(runs.map((x) => x.flows)),
      p50: median(runs.map((x) => x.p50)),
      p99: median(runs.map((x) => x.p99)),
      cpuUs: median(runs.map((x) => x.cpuUs)),
      pgCpuUs: median(runs.map((x) => x.pgCpuUs)),
      spread: spreadPct(runs.map((x) => x.flows)),
      failures: runs.reduce((n, x) => n + x.failures, 0),
    };
  } finally {
    for (const c of clients) c.close();
  }
}

/** Every client gets its own passkey, so counters never race each other. */
async function enroll(server: ApiServer, population: Population) {
  const authenticator = new SoftwareAuthenticator({ origin: ORIGIN });
  const first = authenticator.credentials.length;
  for (let i = 0; i < CONCURRENCY; i++) {
    if (population === 'one tenant') {
      const auth = `Bearer ${server.adminToken}`;
      const begin = await call<{ options: unknown }>(server, 'POST', '/v1/passkeys/register/begin', {
        auth,
        expect: 200,
      });
      const credential = authenticator.create(begin.options);
      await call(server, 'POST', '/v1/passkeys/register/finish', { auth, body: { credential }, expect: 201 });
    } else {
      const begin = await call<{ options: unknown }>(server, 'POST', '/v1/auth/passkeys/signup/begin', {
        body: { email: `bench-${randomUUID()}@example.test`, display_name: 'Bench' },
        expect: 200,
      });
      const credential = authenticator.create(begin.options);
      await call(server, 'POST', '/v1/auth/passkeys/signup/finish', { body: { credential }, expect: 201 });
    }
  }
  return { authenticator, credentials: authenticator.credentials.slice(first) as StoredCredential[] };
}

/**
 * The origin the server accepts: with PORT=0 and no QEETID_ORIGINS it is derived from the issuer,
 * http://localhost:0. The software authenticator reports it as a browser on that origin would.
 */
const ORIGIN = 'http://localhost:0';

type Client = Awaited<ReturnType<typeof keepAliveClient>>;

async function driveFlows(
  server: ApiServer,
  clients: Client[],
  authenticator: SoftwareAuthenticator,
  credentials: StoredCredential[],
  postgresCpuNow: (() => Promise<number>) | null,
  seconds: number,
): Promise<FlowRun> {
  const latencies: number[] = [];
  let failures = 0;
  const cpuBefore = await cpuMicros(server.pid);
  const pgBefore = (await postgresCpuNow?.()) ?? Number.NaN;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    credentials.map(async (credential, i) => {
      const client = clients[i] as Client;
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const begin = await client.post('/v1/auth/passkeys/login/begin');
        if (begin.status !== 200) {
          failures++;
          continue;
        }
        const { options } = JSON.parse(begin.body) as { options: unknown };
        const assertion = authenticator.get(options, { credential, origin: ORIGIN });
        const finish = await client.post('/v1/auth/passkeys/login/finish', { credential: assertion });
        if (finish.status === 200) latencies.push(performance.now() - t0);
        else failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuUsed = (await cpuMicros(server.pid)) - cpuBefore;
  const pgUsed = ((await postgresCpuNow?.()) ?? Number.NaN) - pgBefore;
  latencies.sort((a, b) => a - b);
  return {
    flows: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuUs: latencies.length ? cpuUsed / latencies.length : Number.NaN,
    pgCpuUs: latencies.length ? pgUsed / latencies.length : Number.NaN,
    failures,
  };
}
