import { createHash, randomBytes } from 'node:crypto';

/**
 * Recovery codes: ten single-use codes of 80 random bits each (16 base32 characters, shown in
 * groups of four). 80 bits put an offline search of a leaked SHA-256 hash out of reach, so no slow
 * hash is needed; online guessing is limited by the MFA attempt counter.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
    return chars.match(/.{4}/g)?.join('-') as string;
  });
}

/** What the user typed, in the form we hash: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(input: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(input)).digest('hex');
}
