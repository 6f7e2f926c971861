import { describe, expect, it } from 'vitest';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';

describe('password hashing', () => {
  it('uses argon2id with the OWASP parameters (m=19 MiB, t=2, p=1)', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false);
  });

  it('never matches a malformed stored hash, and the dummy check always fails', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await burnPasswordCheck('anything')).toBe(false);
  });
});
