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
            { url: api.url, path: '/healthz' },
            { url: `http://127.0.0.1:${bare.match[1]}`, path: '/healthz' },
          ],
          settings,
        );
        if (!ours || !raw) throw new Error('missing measurement');
        const ratio = ours.rps / raw.rps;
        const goal = goals.P1;
        return [
          {
            title: `P1 — ${goal.what}`,
            columns: ['server', 'req/s', 'spread', 'p50', 'p99', 'ratio', 'goal (must / target)', 'verdict'],
            rows: [
              ['bare node:http (raw twin)', fmt.int(raw.rps), fmt.pct(raw.spread), fmt.ms(raw.p50), fmt.ms(raw.p99)],
              [
                `Qeet ID API (${engine})`,
                fmt.int(ours.rps),
                fmt.pct(ours.spread),
                fmt.ms(ours.p50),
                fmt.ms(ours.p99),
                fmt.ratio(ratio),
                goalText(goal),
                verdict(goal, ratio),
              ],
            ],
            notes: [
              `load: autocannon ${settings.autocannon}, ${DEFAULT_CONNECTIONS} connections, no pipelining, ` +
                `${settings.seconds} s × ${settings.runs} runs interleaved (ours, twin, ours, …), median`,
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
