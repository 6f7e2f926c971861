import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startApi } from '../lib/api-server.ts';
import type { Benchmark } from '../lib/bench.ts';
import { fmt } from '../lib/format.ts';
import { goals, goalText, verdict } from '../lib/goals.ts';
import { rssBytes, startNode } from '../lib/proc.ts';

const bareHttp = fileURLToPath(new URL('../twins/bare-http.ts', import.meta.url));
/** Time left for start-up work (migrations, bootstrap, lazy compilation) to settle before reading RSS. */
const SETTLE_MS = 3000;

/** P13: resident memory of a freshly started, idle API process. */
export const idleRss: Benchmark = {
  name: 'idle-rss',
  describe: 'P13: idle RSS (VmRSS) of the API process after start, on each engine',
  async run(settings) {
    const goal = goals.P13;
    const bare = await startNode(bareHttp, { env: process.env, ready: /listening on (\d+)/ });
    let twin: number;
    try {
      await sleep(SETTLE_MS);
      twin = await rssBytes(bare.pid);
    } finally {
      await bare.stop();
    }
    const rows: string[][] = [['bare node:http (raw twin)', fmt.mb(twin), '', '', '']];
    for (const engine of settings.engines) {
      const api = await startApi(engine, settings.postgresUrl);
      try {
        // First start creates the database (PGlite: the whole cluster, in process) and bootstraps;
        // a restart on the same data is what a running installation looks like.
        for (const phase of ['first start', 'restart'] as const) {
          if (phase === 'restart') await api.restart();
          await sleep(SETTLE_MS);
          const rss = await rssBytes(api.pid);
          rows.push([
            `Qeet ID API (${engine}, ${phase})`,
            fmt.mb(rss),
            `+${fmt.mb(rss - twin)}`,
            goalText(goal),
            verdict(goal, rss / 1024 / 1024),
          ]);
        }
      } finally {
        await api.stop();
      }
    }
    return [
      {
        title: `P13 — ${goal.what}`,
        columns: ['process', 'VmRSS', 'over twin', 'goal (must / target)', 'verdict'],
        rows,
        notes: [
          `read from /proc/<pid>/status ${SETTLE_MS / 1000} s after the server printed its banner, before any request`,
          'PGlite runs inside the API process, so its RSS includes the embedded database; with PostgreSQL it does not',
        ],
      },
    ];
  },
};
