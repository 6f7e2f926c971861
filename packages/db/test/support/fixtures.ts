import type { Database } from '../../src/open.ts';
import type { RunStatement } from '../../src/repos/hot-statements.ts';
import type { NewPasskey } from '../../src/repos/passkeys.ts';

/** A passkey of `userId` as stored at registration, with a placeholder key; `overrides` fix the rest. */
export const passkeyRow = (userId: string, overrides: Partial<NewPasskey> = {}): NewPasskey => ({
  id: crypto.randomUUID(),
  userId,
  credentialId: crypto.randomUUID(),
  publicKey: 'pk',
  signCount: 0,
  transports: [],
  aaguid: '00000000-0000-0000-0000-000000000000',
  attestationFormat: 'none',
  backupEligible: false,
  backupState: false,
  name: 'key',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

/** Runs statements on the test database as a hot path would, keeping each statement sent. */
export function countingRun(db: Database): { statements: { text: string; params: unknown[] }[]; run: RunStatement } {
  const statements: { text: string; params: unknown[] }[] = [];
  const run: RunStatement = (text, params) => {
    statements.push({ text, params });
    return db.unscopedQuery(text, params) as never;
  };
  return { statements, run };
}
