import {
  type AbacEvaluateRequest,
  type AbacPolicyCreate,
  type AbacPolicyUpdate,
  encodeId,
  newId,
} from '@qeetid/contract';
import type { PageQuery, TenantRepos } from '@qeetid/db';
import { type Ctx, scopeOf } from '../../http/context.ts';
import { ApiError, nameTaken } from '../../http/errors.ts';
import { engineContext } from '../authz/check.ts';
import { compileCondition } from '../authz/conditions.ts';

const target = (id: string) => ({ type: 'abac_policy', id: encodeId('abacPolicy', id) });

/** A condition is compiled and type-checked before it is stored; 422 names line and column. */
function assertCompiles(condition: string | undefined): void {
  if (condition === undefined) return;
  const compiled = compileCondition(condition);
  if (compiled.ok) return;
  const { line, column, message } = compiled.problem;
  throw ApiError.validation([
    { field: 'condition', code: 'invalid_cel', message: `line ${line}, column ${column}: ${message}` },
  ]);
}

async function policyIn(r: TenantRepos, id: string) {
  const row = await r.abacPolicies.get(id);
  if (!row) throw ApiError.notFound('ABAC policy', encodeId('abacPolicy', id));
  return row;
}

export async function list(ctx: Ctx, q: PageQuery) {
  return ctx.db.withTenant(scopeOf(ctx), (r) => r.abacPolicies.list(q));
}

export async function get(ctx: Ctx, id: string) {
  return ctx.db.withTenant(scopeOf(ctx), (r) => policyIn(r, id));
}

export async function create(ctx: Ctx, input: AbacPolicyCreate) {
  assertCompiles(input.condition);
  const id = newId('abacPolicy');
  const work = ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const row = await r.abacPolicies.insert(
      id.uuid,
      {
        name: input.name,
        description: input.description ?? null,
        effect: input.effect,
        permissions: input.permissions,
        condition: input.condition,
        enabled: input.enabled ?? true,
      },
      new Date(),
    );
    await r.audit.append({
      action: 'abac_policy.created',
      target: target(id.uuid),
      metadata: { name: input.name, effect: input.effect, permissions: input.permissions, condition: input.condition },
    });
    return row;
  });
  return nameTaken(work, 'policy', input.name);
}

export async function update(ctx: Ctx, id: string, input: AbacPolicyUpdate) {
  assertCompiles(input.condition);
  const work = ctx.db.withTenant(scopeOf(ctx), async (r) => {
    await policyIn(r, id);
    const row = await r.abacPolicies.update(id, input, new Date());
    await r.audit.append({
      action: 'abac_policy.updated',
      target: target(id),
      metadata: { fields: Object.keys(input), ...(input.condition ? { condition: input.condition } : {}) },
    });
    return row as NonNullable<typeof row>;
  });
  return nameTaken(work, 'policy', input.name);
}

export async function remove(ctx: Ctx, id: string) {
  await ctx.db.withTenant(scopeOf(ctx), async (r) => {
    const row = await policyIn(r, id);
    await r.abacPolicies.delete(id);
    await r.audit.append({ action: 'abac_policy.deleted', target: target(id), metadata: { name: row.name } });
  });
}

export async function evaluate(ctx: Ctx, userId: string, input: AbacEvaluateRequest) {
  const outcome = await ctx.authz.evaluatePolicies(
    scopeOf(ctx).tenantId,
    userId,
    input.permission,
    engineContext(input.context),
    ctx.tenant?.authzVersion,
  );
  if (!outcome) throw ApiError.notFound('member', input.user_id);
  return outcome;
}
