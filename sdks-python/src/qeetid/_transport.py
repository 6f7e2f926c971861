"""The httpx transport every request goes through: retries with exponential backoff and
jitter, Retry-After, and typed errors for non-2xx answers and lost connections."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import httpx

from ._errors import APIConnectionError, QeetidError, error_from_response

# RFC 9110 §9.2.2: these methods may be repeated without changing the outcome.
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 2
    """Retries after the first attempt."""
    base_delay: float = 0.25
    """First backoff in seconds, doubled each retry, with full jitter."""
    max_delay: float = 20.0
    """Longest wait between attempts, and the largest Retry-After honoured."""


class RetryingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, policy: RetryPolicy) -> None:
        self._inner = inner
        self._policy = policy

    def _delay(self, attempt: int, method: str, error: QeetidError) -> float | None:
        """429 means the server did not act, so every method retries; a 5xx or a lost
        connection only for idempotent methods."""
        if attempt >= self._policy.max_retries:
            return None
        retriable = error.status == 429 or (method in _IDEMPOTENT and (error.status == 0 or error.status >= 500))
        if not retriable:
            return None
        if error.retry_after is not None:
            return float(error.retry_after) if error.retry_after <= self._policy.max_delay else None
        return random.uniform(0, min(self._policy.max_delay, self._policy.base_delay * 2**attempt))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = self._inner.handle_request(request)
            except httpx.TransportError as e:
                timed_out = isinstance(e, httpx.TimeoutException)
                error: QeetidError = APIConnectionError(
                    status=0,
                    code="timeout" if timed_out else "connection_failed",
                    message=f"{request.method} {request.url}: {e or type(e).__name__}",
                )
                error.__cause__ = e
            else:
                if response.status_code < 300:
                    return response
                body = response.read()
                response.close()
                error = error_from_response(response.status_code, response.headers, body)
            delay = self._delay(attempt, request.method, error)
            if delay is None:
                raise error
            time.sleep(delay)
            attempt += 1

    def close(self) -> None:
        self._inner.close()
