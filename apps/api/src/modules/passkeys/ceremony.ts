import type {
  ErrorCode,
  PasskeyCreationOptions,
  PasskeyRequestOptions,
  WebauthnCredentialJson,
} from '@qeetid/contract';
import type { AssertingPasskey, PasskeyRow } from '@qeetid/db';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Config } from '../../config.ts';
import { ApiError } from '../../http/errors.ts';

type RelyingParty = Config['webauthn'];

/** COSE algorithms we accept (RFC 9053): ES256, EdDSA, RS256 — what platform authenticators make. */
const ALGORITHMS = [-7, -8, -257];
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

/** WebAuthn L3 §7.2 "Verifying an Authentication Assertion", through SimpleWebAuthn, plus §7.2 step 22 (BE). */
export async function verifyAssertion(
  rp: RelyingParty,
  credential: WebauthnCredentialJson,
  challenge: string,
  stored: AssertingPasskey['passkey'],
): Promise<{ signCount: number; backupState: boolean }> {
  const result = await classify(() =>
    verifyAuthenticationResponse({
      response: credential as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpId,
      requireUserVerification: true,
      credential: {
        id: stored.credentialId,
        publicKey: Buffer.from(stored.publicKey, 'base64url'),
        counter: stored.signCount,
        transports: stored.transports as never,
      },
    }),
  );
  if (!result.verified) {
    throw new ApiError(
      'webauthn.signature_invalid',
      'the assertion signature does not verify with the stored public key',
    );
  }
  const info = result.authenticationInfo;
  // WebAuthn L3 §7.2 step 22: backup eligibility is fixed at creation; a change means another authenticator.
  if ((info.credentialDeviceType === 'multiDevice') !== stored.backupEligible) {
    throw new ApiError(
      'webauthn.backup_eligibility_changed',
      'the backup-eligibility flag differs from the one registered with this credential',
    );
  }
  return { signCount: info.newCounter, backupState: info.credentialBackedUp };
}

/** SimpleWebAuthn reports every failure as an Error; this gives each one our precise code. */
const rules: [RegExp, ErrorCode][] = [
  [/response origin/, 'webauthn.origin_mismatch'],
  [/RP ID/, 'webauthn.rp_id_mismatch'],
  [/User verification .*required/, 'webauthn.user_verification_required'],
  [/counter value/, 'webauthn.counter_regression'],
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
