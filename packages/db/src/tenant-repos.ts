import { apiKeysRepo } from './repos/api-keys.ts';
import { auditRepo } from './repos/audit.ts';
import { membershipsRepo } from './repos/memberships.ts';
import { patsRepo } from './repos/pats.ts';
import { tenantsRepo } from './repos/tenants.ts';
import { usersRepo } from './repos/users.ts';
import type { TenantScope, Tx } from './types.ts';

/** Every repo a tenant-scoped transaction can use; each closes over the tenant. */
export function tenantRepos(tx: Tx, scope: TenantScope) {
  return {
    tenants: tenantsRepo(tx, scope.tenantId),
    users: usersRepo(tx, scope.tenantId),
    memberships: membershipsRepo(tx, scope.tenantId),
    apiKeys: apiKeysRepo(tx, scope.tenantId),
    pats: patsRepo(tx, scope.tenantId),
    audit: auditRepo(tx, scope.tenantId, scope.audit),
  };
}
export type TenantRepos = ReturnType<typeof tenantRepos>;
