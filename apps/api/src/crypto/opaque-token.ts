import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque credentials `<kind>_<prefix>.<secret>`: the prefix finds the row, the secret is only
 * ever stored as its SHA-256. 256 bits of secret make a slow hash unnecessary (RFC 9700 §4.14
 * asks for high entropy; brute force of a 256-bit value is out of reach).
 */
export type TokenKind = 'qk' | 'qp' | 'qm';

export interface MintedToken {
  token: string;
  prefix: string;
  secretHash: string;
}

const shape = /^(qk|qp|qm)_([0-9a-z]{12})\.([A-Za-z0-9_-]{43})$/;

export function mintToken(kind: TokenKind): MintedToken {
  const prefix = randomBytes(8).toString('hex').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { token: `${kind}_${prefix}.${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseToken(token: string): { kind: TokenKind; prefix: string; secret: string } | null {
  const m = shape.exec(token);
  if (!m) return null;
  return { kind: m[1] as TokenKind, prefix: m[2] as string, secret: m[3] as string };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Single-use secrets looked up by the hash of the whole token: refresh tokens (`qr_`) and the
 * tokens of emailed links (`ql_`). They are minted constantly, so no short prefix that could
 * collide; 256 random bits each.
 */
export type SecretKind = 'qr' | 'ql';

export function mintSecret(kind: SecretKind): { token: string; hash: string } {
  const token = `${kind}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecret(token) };
}

/** The lookup hash of a well-formed secret of this kind; null when malformed. */
export function secretHashOf(kind: SecretKind, token: string): string | null {
  if (token.length !== 46 || !token.startsWith(`${kind}_`) || !/^[A-Za-z0-9_-]{43}$/.test(token.slice(3))) return null;
  return hashSecret(token);
}
