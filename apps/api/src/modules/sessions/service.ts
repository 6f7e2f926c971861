import { randomUUID } from 'node:crypto';
import { encodeId, type TokenPair } from '@qeetid/contract';
import type { PageQuery, SessionRow, TenantScope } from '@qeetid/db';
import { mintSecret, secretHashOf } from '../../crypto/opaque-token.ts';
import { type Ctx, type Principal, principalOf, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { signInTenant } from '../auth/service.ts';
import { effectivePolicy, policyOf } from '../auth-policy/policy.ts';
import { live } from '../users/service.ts';
import { issuePair, pairFor, startSession } from './issue.ts';

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
 * Refresh-token rotation with reuse detection (RFC 9700 §4.14.2). The usual case is one
 * statement: claim the unused token and store its successor, so of two concurrent requests —
 * in one process or in two — exactly one finds it unused. A token presented after it was used
 * means two parties hold it: the session and its whole token family are revoked, and the event
 * goes to the audit chain. That outcome commits before the error is sent.
 */
export async function refresh(ctx: Ctx, token: string): Promise<TokenPair> {
  const hash = secretHashOf('qr', token);
  if (!hash) throw new ApiError('auth.refresh_token_invalid', 'refresh token is malformed');
  const now = new Date();
  const successor = mintSecret('qr');
  const rotated = await ctx.db.platformRead((p) =>
    p.rotateRefreshToken(hash, { id: randomUUID(), tokenHash: successor.hash }, now),
  );
  if (rotated?.rotated) {
    return pairFor(ctx, rotated.session, effectivePolicy(rotated.policy), successor.token, now);
  }
  const outcome: RefreshOutcome = rotated ? ended(rotated, now) : await replayed(ctx, hash, now);
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

type Standing = { session: SessionRow; userActive: boolean; role: string | null };

/** Why a session can no longer refresh. */
function ended(standing: Standing, now: Date): RefreshOutcome {
  const { session } = standing;
  if (session.revokedAt) return { kind: 'ended', why: 'this session has been revoked; sign in again' };
  if (session.expiresAt <= now) return { kind: 'ended', why: 'this session has expired; sign in again' };
  return { kind: 'ended', why: 'the user is disabled or no longer a member of this tenant' };
}

const isLive = (s: Standing, now: Date) =>
  !s.session.revokedAt && s.session.expiresAt > now && s.userActive && s.role !== null;

/** A token that was not claimable: unknown, or used before — a replay, unless inside the reuse window. */
async function replayed(ctx: Ctx, hash: string, now: Date): Promise<RefreshOutcome> {
  return ctx.db.platform(async (p): Promise<RefreshOutcome> => {
    const found = await p.refreshTokenByHash(hash);
    if (!found?.usedAt) return { kind: 'invalid' };
    const standing = await p.sessionStanding(found.tenantId, found.sessionId);
    if (!standing) return { kind: 'invalid' };
    if (!isLive(standing, now)) return ended(standing, now);
    const r = await p.enterTenant(systemScope(ctx, found.tenantId));
    const policy = await policyOf(r);
    const { session } = standing;
    // `now` was taken before the claim waited on the winner's row lock, so it may precede usedAt.
    const sinceUse = now.getTime() - found.usedAt.getTime();
    const window = policy.refresh_reuse_window_seconds * 1000;
    if (window > 0 && sinceUse < window) {
      // Inside the tenant's reuse window: a concurrent tab, answered from the same family.
      await r.sessions.touch(session.id, now);
      return { kind: 'ok', pair: await issuePair(ctx, r, session, policy, now) };
    }
    await r.sessions.revoke(session.id, 'refresh_token_reused', now);
    await r.audit.append({
      action: 'auth.refresh_token_reused',
      target: { type: 'session', id: encodeId('session', session.id) },
      metadata: { user_id: encodeId('user', session.userId), session_revoked: true },
    });
    return { kind: 'reused' };
  });
}

/** The session behind the caller's access token; other credentials have none to end. */
function currentSession(ctx: Ctx): Extract<Principal, { kind: 'access_token' }> {
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

/** The calling user, whatever user credential they came with (access token or PAT). */
export function callingUser(ctx: Ctx): { userId: string; tenantId: string; sessionId: string | null } {
  const principal = principalOf(ctx);
  if (principal.kind === 'api_key') throw new ApiError('forbidden', 'this needs a user credential, not an API key');
  return {
    userId: principal.userId,
    tenantId: principal.tenantId,
    sessionId: principal.kind === 'access_token' ? principal.sessionId : null,
  };
}

/** My live sessions in every tenant. */
export async function listMine(ctx: Ctx, q: PageQuery) {
  const { userId } = callingUser(ctx);
  return ctx.db.platform((p) => p.sessionsOfUser(userId, new Date(), q));
}

export async function revokeMine(ctx: Ctx, sessionId: string): Promise<void> {
  const { userId } = callingUser(ctx);
  const notFound = () => ApiError.notFound('session', encodeId('session', sessionId));
  const session = await ctx.db.platformRead((p) => p.sessionOfUser(userId, sessionId));
  if (!session) throw notFound();
  await ctx.db.withTenant(scopeOf(ctx, session.tenantId), async (r) => {
    if (!(await r.sessions.revoke(sessionId, 'user_revoked', new Date()))) throw notFound();
    await r.audit.append({
      action: 'session.revoked',
      target: { type: 'session', id: encodeId('session', sessionId) },
      metadata: { reason: 'user_revoked' },
    });
  });
}

/** Admin: a user's live sessions in this tenant. */
export async function listOfUser(ctx: Ctx, userId: string, q: PageQuery) {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    await live(r, userId);
    return r.sessions.listLive(userId, new Date(), q);
  });
}

/** Admin: ends every live session of a user in this tenant. */
export async function revokeAllOfUser(ctx: Ctx, userId: string): Promise<number> {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    await live(r, userId);
    const revoked = await r.sessions.revokeAllOfUser(userId, 'admin_revoked', new Date());
    await r.audit.append({
      action: 'user.sessions_revoked',
      target: { type: 'user', id: encodeId('user', userId) },
      metadata: { count: revoked.length },
    });
    return revoked.length;
  });
}

/** A session in another tenant of the user's, carrying over how they signed in. */
export async function switchTenant(ctx: Ctx, wanted: string): Promise<TokenPair> {
  const current = currentSession(ctx);
  const tenantId = await signInTenant(ctx, current.userId, wanted);
  return startSession(ctx, {
    userId: current.userId,
    tenantId,
    methods: current.authMethods,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
  });
}
