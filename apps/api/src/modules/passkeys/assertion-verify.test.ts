import { randomBytes, randomUUID } from 'node:crypto';
import type { ErrorCode, WebauthnCredentialJson } from '@qeetid/contract';
import type { AssertingPasskey } from '@qeetid/db';
import { type AuthenticationResponseJSON, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Algorithm,
  type AssertionJSON,
  type CeremonyOverrides,
  SoftwareAuthenticator,
  type StoredCredential,
} from '../../../test/support/authenticator.ts';
import { ApiError } from '../../http/errors.ts';
import { verifyAssertion, verifyRegistration } from './ceremony.ts';

/**
 * Differential test of our WebAuthn L3 §7.2 verification against SimpleWebAuthn's
 * `verifyAuthenticationResponse`, called as we called it before (plus the backup-eligibility check we
 * made after it): for every algorithm we accept and every kind of response the software
 * authenticator can be made to give, both accept or both refuse, agree on what they accept, and we
 * refuse with the expected code.
 */

const ORIGIN = 'https://id.example.test';
const rp = { rpId: 'id.example.test', rpName: 'Qeet ID', origins: [ORIGIN] };

type Stored = AssertingPasskey['passkey'];
type Verdict = { accepted: true; signCount: number; backupState: boolean } | { accepted: false; code?: ErrorCode };

interface Enrolled {
  authenticator: SoftwareAuthenticator;
  credential: StoredCredential;
  stored: Stored;
}

/** Registers a credential through our registration path (SimpleWebAuthn, packed self attestation). */
async function enroll(authenticator: SoftwareAuthenticator): Promise<Enrolled> {
  const challenge = randomBytes(32).toString('base64url');
  const user = { id: randomBytes(16).toString('base64url') };
  const registration = authenticator.create({ challenge, rp: { id: rp.rpId }, user }, 'packed');
  const verified = await verifyRegistration(rp, registration as unknown as WebauthnCredentialJson, challenge);
  const credential = authenticator.credentials.at(-1) as StoredCredential;
  const stored: Stored = {
    id: randomUUID(),
    tenantId: randomUUID(),
    userId: randomUUID(),
    credentialId: verified.credentialId,
    publicKey: verified.publicKey,
    signCount: verified.signCount,
    transports: verified.transports,
    backupEligible: verified.backupEligible,
  };
  return { authenticator, credential, stored };
}

async function ours(response: unknown, challenge: string, stored: Stored): Promise<Verdict> {
  try {
    return { accepted: true, ...(await verifyAssertion(rp, response as WebauthnCredentialJson, challenge, stored)) };
  } catch (error) {
    // Anything but an ApiError would be a 500: let it fail the test.
    if (!(error instanceof ApiError)) throw error;
    return { accepted: false, code: error.code };
  }
}

async function library(response: unknown, challenge: string, stored: Stored): Promise<Verdict> {
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpId,
      requireUserVerification: true,
      credential: {
        id: stored.credentialId,
        publicKey: Buffer.from(stored.publicKey, 'base64url'),
        counter: stored.signCount,
      },
    });
    const info = result.authenticationInfo;
    // The library leaves §7.2 step 18 to its caller; this is the check we made after it.
    if (!result.verified || (info.credentialDeviceType === 'multiDevice') !== stored.backupEligible) {
      return { accepted: false };
    }
    return { accepted: true, signCount: info.newCounter, backupState: info.credentialBackedUp };
  } catch {
    return { accepted: false };
  }
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const bytes = (value: string) => Buffer.from(value, 'base64url');

/** Changes the response after the authenticator signed it. */
type Tamper = (response: AssertionJSON) => unknown;
const withResponse = (response: AssertionJSON, changes: Record<string, unknown>) => ({
  ...response,
  response: { ...response.response, ...changes },
});

