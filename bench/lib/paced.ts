import { Agent, request } from 'node:http';
import type { LoadRun, LoadSpec } from './load.ts';
import { cpuMicros } from './proc.ts';

/** Percentile (nearest rank) of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate, evenly spaced, and is
 * sent then whether or not earlier ones have answered (up to `connections` in flight, beyond
 * which requests queue in the agent). Latency is measured from when a request was due, not from
 * when it went out, so a stalled server is not flattered (no coordinated omission).
 * autocannon's overallRate sends each second's quota back to back and then idles, which measures
 * bursts at full speed instead of a steady half load.
 */
export async function paced(spec: LoadSpec & { rate: number }, seconds: number): Promise<LoadRun> {
  const url = new URL(spec.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`load goes to loopback only, not ${url.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections ?? 10 });
  const headers = { ...spec.headers, ...(spec.body ? { 'content-type': 'application/json' } : {}) };
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const cpuBefore = spec.pid ? await cpuMicros(spec.pid) : Number.NaN;
  const start = performance.now();
  const total = Math.round(spec.rate * seconds);
  const interval = 1000 / spec.rate;
  let sent = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (due: number) => {
    const body = spec.body?.();
    const done = new Promise<void>((resolve) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: spec.method ?? 'GET',
          path: spec.pathFor?.() ?? spec.path,
          headers,
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - due);
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) ok++;
            else non2xx++;
            spec.onResponse?.(status, Buffer.concat(chunks).toString());
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  // A 1 ms tick sends every request whose time has come (timers cannot fire more finely).
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) send(start + sent++ * interval);
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  const cpuUsed = spec.pid ? (await cpuMicros(spec.pid)) - cpuBefore : Number.NaN;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: ok / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuUs: cpuUsed / ok,
    non2xx,
    errors,
  };
}
