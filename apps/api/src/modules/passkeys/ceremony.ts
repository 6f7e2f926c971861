import { createHash, verify as verifySignature } from 'node:crypto';
import type {
  ErrorCode,
  PasskeyCreationOptions,
  PasskeyRequestOptions,
  WebauthnCredentialJson,
} from '@qeetid/contract';
import type { AssertingPasskey, PasskeyRow } from '@qeetid/db';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import {
  type ClientDataJSON,
  isoBase64URL,
  type ParsedAuthenticatorData,
  parseAuthenticatorData,
} from '@simplewebauthn/server/helpers';
import type { Config } from '../../config.ts';
import { ApiError } from '../../http/errors.ts';
import { ALGORITHMS, credentialPublicKey } from './credential-public-key.ts';

type RelyingParty = Config['webauthn'];

const TIMEOUT_MS = 5 * 60_000;

/**
 * Creation options. Passkeys are discoverable credentials with user verification (WebAuthn L3
 * §5.4.6 residentKey "required", §5.8.6 userVerification "required"), so they can sign in with no
 * username and count as multi-factor on their own.
 */
export async function creationOptions(
  rp: RelyingParty,
  user: { handle: string; name: string; displayName: string },
  challenge: string,
  exclude: PasskeyRow[],
): Promise<PasskeyCreationOptions['options']> {
  // The library's DOM-style types are the same JSON our spec describes as open objects.
  return (await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: user.name,
    userDisplayName: user.displayName,
    userID: Buffer.from(user.handle, 'base64url'),
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: exclude.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    supportedAlgorithmIDs: ALGORITHMS,
  })) as unknown as PasskeyCreationOptions['options'];
}

/**
 * Request options. With no `allow` list any discoverable credential may answer, which is also what
 * conditional mediation (autofill) needs (WebAuthn L3 §5.1.4.1).
 */
export async function requestOptions(
  rp: RelyingParty,
  challenge: string,
  allow: PasskeyRow[],
): Promise<PasskeyRequestOptions['options']> {
  return (await generateAuthenticationOptions({
    rpID: rp.rpId,
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: TIMEOUT_MS,
    userVerification: 'required',
    allowCredentials: allow.map((c) => ({ id: c.credentialId, transports: c.transports })),
  })) as unknown as PasskeyRequestOptions['options'];
}

export interface VerifiedRegistration {
  credentialId: string;
  publicKey: string;
  signCount: number;
  transports: string[];
  aaguid: string;
  attestationFormat: string;
  backupEligible: boolean;
  backupState: boolean;
}

/** WebAuthn L3 §7.1 "Registering a New Credential", through SimpleWebAuthn. */
export async function verifyRegistration(
  rp: RelyingParty,
  credential: WebauthnCredentialJson,
  challenge: string,
): Promise<VerifiedRegistration> {
  const result = await classify(() =>
    verifyRegistrationResponse({
      response: credential as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpId,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    }),
  );
  if (!result.verified) throw new ApiError('webauthn.signature_invalid', 'the attestation signature does not verify');
  const info = result.registrationInfo;
  return {
    credentialId: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    signCount: info.credential.counter,
    transports: (credential.response.transports ?? []).slice(0, 10),
    aaguid: info.aaguid,
    attestationFormat: info.fmt,
    backupEligible: info.credentialDeviceType === 'multiDevice',
    backupState: info.credentialBackedUp,
  };
}

/**
 * WebAuthn L3 §7.2 "Verifying an Authentication Assertion" on node:crypto (SimpleWebAuthn's helpers
 * only parse), with the stored key imported once (see `credentialPublicKey`). Steps 5 and 6 (which
 * credential, whose) are the caller's; the checks run in the order of the steps.
 */
