import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import {
  authzVersions,
  groupRoles,
  groups,
  memberships,
  roleAssignments,
  rolePermissions,
  roles,
  users,
} from '../schema.ts';
import type { PageQuery, Tx } from '../types.ts';
import { page } from './page.ts';

export type RoleRow = typeof roles.$inferSelect;
export type RoleWithPermissions = RoleRow & { permissions: string[] };

/** Roles, their permissions and their assignments to members and groups, within one tenant. */
export function rolesRepo(tx: Tx, tenantId: string) {
  /** Takes these permissions from the role; how many it held. */
  const revokeAll = async (roleId: string, permissions: string[]): Promise<number> => {
    const rows = await tx
      .delete(rolePermissions)
      .where(
        and(
          eq(rolePermissions.tenantId, tenantId),
          eq(rolePermissions.roleId, roleId),
          inArray(rolePermissions.permission, permissions),
        ),
      )
      .returning({ permission: rolePermissions.permission });
    return rows.length;
  };
  const permissionsOf = sql<
    string[]
  >`coalesce((select array_agg(${rolePermissions.permission} order by ${rolePermissions.permission}) from ${rolePermissions} where ${rolePermissions.tenantId} = ${roles.tenantId} and ${rolePermissions.roleId} = ${roles.id}), '{}')`;
  const withPermissions = { role: roles, permissions: permissionsOf };
  const flatten = (r: { role: RoleRow; permissions: string[] }): RoleWithPermissions => ({
    ...r.role,
    permissions: r.permissions,
  });

  return {
    async list(q: PageQuery) {
      const rows = await tx
        .select(withPermissions)
        .from(roles)
        .where(and(eq(roles.tenantId, tenantId), q.after ? gt(roles.id, q.after) : undefined))
        .orderBy(asc(roles.id))
        .limit(q.limit + 1);
      return page(rows.map(flatten), q.limit);
    },

    async get(id: string): Promise<RoleWithPermissions | undefined> {
      const [row] = await tx
        .select(withPermissions)
        .from(roles)
        .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
      return row && flatten(row);
    },

    async builtin(name: string): Promise<RoleRow | undefined> {
      const [row] = await tx
        .select()
        .from(roles)
        .where(and(eq(roles.tenantId, tenantId), eq(roles.builtin, name)));
      return row;
    },

    async insert(values: { id: string; name: string; description: string | null }, permissions: string[], now: Date) {
      const [row] = await tx
        .insert(roles)
        .values({ ...values, tenantId, createdAt: now, updatedAt: now })
        .returning();
      if (!row) throw new Error('insert returned no row');
      if (permissions.length) {
        await tx
          .insert(rolePermissions)
          .values(permissions.map((permission) => ({ tenantId, roleId: values.id, permission, createdAt: now })));
      }
      return row;
    },

    async update(id: string, patch: { name?: string; description?: string | null }, now: Date) {
      const [row] = await tx
        .update(roles)
        .set({ ...patch, updatedAt: now })
        .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)))
        .returning();
      return row;
    },

    /** Replaces the role's permissions; returns what was added and removed. */
    async replacePermissions(id: string, permissions: string[], now: Date) {
      const current = await this.permissions(id);
      const added = permissions.filter((p) => !current.includes(p));
      const removed = current.filter((p) => !permissions.includes(p));
      if (removed.length) await revokeAll(id, removed);
      if (added.length) {
        await tx
          .insert(rolePermissions)
          .values(added.map((permission) => ({ tenantId, roleId: id, permission, createdAt: now })));
      }
      return { added, removed };
    },

    async permissions(id: string): Promise<string[]> {
      const rows = await tx
        .select({ permission: rolePermissions.permission })
        .from(rolePermissions)
        .where(and(eq(rolePermissions.tenantId, tenantId), eq(rolePermissions.roleId, id)))
        .orderBy(asc(rolePermissions.permission));
      return rows.map((r) => r.permission);
    },

    /** True when the permission was not granted before. */
    async grant(id: string, permission: string, now: Date): Promise<boolean> {
      const rows = await tx
        .insert(rolePermissions)
        .values({ tenantId, roleId: id, permission, createdAt: now })
        .onConflictDoNothing()
        .returning({ permission: rolePermissions.permission });
      return rows.length === 1;
    },

    /** True when the permission was granted. */
    async revoke(id: string, permission: string): Promise<boolean> {
      return (await revokeAll(id, [permission])) === 1;
    },

    /** Deletes the role with its assignments; returns who lost it, for the audit trail. */
    async deleteCascade(id: string) {
      const users = await tx
        .delete(roleAssignments)
        .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.roleId, id)))
        .returning({ userId: roleAssignments.userId });
      const lostGroups = await tx
        .delete(groupRoles)
        .where(and(eq(groupRoles.tenantId, tenantId), eq(groupRoles.roleId, id)))
        .returning({ groupId: groupRoles.groupId });
      const [row] = await tx
        .delete(roles)
        .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)))
        .returning();
      return { row, users: users.map((u) => u.userId), groups: lostGroups.map((g) => g.groupId) };
    },

    /** Permissions the tenant's own roles use: its part of the permission catalogue. */
    async distinctPermissions(): Promise<string[]> {
      const rows = await tx
        .selectDistinct({ permission: rolePermissions.permission })
        .from(rolePermissions)
        .where(eq(rolePermissions.tenantId, tenantId))
        .orderBy(asc(rolePermissions.permission));
      return rows.map((r) => r.permission);
    },

    /** True when newly assigned. */
    async assign(userId: string, roleId: string, now: Date): Promise<boolean> {
      const rows = await tx
        .insert(roleAssignments)
        .values({ tenantId, userId, roleId, createdAt: now })
        .onConflictDoNothing()
        .returning({ roleId: roleAssignments.roleId });
      return rows.length === 1;
    },

    async unassign(userId: string, roleId: string): Promise<boolean> {
      const rows = await tx
        .delete(roleAssignments)
        .where(
          and(
            eq(roleAssignments.tenantId, tenantId),
            eq(roleAssignments.userId, userId),
            eq(roleAssignments.roleId, roleId),
          ),
        )
        .returning({ roleId: roleAssignments.roleId });
      return rows.length === 1;
    },

    async assignToGroup(groupId: string, roleId: string, now: Date): Promise<boolean> {
      const rows = await tx
        .insert(groupRoles)
        .values({ tenantId, groupId, roleId, createdAt: now })
        .onConflictDoNothing()
        .returning({ roleId: groupRoles.roleId });
      return rows.length === 1;
    },

    async unassignFromGroup(groupId: string, roleId: string): Promise<boolean> {
      const rows = await tx
        .delete(groupRoles)
        .where(and(eq(groupRoles.tenantId, tenantId), eq(groupRoles.groupId, groupId), eq(groupRoles.roleId, roleId)))
        .returning({ roleId: groupRoles.roleId });
      return rows.length === 1;
    },

    /** The roles a group holds, with their permissions. */
    async ofGroup(groupId: string): Promise<RoleWithPermissions[]> {
      const rows = await tx
        .select(withPermissions)
        .from(groupRoles)
        .innerJoin(roles, and(eq(roles.tenantId, groupRoles.tenantId), eq(roles.id, groupRoles.roleId)))
        .where(and(eq(groupRoles.tenantId, tenantId), eq(groupRoles.groupId, groupId)))
        .orderBy(asc(roles.id));
      return rows.map(flatten);
    },

    /** Version, roles, permissions and group roles: what the decision engine caches per tenant. */
    async model() {
      // The version is read first: the rows read after it are at least that new.
      const [version] = await tx
        .select({ version: authzVersions.version })
        .from(authzVersions)
        .where(eq(authzVersions.tenantId, tenantId));
      const roleRows = await tx
        .select({ id: roles.id, name: roles.name, builtin: roles.builtin })
        .from(roles)
        .where(eq(roles.tenantId, tenantId));
      const grants = await tx
        .select({ roleId: rolePermissions.roleId, permission: rolePermissions.permission })
        .from(rolePermissions)
        .where(eq(rolePermissions.tenantId, tenantId));
      const groupRows = await tx
        .select({ id: groups.id, name: groups.name })
        .from(groups)
        .where(eq(groups.tenantId, tenantId));
      const groupGrants = await tx
        .select({ groupId: groupRoles.groupId, roleId: groupRoles.roleId })
        .from(groupRoles)
        .where(eq(groupRoles.tenantId, tenantId));
      return { version: version?.version ?? 0, roles: roleRows, grants, groups: groupRows, groupGrants };
    },

    /** A member's standing: built-in role, profile fields for conditions, direct roles, groups. */
    async subject(userId: string) {
      const [row] = await tx
        .select({
          builtinRole: memberships.role,
          status: users.status,
          deletedAt: users.deletedAt,
          email: users.email,
          metadata: users.metadata,
          roles: sql<
            string[] | string
          >`array(select ra.role_id from role_assignments ra where ra.tenant_id = ${memberships.tenantId} and ra.user_id = ${memberships.userId})`,
          groups: sql<
            string[] | string
          >`array(select gm.group_id from group_members gm where gm.tenant_id = ${memberships.tenantId} and gm.user_id = ${memberships.userId})`,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
      if (!row) return undefined;
      return {
        builtinRole: row.builtinRole,
        status: row.deletedAt ? 'deleted' : row.status,
        email: row.email,
        metadata: row.metadata,
        roles: uuidArray(row.roles),
        groups: uuidArray(row.groups),
      };
    },
  };
}

/** uuid[] arrives parsed from postgres.js and as text from some PGlite paths. */
function uuidArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}
