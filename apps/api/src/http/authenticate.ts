import type { Database } from '@qeetid/db';
import { parseToken, secretMatches } from '../crypto/opaque-token.ts';
import type { Principal } from './context.ts';
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
  db: Database,
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
    return apiKeyPrincipal(db, credential, now);
  }
  if (scheme === 'bearer') {
    if (credential.startsWith('qk_')) {
      throw new ApiError('invalid_auth_scheme', 'API keys go in "Authorization: ApiKey qk_…", not Bearer');
    }
    if (!schemes.has('bearerAuth'))
      throw new ApiError('invalid_auth_scheme', 'this operation does not take bearer tokens');
    if (credential.startsWith('qp_')) return patPrincipal(db, credential, now);
    throw unauthorized('bearer token is not valid');
  }
  throw new ApiError('invalid_auth_scheme', `unsupported Authorization scheme; use "ApiKey qk_…" or "Bearer <token>"`);
}

async function apiKeyPrincipal(db: Database, credential: string, now: Date): Promise<Principal> {
  const parsed = parseToken(credential);
  if (parsed?.kind !== 'qk') throw unauthorized('API key is malformed');
  return db.platform(async (p) => {
    const key = await p.apiKeyByPrefix(parsed.prefix);
    if (!key || !secretMatches(parsed.secret, key.secretHash)) throw unauthorized('API key is not valid');
    if (key.revokedAt) throw unauthorized('API key has been revoked');
    if (key.expiresAt && key.expiresAt <= now) throw unauthorized('API key has expired');
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await p.touchApiKey(key.tenantId, key.id, now);
    }
    return { kind: 'api_key', keyId: key.id, tenantId: key.tenantId, scopes: key.scopes };
  });
}

async function patPrincipal(db: Database, credential: string, now: Date): Promise<Principal> {
  const parsed = parseToken(credential);
  if (parsed?.kind !== 'qp') throw unauthorized('personal access token is malformed');
  return db.platform(async (p) => {
    const pat = await p.patByPrefix(parsed.prefix);
    if (!pat || !secretMatches(parsed.secret, pat.secretHash)) throw unauthorized('personal access token is not valid');
    if (pat.revokedAt) throw unauthorized('personal access token has been revoked');
    if (pat.expiresAt && pat.expiresAt <= now) throw unauthorized('personal access token has expired');
    if (!pat.lastUsedAt || now.getTime() - pat.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await p.touchPat(pat.tenantId, pat.id, now);
    }
    return {
      kind: 'personal_access_token',
      tokenId: pat.id,
      userId: pat.userId,
      tenantId: pat.tenantId,
      scopes: pat.scopes,
    };
  });
}
