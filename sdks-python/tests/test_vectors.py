"""Runs every case of packages/test-vectors/vectors.json, the file all three SDKs share."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import qeetid
from qeetid import KeySet, TokenVerificationError, TokenVerifier, error_from_response

VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).parents[2] / "packages" / "test-vectors" / "vectors.json").read_text()
)
RAN: list[str] = []

# The vector kinds map onto this SDK's error classes.
CLASS_OF = {
    "bad_request": qeetid.BadRequestError,
    "unauthorized": qeetid.AuthenticationError,
    "forbidden": qeetid.PermissionDeniedError,
    "not_found": qeetid.NotFoundError,
    "conflict": qeetid.ConflictError,
    "validation": qeetid.ValidationError,
    "rate_limited": qeetid.RateLimitError,
    "server": qeetid.ServerError,
    "api": qeetid.QeetidError,
}


def verifier() -> TokenVerifier:
    fetches = 0

    def source() -> tuple[Any, float | None]:
        nonlocal fetches
        fetches += 1
        return (VECTORS["jwks"] if fetches == 1 else VECTORS["jwks_after_rotation"]), None

    v = VECTORS["verify"]
    return TokenVerifier(
        KeySet(source),
        issuer=v["issuer"],
        audience=v["audience"],
        clock_skew=v["clock_skew_seconds"],
        now=lambda: float(v["now"]),
    )


@pytest.mark.parametrize("case", VECTORS["tokens"], ids=lambda c: c["name"])
def test_token_vector(case: dict[str, Any]) -> None:
    expect = case["expect"]
    if expect.get("valid"):
        claims = verifier().verify(case["token"])
        got = {
            "user_id": claims.user_id,
            "tenant_id": claims.tenant_id,
            "session_id": claims.session_id,
            "scopes": claims.scopes,
        }
        assert got == expect["claims"]
    elif "error" in expect:
        with pytest.raises(TokenVerificationError) as info:
            verifier().verify(case["token"])
        assert info.value.code == expect["error"], info.value.message
        assert info.value.status == 401
    else:
        pytest.fail(f"unknown expectation in vector {case['name']}")
    RAN.append(f"tokens/{case['name']}")


@pytest.mark.parametrize("case", VECTORS["errors"], ids=lambda c: c["name"])
def test_error_vector(case: dict[str, Any]) -> None:
    expect = case["expect"]
    error = error_from_response(case["status"], case["headers"], case["body"])
    assert type(error) is CLASS_OF[expect["kind"]]
    assert error.status == case["status"]
    assert error.code == expect["code"]
    assert error.request_id == expect["request_id"]
    assert error.retry_after == expect["retry_after"]
    if "message" in expect:
        assert error.message == expect["message"]
    if "fields" in expect:
        assert len(error.fields) == expect["fields"]
    RAN.append(f"errors/{case['name']}")


def test_every_vector_ran() -> None:
    """Runs last in this module (pytest keeps file order)."""
    assert len(RAN) == len(VECTORS["tokens"]) + len(VECTORS["errors"])
    report = os.environ.get("QEETID_VECTOR_REPORT_DIR")
    if report:
        Path(report).mkdir(parents=True, exist_ok=True)
        with (Path(report) / "python.txt").open("a") as f:
            f.write("\n".join(RAN) + "\n")
