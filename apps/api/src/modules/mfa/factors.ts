import type { MfaMethod } from '@qeetid/contract';
import type { TenantRepos } from '@qeetid/db';
import type { KeyProvider } from '../../crypto/key-provider.ts';
import { secretMatches } from '../../crypto/opaque-token.ts';
import { hashRecoveryCode } from './recovery-codes.ts';
import { matchingStep } from './totp.ts';

/** The second factors an account can use now (recovery codes only alongside another factor). */
export async function enrolledMethods(r: TenantRepos, userId: string): Promise<MfaMethod[]> {
  const [totp, passkeys, otp, codesLeft] = await Promise.all([
    r.mfa.totp(userId),
    r.passkeys.listOfUser(userId),
    r.mfa.otpFactors(userId),
    r.mfa.recoveryCodesLeft(userId),
  ]);
  const methods: MfaMethod[] = [];
  if (passkeys.length) methods.push('webauthn');
  if (totp?.confirmedAt) methods.push('totp');
  if (otp.some((f) => f.confirmedAt)) methods.push('otp');
  if (methods.length && codesLeft > 0) methods.push('recovery_code');
  return methods;
}

export type CodeOutcome = 'ok' | 'invalid' | 'reused';

/** The AEAD context of a sealed TOTP secret: it opens only as this user's secret. */
export const totpSecretContext = (userId: string) => `totp:${userId}`;

/**
 * Checks a TOTP code against the user's secret and spends its time step (RFC 6238 §5.2: a code
 * is accepted once). `pending` allows the secret of an unconfirmed enrollment.
 */
export async function checkTotp(
  secrets: KeyProvider,
  r: TenantRepos,
  userId: string,
  code: string,
  now: Date,
  pending: boolean,
): Promise<CodeOutcome | 'not_enrolled'> {
  const totp = await r.mfa.totp(userId);
  if (!totp || (!totp.confirmedAt && !pending)) return 'not_enrolled';
  const secret = (await secrets.open(totp.secret, totpSecretContext(userId))).toString('utf8');
  const step = matchingStep(secret, code, now);
  if (step === null) return 'invalid';
  return (await r.mfa.useTotpStep(userId, step, now)) ? 'ok' : 'reused';
}

export async function checkRecoveryCode(r: TenantRepos, userId: string, code: string, now: Date): Promise<CodeOutcome> {
  return (await r.mfa.useRecoveryCode(userId, hashRecoveryCode(code), now)) ? 'ok' : 'invalid';
}

/** An email/SMS code: right, unexpired, and spent by this check. */
export async function checkOtpCode(
  r: TenantRepos,
  userId: string,
  factorId: string,
  code: string,
  now: Date,
): Promise<CodeOutcome | 'not_found'> {
  const factor = await r.mfa.otpFactor(userId, factorId);
  if (!factor) return 'not_found';
  if (!factor.codeHash || !factor.codeExpiresAt || factor.codeExpiresAt <= now) return 'invalid';
  if (!secretMatches(code, factor.codeHash)) return 'invalid';
  await r.mfa.updateOtpFactor(userId, factorId, {
    codeHash: null,
    codeExpiresAt: null,
    confirmedAt: factor.confirmedAt ?? now,
  });
  return 'ok';
}
