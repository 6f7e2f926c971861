import { decodeId } from '@qeetid/contract';
import type { PlatformReads } from '@qeetid/db';
import { errors, jwtVerify } from 'jose';
import { SIGNING_ALG } from '../crypto/key-ring.ts';
import { parseToken, secretMatches } from '../crypto/opaque-token.ts';
import type { AppDeps, Deps, Principal } from './context.ts';
import { ApiError } from './errors.ts';

/** How often at most `last_used_at` is written for one credential. */
const TOUCH_INTERVAL_MS = 60_000;

const unauthorized = (message: string) => new ApiError('unauthorized', message);

/**
 * Reads `Authorization` against the schemes the operation accepts (CONTRACT.md
 * "Authentication schemes"). A credential presented under the wrong scheme is refused with
 * `invalid_auth_scheme` naming the right one, never silently accepted.
 */
export async function authenticate(
  deps: Pick<AppDeps, 'db' | 'keys' | 'config' | 'credentials'>,
  header: string | undefined,
  schemes: ReadonlySet<string>,
  now: Date,
): Promise<Principal> {
  if (!header) throw unauthorized('missing Authorization header');
  const space = header.indexOf(' ');
  const scheme = space > 0 ? header.slice(0, space).toLowerCase() : '';
  const credential = space > 0 ? header.slice(space + 1).trim() : '';
  if (!credential) throw unauthorized('Authorization must be "ApiKey qk_…" or "Bearer <token>"');

  if (scheme === 'apikey') {
    if (!schemes.has('apiKeyAuth')) throw new ApiError('invalid_auth_scheme', 'this operation does not take API keys');
    if (!credential.startsWith('qk_')) {
      throw new ApiError('invalid_auth_scheme', 'the ApiKey scheme takes a qk_ key; send tokens as "Bearer <token>"');
    }
    return apiKeyPrincipal(deps, credential, now);
  }
  if (scheme === 'bearer') {
    if (credential.startsWith('qk_')) {
      throw new ApiError('invalid_auth_scheme', 'API keys go in "Authorization: ApiKey qk_…", not Bearer');
    }
    if (!schemes.has('bearerAuth'))
      throw new ApiError('invalid_auth_scheme', 'this operation does not take bearer tokens');
    if (credential.startsWith('qp_')) return patPrincipal(deps, credential, now);
    return accessTokenPrincipal(deps, credential, now);
  }
  throw new ApiError('invalid_auth_scheme', `unsupported Authorization scheme; use "ApiKey qk_…" or "Bearer <token>"`);
}

export interface StoredCredential {
  tenantId: string;
  id: string;
  secretHash: string;
  scopes: string[];
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * Finds an opaque credential by prefix (cached until a change to its tenant is announced),
 * checks secret, revocation and expiry, records its use.
 */
async function opaqueCredential<R extends StoredCredential>(
  deps: Pick<AppDeps, 'db' | 'credentials'>,
  credential: string,
  kind: 'qk' | 'qp',
  label: string,
  lookup: {
    find: (p: PlatformReads, prefix: string) => Promise<R | undefined>;
    touch: (p: PlatformReads, row: R, at: Date) => Promise<void>;
  },
  now: Date,
): Promise<R> {
  const parsed = parseToken(credential);
  if (parsed?.kind !== kind) throw unauthorized(`${label} is malformed`);
  const row = (await deps.credentials.get(`${kind}_${parsed.prefix}`, () =>
    deps.db.platformRead((p) => lookup.find(p, parsed.prefix)),
  )) as R | undefined;
  if (!row || !secretMatches(parsed.secret, row.secretHash)) throw unauthorized(`${label} is not valid`);
  if (row.revokedAt) throw unauthorized(`${label} has been revoked`);
  if (row.expiresAt && row.expiresAt <= now) throw unauthorized(`${label} has expired`);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    // Stamped on the (possibly cached) row first, so concurrent requests write it once.
    row.lastUsedAt = now;
    await deps.db.platformRead((p) => lookup.touch(p, row, now));
  }
  return row;
}

