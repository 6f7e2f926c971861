import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomUUID,
  sign,
} from 'node:crypto';
import { encode } from 'cborg';

/**
 * A software WebAuthn authenticator plus the client (browser) half of the ceremony: it makes real
 * keys (P-256 by default, Ed25519 or RSA 2048 on request), real CBOR authenticator data and
 * attestation objects, and real signatures, so the server's verification runs exactly as it does
 * for a hardware or platform authenticator.
 * It shares no code with the server (its CBOR comes from `cborg`, the server's from SimpleWebAuthn).
 *
 * Knobs exist to produce the malicious or broken responses the server must refuse.
 */

const b64url = (b: Uint8Array | string) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();

/** Signature algorithms a credential can use, by their JOSE/COSE names. */
export type Algorithm = 'ES256' | 'EdDSA' | 'RS256';

// RFC 9053 §2.1, §2.2 and RFC 8812 §2: COSE algorithm identifiers.
const COSE_ALGORITHM: Record<Algorithm, number> = { ES256: -7, EdDSA: -8, RS256: -257 };

// WebAuthn L3 §6.1 "Authenticator Data": flag bits.
const UP = 0x01;
const UV = 0x04;
const BE = 0x08;
const BS = 0x10;
const AT = 0x40;

export interface StoredCredential {
  id: Buffer;
  key: KeyObject;
  algorithm: Algorithm;
  rpId: string;
  userHandle: string;
  signCount: number;
}

export interface AuthenticatorOptions {
  /** Origin the "browser" reports in clientDataJSON. */
  origin: string;
  /** AAGUID the authenticator claims (WebAuthn L3 §6.5.1); zeros by default, as for `none`. */
  aaguid?: string;
  /** Key type of the credentials it makes: ES256 (P-256) unless told otherwise. */
  algorithm?: Algorithm;
  /** Does the authenticator verify the user (PIN, biometrics)? */
  userVerification?: boolean;
  backupEligible?: boolean;
  backupState?: boolean;
}

export interface CeremonyOverrides {
  origin?: string;
  rpId?: string;
  challenge?: string;
  type?: string;
  /** Client data `crossOrigin` and `topOrigin` (WebAuthn L3 §5.8.1), as a page in a cross-origin iframe reports them. */
  crossOrigin?: boolean;
  topOrigin?: string;
  userPresent?: boolean;
  userVerified?: boolean;
  /** Sign-count to report instead of the next one (a cloned authenticator reports an old one). */
  signCount?: number;
  /** Sign these bytes instead of authenticatorData ‖ hash(clientDataJSON). */
  signOver?: Buffer;
  /** Use this stored credential (re-register it, or assert with it regardless of allowCredentials). */
  credential?: StoredCredential;
  userHandle?: string | null;
  backupEligible?: boolean;
  backupState?: boolean;
}

export interface RegistrationJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; attestationObject: string; transports: string[] };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment: 'platform';
}

export interface AssertionJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment: 'platform';
}

// biome-ignore lint/suspicious/noExplicitAny: options come from the server as JSON; the ceremony reads the fields it needs.
type OptionsJSON = any;

export class SoftwareAuthenticator {
  readonly credentials: StoredCredential[] = [];
  readonly origin: string;
  readonly aaguid: string;
  readonly algorithm: Algorithm;
  readonly userVerification: boolean;
  readonly backupEligible: boolean;
  readonly backupState: boolean;

  constructor(options: AuthenticatorOptions) {
    this.origin = options.origin;
    this.aaguid = options.aaguid ?? '00000000-0000-0000-0000-000000000000';
    this.algorithm = options.algorithm ?? 'ES256';
    this.userVerification = options.userVerification ?? true;
    this.backupEligible = options.backupEligible ?? false;
    this.backupState = options.backupState ?? false;
  }

