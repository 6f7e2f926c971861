// Typed errors built from the API's error envelope (CONTRACT.md "Errors"). The class follows the
// HTTP status; `code` is the stable machine-readable code from the body.

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** Every error this SDK throws. `status` is 0 when no HTTP response was received. */
export class QeetidError extends Error {
  override name = 'QeetidError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly retryAfter: number | null;
  readonly fields: FieldProblem[];

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string | null;
    retryAfter?: number | null;
    fields?: FieldProblem[];
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.fields = init.fields ?? [];
  }
}
export class BadRequestError extends QeetidError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends QeetidError {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends QeetidError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends QeetidError {
  override name = 'NotFoundError';
}
export class ConflictError extends QeetidError {
  override name = 'ConflictError';
}
export class ValidationError extends QeetidError {
  override name = 'ValidationError';
}
export class RateLimitError extends QeetidError {
  override name = 'RateLimitError';
}
export class ServerError extends QeetidError {
  override name = 'ServerError';
}
/** The request never got an answer: network failure or timeout. */
export class ConnectionError extends QeetidError {
  override name = 'ConnectionError';
}

/** Why `sessions.verify` refused a token; `code` is one of {@link VerifyErrorCode}. */
export class TokenVerificationError extends AuthenticationError {
  override name = 'TokenVerificationError';
  declare readonly code: VerifyErrorCode;
  constructor(code: VerifyErrorCode, message: string, cause?: unknown) {
    super({ status: 401, code, message, cause });
  }
}
export type VerifyErrorCode =
  | 'malformed'
  | 'unsupported_alg'
  | 'invalid_type'
  | 'unknown_kid'
  | 'invalid_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'invalid_issuer'
  | 'invalid_audience'
  | 'invalid_claims'
  | 'jwks_unavailable'
  | 'jwks_invalid';

const byStatus: Record<number, typeof QeetidError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: ValidationError,
  429: RateLimitError,
};

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The typed error for a non-2xx response; works on any body, JSON envelope or not. */
export function errorFromResponse(status: number, headers: Headers, body: string): QeetidError {
  let envelope: { code?: unknown; message?: unknown; request_id?: unknown; fields?: unknown } | undefined;
  try {
    const parsed = JSON.parse(body) as { error?: typeof envelope };
    if (parsed && typeof parsed.error === 'object' && typeof parsed.error?.code === 'string') envelope = parsed.error;
  } catch {
    // not JSON: keep the status and say so
  }
  const Class = byStatus[status] ?? (status >= 500 ? ServerError : QeetidError);
  return new Class({
    status,
    code: envelope ? String(envelope.code) : 'unexpected_response',
    message:
      envelope && typeof envelope.message === 'string' ? envelope.message : `HTTP ${status} with no error envelope`,
    requestId: typeof envelope?.request_id === 'string' ? envelope.request_id : headers.get('x-request-id'),
    retryAfter: parseRetryAfter(headers.get('retry-after')),
    fields: Array.isArray(envelope?.fields) ? (envelope.fields as FieldProblem[]) : [],
  });
}