interface Case {
  expected: ErrorCode | 'accepted';
  overrides?: CeremonyOverrides;
  /** Changes to the stored credential; a function gets another credential of the same authenticator. */
  stored?: Partial<Stored> | ((other: Stored) => Partial<Stored>);
  tamper?: Tamper;
}

const ANOTHER_CHALLENGE = randomBytes(32).toString('base64url');

const cases: Record<string, Case> = {
  'a fresh assertion': { expected: 'accepted' },
  'an assertion whose counter moves forward': {
    expected: 'accepted',
    stored: { signCount: 50 },
    overrides: { signCount: 51 },
  },
  'an authenticator without a counter (both zero)': { expected: 'accepted', overrides: { signCount: 0 } },
  'a backed-up synced passkey': {
    expected: 'accepted',
    stored: { backupEligible: true },
    overrides: { backupEligible: true, backupState: true },
  },
  'another origin': { expected: 'webauthn.origin_mismatch', overrides: { origin: 'https://evil.example' } },
  'a cross-origin iframe with its top origin': {
    expected: 'webauthn.origin_mismatch',
    overrides: { crossOrigin: true, topOrigin: 'https://evil.example' },
  },
  'a top origin in a same-origin ceremony': {
    expected: 'webauthn.origin_mismatch',
    overrides: { topOrigin: 'https://evil.example' },
  },
  'another RP ID': { expected: 'webauthn.rp_id_mismatch', overrides: { rpId: 'evil.example' } },
  'another challenge': { expected: 'webauthn.challenge_invalid', overrides: { challenge: ANOTHER_CHALLENGE } },
  'client data of a registration': { expected: 'webauthn.response_invalid', overrides: { type: 'webauthn.create' } },
  'no user presence': { expected: 'webauthn.response_invalid', overrides: { userPresent: false } },
  'no user verification': { expected: 'webauthn.user_verification_required', overrides: { userVerified: false } },
  'a counter below the stored one': {
    expected: 'webauthn.counter_regression',
    stored: { signCount: 50 },
    overrides: { signCount: 49 },
  },
  'a counter equal to the stored one': {
    expected: 'webauthn.counter_regression',
    stored: { signCount: 50 },
    overrides: { signCount: 50 },
  },
  'a counter back at zero': {
    expected: 'webauthn.counter_regression',
    stored: { signCount: 50 },
    overrides: { signCount: 0 },
  },
  'backup eligibility gained': { expected: 'webauthn.backup_eligibility_changed', overrides: { backupEligible: true } },
  'backup eligibility lost': {
    expected: 'webauthn.backup_eligibility_changed',
    stored: { backupEligible: true },
    overrides: { backupEligible: false },
  },
  'backup state without backup eligibility': {
    expected: 'webauthn.response_invalid',
    overrides: { backupState: true },
  },
  'a signature over other bytes': {
    expected: 'webauthn.signature_invalid',
    overrides: { signOver: Buffer.from('something else') },
  },
  'authenticator data changed after signing': {
    expected: 'webauthn.signature_invalid',
    tamper: (r) => {
      const authData = bytes(r.response.authenticatorData);
      authData[33] = (authData[33] as number) ^ 0x01; // the counter's high byte: it still moves forward
      return withResponse(r, { authenticatorData: b64url(authData) });
    },
  },
  'client data changed after signing': {
    expected: 'webauthn.signature_invalid',
    tamper: (r) => {
      const clientData = JSON.parse(bytes(r.response.clientDataJSON).toString());
      return withResponse(r, { clientDataJSON: b64url(JSON.stringify(clientData, null, 1)) });
    },
  },
  'random bytes for a signature': {
    expected: 'webauthn.signature_invalid',
    tamper: (r) => withResponse(r, { signature: b64url(randomBytes(64)) }),
  },
  'the stored key of another credential': {
    expected: 'webauthn.signature_invalid',
    stored: (other) => ({ publicKey: other.publicKey }),
  },
  'a stored key that is not a COSE key': { expected: 'webauthn.response_invalid', stored: { publicKey: 'AAAA' } },
  'an id that is not the rawId': {
    expected: 'webauthn.response_invalid',
    tamper: (r) => ({ ...r, id: b64url(randomBytes(32)) }),
  },
  'a credential type other than public-key': {
    expected: 'webauthn.response_invalid',
    tamper: (r) => ({ ...r, type: 'password' }),
  },
  'clientDataJSON that is not base64url': {
    expected: 'webauthn.response_invalid',
    tamper: (r) => withResponse(r, { clientDataJSON: '{"type":"webauthn.get"}' }),
  },
  'clientDataJSON that is not a JSON object': {
    expected: 'webauthn.response_invalid',
    tamper: (r) => withResponse(r, { clientDataJSON: b64url('null') }),
  },
  'authenticatorData that is not base64url': {
    expected: 'webauthn.response_invalid',
    tamper: (r) => withResponse(r, { authenticatorData: '%%not*base64url%%' }),
  },
  'authenticatorData cut short': {
    expected: 'webauthn.response_invalid',
    tamper: (r) => withResponse(r, { authenticatorData: b64url(bytes(r.response.authenticatorData).subarray(0, 20)) }),
  },
  'authenticatorData with bytes left over': {
    expected: 'webauthn.response_invalid',
    tamper: (r) =>
      withResponse(r, {
        authenticatorData: b64url(Buffer.concat([bytes(r.response.authenticatorData), Buffer.of(0)])),
      }),
  },
  'a signature that is not base64url': {
    expected: 'webauthn.response_invalid',
    tamper: (r) => withResponse(r, { signature: 'sig!' }),
  },
  'no signature': { expected: 'webauthn.response_invalid', tamper: (r) => withResponse(r, { signature: undefined }) },
};

