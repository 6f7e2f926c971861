"""The facade's transport against a local HTTP server: credentials, env defaults, retries,
Retry-After, timeouts and typed errors."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import Server, reply

from qeetid import APIConnectionError, NotFoundError, Qeetid, RateLimitError, ServerError

Serve = Callable[[Callable[[BaseHTTPRequestHandler, int], None]], Server]

USER: dict[str, Any] = {
    "id": "usr_1",
    "tenant_id": "ten_1",
    "email": "a@b.test",
    "email_verified": False,
    "phone": None,
    "phone_verified": False,
    "display_name": None,
    "status": "active",
    "metadata": {},
    "created_at": "2026-01-01T00:00:00Z",
    "updated_at": "2026-01-01T00:00:00Z",
    "deleted_at": None,
}


def envelope(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "request_id": "req_1"}}


def test_api_key_scheme_and_environment_defaults(serve: Serve, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str | None] = []

    def handler(req: BaseHTTPRequestHandler, _hit: int) -> None:
        seen.append(req.headers.get("authorization"))
        reply(req, 200, USER)

    srv = serve(handler)
    monkeypatch.setenv("QEETID_API_KEY", "qk_env.secret")
    monkeypatch.setenv("QEETID_BASE_URL", srv.url)
    q = Qeetid()
    assert q.base_url == srv.url
    assert q.users.get("usr_1").email == "a@b.test"
    assert seen == ["ApiKey qk_env.secret"]
    monkeypatch.delenv("QEETID_BASE_URL")
    assert Qeetid().base_url == "https://api.qeetid.com"


def test_retries_idempotent_calls_on_5xx(serve: Serve) -> None:
    srv = serve(lambda req, hit: reply(req, 503, b"busy") if hit < 3 else reply(req, 200, USER))
    q = Qeetid(api_key="qk_a.b", base_url=srv.url)
    assert q.users.get("usr_1").id == "usr_1"
    assert srv.hits == 3


def test_post_is_not_retried_on_5xx_and_non_json_keeps_status(serve: Serve) -> None:
    srv = serve(lambda req, _hit: reply(req, 500, b"boom"))
    q = Qeetid(api_key="qk_a.b", base_url=srv.url)
    with pytest.raises(ServerError) as info:
        q.users.create(email="x@y.test")
    assert (info.value.status, info.value.code) == (500, "unexpected_response")
    assert srv.hits == 1


def test_honours_retry_after_on_429(serve: Serve) -> None:
    srv = serve(
        lambda req, hit: (
            reply(req, 429, envelope("rate_limited", "slow down"), {"retry-after": "1"})
            if hit == 1
            else reply(req, 201, USER)
        )
    )
    q = Qeetid(api_key="qk_a.b", base_url=srv.url)
    started = time.monotonic()
    assert q.users.create(email="a@b.test").id == "usr_1"
    assert time.monotonic() - started >= 0.95
    assert srv.hits == 2


def test_long_retry_after_surfaces(serve: Serve) -> None:
    srv = serve(lambda req, _hit: reply(req, 429, envelope("rate_limited", "slow down"), {"retry-after": "3600"}))
    q = Qeetid(api_key="qk_a.b", base_url=srv.url)
    with pytest.raises(RateLimitError) as info:
        q.users.get("usr_1")
    assert (info.value.retry_after, info.value.request_id) == (3600, "req_1")
    assert srv.hits == 1


def test_4xx_is_typed_and_not_retried(serve: Serve) -> None:
    srv = serve(lambda req, _hit: reply(req, 404, envelope("not_found", "no such user")))
    q = Qeetid(api_key="qk_a.b", base_url=srv.url)
    with pytest.raises(NotFoundError, match="no such user"):
        q.users.get("usr_1")
    assert srv.hits == 1


def test_timeout_per_attempt(serve: Serve) -> None:
    release = threading.Event()
    srv = serve(lambda _req, _hit: release.wait(5))
    q = Qeetid(api_key="qk_a.b", base_url=srv.url, timeout=0.1, max_retries=1)
    with pytest.raises(APIConnectionError) as info:
        q.users.get("usr_1")
    release.set()
    assert (info.value.code, info.value.status) == ("timeout", 0)
    assert srv.hits == 2


def test_list_all_follows_next_cursor(serve: Serve) -> None:
    def handler(req: BaseHTTPRequestHandler, _hit: int) -> None:
        cursor = parse_qs(urlparse(req.path).query).get("cursor")
        if not cursor:
            reply(req, 200, {"items": [USER, {**USER, "id": "usr_2"}], "next_cursor": "c2"})
        elif cursor == ["c2"]:
            reply(req, 200, {"items": [{**USER, "id": "usr_3"}], "next_cursor": None})
        else:
            reply(req, 400, envelope("bad_request", "bad cursor"))

    srv = serve(handler)
    q = Qeetid(api_key="qk_a.b", base_url=srv.url)
    assert [u.id for u in q.users.list_all(limit=2)] == ["usr_1", "usr_2", "usr_3"]
