import { BlockList, isIP } from 'node:net';
import { Environment } from '@marcbachmann/cel-js';

/**
 * ABAC conditions are CEL expressions (https://github.com/google/cel-spec) over four variables:
 * `user` (id, email, status, metadata), `resource` (the attributes the caller passes),
 * `request` (ip, time) and `permission` (the permission being checked). They must yield a bool.
 */
const environment = new Environment({ limits: { maxAstNodes: 2000, maxDepth: 50 } })
  .registerVariable('user', 'map')
  .registerVariable('resource', 'map')
  .registerVariable('request', 'map')
  .registerVariable('permission', 'string')
  .registerFunction('inCidr(string, string): bool', inCidr);

/** `inCidr("10.1.2.3", "10.0.0.0/8")`: is the address inside the block? False for malformed input. */
function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const family = isIP(ip);
  if (!family || !base || isIP(base) !== family) return false;
  const prefix = Number(bits ?? (family === 4 ? 32 : 128));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return false;
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(base, prefix, type);
  return list.check(ip, type);
}

export interface ConditionProblem {
  line: number;
  column: number;
  message: string;
}

export type Condition = (vars: ConditionInput) => unknown;

export interface ConditionInput {
  user: Record<string, unknown>;
  resource: Record<string, unknown>;
  request: Record<string, unknown>;
  permission: string;
}

/** Parses and type-checks a condition; the problem carries a 1-based line and column. */
export function compileCondition(
  source: string,
): { ok: true; run: Condition } | { ok: false; problem: ConditionProblem } {
  try {
    const checked = environment.check(source);
    if (!checked.valid) return { ok: false, problem: locate(source, checked.error) };
    if (checked.type !== 'bool' && checked.type !== 'dyn') {
      return { ok: false, problem: { line: 1, column: 1, message: `must yield a bool, not ${checked.type}` } };
    }
    const program = environment.parse(source);
    return { ok: true, run: (vars) => program(vars as unknown as Record<string, unknown>) };
  } catch (error) {
    return { ok: false, problem: locate(source, error) };
  }
}

function locate(source: string, error: unknown): ConditionProblem {
  const e = error as { summary?: string; message?: string; range?: { start: number } } | undefined;
  const at = Math.min(e?.range?.start ?? 0, source.length);
  const before = source.slice(0, at).split('\n');
  return {
    line: before.length,
    column: (before.at(-1)?.length ?? 0) + 1,
    message: e?.summary ?? e?.message?.split('\n')[0] ?? 'invalid expression',
  };
}

/** Runs a condition: true, false, or the evaluation error's message. */
export function runCondition(condition: Condition, input: ConditionInput): { value: boolean } | { error: string } {
  try {
    const value = condition(input);
    if (typeof value !== 'boolean') return { error: `yielded ${typeof value}, not a bool` };
    return { value };
  } catch (error) {
    const e = error as { summary?: string; message?: string };
    return { error: e.summary ?? e.message?.split('\n')[0] ?? 'evaluation failed' };
  }
}
