import { encodeId, newId, type RoleCreate, type RoleUpdate } from '@qeetid/contract';
import type { Role as MembershipRole, PageQuery, RoleWithPermissions, TenantRepos } from '@qeetid/db';
import { type Ctx, scopeOf } from '../../http/context.ts';
import { ApiError, nameTaken } from '../../http/errors.ts';
import { builtinCatalogue, isBuiltinRole } from './catalogue.ts';
import { assertHolds } from './delegation.ts';
import { permissionsOfRole } from './mapper.ts';

const roleTarget = (id: string) => ({ type: 'role', id: encodeId('role', id) });
const userTarget = (id: string) => ({ type: 'user', id: encodeId('user', id) });

/** A role of this tenant; another tenant's role is not found, like one that does not exist. */
export async function roleIn(r: TenantRepos, id: string) {
  const role = await r.roles.get(id);
  if (!role) throw ApiError.notFound('role', encodeId('role', id));
  return role;
}

function custom<T extends { builtin: string | null; name: string }>(role: T): T {
  if (role.builtin) throw new ApiError('conflict', `the built-in role ${role.name} cannot be changed`);
  return role;
}

/** A member of this tenant and the built-in role their membership carries. */
export async function memberIn(r: TenantRepos, userId: string): Promise<MembershipRole> {
  const role = await r.memberships.role(userId);
  if (!role) throw ApiError.notFound('member', encodeId('user', userId));
  return role;
}

export async function catalogue(ctx: Ctx) {
  const own = await ctx.db.withTenant(scopeOf(ctx), (r) => r.roles.distinctPermissions());
  return [
    ...[...builtinCatalogue].map(([permission, operations]) => ({
      permission,
      source: 'builtin' as const,
      operations,
    })),
    ...own
      .filter((p) => !builtinCatalogue.has(p))
      .map((permission) => ({ permission, source: 'tenant' as const, operations: [] })),
  ];
}

export async function listRoles(ctx: Ctx, q: PageQuery) {
  return ctx.db.withTenant(scopeOf(ctx), (r) => r.roles.list(q));
}

export async function createRole(ctx: Ctx, input: RoleCreate) {
  const permissions = input.permissions ?? [];
  await assertHolds(ctx, permissions);
  const id = newId('role');
  const now = new Date();
  const work = ctx.db.withTenant(scopeOf(ctx), async (r) => {
    await r.roles.insert({ id: id.uuid, name: input.name, description: input.description ?? null }, permissions, now);
    await r.audit.append({
      action: 'role.created',
      target: roleTarget(id.uuid),
      metadata: { name: input.name, permissions },
    });
    return roleIn(r, id.uuid);
  });
  return nameTaken(work, 'role', input.name);
}

export async function updateRole(ctx: Ctx, id: string, input: RoleUpdate) {
  if (input.permissions) await assertHolds(ctx, input.permissions);
  const now = new Date();
  const work = ctx.db.withTenant(scopeOf(ctx), async (r) => {
    custom(await roleIn(r, id));
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    await r.roles.update(id, patch, now);
    const changed = input.permissions ? await r.roles.replacePermissions(id, input.permissions, now) : undefined;
    await r.audit.append({
      action: 'role.updated',
      target: roleTarget(id),
      metadata: { fields: Object.keys(input), ...(changed ?? {}) },
    });
    return roleIn(r, id);
  });
  return nameTaken(work, 'role', input.name);
}

/** Deletes a custom role even when in use: each member and group loses it, each loss audited. */
export async function deleteRole(ctx: Ctx, id: string) {
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const role = custom(await roleIn(r, id));
    const { users, groups } = await r.roles.deleteCascade(id);
    for (const userId of users) {
      await r.audit.append({
        action: 'role.unassigned',
        target: userTarget(userId),
        metadata: { role_id: encodeId('role', id), role: role.name, cascade: true },
      });
    }
    for (const groupId of groups) {
      await r.audit.append({
        action: 'group.role_unassigned',
        target: { type: 'group', id: encodeId('group', groupId) },
        metadata: { role_id: encodeId('role', id), role: role.name, cascade: true },
      });
    }
    await r.audit.append({
      action: 'role.deleted',
      target: roleTarget(id),
      metadata: { name: role.name, unassigned_users: users.length, unassigned_groups: groups.length },
    });
  });
}

