import { encodeId, type Metadata, newId, type UserCreate, type UserUpdate } from '@qeetid/contract';
import type { PageQuery, TenantRepos, UserPatch, UserRow } from '@qeetid/db';
import { type Ctx, scopeOf } from '../../http/context.ts';
import { ApiError, conflictOnUnique } from '../../http/errors.ts';

const METADATA_MAX_BYTES = 8 * 1024;

/** Emails are unique whatever their case (and Unicode composition). */
export const normalizeEmail = (email: string) => email.normalize('NFC').toLowerCase();

function checkMetadataSize(metadata: Metadata): void {
  const bytes = Buffer.byteLength(JSON.stringify(metadata));
  if (bytes > METADATA_MAX_BYTES) {
    throw ApiError.validation([
      {
        field: 'metadata',
        code: 'too_large',
        message: `must be at most ${METADATA_MAX_BYTES} bytes as JSON (is ${bytes})`,
      },
    ]);
  }
}

/** Users' emails are unique across the deployment. */
const EMAIL_TAKEN = 'a user with this email already exists';

const target = (id: string) => ({ type: 'user', id: encodeId('user', id) });

/** A live (not deleted) user this tenant can see. */
export async function live(r: TenantRepos, id: string): Promise<UserRow> {
  const row = await r.users.get(id);
  if (!row || row.deletedAt) throw ApiError.notFound('user', encodeId('user', id));
  return row;
}

/** Only a user's home tenant changes their profile; member tenants may only read it. */
export function assertManaged(ctx: Ctx, row: UserRow): void {
  if (row.tenantId !== ctx.tenant?.tenantId) {
    throw new ApiError('forbidden', `this user is managed by tenant ${encodeId('tenant', row.tenantId)}`);
  }
}

/** Runs `fn` on a user this tenant manages (admin operations): 404 when unknown, 403 when managed elsewhere. */
export async function managedUser<T>(
  ctx: Ctx,
  userId: string,
  fn: (r: TenantRepos, user: UserRow) => Promise<T>,
): Promise<T> {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const user = await live(r, userId);
    assertManaged(ctx, user);
    return fn(r, user);
  });
}

export async function createUser(ctx: Ctx, input: UserCreate): Promise<UserRow> {
  if (input.metadata) checkMetadataSize(input.metadata);
  const id = newId('user');
  const now = new Date();
  return conflictOnUnique(
    ctx.db.withTenant(scopeOf(ctx), async (r) => {
      const row = await r.users.insert({
        id: id.uuid,
        email: input.email,
        emailNormalized: normalizeEmail(input.email),
        phone: input.phone ?? null,
        displayName: input.display_name ?? null,
        metadata: input.metadata ?? {},
        createdAt: now,
        updatedAt: now,
      });
      await r.memberships.add(id.uuid, 'member', now);
      await r.audit.append({ action: 'user.created', target: target(id.uuid) });
      return row;
    }),
    EMAIL_TAKEN,
  );
}

export async function listUsers(ctx: Ctx, q: PageQuery & { deleted: boolean; email?: string | undefined }) {
  return ctx.db.withTenant(scopeOf(ctx), (r) =>
    r.users.list({ ...q, email: q.email === undefined ? undefined : normalizeEmail(q.email) }),
  );
}

export async function getUser(ctx: Ctx, id: string): Promise<UserRow> {
  return ctx.db.withTenant(scopeOf(ctx), (r) => live(r, id));
}

export async function updateUser(ctx: Ctx, id: string, input: UserUpdate): Promise<UserRow> {
  return conflictOnUnique(
    ctx.db.withTenant(scopeOf(ctx), async (r) => {
      const current = await live(r, id);
      assertManaged(ctx, current);
      const patch: UserPatch = {};
      if (input.email !== undefined && input.email !== current.email) {
        patch.email = input.email;
        patch.emailNormalized = normalizeEmail(input.email);
        patch.emailVerified = false;
      }
      if (input.phone !== undefined && input.phone !== current.phone) {
        patch.phone = input.phone;
        patch.phoneVerified = false;
      }
      if (input.display_name !== undefined) patch.displayName = input.display_name;
      if (input.status !== undefined) patch.status = input.status;
      if (input.metadata !== undefined) {
        // Merge key by key; a null value removes the key.
        const merged: Metadata = { ...current.metadata };
        for (const [k, v] of Object.entries(input.metadata)) {
          if (v === null) delete merged[k];
          else merged[k] = v;
        }
        checkMetadataSize(merged);
        patch.metadata = merged;
      }
      const row = await r.users.update(id, patch, new Date());
      if (!row) throw ApiError.notFound('user', encodeId('user', id));
      await r.audit.append({ action: 'user.updated', target: target(id), metadata: { fields: Object.keys(input) } });
      return row;
    }),
    EMAIL_TAKEN,
  );
}

export async function replaceMetadata(ctx: Ctx, id: string, metadata: Metadata | null): Promise<UserRow> {
  if (metadata) checkMetadataSize(metadata);
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    assertManaged(ctx, await live(r, id));
    const row = await r.users.update(id, { metadata: metadata ?? {} }, new Date());
    if (!row) throw ApiError.notFound('user', encodeId('user', id));
    await r.audit.append({
      action: metadata ? 'user.metadata_replaced' : 'user.metadata_cleared',
      target: target(id),
      metadata: metadata ? { keys: Object.keys(metadata) } : {},
    });
    return row;
  });
}

export async function deleteUser(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    assertManaged(ctx, await live(r, id));
    const now = new Date();
    await r.users.update(id, { deletedAt: now }, now);
    await r.audit.append({ action: 'user.deleted', target: target(id) });
  });
}

export async function restoreUser(ctx: Ctx, id: string): Promise<UserRow> {
  return ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const current = await r.users.get(id);
    if (!current) throw ApiError.notFound('user', encodeId('user', id));
    assertManaged(ctx, current);
    if (!current.deletedAt) throw new ApiError('conflict', 'this user is not deleted');
    const row = await r.users.update(id, { deletedAt: null }, new Date());
    if (!row) throw ApiError.notFound('user', encodeId('user', id));
    await r.audit.append({ action: 'user.restored', target: target(id) });
    return row;
  });
}

export async function purgeUser(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const current = await r.users.get(id);
    if (!current) throw ApiError.notFound('user', encodeId('user', id));
    assertManaged(ctx, current);
    if (!current.deletedAt) throw new ApiError('conflict', 'only a deleted user can be purged; delete them first');
    await r.users.purge(id);
    // The event names the user by id only: nothing personal outlives the purge.
    await r.audit.append({ action: 'user.purged', target: target(id) });
  });
}
