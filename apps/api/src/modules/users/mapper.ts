import { encodeId, type User } from '@qeetid/contract';
import type { UserRow } from '@qeetid/db';

export function toUser(row: UserRow): User {
  return {
    id: encodeId('user', row.id),
    tenant_id: encodeId('tenant', row.tenantId),
    email: row.email,
    email_verified: row.emailVerified,
    phone: row.phone,
    phone_verified: row.phoneVerified,
    display_name: row.displayName,
    status: row.status as User['status'],
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    deleted_at: row.deletedAt?.toISOString() ?? null,
  };
}
