import { Secret, TOTP } from 'otpauth';

/**
 * RFC 6238 TOTP as authenticator apps implement it: HMAC-SHA-1, 6 digits, 30-second steps,
 * 160-bit secrets (RFC 4226 §4 R6 recommends at least 160 bits).
 */
export const TOTP_PERIOD = 30;
const DIGITS = 6;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` key URI authenticator apps read from a QR code. */
export function otpauthUri(secret: string, issuer: string, account: string): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(secret),
    digits: DIGITS,
    period: TOTP_PERIOD,
  }).toString();
}

/**
 * The time step (RFC 6238 §4.2 "T") whose code matches, trying the current step and one either
 * side (RFC 6238 §5.2 allows a window for clock drift and network delay); null when none does.
 * Replay protection is the caller's: it must refuse a step at or before the last one accepted.
 */
export function matchingStep(
  secret: string,
  code: string,
  now: Date,
  options: { algorithm?: 'SHA1' | 'SHA256' | 'SHA512'; digits?: number } = {},
): number | null {
  const digits = options.digits ?? DIGITS;
  if (code.length !== digits) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    algorithm: options.algorithm ?? 'SHA1',
    digits,
    period: TOTP_PERIOD,
    timestamp: now.getTime(),
    window: 1,
  });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD) + delta;
}
