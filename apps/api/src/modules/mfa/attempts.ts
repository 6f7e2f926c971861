import type { TenantRepos } from '@qeetid/db';
import { ApiError } from '../../http/errors.ts';

/**
 * Guessing second-factor codes: five wrong codes (TOTP, recovery, email/SMS) within fifteen
 * minutes lock the account's code checks until the window ends (NIST SP 800-63B §5.2.2 asks for
 * a limit on consecutive failed attempts). The counter lives in the database, so every replica
 * shares it.
 */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export async function assertNotLocked(r: TenantRepos, userId: string, now: Date): Promise<void> {
  const state = await r.mfa.state(userId);
  if (!state?.failuresSince || state.failures < MAX_FAILURES) return;
  const until = state.failuresSince.getTime() + FAILURE_WINDOW_MS;
  if (until <= now.getTime()) return;
  const retryAfter = Math.ceil((until - now.getTime()) / 1000);
  throw new ApiError('rate_limited', `too many wrong codes; try again in ${retryAfter} seconds`, {
    headers: { 'Retry-After': String(retryAfter) },
  });
}
