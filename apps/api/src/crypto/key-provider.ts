import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Seals secrets at rest (private signing keys, later the vault). The local provider below keeps
 * one master key; a KMS-backed provider drops in behind the same two calls.
 */
export interface KeyProvider {
  /** `context` is bound to the ciphertext (AEAD associated data): a sealed value cannot be moved to another record. */
  seal(plaintext: Buffer, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<Buffer>;
}

const VERSION = 'v1';

/** AES-256-GCM under a 32-byte master key; 96-bit random nonce per seal (NIST SP 800-38D §8.2.2). */
export function localKeyProvider(masterKey: Buffer): KeyProvider {
  if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  return {
    async seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    async open(sealed, context) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== VERSION || !iv || !body || !tag) throw new Error('sealed value has an unknown format');
      const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
      } catch {
        throw new Error(
          'cannot open a sealed key with this master key; every replica needs the same QEETID_MASTER_KEY',
        );
      }
    },
  };
}

/** `QEETID_MASTER_KEY` (32 bytes as base64/base64url or 64 hex digits). */
export function parseMasterKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64url');
  return key.length === 32 ? key : null;
}

/**
 * The master key from configuration, or else the one in `<dataDir>/master-key`, created once
 * with mode 0600. The key is written to a private temporary file and hard-linked into place,
 * which fails if the file exists: two processes starting together agree on one complete key.
 */
export async function loadMasterKey(configured: Buffer | undefined, dataDir: string): Promise<Buffer> {
  if (configured) return configured;
  const file = join(dataDir, 'master-key');
  const draft = join(dataDir, `.master-key-${randomBytes(6).toString('hex')}`);
  await writeFile(draft, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  const key = parseMasterKey(await readFile(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte key`);
  return key;
}