  /** navigator.credentials.create(): a new key pair and its attestation ("none" or "packed" self attestation). */
  create(options: OptionsJSON, attestation: 'none' | 'packed' = 'none', o: CeremonyOverrides = {}): RegistrationJSON {
    const rpId: string = o.rpId ?? options.rp?.id;
    const algorithm = o.credential?.algorithm ?? this.algorithm;
    const privateKey = o.credential?.key ?? newPrivateKey(algorithm);
    const coseKey = coseKeyOf(createPublicKey(privateKey), algorithm);
    const credential: StoredCredential = o.credential ?? {
      id: randomBytes(32),
      key: privateKey,
      algorithm,
      rpId: options.rp?.id,
      userHandle: options.user?.id,
      signCount: 0,
    };
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credential.id.length);
    const attested = Buffer.concat([uuidBytes(this.aaguid), idLength, credential.id, Buffer.from(coseKey)]);
    const authData = this.authData(rpId, AT, o, 0, attested);
    const clientDataJSON = this.clientData('webauthn.create', options.challenge, o);
    const attStmt =
      attestation === 'packed'
        ? // WebAuthn L3 §8.2 "Packed": self attestation signs authData ‖ clientDataHash with the credential key.
          {
            alg: COSE_ALGORITHM[algorithm],
            sig: signWith(privateKey, algorithm, Buffer.concat([authData, sha256(clientDataJSON)])),
          }
        : {};
    const attestationObject = encode({ fmt: attestation, attStmt, authData });
    if (!o.credential) this.credentials.push(credential);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal', 'hybrid'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** navigator.credentials.get(): an assertion by a credential the options allow (any, when discoverable). */
  get(options: OptionsJSON, o: CeremonyOverrides = {}): AssertionJSON {
    const allowed: string[] = (options.allowCredentials ?? []).map((c: { id: string }) => c.id);
    const credential =
      o.credential ??
      this.credentials.find((c) => c.rpId === options.rpId && (allowed.length === 0 || allowed.includes(b64url(c.id))));
    if (!credential) throw new Error('authenticator holds no credential for these options');
    credential.signCount += 1;
    const authData = this.authData(o.rpId ?? options.rpId, 0, o, o.signCount ?? credential.signCount);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, o);
    const signed = o.signOver ?? Buffer.concat([authData, sha256(clientDataJSON)]);
    const userHandle = o.userHandle === undefined ? credential.userHandle : o.userHandle;
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signWith(credential.key, credential.algorithm, signed)),
        ...(userHandle === null ? {} : { userHandle }),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  private authData(rpId: string, extraFlags: number, o: CeremonyOverrides, signCount: number, attested?: Buffer) {
    let flags = extraFlags;
    if (o.userPresent ?? true) flags |= UP;
    if (o.userVerified ?? this.userVerification) flags |= UV;
    if (o.backupEligible ?? this.backupEligible) flags |= BE;
    if (o.backupState ?? this.backupState) flags |= BS;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(signCount);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), counter, attested ?? Buffer.alloc(0)]);
  }

  private clientData(type: string, challenge: string, o: CeremonyOverrides): Buffer {
    // WebAuthn L3 §5.8.1 CollectedClientData.
    return Buffer.from(
      JSON.stringify({
        type: o.type ?? type,
        challenge: o.challenge ?? challenge,
        origin: o.origin ?? this.origin,
        crossOrigin: o.crossOrigin ?? false,
        ...(o.topOrigin === undefined ? {} : { topOrigin: o.topOrigin }),
      }),
    );
  }
}

function newPrivateKey(algorithm: Algorithm): KeyObject {
  switch (algorithm) {
    case 'ES256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    case 'EdDSA':
      return generateKeyPairSync('ed25519').privateKey;
    case 'RS256':
      return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }
}

/** The credential public key as a COSE_Key (WebAuthn L3 §6.5.1.1), built from its JWK. */
function coseKeyOf(publicKey: KeyObject, algorithm: Algorithm): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  const bytes = (member: string | undefined) => Buffer.from(member as string, 'base64url');
  const alg = COSE_ALGORITHM[algorithm];
  switch (algorithm) {
    // RFC 9053 §7.1.1: EC2 key {kty: 2, alg, crv: 1 (P-256), x, y}.
    case 'ES256':
      return encode(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, alg],
          [-1, 1],
          [-2, bytes(jwk.x)],
          [-3, bytes(jwk.y)],
        ]),
      );
    // RFC 9053 §7.2: OKP key {kty: 1, alg, crv: 6 (Ed25519), x}.
    case 'EdDSA':
      return encode(
        new Map<number, number | Uint8Array>([
          [1, 1],
          [3, alg],
          [-1, 6],
          [-2, bytes(jwk.x)],
        ]),
      );
    // RFC 8230 §4: RSA key {kty: 3, alg, n: -1, e: -2}.
    case 'RS256':
      return encode(
        new Map<number, number | Uint8Array>([
          [1, 3],
          [3, alg],
          [-1, bytes(jwk.n)],
          [-2, bytes(jwk.e)],
        ]),
      );
  }
}

/**
 * WebAuthn L3 §6.5.5: ECDSA signatures are ASN.1 DER (node's default), Ed25519 signs the message
 * itself (RFC 8032 §5.1.6), RS256 is RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2, node's default padding).
 */
function signWith(key: KeyObject, algorithm: Algorithm, data: Buffer): Buffer {
  return sign(algorithm === 'EdDSA' ? null : 'sha256', data, key);
}

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** A fresh AAGUID for tests that need one nobody knows. */
export const randomAaguid = () => randomUUID();
