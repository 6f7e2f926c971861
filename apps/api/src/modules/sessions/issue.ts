import { randomUUID } from 'node:crypto';
import { encodeId, newId, type TokenPair } from '@qeetid/contract';
import type { AuditEntry, NewSession, SessionRow, TenantRepos, TenantScope } from '@qeetid/db';
import { mintSecret } from '../../crypto/opaque-token.ts';
import type { Deps } from '../../http/context.ts';
import { type AuthPolicy, policyOf } from '../auth-policy/policy.ts';

/** What opening a session needs to know about the sign-in. */
export interface SessionStart {
  userId: string;
  tenantId: string;
  /** How the user proved who they are, as RFC 8176 `amr` values (`pwd`, `otp`, `hwk`, `mfa`, …). */
  methods: string[];
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** The passkey that signed the user in, when one did: `session.created` names it. */
  passkeyId?: string;
}

type Signer = Pick<Deps, 'keys' | 'config'>;

/** The audit scope of a sign-in: the user acts in the tenant they sign in to. */
export function signInScope(start: SessionStart): TenantScope {
  return {
    tenantId: start.tenantId,
    audit: {
      actor: { type: 'user', id: encodeId('user', start.userId) },
      ip: start.ip,
      userAgent: start.userAgent,
      requestId: start.requestId,
    },
  };
}

/**
 * Opens a session inside the caller's tenant transaction (the session row, the first refresh
 * token of its family, the `session.created` audit event) and returns the token pair. A caller
 * that has read the tenant's auth policy already passes it.
 * Every way of signing in ends here (password, magic link, email code, MFA completion, passkey
 * signup), except a passkey sign-in in the passkey's own tenant: one statement of its own
 * (passkeys/sign-in.ts), with the same `newSession`.
 */
export async function openSession(
  deps: Signer,
  r: TenantRepos,
  start: SessionStart,
  policy?: AuthPolicy,
): Promise<TokenPair> {
  const now = new Date();
  const effective = policy ?? (await policyOf(r));
  const next = newSession(start, effective, now);
  // Appended before the first wait, so a caller may write the scope's events alongside the session.
  r.audit.append(next.event);
  const session = await r.sessions.open(next.values);
  return pairFor(deps, session, effective, next.refreshToken, now);
}

/** A session about to open at `now`: its row with its first refresh token, that token, and its `session.created` event. */
export function newSession(
  start: SessionStart,
  policy: AuthPolicy,
  now: Date,
): { values: NewSession; refreshToken: string; event: AuditEntry } {
  const id = newId('session');
  const refresh = mintSecret('qr');
  return {
    values: {
      id: id.uuid,
      userId: start.userId,
      authMethods: start.methods,
      ip: start.ip,
      userAgent: start.userAgent,
      createdAt: now,
      expiresAt: new Date(now.getTime() + policy.session_ttl_seconds * 1000),
      refreshToken: { id: randomUUID(), tokenHash: refresh.hash },
    },
    refreshToken: refresh.token,
    event: {
      action: 'session.created',
      target: { type: 'session', id: id.id },
      metadata: {
        user_id: encodeId('user', start.userId),
        methods: start.methods,
        ...(start.passkeyId && { passkey_id: encodeId('passkey', start.passkeyId) }),
      },
    },
  };
}

/** Opens a session in a transaction of its own (for callers that have no other writes). */
export async function startSession(deps: Deps, start: SessionStart): Promise<TokenPair> {
  return deps.db.withTenant(signInScope(start), (r) => openSession(deps, r, start));
}

/** A new refresh token in the session's family and a fresh access token for it. */
export async function issuePair(
  deps: Signer,
  r: TenantRepos,
  session: SessionRow,
  policy: AuthPolicy,
  now: Date,
): Promise<TokenPair> {
  const refresh = mintSecret('qr');
  await r.sessions.addRefreshToken({
    id: randomUUID(),
    sessionId: session.id,
    tokenHash: refresh.hash,
    createdAt: now,
  });
  return pairFor(deps, session, policy, refresh.token, now);
}

/** The token pair for a session whose refresh token is already stored. */
export async function pairFor(
  deps: Signer,
  session: SessionRow,
  policy: AuthPolicy,
  refreshToken: string,
  now: Date,
): Promise<TokenPair> {
  const access = await accessToken(deps, session, policy, now);
  return {
    access_token: access.token,
    token_type: 'Bearer',
    expires_at: access.expiresAt.toISOString(),
    refresh_token: refreshToken,
    session_id: encodeId('session', session.id),
    user_id: encodeId('user', session.userId),
    tenant_id: encodeId('tenant', session.tenantId),
  };
}

/**
 * CONTRACT.md "Tokens": `sub` = `user_id`, `sid` = `session_id` (OIDC back-channel logout),
 * `jti` unique per token (RFC 9068 §2.2). The token never outlives its session.
 */
async function accessToken(deps: Signer, session: SessionRow, policy: AuthPolicy, now: Date) {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = Math.min(iat + policy.access_token_ttl_seconds, Math.floor(session.expiresAt.getTime() / 1000));
  const userId = encodeId('user', session.userId);
  const sessionId = encodeId('session', session.id);
  const token = await deps.keys.sign({
    iss: deps.config.issuer,
    aud: deps.config.audience,
    sub: userId,
    iat,
    nbf: iat,
    exp,
    jti: randomUUID(),
    user_id: userId,
    tenant_id: encodeId('tenant', session.tenantId),
    session_id: sessionId,
    sid: sessionId,
  });
  return { token, expiresAt: new Date(exp * 1000) };
}
