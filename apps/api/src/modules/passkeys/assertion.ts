import { encodeId, type WebauthnCredentialJson } from '@qeetid/contract';
import type { AssertingPasskey, PasskeyUse, TenantRepos } from '@qeetid/db';
import { type Ctx, scopeOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import { verifyAssertion } from './ceremony.ts';
import { type Ceremony, takeChallengeForPasskey } from './challenges.ts';
import { userHandleOf } from './user-handle.ts';

export interface VerifiedAssertion extends AssertingPasskey {
  signCount: number;
  backupState: boolean;
}

/**
 * One assertion, checked end to end: the challenge (spent whatever happens next), the credential
 * (known, of an active user), the account the ceremony was started for, the user handle, then
 * WebAuthn L3 §7.2 (`verifyAssertion`). A failure for a known credential is audited in that
 * credential's tenant before the error goes out.
 */
export async function verifyPasskeyAssertion(
  ctx: Ctx,
  credential: WebauthnCredentialJson,
  ceremony: Ceremony,
  now: Date,
): Promise<VerifiedAssertion> {
  const { challenge, asserting: found } = await takeChallengeForPasskey(ctx.db, credential, ceremony, now);
  if (!found) {
    ctx.log.info({ ceremony, request_id: ctx.requestId }, 'assertion by an unknown credential');
    throw new ApiError('webauthn.credential_unknown', 'no passkey with this credential id is registered here');
  }
  try {
    // The ceremony was started for one account (email hint, MFA, step-up): only its passkeys answer it.
    if (challenge.userId && challenge.userId !== found.user.id) {
      throw new ApiError(
        'webauthn.credential_mismatch',
        'this passkey belongs to another account than the one signing in',
      );
    }
    // WebAuthn L3 §7.2 step 6: the user handle, when present, must be the credential's owner.
    const handle = credential.response.userHandle;
    if (handle && handle !== userHandleOf(found.user.id)) {
      throw new ApiError('webauthn.credential_mismatch', 'the user handle does not match the owner of this passkey');
    }
    const result = await verifyAssertion(ctx.config.webauthn, credential, challenge.challenge, found.passkey);
    return { ...found, ...result };
  } catch (error) {
    if (error instanceof ApiError) {
      await ctx.db.withTenant(scopeOf(ctx, found.passkey.tenantId), async (r) =>
        r.audit.append({
          action: 'passkey.assertion_failed',
          target: { type: 'passkey', id: encodeId('passkey', found.passkey.id) },
          metadata: { ceremony, code: error.code, user_id: encodeId('user', found.user.id) },
        }),
      );
    }
    throw error;
  }
}

/** What a verified assertion leaves on its passkey: the new counter and backup state. */
export function passkeyUse(verified: VerifiedAssertion): PasskeyUse {
  return {
    passkeyId: verified.passkey.id,
    previousSignCount: verified.passkey.signCount,
    signCount: verified.signCount,
    backupState: verified.backupState,
  };
}

/** The counter moved between reading the passkey and storing its use: another use got there first. */
export const concurrentUse = () =>
  new ApiError('webauthn.counter_regression', 'this passkey was used concurrently; sign in again');

/**
 * Stores the new counter and backup state. The update is conditional on the counter read before
 * verification, so of two racing uses of one assertion only one lands.
 */
export async function recordPasskeyUse(r: TenantRepos, verified: VerifiedAssertion, now: Date): Promise<void> {
  const stored = await r.passkeys.recordUse(verified.user.id, { ...passkeyUse(verified), at: now });
  if (!stored) throw concurrentUse();
}
