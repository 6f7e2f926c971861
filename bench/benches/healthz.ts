import { fileURLToPath } from 'node:url';
import { startApi } from '../lib/api-server.ts';
import type { Benchmark } from '../lib/bench.ts';
import { fmt } from '../lib/format.ts';
import { goals, goalText, verdict } from '../lib/goals.ts';
import { DEFAULT_CONNECTIONS, measureInterleaved } from '../lib/load.ts';
import { startNode } from '../lib/proc.ts';

const bareHttp = fileURLToPath(new URL('../twins/bare-http.ts', import.meta.url));

/** P1: what our middleware stack and binder cost on the cheapest route. */
export const healthz: Benchmark = {
  name: 'healthz',
  describe: 'P1: full middleware stack GET /healthz vs a bare node:http server, same run',
  async run(settings) {
    // /healthz touches no database, so one engine is enough.
    const engine = settings.engines[0] ?? 'pglite';
    const api = await startApi(engine, settings.postgresUrl);
    try {
      const bare = await startNode(bareHttp, { env: process.env, ready: /listening on (\d+)/ });
      try {
        const [ours, raw] = await measureInterleaved(
          [
            { url: api.url, path: '/healthz', pid: api.pid },
            { url: `http://127.0.0.1:${bare.match[1]}`, path: '/healthz', pid: bare.pid },
          ],
          settings,
        );
        if (!ours || !raw) throw new Error('missing measurement');
        const ratio = ours.rps / raw.rps;
        // The same ratio from CPU time per request: less sensitive to other jobs on the machine.
        const cpuRatio = raw.cpuUs / ours.cpuUs;
        const goal = goals.P1;
        return [
          {
            title: `P1 — ${goal.what}`,
            columns: [
              'server',
              'req/s',
              'spread',
              'p50',
              'p99',
              'server CPU/req',
              'ratio req/s',
              'ratio req/CPU-s',
              'goal (must / target)',
              'verdict (req/s)',
            ],
            rows: [
              [
                'bare node:http (raw twin)',
                fmt.int(raw.rps),
                fmt.pct(raw.spread),
                fmt.ms(raw.p50),
                fmt.ms(raw.p99),
                fmt.us(raw.cpuUs),
              ],
              [
                `Qeet ID API (${engine})`,
                fmt.int(ours.rps),
                fmt.pct(ours.spread),
                fmt.ms(ours.p50),
                fmt.ms(ours.p99),
                fmt.us(ours.cpuUs),
                fmt.ratio(ratio),
                fmt.ratio(cpuRatio),
                goalText(goal),
                verdict(goal, ratio),
              ],
            ],
            notes: [
              `load: autocannon ${settings.autocannon}, ${DEFAULT_CONNECTIONS} connections, no pipelining, ` +
                `${settings.seconds} s × ${settings.runs} runs interleaved (ours, twin, ours, …), median`,
              'server CPU/req: user+system CPU of the server process (/proc/<pid>/stat) per 2xx response',
              ...(ours.non2xx + raw.non2xx ? [`! non-2xx: ours ${ours.non2xx}, twin ${raw.non2xx}`] : []),
            ],
          },
        ];
      } finally {
        await bare.stop();
      }
    } finally {
      await api.stop();
    }
  },
};
