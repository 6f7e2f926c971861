// The fetch every request goes through: credentials, per-attempt timeout, retries with
// exponential backoff and jitter, and typed errors for non-2xx answers.
import { ConnectionError, errorFromResponse, QeetidError } from './errors.ts';

export interface RetryPolicy {
  /** Retries after the first attempt (default 2). */
  maxRetries: number;
  /** First backoff in ms, doubled each retry, with full jitter (default 250). */
  baseDelayMs: number;
  /** Longest wait between attempts, and the largest Retry-After honoured (default 20 000). */
  maxDelayMs: number;
}

export interface TransportOptions {
  authorization: string | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
  fetch: typeof fetch;
  userAgent: string;
}

// RFC 9110 §9.2.2: these methods may be repeated without changing the outcome.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether to try again and after how long. 429 means the server did not act on the request, so
 * every method may retry; a 5xx or a lost connection only for idempotent methods.
 */
function retryDelay(policy: RetryPolicy, attempt: number, method: string, error: QeetidError): number | null {
  if (attempt >= policy.maxRetries) return null;
  const retriable = error.status === 429 || (IDEMPOTENT.has(method) && (error.status >= 500 || error.status === 0));
  if (!retriable) return null;
  if (error.retryAfter !== null) {
    const ms = error.retryAfter * 1000;
    return ms <= policy.maxDelayMs ? ms : null;
  }
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

export function createTransport(options: TransportOptions): typeof fetch {
  return async (input, init) => {
    const template = new Request(input, init);
    if (options.authorization && !template.headers.has('authorization')) {
      template.headers.set('authorization', options.authorization);
    }
    template.headers.set('user-agent', options.userAgent);
    for (let attempt = 0; ; attempt++) {
      let error: QeetidError;
      try {
        const response = await options.fetch(template.clone(), { signal: AbortSignal.timeout(options.timeoutMs) });
        if (response.ok) return response;
        error = errorFromResponse(response.status, response.headers, await response.text());
      } catch (cause) {
        if (cause instanceof QeetidError) throw cause;
        const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
        error = new ConnectionError({
          status: 0,
          code: timedOut ? 'timeout' : 'connection_failed',
          message: timedOut
            ? `no answer from ${template.url} within ${options.timeoutMs} ms`
            : `could not reach ${template.url}: ${(cause as Error).message}`,
          cause,
        });
      }
      const delay = retryDelay(options.retry, attempt, template.method, error);
      if (delay === null) throw error;
      await sleep(delay);
    }
  };
}
