/** The goals of shared/PERFORMANCE.md this package measures, must / target. */
export interface Goal {
  id: string;
  what: string;
  must: number;
  target: number;
  /** 'higher': a ratio that must reach the bar; 'lower': an amount that must stay under it. */
  better: 'higher' | 'lower';
  unit: 'ratio' | 'MB' | 'req/s' | 'ms' | 'flows/s';
}

export const goals = {
  P1: {
    id: 'P1',
    what: 'full middleware stack GET /healthz vs bare node:http',
    must: 0.75,
    target: 0.83,
    better: 'higher',
    unit: 'ratio',
  },
  P2: {
    id: 'P2',
    what: 'SDK sessions.verify vs the raw library it wraps, same token',
    must: 0.85,
    target: 0.95,
    better: 'higher',
    unit: 'ratio',
  },
  P9: {
    id: 'P9',
    what: '/v1/check p99 at 50 % of max, 10k users / 200 roles / 1k groups, PostgreSQL',
    must: 5,
    target: 2,
    better: 'lower',
    unit: 'ms',
  },
  P10: {
    id: 'P10',
    what: '/v1/check throughput vs GET /healthz in the same run',
    must: 0.5,
    target: 0.8,
    better: 'higher',
    unit: 'ratio',
  },
  P8: {
    id: 'P8',
    what: 'passkey sign-in flows per second',
    must: 1000,
    target: 2000,
    better: 'higher',
    unit: 'flows/s',
  },
  P12: {
    id: 'P12',
    what: 'hot-path query through our data layer vs raw driver, same SQL',
    must: 0.7,
    target: 0.9,
    better: 'higher',
    unit: 'ratio',
  },
  P13: { id: 'P13', what: 'idle RSS of the API process', must: 200, target: 120, better: 'lower', unit: 'MB' },
  P3: {
    id: 'P3',
    what: 'refresh grants (rotation + reuse detection) on 2 vCPU incl. DB',
    must: 1200,
    target: 2400,
    better: 'higher',
    unit: 'req/s',
  },
  P4: { id: 'P4', what: 'refresh p99 at 50 % of max', must: 25, target: 10, better: 'lower', unit: 'ms' },
  P6: {
    id: 'P6',
    what: 'password login vs hashing floor (cores × 1000 / hash-ms)',
    must: 0.7,
    target: 0.85,
    better: 'higher',
    unit: 'ratio',
  },
  P7: {
    id: 'P7',
    what: '/healthz p99 while logins saturate the CPU',
    must: 20,
    target: 5,
    better: 'lower',
    unit: 'ms',
  },
  P14: {
    id: 'P14',
    what: 'token signing through our code vs raw jose SignJWT',
    must: 0.85,
    target: 0.95,
    better: 'higher',
    unit: 'ratio',
  },
} as const satisfies Record<string, Goal>;

const show = (goal: Goal, n: number) => (goal.unit === 'ratio' ? `${n.toFixed(2)}×` : `${n} ${goal.unit}`);

export const goalText = (goal: Goal) =>
  `${goal.better === 'higher' ? '≥' : '≤'} ${show(goal, goal.must)} / ${show(goal, goal.target)}`;

/** 'target', 'must' (met must, not target) or 'MISSED' (below must). */
export function verdict(goal: Goal, value: number): string {
  if (!Number.isFinite(value)) return '–';
  const meets = (bar: number) => (goal.better === 'higher' ? value >= bar : value <= bar);
  if (meets(goal.target)) return 'meets target';
  if (meets(goal.must)) return 'meets must';
  return 'MISSES must';
}
