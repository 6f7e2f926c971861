import { encodeId, type Passkey } from '@qeetid/contract';
import type { PasskeyRow } from '@qeetid/db';
import { authenticatorName } from './aaguid-names.ts';

export function toPasskey(row: PasskeyRow): Passkey {
  return {
    id: encodeId('passkey', row.id),
    name: row.name,
    authenticator: authenticatorName(row.aaguid),
    aaguid: row.aaguid,
    attestation_format: row.attestationFormat,
    backup_eligible: row.backupEligible,
    backed_up: row.backupState,
    transports: row.transports,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  };
}
