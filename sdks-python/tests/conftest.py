"""Shared helpers: a throwaway HTTP server on a free loopback port, and an ES256 key that signs
tokens the way the server does."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

Handler = Callable[[BaseHTTPRequestHandler, int], None]


class Server:
    def __init__(self, handler: Handler) -> None:
        self.hits = 0
        outer = self

        class H(BaseHTTPRequestHandler):
            def _any(self) -> None:
                outer.hits += 1
                handler(self, outer.hits)

            do_GET = do_POST = do_PATCH = do_DELETE = _any

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], Server]]:
    servers: list[Server] = []

    def start(handler: Handler) -> Server:
        servers.append(Server(handler))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def reply(req: BaseHTTPRequestHandler, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else b""
    req.send_response(status)
    req.send_header("content-type", "application/json")
    for k, v in (headers or {}).items():
        req.send_header(k, v)
    req.send_header("content-length", str(len(raw)))
    req.end_headers()
    req.wfile.write(raw)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class SigningKey:
    def __init__(self) -> None:
        self.private = ec.generate_private_key(ec.SECP256R1())
        numbers = self.private.public_key().public_numbers()
        x, y = b64(numbers.x.to_bytes(32, "big")), b64(numbers.y.to_bytes(32, "big"))
        thumbprint = json.dumps({"crv": "P-256", "kty": "EC", "x": x, "y": y}, separators=(",", ":"))
        self.kid = b64(hashlib.sha256(thumbprint.encode()).digest())
        self.jwk = {"kty": "EC", "crv": "P-256", "x": x, "y": y, "kid": self.kid, "alg": "ES256", "use": "sig"}

    def sign(self, issuer: str, audience: str) -> str:
        now = int(time.time())
        header = {"alg": "ES256", "typ": "at+jwt", "kid": self.kid}
        claims = {
            "iss": issuer,
            "aud": audience,
            "sub": "usr_1",
            "user_id": "usr_1",
            "tenant_id": "ten_1",
            "session_id": "ses_1",
            "iat": now,
            "nbf": now,
            "exp": now + 600,
        }
        signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
        r, s = decode_dss_signature(self.private.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
        return f"{signing_input}.{b64(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def jwks(*keys: SigningKey) -> dict[str, Any]:
    return {"keys": [k.jwk for k in keys]}
