import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';

/**
 * One structured line per request: method, route, status, duration and request id. Headers and
 * bodies are never logged, so credentials cannot leak into logs.
 */
export const accessLog = ({ log }: { log: Logger }): MiddlewareHandler =>
  async function accessLog(c, next) {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const level = status >= 500 ? 'error' : 'info';
    log[level]({
      request_id: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 100) / 100,
    });
  };
