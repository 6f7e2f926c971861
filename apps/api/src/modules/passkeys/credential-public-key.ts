import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { cose, decodeCredentialPublicKey, isoBase64URL } from '@simplewebauthn/server/helpers';
import { ApiError } from '../../http/errors.ts';

/**
 * Stored credential public keys (COSE_Key, base64url) as node KeyObjects ready for
 * `crypto.verify`. Importing a key costs about as much as verifying with it, so the most recent
 * 10,000 are kept, keyed by the stored string itself: a public key is no secret, and a changed key
 * is another entry, never a stale one.
 */

/** COSE algorithms we accept (RFC 9053, RFC 8812): ES256, EdDSA, RS256 — what platform authenticators make. */
export const ALGORITHMS: number[] = [cose.COSEALG.ES256, cose.COSEALG.EdDSA, cose.COSEALG.RS256];

export interface CredentialPublicKey {
  key: KeyObject;
  /** The digest `crypto.verify` applies first; EdDSA takes the message itself (RFC 8032 §5.1.7). */
  digest: 'sha256' | null;
}

const MAX_KEYS = 10_000;
const keys = new Map<string, CredentialPublicKey>();

export function credentialPublicKey(stored: string): CredentialPublicKey {
  let found = keys.get(stored);
  if (!found) {
    found = importCoseKey(stored);
    if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value as string);
    keys.set(stored, found);
  }
  return found;
}

function importCoseKey(stored: string): CredentialPublicKey {
  const coseKey = decode(stored);
  const alg = coseKey.get(cose.COSEKEYS.alg);
  const jwk = jwkOf(coseKey, alg);
  try {
    return { key: createPublicKey({ format: 'jwk', key: jwk }), digest: alg === cose.COSEALG.EdDSA ? null : 'sha256' };
  } catch (error) {
    throw unusable(`its ${cose.COSEALG[alg as number]} key does not import (${(error as Error).message})`);
  }
}

function decode(stored: string): cose.COSEPublicKey {
  if (isoBase64URL.isBase64URL(stored)) {
    try {
      const decoded: unknown = decodeCredentialPublicKey(isoBase64URL.toBuffer(stored));
      if (decoded instanceof Map) return decoded as cose.COSEPublicKey;
    } catch {}
  }
  throw unusable('it is not a base64url CBOR COSE_Key');
}

/**
 * WebAuthn L3 §5.8.5: an ES256 key is an EC2 key on P-256, an EdDSA key an OKP key on Ed25519
 * (RFC 9053 §7.1.1, §7.2); an RS256 key is an RSA key (RFC 8230 §4).
 */
function jwkOf(coseKey: cose.COSEPublicKey, alg: number | undefined): JsonWebKey {
  if (alg === cose.COSEALG.ES256 && cose.isCOSEPublicKeyEC2(coseKey)) {
    if (coseKey.get(cose.COSEKEYS.crv) !== cose.COSECRV.P256) throw unusable('its ES256 key is not on P-256');
    return {
      kty: 'EC',
      crv: 'P-256',
      x: member(coseKey.get(cose.COSEKEYS.x), 'x', 32),
      y: member(coseKey.get(cose.COSEKEYS.y), 'y', 32),
    };
  }
  if (alg === cose.COSEALG.EdDSA && cose.isCOSEPublicKeyOKP(coseKey)) {
    if (coseKey.get(cose.COSEKEYS.crv) !== cose.COSECRV.ED25519) throw unusable('its EdDSA key is not an Ed25519 key');
    return { kty: 'OKP', crv: 'Ed25519', x: member(coseKey.get(cose.COSEKEYS.x), 'x', 32) };
  }
  if (alg === cose.COSEALG.RS256 && cose.isCOSEPublicKeyRSA(coseKey)) {
    return { kty: 'RSA', n: member(coseKey.get(cose.COSEKEYS.n), 'n'), e: member(coseKey.get(cose.COSEKEYS.e), 'e') };
  }
  throw unusable(
    `its algorithm ${String(alg)} with key type ${String(coseKey.get(cose.COSEKEYS.kty))} is not one we accept`,
  );
}

/** A byte-string member of the COSE_Key as a JWK member (base64url), of the length the curve fixes. */
function member(value: unknown, name: string, length?: number): string {
  if (!(value instanceof Uint8Array) || value.length === 0 || (length !== undefined && value.length !== length)) {
    throw unusable(`its ${name} is not a byte string${length === undefined ? '' : ` of ${length} bytes`}`);
  }
  return Buffer.from(value).toString('base64url');
}

const unusable = (why: string) =>
  new ApiError('webauthn.response_invalid', `the passkey's stored public key cannot verify assertions: ${why}`);
