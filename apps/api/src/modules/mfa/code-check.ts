import { encodeId } from '@qeetid/contract';
import type { PlatformRepos, TenantRepos, TenantScope } from '@qeetid/db';
import type { Ctx } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { assertNotLocked, FAILURE_WINDOW_MS } from './attempts.ts';
import type { CodeOutcome } from './factors.ts';

/** Opens the transaction a check runs in, on the repos of the user's home tenant. */
export type Opener = <T>(fn: (r: TenantRepos, p?: PlatformRepos) => Promise<T>) => Promise<T>;

export const inTenant =
  (ctx: Ctx, scope: TenantScope): Opener =>
  (fn) =>
    ctx.db.withTenant(scope, (r) => fn(r));

/**
 * Runs one second-factor code check in one transaction. A wrong or replayed code commits its
 * failure count and audit event before the error goes out; a right one runs `then` in the same
 * transaction as the check, so a spent code and what it paid for land together.
 */
export async function checkCode<T>(
  open: Opener,
  userId: string,
  method: string,
  check: (r: TenantRepos, now: Date) => Promise<CodeOutcome | 'not_enrolled' | 'not_found'>,
  then: (r: TenantRepos, now: Date, p?: PlatformRepos) => Promise<T>,
): Promise<T> {
  const now = new Date();
  const outcome = await open(async (r, p) => {
    await assertNotLocked(r, userId, now);
    const result = await check(r, now);
    if (result === 'ok') {
      await r.mfa.clearFailures(userId);
      return { ok: true as const, value: await then(r, now, p) };
    }
    if (result === 'invalid' || result === 'reused') {
      const failures = await r.mfa.recordFailure(userId, now, FAILURE_WINDOW_MS);
      await r.audit.append({
        action: 'mfa.verification_failed',
        target: { type: 'user', id: encodeId('user', userId) },
        metadata: { method, reason: result, failures },
      });
    }
    return { ok: false as const, result };
  });
  if (outcome.ok) return outcome.value;
  switch (outcome.result) {
    case 'reused':
      throw new ApiError('mfa.code_reused', 'this code was already used; wait for the next one');
    case 'not_enrolled':
      throw new ApiError('not_found', `no ${method} factor is enrolled`);
    case 'not_found':
      throw new ApiError('not_found', 'no such factor');
    default:
      throw new ApiError('mfa.code_invalid', `the ${method.replace('_', ' ')} is not valid`);
  }
}
