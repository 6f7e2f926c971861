/**
 * Does a set of granted permissions cover `wanted`? Grants are `resource:action`,
 * `resource:*` or `*` (CONTRACT.md "Authorization check").
 */
export function permits(grants: readonly string[], wanted: string): boolean {
  const resource = wanted.slice(0, wanted.indexOf(':'));
  return grants.some((g) => g === '*' || g === wanted || g === `${resource}:*`);
}

/** What the built-in membership roles allow until custom roles arrive. */
export const builtinRoleGrants = {
  owner: ['*'],
  admin: ['*'],
  member: ['tenants:read', 'users:read', 'members:read'],
} as const satisfies Record<string, readonly string[]>;
