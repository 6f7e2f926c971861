import { encodeId, type Session } from '@qeetid/contract';
import type { SessionRow } from '@qeetid/db';

export function toSession(row: SessionRow, currentSessionId: string | null): Session {
  return {
    id: encodeId('session', row.id),
    user_id: encodeId('user', row.userId),
    tenant_id: encodeId('tenant', row.tenantId),
    auth_methods: row.authMethods,
    ip: row.ip,
    user_agent: row.userAgent,
    created_at: row.createdAt.toISOString(),
    last_active_at: row.lastActiveAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    current: row.id === currentSessionId,
  };
}
