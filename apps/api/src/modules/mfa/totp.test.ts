import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchingStep, newTotpSecret, otpauthUri } from './totp.ts';

// RFC 6238 Appendix B: the seeds are the ASCII strings below; codes are 8 digits.
const seeds = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
} as const;
const vectors: [number, string, keyof typeof seeds][] = [
  [59, '94287082', 'SHA1'],
  [59, '46119246', 'SHA256'],
  [59, '90693936', 'SHA512'],
  [1111111109, '07081804', 'SHA1'],
  [1111111109, '68084774', 'SHA256'],
  [1111111109, '25091201', 'SHA512'],
  [1111111111, '14050471', 'SHA1'],
  [1111111111, '67062674', 'SHA256'],
  [1111111111, '99943326', 'SHA512'],
  [1234567890, '89005924', 'SHA1'],
  [1234567890, '91819424', 'SHA256'],
  [1234567890, '93441116', 'SHA512'],
  [2000000000, '69279037', 'SHA1'],
  [2000000000, '90698825', 'SHA256'],
  [2000000000, '38618901', 'SHA512'],
  [20000000000, '65353130', 'SHA1'],
  [20000000000, '77737706', 'SHA256'],
  [20000000000, '47863826', 'SHA512'],
];
const base32 = (ascii: string) => Secret.fromLatin1(ascii).base32;

describe('TOTP (RFC 6238)', () => {
  it.each(vectors)('matches the Appendix B vector at T=%i: %s (%s)', (time, code, algorithm) => {
    const step = matchingStep(base32(seeds[algorithm]), code, new Date(time * 1000), { algorithm, digits: 8 });
    expect(step).toBe(Math.floor(time / 30));
  });

  it('accepts a code one step early or late, and reports that step', () => {
    const secret = base32(seeds.SHA1);
    // 1111111109 is in step 37037036; its code is accepted 30 s later as that same step.
    expect(matchingStep(secret, '07081804', new Date(1111111139 * 1000), { digits: 8 })).toBe(37037036);
    expect(matchingStep(secret, '07081804', new Date(1111111079 * 1000), { digits: 8 })).toBe(37037036);
  });

  it('refuses a code two steps away', () => {
    const secret = base32(seeds.SHA1);
    expect(matchingStep(secret, '07081804', new Date(1111111169 * 1000), { digits: 8 })).toBeNull();
  });

  it('refuses a code of the wrong length', () => {
    expect(matchingStep(base32(seeds.SHA1), '0708180', new Date(1111111109 * 1000), { digits: 8 })).toBeNull();
  });

  it('makes 160-bit secrets and an otpauth URI apps can read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(otpauthUri(secret, 'Qeet ID', 'alex@acme.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Qeet ID');
    expect(decodeURIComponent(uri.pathname)).toBe('/Qeet ID:alex@acme.com');
  });
});
