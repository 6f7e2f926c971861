import { SoftwareAuthenticator, type StoredCredential } from '../../apps/api/test/support/authenticator.ts';
import { type ApiServer, call, startApi } from '../lib/api-server.ts';
import type { Benchmark, Settings } from '../lib/bench.ts';
import { fmt } from '../lib/format.ts';
import { goals, goalText, verdict } from '../lib/goals.ts';
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
        const m = await measureFlows(server, settings);
        rows.push([
          engine,
          fmt.int(m.flows),
          fmt.pct(m.spread),
          fmt.ms(m.p50),
          fmt.ms(m.p99),
          fmt.us(m.cpuUs),
          goalText(goal),
          verdict(goal, m.flows),
        ]);
        if (m.failures) notes.push(`! ${engine}: ${m.failures} failed flows`);
      } finally {
        await server.stop();
      }
    }
    return [
      {
        title: `P8 — ${goal.what}`,
        columns: [
          'engine',
          'flows/s',
          'spread',
          'flow p50',
          'flow p99',
          'API CPU/flow',
          'goal (must / target)',
          'verdict',
        ],
        rows,
        notes: [
          `load: ${CONCURRENCY} concurrent clients in the bench process (fetch + software authenticator), each with ` +
            `its own passkey; ${settings.seconds} s × ${settings.runs} runs, median; spread is ±half the run-to-run range`,
          'a flow = 2 HTTP requests (begin, finish) + one ECDSA P-256 signature on the client side',
          'server: node apps/api/src/main.ts, LOG_LEVEL=warn, fresh data dir / database, client on the same 2 vCPUs',
          'API CPU/flow: user+system CPU of the API process per completed flow (PostgreSQL server CPU not included)',
          'absolute goal (no raw twin): the flow has no single library to compare with',
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
  failures: number;
}

async function measureFlows(server: ApiServer, settings: Settings) {
  const auth = `Bearer ${server.adminToken}`;
  const authenticator = new SoftwareAuthenticator({ origin: ORIGIN });
  // Every client holds its own passkey, so counters never race each other.
  const credentials: StoredCredential[] = [];
  for (let i = 0; i < CONCURRENCY; i++) {
    const begin = await call<{ options: unknown }>(server, 'POST', '/v1/passkeys/register/begin', {
      auth,
      expect: 200,
    });
    const credential = authenticator.create(begin.options);
    await call(server, 'POST', '/v1/passkeys/register/finish', { auth, body: { credential }, expect: 201 });
    credentials.push(authenticator.credentials[i] as StoredCredential);
  }
  await drive(server, authenticator, credentials, settings.warmupSeconds);
  const runs: FlowRun[] = [];
  for (let r = 0; r < settings.runs; r++) runs.push(await drive(server, authenticator, credentials, settings.seconds));
  return {
    flows: median(runs.map((x) => x.flows)),
    p50: median(runs.map((x) => x.p50)),
    p99: median(runs.map((x) => x.p99)),
    cpuUs: median(runs.map((x) => x.cpuUs)),
    spread: spreadPct(runs.map((x) => x.flows)),
    failures: runs.reduce((n, x) => n + x.failures, 0),
  };
}

/**
 * The origin the server accepts: with PORT=0 and no QEETID_ORIGINS it is derived from the issuer,
 * http://localhost:0. The software authenticator reports it as a browser on that origin would.
 */
const ORIGIN = 'http://localhost:0';

async function post(server: ApiServer, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { options?: unknown } };
}

async function drive(
  server: ApiServer,
  authenticator: SoftwareAuthenticator,
  credentials: StoredCredential[],
  seconds: number,
): Promise<FlowRun> {
  const latencies: number[] = [];
  let failures = 0;
  const cpuBefore = await cpuMicros(server.pid);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    credentials.map(async (credential) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const begin = await post(server, '/v1/auth/passkeys/login/begin');
        const assertion = authenticator.get(begin.body.options, { credential, origin: ORIGIN });
        const finish = await post(server, '/v1/auth/passkeys/login/finish', { credential: assertion });
        if (begin.status === 200 && finish.status === 200) latencies.push(performance.now() - t0);
        else failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuUsed = (await cpuMicros(server.pid)) - cpuBefore;
  latencies.sort((a, b) => a - b);
  return {
    flows: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuUs: latencies.length ? cpuUsed / latencies.length : Number.NaN,
    failures,
  };
}
