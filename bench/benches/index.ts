import type { Benchmark } from '../lib/bench.ts';
import { apiUsers } from './api-users.ts';
import { check } from './check.ts';
import { dataLayer } from './data-layer.ts';
import { healthz } from './healthz.ts';
import { idleRss } from './idle-rss.ts';
import { passkeys } from './passkeys.ts';
import { sdkVerify } from './sdk-verify.ts';
import { sessions } from './sessions.ts';
import { tokenSign } from './token-sign.ts';

/**
 * Every benchmark `pnpm bench` runs, in this order. A new one (sessions refresh/login,
 * /v1/check, SDK verify, …) is a new file next to these exporting a `Benchmark`, added here.
 */
export const benchmarks: Benchmark[] = [
  apiUsers,
  healthz,
  check,
  dataLayer,
  idleRss,
  sessions,
  tokenSign,
  sdkVerify,
  passkeys,
];
