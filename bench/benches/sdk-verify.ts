import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { KeySet, TokenVerifier } from '../../packages/sdk/src/index.ts';
import type { Benchmark, Settings } from '../lib/bench.ts';
import { defer } from '../lib/cleanup.ts';
import { fmt } from '../lib/format.ts';
import { goals, goalText, verdict } from '../lib/goals.ts';
import { interleave } from '../lib/interleave.ts';
import { median, spreadPct } from '../lib/stats.ts';

/**
 * P2: each SDK's sessions.verify against the raw library it sits on, on one token signed like
 * the server signs (ES256, typ at+jwt, kid = RFC 7638 thumbprint): TypeScript against jose's
 * jwtVerify with a local key and the same checks, Go against ecdsa.Verify, Python against
 * cryptography's ECDSA verify. Each pair runs interleaved in one process; the ratio is SDK/raw.
 */
const root = new URL('../../', import.meta.url).pathname;
const ISSUER = 'https://id.example.test';
const AUDIENCE = 'https://api.example.test';

/** Verifications per second of wall time, CPU µs per verification (medians), spread of the CPU figure. */
interface Side {
  ops: number;
  cpuUs: number;
  spread: number;
}
interface Pair {
  ours: Side;
  raw: Side;
}

const side = (runs: { ops: number; cpuUs: number }[]): Side => ({
  ops: median(runs.map((r) => r.ops)),
  cpuUs: median(runs.map((r) => r.cpuUs)),
  spread: spreadPct(runs.map((r) => r.cpuUs)),
});

