import type { AbacPolicy } from '@qeetid/contract';
import { encodeId } from '@qeetid/contract';
import type { AbacPolicyRow } from '@qeetid/db';
import type { AppHandlers } from '../../handlers.ts';
import { tenantOf } from '../../http/context.ts';
import { decodeCursor, nextCursor } from '../../http/cursor.ts';
import { pathId } from '../../http/path-id.ts';
import { toPolicyOutcome, toPolicyRef } from '../authz/mapper.ts';
import * as policies from './service.ts';

function toPolicy(row: AbacPolicyRow): AbacPolicy {
  return {
    id: encodeId('abacPolicy', row.id),
    tenant_id: encodeId('tenant', row.tenantId),
    name: row.name,
    description: row.description,
    effect: row.effect as AbacPolicy['effect'],
    permissions: row.permissions,
    condition: row.condition,
    enabled: row.enabled,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const abacHandlers = {
  listAbacPolicies: async ({ query }, ctx) => {
    const tenant = tenantOf(ctx);
    const after = decodeCursor<string>(query.cursor, { list: 'abac-policies', tenant, type: 'string' });
    const page = await policies.list(ctx, { after, limit: query.limit ?? 50 });
    return {
      status: 200,
      body: {
        items: page.items.map(toPolicy),
        next_cursor: nextCursor(page.items, page.more, 'abac-policies', tenant, (p) => p.id),
      },
    };
  },

  createAbacPolicy: async ({ body }, ctx) => ({ status: 201, body: toPolicy(await policies.create(ctx, body)) }),

  getAbacPolicy: async ({ path }, ctx) => ({
    status: 200,
    body: toPolicy(await policies.get(ctx, pathId('abacPolicy', path.id, 'ABAC policy'))),
  }),

  updateAbacPolicy: async ({ path, body }, ctx) => ({
    status: 200,
    body: toPolicy(await policies.update(ctx, pathId('abacPolicy', path.id, 'ABAC policy'), body)),
  }),

  deleteAbacPolicy: async ({ path }, ctx) => {
    await policies.remove(ctx, pathId('abacPolicy', path.id, 'ABAC policy'));
    return { status: 204, body: undefined };
  },

  evaluateAbac: async ({ body }, ctx) => {
    const outcome = await policies.evaluate(ctx, pathId('user', body.user_id, 'member'), body);
    return {
      status: 200,
      body: {
        decision: outcome.decision,
        ...(outcome.policy ? { policy: toPolicyRef(outcome.policy) } : {}),
        policies: outcome.policies.map(toPolicyOutcome),
      },
    };
  },
} satisfies Partial<AppHandlers>;
