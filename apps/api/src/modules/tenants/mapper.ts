import type { Member, Tenant } from '@qeetid/contract';
import { encodeId } from '@qeetid/contract';
import type { TenantRow } from '@qeetid/db';

export function toTenant(row: TenantRow): Tenant {
  return {
    id: encodeId('tenant', row.id),
    name: row.name,
    parent_id: row.parentId ? encodeId('tenant', row.parentId) : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toMember(row: {
  userId: string;
  role: string;
  joinedAt: Date;
  email: string;
  displayName: string | null;
}): Member {
  return {
    user_id: encodeId('user', row.userId),
    email: row.email,
    display_name: row.displayName,
    role: row.role as Member['role'],
    joined_at: row.joinedAt.toISOString(),
  };
}
