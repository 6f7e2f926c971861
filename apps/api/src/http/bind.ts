import { getConnInfo } from '@hono/node-server/conninfo';
import { type OperationId, operations } from '@qeetid/contract';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AppHandlers } from '../handlers.ts';
import { authenticate } from './authenticate.ts';
import { authorize } from './authorize.ts';
import type { AppDeps, Ctx } from './context.ts';
import { ApiError } from './errors.ts';
import { resolveTenant } from './tenant-access.ts';
import { type OperationValidator, operationValidator } from './validate.ts';

export type Operation = (typeof operations)[number];

export interface BindOptions {
  /** Check every response against the spec (tests turn this on so the spec cannot lie). */
  validateResponses: boolean;
  /** Guards the operations that read a request body; `x-qeet-body-limit` raises the limit for one. */
  limitBody: (operationLimit: number | null) => MiddlewareHandler;
  /** Wraps every route (request id, error envelope, access log). */
  respond: (c: Context, route: () => Promise<Response>) => Promise<Response>;
}

/** `/v1/users/{id}` → `/v1/users/:id` */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** Static segments before parameters, so `/v1/users/deleted` is tried before `/v1/users/:id`. */
const routeOrder = (path: string) =>
  path
    .split('/')
    .map((s) => (s.startsWith('{') ? '\u{10FFFF}' : s))
    .join('/');

/**
 * Registers one route per operation in the spec, each with exactly one handler. Authentication,
 * tenant, permission and input validation come from the operation's entry, never from handlers.
 */
export function bind(app: Hono, handlers: AppHandlers, deps: AppDeps, options: BindOptions): void {
  const specIds = new Set<string>(operations.map((o) => o.operationId));
  const missing = [...specIds].filter((id) => !(id in handlers));
  const unknown = Object.keys(handlers).filter((id) => !specIds.has(id));
  if (missing.length || unknown.length) {
    throw new Error(`handlers do not match openapi.yaml: missing [${missing}], unknown [${unknown}]`);
  }
  const sorted = [...operations].sort((a, b) => (routeOrder(a.path) < routeOrder(b.path) ? -1 : 1));
  for (const op of sorted) {
    const validator = operationValidator(op.path, op.method);
    const handler = handlers[op.operationId as OperationId];
    const schemes = new Set<string>(op.security.flat());
    const route = (c: Context) => options.respond(c, () => serve(c, op, schemes, validator, handler, deps, options));
    if (validator.body) app.on(op.method.toUpperCase(), honoPath(op.path), options.limitBody(op.bodyLimit), route);
    else app.on(op.method.toUpperCase(), honoPath(op.path), route);
  }
}

async function serve(
  c: Context,
  op: Operation,
  schemes: ReadonlySet<string>,
  validator: OperationValidator,
  handler: AppHandlers[OperationId],
  deps: AppDeps,
  options: BindOptions,
): Promise<Response> {
  const principal = schemes.size ? await authenticate(deps, c.req.header('authorization'), schemes, new Date()) : null;
  const path = validator.path(c.req.param());
  const query = validator.query(singleValued(c.req.queries()));
  const tenant = principal ? await resolveTenant(deps.db, principal, path.tenantID as string | undefined) : null;
  const ip = clientIp(c, deps.config.trustProxy);
  if (principal && tenant) await authorize(deps.authz, principal, tenant, op, ip);
  const body = validator.body ? await readJson(c, validator.body) : undefined;

  const ctx: Ctx = {
    ...deps,
    requestId: c.get('requestId'),
    ip,
    userAgent: c.req.header('user-agent') ?? null,
    principal,
    tenant,
  };
  const reply = await (handler as (req: unknown, ctx: Ctx) => ReturnType<AppHandlers[OperationId]>)(
    { path, query, body },
    ctx,
  );
  if (reply instanceof Response) return reply;
  const status = reply.status as number;
  if (options.validateResponses) {
    const problem = validator.response(status, reply.body);
    if (problem) throw new Error(`${op.operationId} answered ${status} outside the spec: ${problem}`);
  }
  for (const [name, value] of Object.entries(reply.headers ?? {})) c.header(name, value);
  if (reply.body === undefined) return c.body(null, status as 204);
  return c.json(reply.body as object, status as 200);
}

function singleValued(queries: Record<string, string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(queries).map(([k, v]) => [k, v.length === 1 ? (v[0] as string) : v]));
}

async function readJson(c: Context, body: NonNullable<OperationValidator['body']>): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    if (body.required) throw new ApiError('bad_request', 'request body is required (a JSON object)');
    return undefined;
  }
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError('unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ApiError('bad_request', `malformed JSON: ${(e as Error).message}`);
  }
  return body.check(value);
}

function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // not served by node:http (app.request in tests)
  }
}

/** For 404 vs 405: which methods the spec has for a concrete path. */
export function allowedMethods(pathname: string): string[] {
  return operations
    .filter((o) => new RegExp(`^${o.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname))
    .map((o) => o.method.toUpperCase());
}
