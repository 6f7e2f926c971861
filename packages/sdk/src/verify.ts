// Offline verification of Qeet ID access tokens (CONTRACT.md "Tokens"): ES256 JWS checked against
// a cached JWKS. Only web APIs (fetch, WebCrypto through jose), so it runs on edge runtimes too.
import {
  errors,
  importJWK,
  type JWK,
  type JWTPayload,
  type JWTVerifyOptions,
  jwtVerify,
  type ProtectedHeaderParameters,
} from 'jose';
import { TokenVerificationError, type VerifyErrorCode } from './errors.ts';

/** Longest token accepted; anything larger is refused before it is decoded. */
export const MAX_TOKEN_BYTES = 16_384;

export interface VerifyOptions {
  /** Expected `iss`. */
  issuer: string;
  /** Expected `aud`: the token must name at least one of these. */
  audience: string | string[];
  /** Tolerance for `exp`/`nbf`, in seconds (default 30). */
  clockSkewSeconds?: number;
  /** The current time in ms since the epoch; for tests. */
  now?: () => number;
}

export interface SessionClaims {
  userId: string;
  tenantId: string;
  sessionId: string;
  subject: string | undefined;
  scopes: string[];
  issuer: string;
  audience: string[];
  issuedAt: Date | undefined;
  expiresAt: Date;
  tokenId: string | undefined;
  /** Every claim of the token, as sent. */
  claims: JWTPayload;
}

/** Fetches the JWKS document; `maxAgeMs` from the response's Cache-Control when it says. */
export type JwksSource = () => Promise<{ jwks: unknown; maxAgeMs: number | null }>;

export interface KeySetOptions {
  /** How long keys are trusted when the source gives no max-age (default 5 minutes). */
  defaultMaxAgeMs?: number;
  /** At most one refetch for an unknown `kid` per this many ms (default 30 s). */
  unknownKidRefetchMs?: number;
  now?: () => number;
}

/**
 * The signing keys, parsed once into CryptoKeys and kept until their max-age passes. A stale set
 * is refreshed on use; if the refresh fails the stale keys keep working. An unknown `kid` causes
 * one refetch (a rotation just happened), rate-limited so a flood of forged kids cannot turn
 * into a flood of requests to the server.
 */
export class KeySet {
  private keys = new Map<string, CryptoKey>();
  private loaded = false;
  private expiresAt = 0;
  private lastKidRefetch = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | null = null;
  private readonly defaultMaxAgeMs: number;
  private readonly unknownKidRefetchMs: number;
  private readonly now: () => number;

  private readonly source: JwksSource;

