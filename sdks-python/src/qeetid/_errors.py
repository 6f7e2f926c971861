"""Typed errors built from the API's error envelope (CONTRACT.md "Errors")."""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldProblem:
    field: str
    code: str
    message: str


class QeetidError(Exception):
    """Every error this SDK raises. ``status`` is 0 when no HTTP response was received."""

    def __init__(
        self,
        *,
        status: int,
        code: str,
        message: str,
        request_id: str | None = None,
        retry_after: int | None = None,
        fields: list[FieldProblem] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.retry_after = retry_after
        self.fields = fields or []

    def __str__(self) -> str:
        suffix = f" [request {self.request_id}]" if self.request_id else ""
        return f"{self.code} (HTTP {self.status}): {self.message}{suffix}"


class BadRequestError(QeetidError):
    pass


class AuthenticationError(QeetidError):
    pass


class PermissionDeniedError(QeetidError):
    pass


class NotFoundError(QeetidError):
    pass


class ConflictError(QeetidError):
    pass


class ValidationError(QeetidError):
    pass


class RateLimitError(QeetidError):
    pass


class ServerError(QeetidError):
    pass


class APIConnectionError(QeetidError):
    """The request never got an answer: network failure or timeout."""


class TokenVerificationError(AuthenticationError):
    """Why ``sessions.verify`` refused a token. ``code`` is one of: malformed, unsupported_alg,
    invalid_type, unknown_kid, invalid_signature, expired, not_yet_valid, invalid_issuer,
    invalid_audience, invalid_claims, jwks_unavailable, jwks_invalid."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(status=401, code=code, message=message)


_BY_STATUS: dict[int, type[QeetidError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitError,
}


def parse_retry_after(value: str | None, now: float | None = None) -> int | None:
    """delay-seconds or an HTTP-date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0, int(when.timestamp() - (now if now is not None else time.time()) + 0.999))


def error_from_response(status: int, headers: Mapping[str, str], body: bytes | str) -> QeetidError:
    """The typed error for a non-2xx answer, whatever its body."""
    envelope: dict[str, Any] | None = None
    try:
        parsed = json.loads(body)
        if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict):
            if isinstance(parsed["error"].get("code"), str):
                envelope = parsed["error"]
    except ValueError:
        pass
    lower = {k.lower(): v for k, v in headers.items()}
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else QeetidError)
    if envelope is None:
        return cls(
            status=status,
            code="unexpected_response",
            message=f"HTTP {status} with no error envelope",
            request_id=lower.get("x-request-id"),
            retry_after=parse_retry_after(lower.get("retry-after")),
        )
    fields = envelope.get("fields")
    return cls(
        status=status,
        code=envelope["code"],
        message=str(envelope.get("message", "")),
        request_id=envelope.get("request_id") or lower.get("x-request-id"),
        retry_after=parse_retry_after(lower.get("retry-after")),
        fields=[FieldProblem(str(f.get("field")), str(f.get("code")), str(f.get("message"))) for f in fields]
        if isinstance(fields, list)
        else [],
    )
