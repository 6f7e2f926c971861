from enum import StrEnum


class ErrorCode(StrEnum):
    AUTH_CODE_INVALID = "auth.code_invalid"
    AUTH_INVALID_CREDENTIALS = "auth.invalid_credentials"
    AUTH_METHOD_NOT_ALLOWED = "auth.method_not_allowed"
    AUTH_REFRESH_TOKEN_INVALID = "auth.refresh_token_invalid"
    AUTH_REFRESH_TOKEN_REUSED = "auth.refresh_token_reused"
    AUTH_SESSION_REVOKED = "auth.session_revoked"
    AUTH_TOKEN_INVALID = "auth.token_invalid"
    BAD_REQUEST = "bad_request"
    CONFLICT = "conflict"
    FORBIDDEN = "forbidden"
    INTERNAL = "internal"
    INVALID_AUTH_SCHEME = "invalid_auth_scheme"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_FOUND = "not_found"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    RATE_LIMITED = "rate_limited"
    STEP_UP_REQUIRED = "step_up_required"
    TOKEN_EXPIRED = "token_expired"
    UNAUTHORIZED = "unauthorized"
    UNAVAILABLE = "unavailable"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    VALIDATION_FAILED = "validation_failed"

    def __str__(self) -> str:
        return str(self.value)
