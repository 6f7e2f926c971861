import autocannon from 'autocannon';
import { interleave } from './interleave.ts';
import { paced } from './paced.ts';
import { cpuMicros } from './proc.ts';
import { median, spreadPct } from './stats.ts';

export interface LoadSpec {
  /** Base URL, loopback only. */
  url: string;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Builds a fresh body for every request (e.g. unique emails); omitted means no body. */
  body?: () => string;
  connections?: number;
  /** The server process, to charge its CPU time to the requests it answered. */
  pid?: number;
  /** Builds the path of every request (e.g. a different user each time); overrides `path`. */
  pathFor?: () => string;
  /** Fixed overall rate in requests per second, evenly paced (latency at a given load), instead of flat out. */
  rate?: number;
  /** Sees every response (e.g. to keep the refresh token a rotation answered). */
  onResponse?: (status: number, body: string) => void;
}

export interface LoadRun {
  /** 2xx responses per second. */
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU time (user + system) per 2xx response, µs; NaN without a pid. */
  cpuUs: number;
  non2xx: number;
  errors: number;
}

export interface LoadSummary extends LoadRun {
  runs: LoadRun[];
  /** Run-to-run spread of rps, (max − min) / median in percent. */
  spread: number;
}

export const DEFAULT_CONNECTIONS = 10;

/** One bounded run in this process: autocannon flat out, or paced load when `rate` is set. */
export async function hit(spec: LoadSpec, seconds: number): Promise<LoadRun> {
  if (spec.rate) return paced({ ...spec, rate: spec.rate }, seconds);
  const url = new URL(spec.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`load goes to loopback only, not ${url.hostname}`);
  const headers = { ...spec.headers, ...(spec.body ? { 'content-type': 'application/json' } : {}) };
  const makeBody = spec.body;
  const makePath = spec.pathFor;
  const cpuBefore = spec.pid ? await cpuMicros(spec.pid) : Number.NaN;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections ?? DEFAULT_CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: [
      {
        method: spec.method ?? 'GET',
        path: spec.path,
        headers,
        ...(makeBody || makePath
          ? {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                ...(makeBody ? { body: makeBody() } : {}),
                ...(makePath ? { path: makePath() } : {}),
              }),
            }
          : {}),
        ...(spec.onResponse ? { onResponse: spec.onResponse } : {}),
      },
    ],
  });
  const cpuUsed = spec.pid ? (await cpuMicros(spec.pid)) - cpuBefore : Number.NaN;
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuUs: cpuUsed / result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function summarize(runs: LoadRun[]): LoadSummary {
  const of = (pick: (r: LoadRun) => number) => median(runs.map(pick));
  return {
    rps: of((r) => r.rps),
    p50: of((r) => r.p50),
    p99: of((r) => r.p99),
    cpuUs: of((r) => r.cpuUs),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    runs,
    spread: spreadPct(runs.map((r) => r.rps)),
  };
}

/** Several specs measured in the same window, in turns (lib/interleave.ts). */
export async function measureInterleaved(
  specs: LoadSpec[],
  settings: { runs: number; seconds: number; warmupSeconds: number },
): Promise<LoadSummary[]> {
  // Paced load needs longer: its latency tail shows every cold path, the load generator's too.
  const warmup = (spec: LoadSpec) => (spec.rate ? Math.max(3, settings.warmupSeconds) : settings.warmupSeconds);
  return (await interleave(specs, hit, settings, warmup)).map(summarize);
}
