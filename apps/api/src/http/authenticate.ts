import type { Database, PlatformReads } from '@qeetid/db';
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

interface StoredCredential {
  tenantId: string;
  id: string;
  secretHash: string;
  scopes: string[];
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

/** Finds an opaque credential by prefix, checks secret, revocation and expiry, records its use. */
async function opaqueCredential<R extends StoredCredential>(
  db: Database,
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
  return db.platformRead(async (p) => {
    const row = await lookup.find(p, parsed.prefix);
    if (!row || !secretMatches(parsed.secret, row.secretHash)) throw unauthorized(`${label} is not valid`);
    if (row.revokedAt) throw unauthorized(`${label} has been revoked`);
    if (row.expiresAt && row.expiresAt <= now) throw unauthorized(`${label} has expired`);
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS)
      await lookup.touch(p, row, now);
    return row;
  });
}

async function apiKeyPrincipal(db: Database, credential: string, now: Date): Promise<Principal> {
  const key = await opaqueCredential(
    db,
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

async function patPrincipal(db: Database, credential: string, now: Date): Promise<Principal> {
  const pat = await opaqueCredential(
    db,
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
