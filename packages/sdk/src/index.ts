export {
  ApiKeys,
  DEFAULT_BASE_URL,
  Groups,
  type ListQuery,
  type Page,
  type PermissionCheck,
  Qeetid,
  type QeetidOptions,
  type RoleAssignment,
  Roles,
  Sessions,
  Tenants,
  Users,
  VERSION,
} from './client.ts';
export {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  errorFromResponse,
  type FieldProblem,
  NotFoundError,
  PermissionDeniedError,
  QeetidError,
  RateLimitError,
  ServerError,
  TokenVerificationError,
  ValidationError,
  type VerifyErrorCode,
} from './errors.ts';
/** Every operation of the spec, generated; pass `client: qeetid.client` to use the facade's settings. */
export * as api from './gen/sdk.gen.ts';
export type * from './gen/types.gen.ts';
export {
  cacheMaxAgeMs,
  httpJwksSource,
  type JwksSource,
  KeySet,
  type KeySetOptions,
  MAX_TOKEN_BYTES,
  type SessionClaims,
  TokenVerifier,
  type VerifyOptions,
} from './verify.ts';
