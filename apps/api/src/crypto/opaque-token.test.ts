import { describe, expect, it } from 'vitest';
import { hashSecret, mintToken, parseToken, secretMatches } from './opaque-token.ts';

describe('opaque tokens', () => {
  it('mints <kind>_<prefix>.<secret> with 256 bits of secret and keeps only its hash', () => {
    const minted = mintToken('qk');
    const parsed = parseToken(minted.token);
    expect(parsed).toMatchObject({ kind: 'qk', prefix: minted.prefix });
    expect(Buffer.from(parsed?.secret as string, 'base64url')).toHaveLength(32);
    expect(minted.secretHash).toBe(hashSecret(parsed?.secret as string));
    expect(minted.token).not.toContain(minted.secretHash);
  });

  it('matches only the right secret', () => {
    const minted = mintToken('qp');
    const secret = parseToken(minted.token)?.secret as string;
    expect(secretMatches(secret, minted.secretHash)).toBe(true);
    expect(secretMatches(`${secret.slice(0, -1)}A`, minted.secretHash)).toBe(secret.endsWith('A'));
    expect(secretMatches(secret, 'not-hex')).toBe(false);
  });

  it.each(['qk_abc.def', `qx_0123456789ab.${'A'.repeat(43)}`, `qk_0123456789ab${'A'.repeat(43)}`, ''])(
    'refuses the malformed token %j',
    (token) => {
      expect(parseToken(token)).toBeNull();
    },
  );
});