export async function rolePermissions(ctx: Ctx, id: string) {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => permissionsOfRole(await roleIn(r, id)));
}

export async function grantPermission(ctx: Ctx, id: string, permission: string) {
  await assertHolds(ctx, [permission]);
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    custom(await roleIn(r, id));
    if (await r.roles.grant(id, permission, new Date())) {
      await r.audit.append({ action: 'role.permission_granted', target: roleTarget(id), metadata: { permission } });
    }
    return r.roles.permissions(id);
  });
}

export async function revokePermission(ctx: Ctx, id: string, permission: string) {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    custom(await roleIn(r, id));
    if (!(await r.roles.revoke(id, permission))) {
      throw new ApiError('not_found', `the role does not grant ${permission}`);
    }
    await r.audit.append({ action: 'role.permission_revoked', target: roleTarget(id), metadata: { permission } });
    return r.roles.permissions(id);
  });
}

/**
 * Hands out a role, to a member or a group. The caller must hold every permission the role grants,
 * checked before the write transaction (the engine may need the database itself); `write` then gets
 * the role as read again inside that transaction, so a role deleted in between is not found.
 */
export async function handOutRole(
  ctx: Ctx,
  roleId: string,
  write: (r: TenantRepos, role: RoleWithPermissions) => Promise<void>,
): Promise<void> {
  await assertHolds(ctx, permissionsOfRole(await ctx.db.withTenant(scopeOf(ctx), (r) => roleIn(r, roleId))));
  await ctx.db.withTenant(scopeOf(ctx), async (r) => write(r, await roleIn(r, roleId)));
}

/**
 * Custom roles are added; a built-in role replaces the one the membership carries, and the last
 * owner stays an owner.
 */
export async function assignRole(ctx: Ctx, userId: string, roleId: string) {
  await handOutRole(ctx, roleId, async (r, role) => {
    const current = await memberIn(r, userId);
    const metadata = { role_id: encodeId('role', roleId), role: role.name };
    if (isBuiltinRole(role.builtin)) {
      if (current === role.builtin) return;
      if (current === 'owner' && (await r.memberships.countWithRole('owner')) === 1) {
        throw new ApiError('conflict', 'the tenant would have no owner left; make someone else owner first');
      }
      await r.memberships.setRole(userId, role.builtin);
      await r.audit.append({
        action: 'role.assigned',
        target: userTarget(userId),
        metadata: { ...metadata, previous: current },
      });
      return;
    }
    if (await r.roles.assign(userId, roleId, new Date())) {
      await r.audit.append({ action: 'role.assigned', target: userTarget(userId), metadata });
    }
  });
}

export async function unassignRole(ctx: Ctx, userId: string, roleId: string) {
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const role = await roleIn(r, roleId);
    await memberIn(r, userId);
    if (role.builtin) {
      throw new ApiError('conflict', `${role.name} is a built-in role: assign another built-in role to replace it`);
    }
    if (!(await r.roles.unassign(userId, roleId))) {
      throw new ApiError('not_found', `the member does not hold the role ${role.name} directly`);
    }
    await r.audit.append({
      action: 'role.unassigned',
      target: userTarget(userId),
      metadata: { role_id: encodeId('role', roleId), role: role.name },
    });
  });
}

export async function effectivePermissions(ctx: Ctx, userId: string) {
  const tenantId = scopeOf(ctx).tenantId;
  const { member, grants } = await ctx.authz.effective(tenantId, userId, ctx.tenant?.authzVersion);
  if (!member) throw ApiError.notFound('member', encodeId('user', userId));
  return grants;
}
