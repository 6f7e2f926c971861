import { createHash, randomInt } from 'node:crypto';

/** How long each kind of emailed secret lives, and how many wrong codes one code tolerates. */
export const lifetimes = {
  password_reset: 30 * 60_000,
  magic_link: 15 * 60_000,
  email_otp: 10 * 60_000,
  email_verify: 10 * 60_000,
  phone_verify: 10 * 60_000,
} as const;
export type OneTimePurpose = keyof typeof lifetimes;

export const MAX_CODE_ATTEMPTS = 5;

/** A uniformly random 6-digit code (crypto.randomInt is unbiased). */
export const newCode = () => randomInt(0, 1_000_000).toString().padStart(6, '0');

/**
 * Codes have only 20 bits, so they are never looked up by hash: the row is found by user and
 * purpose, and the hash binds the code to that row's id (unique, so no two rows share a hash).
 */
export const codeHash = (rowId: string, code: string) => createHash('sha256').update(`${rowId}:${code}`).digest('hex');
