import type { Group } from '@qeetid/contract';
import { encodeId } from '@qeetid/contract';
import type { GroupRow } from '@qeetid/db';

export function toGroup(row: GroupRow): Group {
  return {
    id: encodeId('group', row.id),
    tenant_id: encodeId('tenant', row.tenantId),
    name: row.name,
    description: row.description,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toGroupMember(row: { userId: string; email: string; displayName: string | null; addedAt: Date }) {
  return {
    user_id: encodeId('user', row.userId),
    email: row.email,
    display_name: row.displayName,
    added_at: row.addedAt.toISOString(),
  };
}
