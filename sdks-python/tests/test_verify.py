"""sessions.verify against a real JWKS endpoint: caching, outages, garbage, unknown-kid floods."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

import pytest
from conftest import Server, SigningKey, jwks, reply

from qeetid import Qeetid, TokenVerificationError, cache_max_age

Serve = Callable[[Callable[[BaseHTTPRequestHandler, int], None]], Server]


def keys_server(serve: Serve, *keys: SigningKey, cache_control: str = "public, max-age=300") -> Server:
    def handler(req: BaseHTTPRequestHandler, _hit: int) -> None:
        assert req.path == "/.well-known/jwks.json"
        reply(req, 200, jwks(*keys), {"cache-control": cache_control})

    return serve(handler)


def test_fetches_the_jwks_once(serve: Serve) -> None:
    key = SigningKey()
    srv = keys_server(serve, key)
    q = Qeetid(base_url=srv.url)
    for _ in range(5):
        claims = q.sessions.verify(key.sign(srv.url, srv.url))
        assert (claims.user_id, claims.tenant_id, claims.session_id) == ("usr_1", "ten_1", "ses_1")
    assert srv.hits == 1


def test_cache_control(serve: Serve) -> None:
    assert cache_max_age("public, max-age=600") == 600
    assert cache_max_age("no-cache") == 0
    assert cache_max_age(None) is None
    key = SigningKey()
    srv = keys_server(serve, key, cache_control="no-store")
    q = Qeetid(base_url=srv.url)
    token = key.sign(srv.url, srv.url)
    q.sessions.verify(token)
    q.sessions.verify(token)
    assert srv.hits == 2


def test_stale_keys_serve_while_the_endpoint_is_down(serve: Serve) -> None:
    key = SigningKey()

    def handler(req: BaseHTTPRequestHandler, hit: int) -> None:
        if hit > 1:
            reply(req, 503, {"down": True})
        else:
            reply(req, 200, jwks(key), {"cache-control": "max-age=0"})

    srv = serve(handler)
    q = Qeetid(base_url=srv.url)
    token = key.sign(srv.url, srv.url)
    for _ in range(3):
        assert q.sessions.verify(token).user_id == "usr_1"
    # the expired cache did ask the endpoint again and met the outage
    assert srv.hits >= 2


def test_no_cache_no_answer_is_a_fast_typed_error(serve: Serve) -> None:
    release = threading.Event()
    srv = serve(lambda _req, _hit: release.wait(5))
    q = Qeetid(base_url=srv.url, timeout=0.2)
    started = time.monotonic()
    with pytest.raises(TokenVerificationError) as info:
        q.sessions.verify(SigningKey().sign(srv.url, srv.url))
    release.set()
    assert info.value.code == "jwks_unavailable"
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("body", [b"<html>oops</html>", b'{"nokeys":true}'])
def test_garbage_jwks_is_a_typed_error(serve: Serve, body: bytes) -> None:
    srv = serve(lambda req, _hit: reply(req, 200, body))
    q = Qeetid(base_url=srv.url)
    with pytest.raises(TokenVerificationError) as info:
        q.sessions.verify(SigningKey().sign(srv.url, srv.url))
    assert info.value.code == "jwks_invalid"


def test_unknown_kid_flood_refetches_once(serve: Serve) -> None:
    key, stranger = SigningKey(), SigningKey()
    srv = keys_server(serve, key)
    q = Qeetid(base_url=srv.url)
    forged = stranger.sign(srv.url, srv.url)
    for _ in range(50):
        with pytest.raises(TokenVerificationError) as info:
            q.sessions.verify(forged)
        assert info.value.code == "unknown_kid"
    assert srv.hits == 2


def test_rotated_key_is_found_by_one_refetch(serve: Serve) -> None:
    old, new = SigningKey(), SigningKey()
    published = [old]
    srv = serve(lambda req, _hit: reply(req, 200, jwks(*published), {"cache-control": "max-age=300"}))
    q = Qeetid(base_url=srv.url)
    q.sessions.verify(old.sign(srv.url, srv.url))
    published.insert(0, new)
    assert q.sessions.verify(new.sign(srv.url, srv.url)).user_id == "usr_1"
    assert srv.hits == 2


def test_huge_token_is_refused_at_once() -> None:
    q = Qeetid(base_url="http://127.0.0.1:9")
    huge = "a" * (10 * 1024 * 1024) + ".b.c"
    started = time.perf_counter()
    with pytest.raises(TokenVerificationError) as info:
        q.sessions.verify(huge)
    assert info.value.code == "malformed"
    assert time.perf_counter() - started < 0.05


def test_per_call_audience(serve: Serve) -> None:
    key = SigningKey()
    srv = keys_server(serve, key)
    q = Qeetid(base_url=srv.url)
    token = key.sign(srv.url, "https://billing.example.test")
    with pytest.raises(TokenVerificationError, match="aud"):
        q.sessions.verify(token)
    assert q.sessions.verify(token, audience="https://billing.example.test").user_id == "usr_1"
