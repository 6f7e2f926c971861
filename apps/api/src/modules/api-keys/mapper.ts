import { type ApiKey, encodeId } from '@qeetid/contract';
import type { ApiKeyRow } from '@qeetid/db';

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: encodeId('apiKey', row.id),
    tenant_id: encodeId('tenant', row.tenantId),
    name: row.name,
    prefix: `qk_${row.prefix}`,
    scopes: row.scopes,
    expires_at: row.expiresAt?.toISOString() ?? null,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
