import { builtinRoleGrants, permits } from '../modules/authz/permits.ts';
import type { Principal, TenantAccess } from './context.ts';
import { ApiError } from './errors.ts';

/**
 * Enforces the operation's `x-qeet-permission`: a credential's scopes bound what it may do,
 * and a user's membership role bounds what the user may do.
 */
export function authorize(principal: Principal, tenant: TenantAccess, permission: string | null): void {
  if (!permission) return;
  if (!permits(principal.scopes, permission)) {
    throw new ApiError('forbidden', `this credential's scopes do not include ${permission}`);
  }
  if (principal.kind !== 'api_key') {
    const role = tenant.role ?? 'member';
    if (!permits(builtinRoleGrants[role], permission)) {
      throw new ApiError('forbidden', `the ${role} role does not grant ${permission}`);
    }
  }
}