export async function verifyAssertion(
  rp: RelyingParty,
  credential: WebauthnCredentialJson,
  challenge: string,
  stored: AssertingPasskey['passkey'],
): Promise<{ signCount: number; backupState: boolean }> {
  // WebAuthn L3 §7.2 step 3 (§5.1): a PublicKeyCredential's id is its rawId in base64url, its type "public-key".
  if (credential.id !== credential.rawId) throw malformed('the credential id is not its rawId in base64url');
  if (credential.type !== 'public-key') throw malformed('the credential type is not "public-key"');
  // WebAuthn L3 §7.2 step 7: cData, authData and sig.
  const { clientDataJSON, authenticatorData, signature } = credential.response;
  const cData = bytesOf('clientDataJSON', clientDataJSON);
  const authData = bytesOf('authenticatorData', authenticatorData);
  const sig = bytesOf('signature', signature);
  // WebAuthn L3 §7.2 steps 8-9: C is cData decoded as UTF-8 and parsed as JSON.
  const c = clientDataOf(cData);
  // WebAuthn L3 §7.2 step 10
  if (c.type !== 'webauthn.get') throw malformed('the client data type is not "webauthn.get"');
  // WebAuthn L3 §7.2 step 11
  if (c.challenge !== challenge) {
    throw new ApiError(
      'webauthn.challenge_invalid',
      'the client data challenge is not the one issued for this ceremony',
    );
  }
  // WebAuthn L3 §7.2 step 12
  if (!rp.origins.includes(c.origin)) {
    throw new ApiError(
      'webauthn.origin_mismatch',
      `the origin ${JSON.stringify(c.origin)} is not one of this relying party's`,
    );
  }
  // WebAuthn L3 §7.2 step 13: we expect no ceremony inside a cross-origin iframe (we are never framed).
  if (c.crossOrigin === true || c.topOrigin !== undefined) {
    throw new ApiError(
      'webauthn.origin_mismatch',
      `the client data reports a cross-origin iframe (crossOrigin ${JSON.stringify(c.crossOrigin)}, topOrigin ${JSON.stringify(c.topOrigin)}); sign-in is never framed`,
    );
  }
  const { rpIdHash, flags, counter } = authenticatorDataOf(authData);
  // WebAuthn L3 §7.2 step 14
  if (!rpIdHashOf(rp.rpId).equals(rpIdHash)) {
    throw new ApiError('webauthn.rp_id_mismatch', 'the authenticator data is for another RP ID');
  }
  // WebAuthn L3 §7.2 step 15
  if (!flags.up) throw malformed('the authenticator did not test user presence (UP flag unset)');
  // WebAuthn L3 §7.2 step 16: we require user verification (requestOptions asks for "required").
  if (!flags.uv) {
    throw new ApiError(
      'webauthn.user_verification_required',
      'the authenticator did not verify the user (UV flag unset)',
    );
  }
  // WebAuthn L3 §7.2 step 17
  if (flags.bs && !flags.be) throw malformed('the BS flag is set without the BE flag');
  // WebAuthn L3 §7.2 step 18: backup eligibility is fixed at creation; a change means another authenticator.
  if (flags.be !== stored.backupEligible) {
    throw new ApiError(
      'webauthn.backup_eligibility_changed',
      'the backup-eligibility flag differs from the one registered with this credential',
    );
  }
  // WebAuthn L3 §7.2 steps 20-21: sig is over authData ‖ SHA-256(cData).
  const publicKey = credentialPublicKey(stored.publicKey);
  const signed = Buffer.concat([authData, createHash('sha256').update(cData).digest()]);
  if (!verifySignature(publicKey.digest, signed, publicKey.key, sig)) {
    throw new ApiError(
      'webauthn.signature_invalid',
      'the assertion signature does not verify with the stored public key',
    );
  }
  // WebAuthn L3 §7.2 step 22: a counter that does not move forward signals a cloned authenticator.
  if ((counter !== 0 || stored.signCount !== 0) && counter <= stored.signCount) {
    throw new ApiError(
      'webauthn.counter_regression',
      `the signature counter ${counter} is not above the stored ${stored.signCount}`,
    );
  }
  return { signCount: counter, backupState: flags.bs };
}

const malformed = (message: string) => new ApiError('webauthn.response_invalid', message);

function bytesOf(name: string, value: unknown): Uint8Array<ArrayBuffer> {
  if (typeof value !== 'string' || !isoBase64URL.isBase64URL(value)) {
    throw malformed(`credential.response.${name} is not base64url`);
  }
  return isoBase64URL.toBuffer(value);
}

function clientDataOf(cData: Uint8Array<ArrayBuffer>): ClientDataJSON {
  try {
    const c: unknown = JSON.parse(Buffer.from(cData).toString('utf8'));
    if (typeof c === 'object' && c !== null) return c as ClientDataJSON;
  } catch {}
  throw malformed('credential.response.clientDataJSON is not a JSON object');
}

function authenticatorDataOf(authData: Uint8Array<ArrayBuffer>): ParsedAuthenticatorData {
  try {
    return parseAuthenticatorData(authData);
  } catch (error) {
    throw malformed(`credential.response.authenticatorData does not parse: ${(error as Error).message}`);
  }
}

/** SHA-256 of each RP ID, computed once (there is one per deployment). */
const rpIdHashes = new Map<string, Buffer>();

function rpIdHashOf(rpId: string): Buffer {
  let hash = rpIdHashes.get(rpId);
  if (!hash) {
    hash = createHash('sha256').update(rpId).digest();
    rpIdHashes.set(rpId, hash);
  }
  return hash;
}

/** SimpleWebAuthn reports every registration failure as an Error; this gives each one our precise code. */
const rules: [RegExp, ErrorCode][] = [
  [/response origin/, 'webauthn.origin_mismatch'],
  [/RP ID/, 'webauthn.rp_id_mismatch'],
  [/User verification .*required/, 'webauthn.user_verification_required'],
  [/response challenge/, 'webauthn.challenge_invalid'],
];

async function classify<T>(verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const code = rules.find(([pattern]) => pattern.test(message))?.[1] ?? 'webauthn.response_invalid';
    throw new ApiError(code, `WebAuthn verification failed: ${message}`);
  }
}
