import type { AuthzEngine } from '../modules/authz/engine.ts';
import { permits } from '../modules/authz/permission.ts';
import type { Principal, TenantAccess } from './context.ts';
import { ApiError } from './errors.ts';

/**
 * Enforces the operation's `x-qeet-permission`. A credential's scopes always bound it; a user
 * (personal access token or access token) must also be granted it in the tenant by the
 * decision engine — roles, groups and ABAC policies, the same rules `/v1/check` answers with.
 */
export async function authorize(
  authz: AuthzEngine,
  principal: Principal,
  tenant: TenantAccess,
  operation: { permission: string | null; tenant: string },
  ip: string | null,
): Promise<void> {
  const { permission } = operation;
  if (!permission) return;
  if (!permits(principal.scopes, permission)) {
    throw new ApiError('forbidden', `this credential's scopes do not include ${permission}`);
  }
  // API keys act for the tenant itself, bounded by their scopes only. A tenant-less operation
  // (creating a tenant of one's own) is not an act inside a tenant.
  if (principal.kind === 'api_key' || operation.tenant !== 'required') return;
  const decision = await authz.decide(tenant.tenantId, principal.userId, permission, {
    version: tenant.authzVersion,
    context: { ip },
  });
  if (!decision.allowed) throw new ApiError('forbidden', `${permission} is not granted: ${decision.reason}`);
}