export const sdkVerify: Benchmark = {
  name: 'sdk-verify',
  describe: 'P2: each SDK sessions.verify vs its raw library (jose / crypto/ecdsa / cryptography), same token',
  async run(settings) {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    const jwks = { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] };
    const token = await new SignJWT({ user_id: 'usr_1', tenant_id: 'ten_1', session_id: 'ses_1', scope: 'openid' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('usr_1')
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(privateKey);
    const dir = await mkdtemp(join(tmpdir(), 'qeet-bench-verify-'));
    defer(() => rm(dir, { recursive: true, force: true }));
    const input = join(dir, 'input.json');
    await writeFile(input, JSON.stringify({ jwks, token, issuer: ISSUER, audience: AUDIENCE }));

    const goal = goals.P2;
    const rows: string[][] = [];
    const add = (sdk: string, rawName: string, pair: Pair | string) => {
      if (typeof pair === 'string') {
        rows.push([sdk, `skipped: ${pair}`, '', '', '', '', '', '', '']);
        return;
      }
      // Throughput ratio from CPU cost: on a shared machine CPU time per call moves far less
      // than wall-clock throughput, which follows whatever share of the cores we got.
      const ratio = pair.raw.cpuUs / pair.ours.cpuUs;
      const cells = (s: Side) => [
        fmt.int(s.ops),
        fmt.int(1e6 / s.cpuUs),
        `${s.cpuUs.toFixed(1)} µs`,
        fmt.pct(s.spread),
      ];
      rows.push(
        [sdk, `${rawName} (twin)`, ...cells(pair.raw), '', '', ''],
        [sdk, 'sessions.verify', ...cells(pair.ours), fmt.ratio(ratio), goalText(goal), verdict(goal, ratio)],
      );
    };
    add('TypeScript', 'jose jwtVerify, local key', await typescript(token, jwks, publicKey, settings));
    add('Go', 'ecdsa.Verify', await go(input, settings));
    add('Python', 'cryptography verify', python(input, settings));
    return [
      {
        title: `P2 — ${goal.what}`,
        columns: [
          'SDK',
          'path',
          'verifies/s (wall)',
          'per CPU-s',
          'CPU/verify',
          'spread',
          'ratio',
          'goal (must / target)',
          'verdict',
        ],
        rows,
        notes: [
          'one token, one P-256 key; the SDKs run with their JWKS cache already loaded (no network)',
          'TypeScript twin: jwtVerify(token, CryptoKey, the same options); Go twin: base64 + SHA-256 + ecdsa.Verify;',
          '  Python twin: base64 + DER encoding + EllipticCurvePublicKey.verify (the signature check alone, no claims)',
          `sequential calls; ${settings.seconds} s × ${settings.runs} runs per side, interleaved, median; ratio = twin CPU/verify ÷ SDK CPU/verify` +
            ' (Python: the two sides alternate in blocks of 50 calls within each run)',
          "CPU time is the process's own (Node: process.cpuUsage, Go: getrusage, Python: time.process_time)",
        ],
      },
    ];
  },
};

async function typescript(token: string, jwks: unknown, publicKey: CryptoKey, settings: Settings): Promise<Pair> {
  const verifier = new TokenVerifier(new KeySet(async () => ({ jwks, maxAgeMs: null })), {
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  const options = {
    algorithms: ['ES256'],
    typ: 'at+jwt',
    issuer: ISSUER,
    audience: AUDIENCE,
    clockTolerance: 30,
    requiredClaims: ['exp'],
  };
  const sides = [() => verifier.verify(token), () => jwtVerify(token, publicKey, options)];
  const [ours = [], raw = []] = await interleave(sides, loop, settings);
  return { ours: side(ours), raw: side(raw) };
}

async function loop(fn: () => Promise<unknown>, seconds: number): Promise<{ ops: number; cpuUs: number }> {
  let done = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 100; i++) await fn();
    done += 100;
  }
  const used = process.cpuUsage(cpu);
  return { ops: done / ((performance.now() - started) / 1000), cpuUs: (used.user + used.system) / done };
}

/** Compiles the Go benchmarks once, then runs SDK and twin in turns, one run each time. */
async function go(input: string, settings: Settings): Promise<Pair | string> {
  const cwd = join(root, 'sdks-go');
  const binary = join(tmpdir(), `qeet-bench-go-${process.pid}.test`);
  defer(() => rm(binary, { force: true }));
  try {
    execFileSync('go', ['test', '-c', '-o', binary, '.'], { cwd, encoding: 'utf8' });
  } catch (error) {
    return `go test -c failed: ${(error as Error).message.split('\n')[0]}`;
  }
  const once = (name: string, seconds: number) => {
    const out = execFileSync(
      binary,
      ['-test.run', '^$', '-test.bench', `^${name}$`, '-test.benchtime', `${seconds}s`],
      {
        cwd,
        env: { ...process.env, QEETID_BENCH_INPUT: input },
        encoding: 'utf8',
      },
    );
    const m = new RegExp(`^${name}-\\d+\\s+\\d+\\s+([\\d.]+) ns/op\\s+([\\d.]+) cpu-ns/op`, 'm').exec(out);
    if (!m) throw new Error(`no result for ${name} in:\n${out}`);
    return { ops: 1e9 / Number(m[1]), cpuUs: Number(m[2]) / 1000 };
  };
  const [ours = [], raw = []] = await interleave(['BenchmarkVerifySDK', 'BenchmarkVerifyRawECDSA'], once, settings);
  return { ours: side(ours), raw: side(raw) };
}

/** Uses the SDK's dev venv (scripts/ci/sdks.sh makes it) and the working tree's sources. */
function python(input: string, settings: Settings): Pair | string {
  const py = join(root, 'sdks-python/.venv/bin/python');
  if (!existsSync(py)) return 'no sdks-python/.venv (run scripts/ci/sdks.sh once)';
  const out = execFileSync(py, ['benchmarks/verify.py', input, String(settings.seconds), String(settings.runs)], {
    cwd: join(root, 'sdks-python'),
    env: { ...process.env, PYTHONPATH: join(root, 'sdks-python/src') },
    encoding: 'utf8',
  });
  const result = JSON.parse(out) as Record<'ours' | 'raw', { runs: { ops: number; cpu_us: number }[] }>;
  const toSide = (r: { runs: { ops: number; cpu_us: number }[] }) =>
    side(r.runs.map((x) => ({ ops: x.ops, cpuUs: x.cpu_us })));
  return { ours: toSide(result.ours), raw: toSide(result.raw) };
}