  constructor(source: JwksSource, options: KeySetOptions = {}) {
    this.source = source;
    this.defaultMaxAgeMs = options.defaultMaxAgeMs ?? 300_000;
    this.unknownKidRefetchMs = options.unknownKidRefetchMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** The key for `kid`: synchronous on the hot path (a fresh set that knows the kid). */
  key(kid: string | undefined): CryptoKey | Promise<CryptoKey> {
    if (kid === undefined) throw new TokenVerificationError('unknown_kid', 'the token header has no kid');
    const key = this.keys.get(kid);
    if (key && this.now() < this.expiresAt) return key;
    return this.slowKey(kid);
  }

  private async slowKey(kid: string): Promise<CryptoKey> {
    if (!this.loaded || this.now() >= this.expiresAt) await this.refresh(this.loaded);
    const known = this.keys.get(kid);
    if (known) return known;
    const now = this.now();
    if (now - this.lastKidRefetch >= this.unknownKidRefetchMs) {
      this.lastKidRefetch = now;
      await this.refresh(true);
      const fresh = this.keys.get(kid);
      if (fresh) return fresh;
    }
    throw new TokenVerificationError('unknown_kid', `no published signing key has kid ${JSON.stringify(kid)}`);
  }

  /** One fetch at a time; concurrent callers share it. */
  private refresh(keepStaleOnFailure: boolean): Promise<void> {
    this.inflight ??= this.load()
      .catch((error: unknown) => {
        if (!keepStaleOnFailure) throw error;
        // Serve the stale keys, and give the JWKS endpoint a rest before asking again.
        this.expiresAt = this.now() + this.unknownKidRefetchMs;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  private async load(): Promise<void> {
    let fetched: Awaited<ReturnType<JwksSource>>;
    try {
      fetched = await this.source();
    } catch (cause) {
      if (cause instanceof TokenVerificationError) throw cause;
      throw new TokenVerificationError(
        'jwks_unavailable',
        `could not fetch the JWKS: ${(cause as Error).message}`,
        cause,
      );
    }
    const keys = await parseJwks(fetched.jwks);
    this.keys = keys;
    this.loaded = true;
    this.expiresAt = this.now() + (fetched.maxAgeMs ?? this.defaultMaxAgeMs);
  }
}

/** RFC 7517 §5: keep the P-256 signing keys that carry a kid; anything else in the set is ignored. */
async function parseJwks(jwks: unknown): Promise<Map<string, CryptoKey>> {
  const list = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) throw new TokenVerificationError('jwks_invalid', 'the JWKS has no "keys" array');
  const keys = new Map<string, CryptoKey>();
  for (const jwk of list as JWK[]) {
    if (typeof jwk !== 'object' || jwk === null || typeof jwk.kid !== 'string') continue;
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || (jwk.alg && jwk.alg !== 'ES256') || (jwk.use && jwk.use !== 'sig'))
      continue;
    try {
      keys.set(jwk.kid, (await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'ES256')) as CryptoKey);
    } catch (cause) {
      throw new TokenVerificationError('jwks_invalid', `JWKS key ${jwk.kid} is not a valid P-256 public key`, cause);
    }
  }
  return keys;
}

/** Reads `max-age` from a Cache-Control header (RFC 9111 §5.2.2.1); `no-store`/`no-cache` mean 0. */
export function cacheMaxAgeMs(header: string | null): number | null {
  if (!header) return null;
  if (/(?:^|,)\s*no-(?:store|cache)\b/i.test(header)) return 0;
  const m = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(header);
  return m ? Number(m[1]) * 1000 : null;
}

export function httpJwksSource(url: string, fetchImpl: typeof fetch, timeoutMs: number): JwksSource {
  return async () => {
    const response = await fetchImpl(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    let jwks: unknown;
    try {
      jwks = await response.json();
    } catch (cause) {
      throw new TokenVerificationError('jwks_invalid', `GET ${url} did not return JSON`, cause);
    }
    return { jwks, maxAgeMs: cacheMaxAgeMs(response.headers.get('cache-control')) };
  };
}

function joseCode(error: unknown): VerifyErrorCode | null {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' && error.reason === 'check_failed') return 'not_yet_valid';
    if (error.claim === 'iss' && error.reason === 'check_failed') return 'invalid_issuer';
    if (error.claim === 'aud' && error.reason === 'check_failed') return 'invalid_audience';
    if (error.claim === 'typ') return 'invalid_type';
    return 'invalid_claims';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'unsupported_alg';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid_signature';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  return null;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

export class TokenVerifier {
  private readonly options: VerifyOptions;
  /** Built once: the per-call cost stays jose's own. */
  private readonly checks: JWTVerifyOptions;
  private readonly resolve: (header: ProtectedHeaderParameters) => CryptoKey | Promise<CryptoKey>;

  constructor(keys: KeySet, options: VerifyOptions) {
    this.options = options;
    this.checks = {
      algorithms: ['ES256'], // RFC 8725 §3.1: one allowed algorithm, never taken from the token
      typ: 'at+jwt', // RFC 9068 §2.1 / RFC 8725 §3.11: only access tokens, not ID tokens
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: options.clockSkewSeconds ?? 30,
      requiredClaims: ['exp'],
    };
    this.resolve = (header) => keys.key(header.kid);
  }

  async verify(token: string): Promise<SessionClaims> {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_BYTES) {
      throw new TokenVerificationError('malformed', `a token is a string of at most ${MAX_TOKEN_BYTES} bytes`);
    }
    const first = token.indexOf('.');
    const second = token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw new TokenVerificationError('malformed', 'a token has exactly three dot-separated segments');
    }
    let payload: JWTPayload;
    try {
      const checks = this.options.now ? { ...this.checks, currentDate: new Date(this.options.now()) } : this.checks;
      ({ payload } = await jwtVerify(token, this.resolve, checks));
    } catch (error) {
      if (error instanceof TokenVerificationError) throw error;
      const code = joseCode(error);
      if (code) throw new TokenVerificationError(code, (error as Error).message, error);
      throw error;
    }
    const userId = str(payload.user_id);
    const tenantId = str(payload.tenant_id);
    const sessionId = str(payload.session_id);
    if (!userId || !tenantId || !sessionId) {
      throw new TokenVerificationError('invalid_claims', 'the token lacks user_id, tenant_id or session_id');
    }
    return {
      userId,
      tenantId,
      sessionId,
      subject: payload.sub,
      scopes: typeof payload.scope === 'string' && payload.scope ? payload.scope.split(' ') : [],
      issuer: payload.iss as string,
      audience: Array.isArray(payload.aud) ? payload.aud : [payload.aud as string],
      issuedAt: typeof payload.iat === 'number' ? new Date(payload.iat * 1000) : undefined,
      expiresAt: new Date((payload.exp as number) * 1000),
      tokenId: payload.jti,
      claims: payload,
    };
  }
}
