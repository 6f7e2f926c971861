/**
 * Permissions are `resource:action` strings; a grant may also be `resource:*` or `*`
 * (CONTRACT.md "Authorization check").
 */
/** The resource part of a permission; `*` for the full wildcard. */
export const resourceOf = (permission: string) => {
  const colon = permission.indexOf(':');
  return colon < 0 ? permission : permission.slice(0, colon);
};

/** Does one grant cover `wanted`? A wildcard `wanted` is covered only by an equal or wider grant. */
function covers(grant: string, wanted: string): boolean {
  if (grant === '*' || grant === wanted) return true;
  return grant.endsWith(':*') && resourceOf(grant) === resourceOf(wanted) && wanted !== '*';
}

/** Does a set of granted permissions cover `wanted`? Used for credential scopes. */
export function permits(grants: readonly string[], wanted: string): boolean {
  return grants.some((g) => covers(g, wanted));
}

/** A set of grants compiled for constant-time lookups. */
export class GrantSet {
  readonly all: boolean;
  private readonly resources = new Set<string>();
  private readonly exact = new Set<string>();

  constructor(grants: Iterable<string>) {
    let all = false;
    for (const g of grants) {
      if (g === '*') all = true;
      else if (g.endsWith(':*')) this.resources.add(resourceOf(g));
      else this.exact.add(g);
    }
    this.all = all;
  }

  /** The grant that covers `wanted` (most specific first), or undefined. */
  match(wanted: string, resource = resourceOf(wanted)): string | undefined {
    if (this.exact.has(wanted)) return wanted;
    if (wanted !== '*' && this.resources.has(resource)) return `${resource}:*`;
    return this.all ? '*' : undefined;
  }
}
