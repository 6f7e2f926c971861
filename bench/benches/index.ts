import type { Benchmark } from '../lib/bench.ts';
import { apiUsers } from './api-users.ts';
import { check } from './check.ts';
import { dataLayer } from './data-layer.ts';
import { healthz } from './healthz.ts';
import { idleRss } from './idle-rss.ts';
import { passkeys } from './passkeys.ts';

/**
 * Every benchmark `pnpm bench` runs, in this order. A new one (sessions refresh/login,
 * /v1/check, SDK verify, …) is a new file next to these exporting a `Benchmark`, added here.
 */
export const benchmarks: Benchmark[] = [apiUsers, healthz, check, dataLayer, idleRss, passkeys];
