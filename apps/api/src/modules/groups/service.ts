import { encodeId, type GroupCreate, type GroupUpdate, newId } from '@qeetid/contract';
import type { PageQuery, TenantRepos } from '@qeetid/db';
import { type Ctx, scopeOf } from '../../http/context.ts';
import { ApiError, nameTaken } from '../../http/errors.ts';
import { handOutRole, memberIn, roleIn } from '../authz/service.ts';

const target = (id: string) => ({ type: 'group', id: encodeId('group', id) });

async function groupIn(r: TenantRepos, id: string) {
  const group = await r.groups.get(id);
  if (!group) throw ApiError.notFound('group', encodeId('group', id));
  return group;
}

export async function listGroups(ctx: Ctx, q: PageQuery) {
  return ctx.db.withTenant(scopeOf(ctx), (r) => r.groups.list(q));
}

export async function createGroup(ctx: Ctx, input: GroupCreate) {
  const id = newId('group');
  const work = ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const row = await r.groups.insert(
      { id: id.uuid, name: input.name, description: input.description ?? null },
      new Date(),
    );
    await r.audit.append({ action: 'group.created', target: target(id.uuid), metadata: { name: input.name } });
    return row;
  });
  return nameTaken(work, 'group', input.name);
}

export async function updateGroup(ctx: Ctx, id: string, input: GroupUpdate) {
  const work = ctx.db.withTenant(scopeOf(ctx), async (r) => {
    await groupIn(r, id);
    const row = await r.groups.update(id, input, new Date());
    await r.audit.append({ action: 'group.updated', target: target(id), metadata: { fields: Object.keys(input) } });
    return row as NonNullable<typeof row>;
  });
  return nameTaken(work, 'group', input.name);
}

export async function deleteGroup(ctx: Ctx, id: string) {
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const group = await groupIn(r, id);
    await r.groups.delete(id);
    await r.audit.append({ action: 'group.deleted', target: target(id), metadata: { name: group.name } });
  });
}

export async function listMembers(ctx: Ctx, id: string, q: PageQuery) {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    await groupIn(r, id);
    return r.groups.members(id, q);
  });
}

export async function addMember(ctx: Ctx, id: string, userId: string) {
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    await groupIn(r, id);
    await memberIn(r, userId);
    if (await r.groups.addMember(id, userId, new Date())) {
      await r.audit.append({
        action: 'group.member_added',
        target: target(id),
        metadata: { user_id: encodeId('user', userId) },
      });
    }
  });
}

export async function removeMember(ctx: Ctx, id: string, userId: string) {
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    await groupIn(r, id);
    if (!(await r.groups.removeMember(id, userId))) {
      throw ApiError.notFound('member of this group', encodeId('user', userId));
    }
    await r.audit.append({
      action: 'group.member_removed',
      target: target(id),
      metadata: { user_id: encodeId('user', userId) },
    });
  });
}

export async function listRoles(ctx: Ctx, id: string) {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    await groupIn(r, id);
    return r.roles.ofGroup(id);
  });
}

export async function assignRole(ctx: Ctx, id: string, roleId: string) {
  await handOutRole(ctx, roleId, async (r, role) => {
    await groupIn(r, id);
    if (await r.roles.assignToGroup(id, roleId, new Date())) {
      await r.audit.append({
        action: 'group.role_assigned',
        target: target(id),
        metadata: { role_id: encodeId('role', roleId), role: role.name },
      });
    }
  });
}

export async function unassignRole(ctx: Ctx, id: string, roleId: string) {
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    await groupIn(r, id);
    const role = await roleIn(r, roleId);
    if (!(await r.roles.unassignFromGroup(id, roleId))) {
      throw new ApiError('not_found', `the group does not grant the role ${role.name}`);
    }
    await r.audit.append({
      action: 'group.role_unassigned',
      target: target(id),
      metadata: { role_id: encodeId('role', roleId), role: role.name },
    });
  });
}
