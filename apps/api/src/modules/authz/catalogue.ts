import { operations } from '@qeetid/contract';
import type { Role } from '@qeetid/db';

/** Permissions only the owner holds: the tenant's existence is the owner's decision. */
const OWNER_ONLY = new Set(['tenants:delete']);
/** What every member may do: see the tenant and who is in it. */
const MEMBER_GRANTS = ['tenants:read', 'members:read', 'users:read'];

/**
 * The built-in permission catalogue: every `x-qeet-permission` of openapi.yaml, with the
 * operations that require it. A new operation in the spec extends it without code changes.
 */
export const builtinCatalogue: ReadonlyMap<string, string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const op of operations) {
    if (!op.permission) continue;
    map.set(op.permission, [...(map.get(op.permission) ?? []), op.operationId]);
  }
  return new Map([...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
})();

export type BuiltinRole = Role;

/** The permissions of the built-in roles; owner ⊃ admin ⊃ member. */
export const builtinRoleGrants: Record<BuiltinRole, readonly string[]> = {
  owner: ['*'],
  admin: [...builtinCatalogue.keys()].filter((p) => !OWNER_ONLY.has(p)),
  member: MEMBER_GRANTS,
};

export const isBuiltinRole = (name: string | null): name is BuiltinRole =>
  name === 'owner' || name === 'admin' || name === 'member';
