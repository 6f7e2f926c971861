"""Server SDK for Qeet ID: users, tenants, API keys, permission checks and offline session
verification. ``qeetid._generated`` is generated from the OpenAPI document by
openapi-python-client; everything exported here is the hand-written facade over it."""

from ._authz import Groups, PermissionCheck, Roles
from ._client import DEFAULT_BASE_URL, VERSION, ApiKeys, Qeetid, Sessions, Tenants, Users
from ._errors import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    FieldProblem,
    NotFoundError,
    PermissionDeniedError,
    QeetidError,
    RateLimitError,
    ServerError,
    TokenVerificationError,
    ValidationError,
    error_from_response,
)
from ._transport import RetryPolicy
from ._verify import MAX_TOKEN_BYTES, Claims, KeySet, TokenVerifier, cache_max_age, http_jwks_source

__version__ = VERSION

__all__ = [
    "DEFAULT_BASE_URL",
    "MAX_TOKEN_BYTES",
    "VERSION",
    "APIConnectionError",
    "ApiKeys",
    "AuthenticationError",
    "BadRequestError",
    "Claims",
    "ConflictError",
    "FieldProblem",
    "Groups",
    "KeySet",
    "NotFoundError",
    "PermissionCheck",
    "PermissionDeniedError",
    "Qeetid",
    "QeetidError",
    "RateLimitError",
    "RetryPolicy",
    "Roles",
    "ServerError",
    "Sessions",
    "Tenants",
    "TokenVerificationError",
    "TokenVerifier",
    "Users",
    "ValidationError",
    "cache_max_age",
    "error_from_response",
    "http_jwks_source",
]
