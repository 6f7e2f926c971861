import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import { ApiError, envelope } from './errors.ts';

/**
 * What every request gets, with no middleware in the chain (each async Hono middleware costs a
 * measurable share of a small request): a request id, the error envelope for anything thrown,
 * and one access-log line. `respond` wraps each route; `settle` serves the paths that never
 * reach one (no route, body limit exceeded).
 */

const REQUEST_ID = 'X-Request-Id';
const MAX_REQUEST_ID = 255;

/** The caller's X-Request-Id when it is a plain token, else a fresh one; echoed on the response. */
function identify(c: Context): string {
  let id = c.get('requestId') as string | undefined;
  if (id) return id;
  id = c.req.header(REQUEST_ID);
  if (!id || id.length > MAX_REQUEST_ID || /[^\w\-=]/.test(id)) id = `req_${randomUUID()}`;
  c.set('requestId', id);
  c.header(REQUEST_ID, id);
  return id;
}

/** One structured line per request; headers and bodies are never logged, so credentials cannot leak. */
function logLine(log: Logger, c: Context, status: number, started: number): void {
  log[status >= 500 ? 'error' : 'info']({
    request_id: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    status,
    ms: Math.round((performance.now() - started) * 100) / 100,
  });
}

/** The error envelope for anything thrown; an unexpected error is logged and answered as 500. */
function errorResponse(c: Context, log: Logger, err: unknown): Response {
  const error =
    err instanceof ApiError ? err : new ApiError('internal', 'internal error; quote the request id when reporting it');
  if (!(err instanceof ApiError)) log.error({ err, request_id: c.get('requestId') }, 'unhandled error');
  for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
  return c.json(envelope(error, c.get('requestId')), error.status);
}

export function requestScope(log: Logger) {
  return {
    /** Runs a route: request id first, the envelope for whatever it throws, then the log line. */
    async respond(c: Context, route: () => Promise<Response>): Promise<Response> {
      const started = performance.now();
      identify(c);
      let res: Response;
      try {
        res = await route();
      } catch (err) {
        res = errorResponse(c, log, err);
      }
      logLine(log, c, res.status, started);
      return res;
    },
    /** Answers a request that reached no route (404/405) or failed before it (413). */
    settle(c: Context, err: unknown): Response {
      const started = performance.now();
      identify(c);
      const res = errorResponse(c, log, err);
      logLine(log, c, res.status, started);
      return res;
    },
  };
}
