import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { WebauthnCredentialJson } from '@qeetid/contract';
import { encode } from 'cborg';
import { describe, expect, it } from 'vitest';
import { type Algorithm, SoftwareAuthenticator, type StoredCredential } from '../../../test/support/authenticator.ts';
import { verifyRegistration } from './ceremony.ts';
import { credentialPublicKey } from './credential-public-key.ts';

const ORIGIN = 'https://id.example.test';
const rp = { rpId: 'id.example.test', rpName: 'Qeet ID', origins: [ORIGIN] };

/** A credential of the software authenticator, and its public key as registration stores it. */
async function registered(algorithm: Algorithm): Promise<{ credential: StoredCredential; stored: string }> {
  const authenticator = new SoftwareAuthenticator({ origin: ORIGIN, algorithm });
  const challenge = randomBytes(32).toString('base64url');
  const user = { id: randomBytes(16).toString('base64url') };
  const registration = authenticator.create({ challenge, rp: { id: rp.rpId }, user });
  const verified = await verifyRegistration(rp, registration as unknown as WebauthnCredentialJson, challenge);
  return { credential: authenticator.credentials[0] as StoredCredential, stored: verified.publicKey };
}

const coseKey = (entries: [number, number | Uint8Array][]) =>
  Buffer.from(encode(new Map(entries))).toString('base64url');
const ed25519Key = () => {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return coseKey([
    [1, 1],
    [3, -8],
    [-1, 6],
    [-2, Buffer.from(jwk.x as string, 'base64url')],
  ]);
};

describe('credentialPublicKey', () => {
  it.each([
    ['ES256', 'ec', 'sha256'],
    ['EdDSA', 'ed25519', null],
    ['RS256', 'rsa', 'sha256'],
  ] as const)('imports a registered %s key as the authenticator’s own public key', async (algorithm, type, digest) => {
    const { credential, stored } = await registered(algorithm);
    const { key, digest: used } = credentialPublicKey(stored);
    expect(key.asymmetricKeyType).toBe(type);
    expect(key.export({ format: 'jwk' })).toEqual(createPublicKey(credential.key).export({ format: 'jwk' }));
    expect(used).toBe(digest);
  });

  it('imports a stored key once and serves the same KeyObject afterwards', () => {
    const stored = ed25519Key();
    expect(credentialPublicKey(stored)).toBe(credentialPublicKey(stored));
  });

  it('keeps at most 10,000 keys, dropping the oldest first', () => {
    const first = ed25519Key();
    const kept = credentialPublicKey(first);
    let last = first;
    for (let i = 0; i < 10_000; i++) {
      last = ed25519Key();
      credentialPublicKey(last);
    }
    expect(credentialPublicKey(first)).not.toBe(kept);
    expect(credentialPublicKey(first).key.export({ format: 'jwk' })).toEqual(kept.key.export({ format: 'jwk' }));
    expect(credentialPublicKey(last)).toBe(credentialPublicKey(last));
  });

  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
  const p384Coordinates = (): [number, Uint8Array][] => [
    [-2, Buffer.from(p384.x as string, 'base64url')],
    [-3, Buffer.from(p384.y as string, 'base64url')],
  ];
  it.each([
    ['is not base64url', '%%%'],
    ['is not a CBOR map', Buffer.from([0x01]).toString('base64url')],
    ['declares ES256 on P-384', coseKey([[1, 2], [3, -7], [-1, 2], ...p384Coordinates()])],
    ['uses ES384, which registration does not accept', coseKey([[1, 2], [3, -35], [-1, 2], ...p384Coordinates()])],
    [
      'declares EdDSA for an EC2 key',
      coseKey([
        [1, 2],
        [3, -8],
        [-1, 1],
        [-2, randomBytes(32)],
        [-3, randomBytes(32)],
      ]),
    ],
    [
      'has no x coordinate',
      coseKey([
        [1, 1],
        [3, -8],
        [-1, 6],
      ]),
    ],
    [
      'has a point off the curve',
      coseKey([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.alloc(32, 1)],
        [-3, Buffer.alloc(32, 1)],
      ]),
    ],
  ])('refuses a stored key that %s with webauthn.response_invalid', (_label, stored) => {
    expect(() => credentialPublicKey(stored)).toThrow(expect.objectContaining({ code: 'webauthn.response_invalid' }));
  });
});