async function apiKeyPrincipal(
  deps: Pick<AppDeps, 'db' | 'credentials'>,
  credential: string,
  now: Date,
): Promise<Principal> {
  const key = await opaqueCredential(
    deps,
    credential,
    'qk',
    'API key',
    { find: (p, prefix) => p.apiKeyByPrefix(prefix), touch: (p, row, at) => p.touchApiKey(row.tenantId, row.id, at) },
    now,
  );
  return {
    kind: 'api_key',
    keyId: key.id,
    tenantId: key.tenantId,
    scopes: key.scopes,
    authzVersion: key.authzVersion,
  };
}

async function patPrincipal(
  deps: Pick<AppDeps, 'db' | 'credentials'>,
  credential: string,
  now: Date,
): Promise<Principal> {
  const pat = await opaqueCredential(
    deps,
    credential,
    'qp',
    'personal access token',
    { find: (p, prefix) => p.patByPrefix(prefix), touch: (p, row, at) => p.touchPat(row.tenantId, row.id, at) },
    now,
  );
  return {
    kind: 'personal_access_token',
    tokenId: pat.id,
    userId: pat.userId,
    tenantId: pat.tenantId,
    scopes: pat.scopes,
    role: pat.role,
    authzVersion: pat.authzVersion,
  };
}

/** Small clock differences between replicas and verifiers (RFC 7519 §4.1.4 allows "some small leeway"). */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * An access token of ours: ES256 only (RFC 8725 §3.1 — `none`, HS256 and every other algorithm
 * are refused), `typ: at+jwt` (RFC 9068 §4), a published `kid`, our issuer and audience, inside
 * its validity window. Then its session must still be live: this API honours a revocation at
 * once, while offline verifiers only see `exp`.
 */
async function accessTokenPrincipal(
  deps: Pick<Deps, 'db' | 'keys' | 'config'>,
  token: string,
  now: Date,
): Promise<Principal> {
  let claims: Record<string, unknown>;
  try {
    const verified = await jwtVerify(
      token,
      async (header) => {
        const key = header.kid ? await deps.keys.publicKey(header.kid) : undefined;
        if (!key) throw unauthorized('access token was not signed by a published key (unknown kid)');
        return key;
      },
      {
        algorithms: [SIGNING_ALG],
        typ: 'at+jwt',
        issuer: deps.config.issuer,
        audience: deps.config.audience,
        currentDate: now,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      },
    );
    claims = verified.payload;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof errors.JWTExpired) throw new ApiError('token_expired', 'access token has expired; refresh it');
    const reason = error instanceof errors.JOSEError ? error.message : 'malformed token';
    throw unauthorized(`bearer token is not valid: ${reason}`);
  }
  const userId = typeof claims.user_id === 'string' ? decodeId('user', claims.user_id) : null;
  const tenantId = typeof claims.tenant_id === 'string' ? decodeId('tenant', claims.tenant_id) : null;
  const sessionId = typeof claims.session_id === 'string' ? decodeId('session', claims.session_id) : null;
  if (!userId || !tenantId || !sessionId) throw unauthorized('access token lacks user_id, tenant_id or session_id');
  const standing = await deps.db.platformRead((p) => p.sessionStanding(tenantId, sessionId));
  if (!standing || standing.session.userId !== userId) throw unauthorized('access token names no known session');
  if (standing.session.revokedAt) throw new ApiError('auth.session_revoked', 'this session has been revoked');
  if (standing.session.expiresAt <= now) throw new ApiError('token_expired', 'this session has expired');
  if (!standing.userActive) throw unauthorized('this user is disabled');
  const scope = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : ['*'];
  return {
    kind: 'access_token',
    userId,
    tenantId,
    sessionId,
    authMethods: standing.session.authMethods,
    sessionCreatedAt: standing.session.createdAt,
    scopes: scope,
    role: standing.role,
    authzVersion: standing.authzVersion,
  };
}
