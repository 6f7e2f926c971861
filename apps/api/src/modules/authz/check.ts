import { type CheckBatch, type CheckContext, type CheckResult, decodeId } from '@qeetid/contract';
import { type Ctx, principalOf } from '../../http/context.ts';
import { ApiError } from '../../http/errors.ts';
import type { CheckContext as EngineContext } from './engine.ts';
import { toCheckResult } from './mapper.ts';

interface CheckInput {
  user_id: string;
  tenant_id: string;
  permission: string;
  context?: CheckContext | undefined;
}

/**
 * `GET /v1/check` and its batch form. The tenant must be the credential's own: a check about
 * another tenant is refused (403), one about a tenant that does not exist is simply denied.
 */
export async function checkOne(
  ctx: Ctx,
  query: { user_id: string; tenant_id: string; permission: string; explain?: boolean; context?: string },
): Promise<CheckResult> {
  const context = query.context === undefined ? undefined : parseContext(query.context);
  const [result] = await decideAll(ctx, [{ ...query, context }], query.explain ?? false);
  return result as CheckResult;
}

export async function checkMany(ctx: Ctx, body: CheckBatch): Promise<{ results: CheckResult[] }> {
  return { results: await decideAll(ctx, body.checks, body.explain ?? false) };
}

async function decideAll(ctx: Ctx, checks: CheckInput[], explain: boolean): Promise<CheckResult[]> {
  const own = principalOf(ctx).tenantId;
  const version = ctx.tenant?.authzVersion;
  const tenants = new Set(checks.map((c) => decodeId('tenant', c.tenant_id) as string));
  const missing = new Set<string>();
  for (const tenant of tenants) {
    if (tenant === own) continue;
    if (await ctx.db.platformRead((p) => p.tenant(tenant))) {
      throw new ApiError('forbidden', 'a credential can check permissions in its own tenant only');
    }
    missing.add(tenant);
  }
  const results: CheckResult[] = [];
  for (const c of checks) {
    const tenant = decodeId('tenant', c.tenant_id) as string;
    if (missing.has(tenant)) {
      results.push(denied(explain, `no tenant ${c.tenant_id}`));
      continue;
    }
    const decision = await ctx.authz.decide(tenant, decodeId('user', c.user_id) as string, c.permission, {
      version,
      context: engineContext(c.context),
      explain,
    });
    results.push(toCheckResult(decision, explain));
  }
  return results;
}

const denied = (explain: boolean, reason: string): CheckResult =>
  explain ? { allowed: false, explain: { grants: [], reason, policies: [] } } : { allowed: false };

export function engineContext(context: CheckContext | undefined): EngineContext {
  if (!context) return {};
  return {
    ...(context.ip !== undefined ? { ip: context.ip } : {}),
    ...(context.time !== undefined ? { time: new Date(context.time) } : {}),
    ...(context.resource !== undefined ? { resource: context.resource } : {}),
  };
}

const invalidContext = (message: string) =>
  ApiError.validation([{ field: 'context', code: 'invalid_context', message }]);

/** The `context` query parameter: a JSON object with `ip`, `time` and `resource`, all optional. */
function parseContext(text: string): CheckContext {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidContext('must be a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidContext('must be a JSON object');
  const { ip, time, resource, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw invalidContext(`unknown key ${unknown[0]}; use ip, time and resource`);
  if (ip !== undefined && typeof ip !== 'string') throw invalidContext('ip must be a string');
  if (time !== undefined && (typeof time !== 'string' || Number.isNaN(Date.parse(time)))) {
    throw invalidContext('time must be an RFC 3339 date-time');
  }
  if (resource !== undefined && (typeof resource !== 'object' || resource === null || Array.isArray(resource))) {
    throw invalidContext('resource must be an object');
  }
  return value as CheckContext;
}
