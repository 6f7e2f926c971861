import { encodeId, type TokenPair } from '@qeetid/contract';
import type { TenantScope } from '@qeetid/db';
import { secretHashOf } from '../../crypto/opaque-token.ts';
import { type Ctx, principalOf, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { policyOf } from '../auth-policy/policy.ts';
import { issuePair } from './issue.ts';

type RefreshOutcome =
  | { kind: 'ok'; pair: TokenPair }
  | { kind: 'invalid' }
  | { kind: 'reused' }
  | { kind: 'ended'; why: string };

/** Audit scope for events no authenticated principal caused (a replayed token may be an attacker's). */
function systemScope(ctx: Ctx, tenantId: string): TenantScope {
  return {
    tenantId,
    audit: { actor: { type: 'system', id: null }, ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId },
  };
}

/**
 * Refresh-token rotation with reuse detection (RFC 9700 §4.14.2). Claiming the token is one
 * conditional UPDATE, so of two concurrent requests — in one process or in two — exactly one
 * finds it unused. A token presented after it was used means two parties hold it: the session
 * and its whole token family are revoked, and the event goes to the audit chain. The outcome
 * commits before the error is sent, so a refused replay still leaves the session revoked.
 */
export async function refresh(ctx: Ctx, token: string): Promise<TokenPair> {
  const hash = secretHashOf('qr', token);
  if (!hash) throw new ApiError('auth.refresh_token_invalid', 'refresh token is malformed');
  const now = new Date();
  const outcome = await ctx.db.platform(async (p): Promise<RefreshOutcome> => {
    const claimed = await p.claimRefreshToken(hash, now);
    const found = claimed ? { ...claimed, usedAt: null } : await p.refreshTokenByHash(hash);
    if (!found) return { kind: 'invalid' };
    const standing = await p.sessionStanding(found.tenantId, found.sessionId);
    if (!standing) return { kind: 'invalid' };
    const { session } = standing;
    if (session.revokedAt) return { kind: 'ended', why: 'this session has been revoked; sign in again' };
    if (session.expiresAt <= now) return { kind: 'ended', why: 'this session has expired; sign in again' };
    if (!standing.userActive || !standing.role) {
      return { kind: 'ended', why: 'the user is disabled or no longer a member of this tenant' };
    }
    const r = await p.enterTenant(systemScope(ctx, found.tenantId));
    const policy = await policyOf(r);
    if (!claimed) {
      // `now` was taken before the claim waited on the winner's row lock, so it may precede usedAt.
      const sinceUse = now.getTime() - (found.usedAt?.getTime() ?? 0);
      const window = policy.refresh_reuse_window_seconds * 1000;
      if (window === 0 || sinceUse >= window) {
        await r.sessions.revoke(session.id, 'refresh_token_reused', now);
        await r.audit.append({
          action: 'auth.refresh_token_reused',
          target: { type: 'session', id: encodeId('session', session.id) },
          metadata: { user_id: encodeId('user', session.userId), session_revoked: true },
        });
        return { kind: 'reused' };
      }
      // Inside the tenant's reuse window: a concurrent tab, answered from the same family.
    }
    await r.sessions.touch(session.id, now);
    return { kind: 'ok', pair: await issuePair(ctx, r, session, policy, now) };
  });
  switch (outcome.kind) {
    case 'ok':
      return outcome.pair;
    case 'invalid':
      throw new ApiError('auth.refresh_token_invalid', 'refresh token is not valid');
    case 'reused':
      throw new ApiError(
        'auth.refresh_token_reused',
        'this refresh token was already used; its session has been revoked — sign in again',
      );
    case 'ended':
      throw new ApiError('auth.session_revoked', outcome.why);
  }
}

/** The session behind the caller's access token; other credentials have none to end. */
export function currentSession(ctx: Ctx): { tenantId: string; sessionId: string; userId: string } {
  const principal = principalOf(ctx);
  if (principal.kind !== 'access_token') {
    throw new ApiError('forbidden', 'this needs the access token of a session, not a personal access token');
  }
  return principal;
}

export async function logout(ctx: Ctx): Promise<void> {
  const { tenantId, sessionId } = currentSession(ctx);
  await ctx.db.withTenant(scopeOf(ctx, tenantId), async (r) => {
    const row = await r.sessions.revoke(sessionId, 'logout', new Date());
    if (!row) return;
    await r.audit.append({
      action: 'session.revoked',
      target: { type: 'session', id: encodeId('session', sessionId) },
      metadata: { reason: 'logout' },
    });
  });
}
