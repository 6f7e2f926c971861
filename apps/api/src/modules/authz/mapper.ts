import type {
  CheckResult,
  EffectivePermissions,
  PolicyOutcome,
  Role,
  GrantPath as WireGrantPath,
} from '@qeetid/contract';
import { encodeId } from '@qeetid/contract';
import type { RoleWithPermissions } from '@qeetid/db';
import { builtinRoleGrants, isBuiltinRole } from './catalogue.ts';
import type { Decision, PolicyOutcome as EnginePolicyOutcome, GrantPath } from './engine.ts';

/** A built-in role's permissions come from the catalogue, not from its rows. */
export const permissionsOfRole = (row: { builtin: string | null; permissions: string[] }): string[] =>
  isBuiltinRole(row.builtin) ? [...builtinRoleGrants[row.builtin]] : row.permissions;

export function toRole(row: RoleWithPermissions): Role {
  return {
    id: encodeId('role', row.id),
    tenant_id: encodeId('tenant', row.tenantId),
    name: row.name,
    description: row.description,
    builtin: row.builtin !== null,
    permissions: permissionsOfRole(row),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toGrantPath(g: GrantPath): WireGrantPath {
  return {
    role: { id: encodeId('role', g.role.id), name: g.role.name },
    via: g.via,
    ...(g.group ? { group: { id: encodeId('group', g.group.id), name: g.group.name } } : {}),
    permission: g.permission,
  };
}

export const toPolicyRef = (p: { id: string; name: string; effect: 'allow' | 'deny' }) => ({
  id: encodeId('abacPolicy', p.id),
  name: p.name,
  effect: p.effect,
});

export function toPolicyOutcome(o: EnginePolicyOutcome): PolicyOutcome {
  return { policy: toPolicyRef(o.policy), result: o.result, ...(o.error ? { error: o.error } : {}) };
}

export function toCheckResult(d: Decision, explain: boolean): CheckResult {
  if (!explain) return { allowed: d.allowed };
  return {
    allowed: d.allowed,
    explain: {
      grants: d.grants.map(toGrantPath),
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.policy ? { policy: toPolicyRef(d.policy) } : {}),
      policies: d.policies.map(toPolicyOutcome),
    },
  };
}

export function toEffectivePermissions(userId: string, tenantId: string, grants: GrantPath[]): EffectivePermissions {
  return {
    user_id: encodeId('user', userId),
    tenant_id: encodeId('tenant', tenantId),
    permissions: [...new Set(grants.map((g) => g.permission))].sort(),
    grants: grants.map(toGrantPath),
  };
}
