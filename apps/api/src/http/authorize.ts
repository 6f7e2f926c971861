import { builtinRoleGrants, permits } from '../modules/authz/permits.ts';
import type { Principal, TenantAccess } from './context.ts';
import { ApiError } from './errors.ts';

/**
 * Enforces the operation's `x-qeet-permission`: a credential's scopes bound what it may do,
 * and a user's membership role bounds what the user may do.
 */
export function authorize(
  principal: Principal,
  tenant: TenantAccess,
  operation: { permission: string | null; tenant: string },
): void {
  const { permission } = operation;
  if (!permission) return;
  if (!permits(principal.scopes, permission)) {
    throw new ApiError('forbidden', `this credential's scopes do not include ${permission}`);
  }
  // A tenant-less operation (creating a tenant of one's own) is not an act inside the current tenant.
  if (principal.kind !== 'api_key' && operation.tenant === 'required') {
    const role = tenant.role ?? 'member';
    if (!permits(builtinRoleGrants[role], permission)) {
      throw new ApiError('forbidden', `the ${role} role does not grant ${permission}`);
    }
  }
}
