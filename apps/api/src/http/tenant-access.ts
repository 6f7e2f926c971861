import { decodeId } from '@qeetid/contract';
import type { Database } from '@qeetid/db';
import type { Principal, TenantAccess } from './context.ts';
import { ApiError } from './errors.ts';

/**
 * The tenant an operation runs in: the `tenantID` path parameter when the route has one, else
 * the credential's own tenant. A tenant the caller cannot reach answers 404, exactly like one
 * that does not exist, so ids of other tenants reveal nothing.
 */
export async function resolveTenant(
  db: Database,
  principal: Principal,
  pathTenantId: string | undefined,
): Promise<TenantAccess> {
  if (pathTenantId === undefined) {
    // The credential's own tenant: its lookup already checked the tenant is live and read the role.
    const { tenantId, authzVersion } = principal;
    if (principal.kind === 'api_key') return { tenantId, authzVersion };
    if (!principal.role) throw new ApiError('forbidden', 'you are no longer a member of this tenant');
    return { tenantId, authzVersion };
  }
  const tenantId = decodeId('tenant', pathTenantId);
  const notFound = () => ApiError.notFound('tenant', pathTenantId);
  if (!tenantId) throw notFound();
  return db.platform(async (p) => {
    const tenant = await p.tenant(tenantId);
    if (!tenant) throw notFound();
    if (principal.kind === 'api_key') {
      // A key reaches its own tenant and the tenants created under it.
      if (tenant.id !== principal.tenantId && tenant.parentId !== principal.tenantId) throw notFound();
      return { tenantId: tenant.id };
    }
    const role = await p.membershipRole(tenant.id, principal.userId);
    if (!role) throw notFound();
    return { tenantId: tenant.id, authzVersion: await p.authzVersion(tenant.id) };
  });
}
