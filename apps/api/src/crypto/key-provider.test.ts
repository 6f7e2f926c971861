import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMasterKey, localKeyProvider, parseMasterKey } from './key-provider.ts';

describe('local key provider (AES-256-GCM)', () => {
  it('opens what it sealed, and only under the same key and context', async () => {
    const key = randomBytes(32);
    const provider = localKeyProvider(key);
    const sealed = await provider.seal(Buffer.from('private key bytes'), 'kid-1');
    expect(sealed).not.toContain('private');
    expect((await provider.open(sealed, 'kid-1')).toString()).toBe('private key bytes');
    await expect(provider.open(sealed, 'kid-2')).rejects.toThrow(/QEETID_MASTER_KEY/);
    await expect(localKeyProvider(randomBytes(32)).open(sealed, 'kid-1')).rejects.toThrow(/QEETID_MASTER_KEY/);
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = `${v}.${iv}.${body?.startsWith('A') ? 'B' : 'A'}${body?.slice(1)}.${tag}`;
    await expect(provider.open(flipped, 'kid-1')).rejects.toThrow();
  });

  it('reads the master key as base64url or hex, and refuses other lengths', () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString('base64url'))).toEqual(key);
    expect(parseMasterKey(key.toString('hex'))).toEqual(key);
    expect(parseMasterKey(randomBytes(16).toString('base64url'))).toBeNull();
  });

  it('creates the master key once in the data directory with mode 0600', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qeetid-master-'));
    try {
      const [first, second] = await Promise.all([loadMasterKey(undefined, dir), loadMasterKey(undefined, dir)]);
      expect(first).toEqual(second);
      expect((await stat(join(dir, 'master-key'))).mode & 0o777).toBe(0o600);
      expect(parseMasterKey(await readFile(join(dir, 'master-key'), 'utf8'))).toEqual(first);
      const configured = randomBytes(32);
      expect(await loadMasterKey(configured, dir)).toBe(configured);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
