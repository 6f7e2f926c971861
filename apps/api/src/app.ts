import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { handlers } from './handlers.ts';
import { allowedMethods, bind } from './http/bind.ts';
import type { Deps } from './http/context.ts';
import { CredentialCache } from './http/credential-cache.ts';
import { ApiError } from './http/errors.ts';
import { requestScope } from './http/request-scope.ts';
import { AuthzEngine } from './modules/authz/engine.ts';

export interface AppOptions {
  validateResponses?: boolean;
}

/** The whole HTTP surface; no I/O happens here, so tests build it around their own database. */
export function createApp(deps: Deps, options: AppOptions = {}): Hono {
  const app = new Hono();
  const scope = requestScope(deps.log);
  const limiter = (maxSize: number): MiddlewareHandler => {
    const tooLarge = () => {
      throw new ApiError('payload_too_large', `request body is larger than ${maxSize} bytes`);
    };
    const streamed = bodyLimit({ maxSize, onError: tooLarge });
    // A declared length (the HTTP parser delivers no more, RFC 9112 §6.2) is checked without
    // touching the body, so the node adapter reads it straight off the socket instead of through
    // a web Request stream; a chunked body is counted as it streams.
    return (c, next) => {
      const length = c.req.header('content-length');
      if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
      return Number(length) > maxSize ? tooLarge() : next();
    };
  };
  const serverWide = limiter(deps.config.bodyLimit);
  const limitBody = (operationLimit: number | null) =>
    operationLimit && operationLimit > deps.config.bodyLimit ? limiter(operationLimit) : serverWide;

  // Only operations that take a body read one, so only they pay for the limiter's stream wrapper.
  bind(
    app,
    handlers,
    { ...deps, authz: new AuthzEngine(deps.db), credentials: new CredentialCache(deps.db.changes) },
    { validateResponses: options.validateResponses ?? false, limitBody, respond: scope.respond },
  );

  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path);
    const error = allowed.length
      ? new ApiError('method_not_allowed', `${c.req.method} is not allowed here; use ${allowed.join(', ')}`, {
          headers: { Allow: allowed.join(', ') },
        })
      : new ApiError('not_found', `no route for ${c.req.method} ${c.req.path}`);
    return scope.settle(c, error);
  });
  app.onError((err, c) => scope.settle(c, err));
  return app;
}
