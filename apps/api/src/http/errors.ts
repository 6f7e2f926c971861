import type { ErrorCode, ErrorEnvelope, FieldError, StepUpHint } from '@qeetid/contract';
import { isUniqueViolation } from '@qeetid/db';

/** CONTRACT.md "Errors": the status each stable code is sent with. */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  invalid_auth_scheme: 401,
  token_expired: 401,
  forbidden: 403,
  step_up_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  'webauthn.challenge_invalid': 400,
  'webauthn.response_invalid': 400,
  'webauthn.origin_mismatch': 400,
  'webauthn.rp_id_mismatch': 400,
  'webauthn.user_verification_required': 400,
  'webauthn.credential_unknown': 401,
  'webauthn.credential_mismatch': 401,
  'webauthn.signature_invalid': 401,
  'webauthn.counter_regression': 401,
  'webauthn.backup_eligibility_changed': 401,
  'mfa.token_invalid': 401,
  'mfa.code_invalid': 401,
  'mfa.code_reused': 401,
  'mfa.method_unavailable': 400,
  'auth.invalid_credentials': 401,
  'auth.refresh_token_invalid': 401,
  'auth.refresh_token_reused': 401,
  'auth.session_revoked': 401,
  'auth.token_invalid': 400,
  'auth.code_invalid': 400,
  'auth.method_not_allowed': 403,
} as const satisfies Record<ErrorCode, number>;

/** The only error type the API throws on purpose; `onError` turns it into the envelope. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly stepUp: StepUpHint | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fields?: FieldError[]; headers?: Record<string, string>; stepUp?: StepUpHint } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = extra.fields;
    this.headers = extra.headers;
    this.stepUp = extra.stepUp;
  }

  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code];
  }

  static validation(fields: FieldError[]): ApiError {
    return new ApiError('validation_failed', fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError('not_found', `no ${what} with id ${id}`);
  }
}

export function envelope(error: ApiError, requestId: string): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      request_id: requestId,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.stepUp ? { step_up: error.stepUp } : {}),
    },
  };
}

/** Runs a write and turns a unique-constraint violation (SQLSTATE 23505) into 409 with `message`. */
export async function conflictOnUnique<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError('conflict', message);
    throw error;
  }
}

/** Runs an insert or rename and turns a unique-name violation into 409 naming the `what`. */
export const nameTaken = <T>(work: Promise<T>, what: string, name: string | undefined): Promise<T> =>
  conflictOnUnique(work, `a ${what} named "${name}" already exists`);
