import { createHash } from 'node:crypto';
import type { Database } from '@qeetid/db';
import { ApiError } from '../../http/errors.ts';

/**
 * Brute-force protection: fixed-window counters in PostgreSQL, so every replica sees the same
 * counts. A limit is checked before the expensive work (argon2) and counted on failure.
 */
export interface Limit {
  /** Counter key namespace, e.g. `login:account`. */
  name: string;
  max: number;
  windowSeconds: number;
}

export const limits = {
  loginPerAccount: { name: 'login:account', max: 10, windowSeconds: 900 },
  loginPerIp: { name: 'login:ip', max: 100, windowSeconds: 900 },
  signupPerIp: { name: 'signup:ip', max: 20, windowSeconds: 3600 },
  codePerAccount: { name: 'code:account', max: 10, windowSeconds: 900 },
  codePerIp: { name: 'code:ip', max: 100, windowSeconds: 900 },
  sendPerAccount: { name: 'send:account', max: 5, windowSeconds: 900 },
  sendPerIp: { name: 'send:ip', max: 50, windowSeconds: 900 },
} as const satisfies Record<string, Limit>;

export interface Counter {
  key: string;
  limit: Limit;
}

/** Counters for an account (by normalised email, hashed so no address sits in the table) and an IP. */
export function counters(account: Limit, perIp: Limit, email: string | null, ip: string | null): Counter[] {
  const out: Counter[] = [];
  if (email) out.push({ key: `${account.name}:${createHash('sha256').update(email).digest('hex')}`, limit: account });
  if (ip) out.push({ key: `${perIp.name}:${ip}`, limit: perIp });
  return out;
}

function windowOf(limit: Limit, now: number) {
  const ms = limit.windowSeconds * 1000;
  const start = Math.floor(now / ms) * ms;
  return { start: new Date(start), resetSeconds: Math.max(1, Math.ceil((start + ms - now) / 1000)) };
}

function limited(limit: Limit, resetSeconds: number): ApiError {
  return new ApiError('rate_limited', `too many attempts; try again in ${resetSeconds} s`, {
    headers: {
      'Retry-After': String(resetSeconds),
      'RateLimit-Limit': String(limit.max),
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': String(resetSeconds),
    },
  });
}

/**
 * Refuses with 429 when any counter is at its limit in the current window (one query for all);
 * answers the current counts.
 */
export async function assertUnderLimits(db: Database, list: Counter[], now = Date.now()): Promise<Map<string, number>> {
  const windows = list.map((c) => ({ counter: c, window: windowOf(c.limit, now) }));
  const counts = await db.platformRead((p) =>
    p.attemptCounts(windows.map((w) => ({ key: w.counter.key, windowStart: w.window.start }))),
  );
  for (const { counter, window } of windows) {
    if ((counts.get(counter.key) ?? 0) >= counter.limit.max) throw limited(counter.limit, window.resetSeconds);
  }
  return counts;
}

/** Counts one attempt on each counter; throws 429 once a counter goes past its limit. */
export async function countAttempt(db: Database, list: Counter[], now = Date.now()): Promise<void> {
  let over: ApiError | undefined;
  for (const c of list) {
    const w = windowOf(c.limit, now);
    const count = await db.platformRead((p) => p.countAttempt(c.key, w.start));
    if (count > c.limit.max) over ??= limited(c.limit, w.resetSeconds);
  }
  if (over) throw over;
}

/** Forgets a counter's failures (after a success); no write when it had none. */
export async function clearCounter(
  db: Database,
  counter: Counter | undefined,
  counts: Map<string, number>,
): Promise<void> {
  if (counter && counts.get(counter.key)) await db.platformRead((p) => p.clearAttempts(counter.key));
}
