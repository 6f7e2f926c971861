import { abacPoliciesRepo } from './repos/abac-policies.ts';
import { apiKeysRepo } from './repos/api-keys.ts';
import { auditRepo } from './repos/audit.ts';
import { authPoliciesRepo } from './repos/auth-policies.ts';
import { groupsRepo } from './repos/groups.ts';
import type { RunStatement } from './repos/hot-statements.ts';
import { membershipsRepo } from './repos/memberships.ts';
import { mfaRepo } from './repos/mfa.ts';
import { passkeysRepo } from './repos/passkeys.ts';
import { passwordsRepo } from './repos/passwords.ts';
import { patsRepo } from './repos/pats.ts';
import { rolesRepo } from './repos/roles.ts';
import { sessionsRepo } from './repos/sessions.ts';
import { tenantsRepo } from './repos/tenants.ts';
import { usersRepo } from './repos/users.ts';
import type { TenantScope, Tx } from './types.ts';

/**
 * Every repo a tenant-scoped transaction can use; each closes over the tenant. Repos are built on
 * first use, so a transaction pays only for the ones it touches.
 */
export function tenantRepos(tx: Tx, run: RunStatement, scope: TenantScope) {
  const id = scope.tenantId;
  const cache = new Map<string, unknown>();
  const once = <T>(name: string, make: () => T): T => {
    if (!cache.has(name)) cache.set(name, make());
    return cache.get(name) as T;
  };
  return {
    get tenants() {
      return once('tenants', () => tenantsRepo(tx, id));
    },
    get users() {
      return once('users', () => usersRepo(tx, run, id));
    },
    get memberships() {
      return once('memberships', () => membershipsRepo(tx, id));
    },
    get apiKeys() {
      return once('apiKeys', () => apiKeysRepo(tx, id));
    },
    get pats() {
      return once('pats', () => patsRepo(tx, id));
    },
    get roles() {
      return once('roles', () => rolesRepo(tx, id));
    },
    get groups() {
      return once('groups', () => groupsRepo(tx, id));
    },
    get abacPolicies() {
      return once('abacPolicies', () => abacPoliciesRepo(tx, id));
    },
    get passkeys() {
      return once('passkeys', () => passkeysRepo(tx, run, id));
    },
    get mfa() {
      return once('mfa', () => mfaRepo(tx, run, id));
    },
    get audit() {
      return once('audit', () => auditRepo(tx, run, id, scope.audit));
    },
    get sessions() {
      return once('sessions', () => sessionsRepo(tx, run, id));
    },
    get passwords() {
      return once('passwords', () => passwordsRepo(tx, id));
    },
    get authPolicy() {
      return once('authPolicy', () => authPoliciesRepo(tx, id));
    },
  };
}
export type TenantRepos = ReturnType<typeof tenantRepos>;