const algorithms: Algorithm[] = ['ES256', 'EdDSA', 'RS256'];

describe.each(algorithms)('%s assertions: our verification and SimpleWebAuthn agree', (algorithm) => {
  let mine: Enrolled;
  let other: Enrolled;
  beforeAll(async () => {
    const authenticator = new SoftwareAuthenticator({ origin: ORIGIN, algorithm });
    mine = await enroll(authenticator);
    other = await enroll(authenticator);
  });

  function answer(c: Case, challenge: string) {
    const response = mine.authenticator.get(
      { rpId: rp.rpId, challenge, allowCredentials: [] },
      { credential: mine.credential, ...c.overrides },
    );
    return c.tamper ? c.tamper(response) : response;
  }

  it.each(Object.entries(cases))('%s', async (_name, c) => {
    const challenge = randomBytes(32).toString('base64url');
    const response = answer(c, challenge);
    const stored = { ...mine.stored, ...(typeof c.stored === 'function' ? c.stored(other.stored) : c.stored) };
    const [theirs, verdict] = [await library(response, challenge, stored), await ours(response, challenge, stored)];
    expect(verdict.accepted).toBe(theirs.accepted);
    if (verdict.accepted) expect(verdict).toEqual(theirs);
    expect(verdict.accepted ? 'accepted' : verdict.code).toBe(c.expected);
  });

  // Deliberately stricter: WebAuthn L3 §7.2 step 13 lets an RP accept ceremonies in cross-origin
  // iframes it expects. SimpleWebAuthn checks the top origin only when the browser reports one
  // (Safari reports crossOrigin but no topOrigin), so it accepts crossOrigin: true on its own. We
  // expect no framing at all, so crossOrigin alone is refused too.
  it('refuses a cross-origin iframe that does not report its top origin, which SimpleWebAuthn accepts', async () => {
    const challenge = randomBytes(32).toString('base64url');
    const response = answer({ expected: 'webauthn.origin_mismatch', overrides: { crossOrigin: true } }, challenge);
    expect((await library(response, challenge, mine.stored)).accepted).toBe(true);
    expect(await ours(response, challenge, mine.stored)).toEqual({ accepted: false, code: 'webauthn.origin_mismatch' });
  });
});
