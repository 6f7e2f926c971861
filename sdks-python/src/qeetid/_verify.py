"""Offline verification of Qeet ID access tokens: ES256 JWS checked against a cached JWKS.

JWKs are imported by PyJWT's ES256 algorithm and signatures checked by ``cryptography``
(OpenSSL). Splitting the token and checking the claims is done here, with as little work per
call as possible: PyJWT's own ``decode`` validates base64 one character at a time in Python and
costs about as much as the signature check itself (see bench/, goal P2).
"""

from __future__ import annotations

import binascii
import json
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePublicKey
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.hashes import SHA256
from jwt.algorithms import ECAlgorithm
from jwt.exceptions import InvalidKeyError

from ._errors import TokenVerificationError

MAX_TOKEN_BYTES = 16384
"""Longest token accepted; anything larger is refused before it is decoded."""

_ES256 = ECAlgorithm(ECAlgorithm.SHA256)
_ECDSA_SHA256 = ECDSA(SHA256())
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*").fullmatch
_TO_STANDARD_ALPHABET = bytes.maketrans(b"-_", b"+/")
_PADDING = ("", "", "==", "=")
_HEADER_CACHE_SIZE = 64


def _b64decode(segment: str) -> bytes:
    # RFC 7515 §2: base64url without padding; anything else is refused.
    if _BASE64URL(segment) is None or len(segment) % 4 == 1:
        raise TokenVerificationError("malformed", "a token segment is not base64url")
    try:
        return binascii.a2b_base64((segment + _PADDING[len(segment) % 4]).encode().translate(_TO_STANDARD_ALPHABET))
    except (binascii.Error, ValueError) as e:
        raise TokenVerificationError("malformed", "a token segment is not base64url") from e


@dataclass(slots=True)
class Claims:
    """What a verified access token says (CONTRACT.md "Tokens")."""

    user_id: str
    tenant_id: str
    session_id: str
    subject: str | None
    scopes: list[str]
    issuer: str
    audience: list[str]
    issued_at: float | None
    expires_at: float
    token_id: str | None
    claims: dict[str, Any] = field(repr=False)
    """Every claim of the token, as sent."""


JwksSource = Callable[[], "tuple[Any, float | None]"]
"""Returns the JWKS document and, when the answer says, how many seconds it may be cached."""


def cache_max_age(header: str | None) -> float | None:
    """``max-age`` from Cache-Control (RFC 9111 §5.2.2.1); no-store / no-cache mean 0."""
    if not header:
        return None
    if re.search(r"(?:^|,)\s*no-(?:store|cache)\b", header, re.I):
        return 0.0
    m = re.search(r'(?:^|,)\s*max-age\s*=\s*"?(\d+)"?', header, re.I)
    return float(m.group(1)) if m else None


def http_jwks_source(http: httpx.Client, url: str, timeout: float) -> JwksSource:
    def fetch() -> tuple[Any, float | None]:
        response = http.get(url, timeout=timeout, headers={"accept": "application/json"})
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        try:
            document = response.json()
        except ValueError as e:
            raise TokenVerificationError("jwks_invalid", f"GET {url} did not return JSON") from e
        return document, cache_max_age(response.headers.get("cache-control"))

    return fetch


def _parse_jwks(document: Any) -> dict[str, EllipticCurvePublicKey]:
    """RFC 7517 §5: keep the P-256 signing keys that carry a kid; ignore the rest."""
    keys = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(keys, list):
        raise TokenVerificationError("jwks_invalid", 'the JWKS has no "keys" array')
    parsed: dict[str, EllipticCurvePublicKey] = {}
    for jwk in keys:
        if not isinstance(jwk, dict) or not isinstance(jwk.get("kid"), str):
            continue
        if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
            continue
        if jwk.get("alg", "ES256") != "ES256" or jwk.get("use", "sig") != "sig":
            continue
        try:
            key = _ES256.from_jwk({"kty": "EC", "crv": "P-256", "x": jwk.get("x"), "y": jwk.get("y")})
        except (InvalidKeyError, ValueError, TypeError) as e:
            raise TokenVerificationError("jwks_invalid", f"JWKS key {jwk['kid']} is not a P-256 public key") from e
        if isinstance(key, EllipticCurvePublicKey):
            parsed[jwk["kid"]] = key
    return parsed


class KeySet:
    """The signing keys, parsed once and kept until their max-age passes. A stale set is
    refreshed on use and kept if the refresh fails. An unknown ``kid`` causes one refetch (a
    rotation just happened), rate-limited so forged kids cannot flood the JWKS endpoint."""

    def __init__(
        self,
        source: JwksSource,
        *,
        default_max_age: float = 300.0,
        unknown_kid_interval: float = 30.0,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._default_max_age = default_max_age
        self._unknown_kid_interval = unknown_kid_interval
        self._now = now
        self._keys: dict[str, EllipticCurvePublicKey] = {}
        self._loaded = False
        self._expires_at = 0.0
        self._last_kid_refetch = float("-inf")
        self._lock = threading.Lock()

    def key(self, kid: Any) -> EllipticCurvePublicKey:
        if not isinstance(kid, str):
            raise TokenVerificationError("unknown_kid", "the token header has no kid")
        key = self._keys.get(kid)
        if key is not None and self._now() < self._expires_at:
            return key
        return self._slow_key(kid)

    def _slow_key(self, kid: str) -> EllipticCurvePublicKey:
        with self._lock:
            if not self._loaded or self._now() >= self._expires_at:
                try:
                    self._load()
                except TokenVerificationError:
                    if not self._loaded:
                        raise
                    # Serve the stale keys, and give the endpoint a rest before asking again.
                    self._expires_at = self._now() + self._unknown_kid_interval
            key = self._keys.get(kid)
            if key is not None:
                return key
            now = self._now()
            if now - self._last_kid_refetch >= self._unknown_kid_interval:
                self._last_kid_refetch = now
                try:
                    self._load()
                except TokenVerificationError:
                    pass
                key = self._keys.get(kid)
                if key is not None:
                    return key
        raise TokenVerificationError("unknown_kid", f"no published signing key has kid {kid!r}")

    def _load(self) -> None:
        try:
            document, max_age = self._source()
        except TokenVerificationError:
            raise
        except Exception as e:
            raise TokenVerificationError("jwks_unavailable", f"could not fetch the JWKS: {e}") from e
        self._keys = _parse_jwks(document)
        self._loaded = True
        self._expires_at = self._now() + (self._default_max_age if max_age is None else max_age)


class TokenVerifier:
    """Checks access tokens: ES256 only, typ at+jwt, signature, exp/nbf with skew, iss, aud."""

    def __init__(
        self,
        keys: KeySet,
        *,
        issuer: str,
        audience: str | Sequence[str],
        clock_skew: float = 30.0,
        now: Callable[[], float] = time.time,
    ) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audience = frozenset([audience] if isinstance(audience, str) else audience)
        self._skew = clock_skew
        self._now = now
        # Tokens from one deployment share a handful of headers: parse each once.
        self._headers: dict[str, tuple[Any, Any, Any]] = {}

    def _header(self, segment: str) -> tuple[Any, Any, Any]:
        cached = self._headers.get(segment)
        if cached is not None:
            return cached
        try:
            header = json.loads(_b64decode(segment).decode())
        except ValueError as e:
            raise TokenVerificationError("malformed", "the header is not JSON") from e
        if not isinstance(header, dict):
            raise TokenVerificationError("malformed", "the header is not a JSON object")
        parsed = (header.get("alg"), header.get("typ"), header.get("kid"))
        if len(self._headers) >= _HEADER_CACHE_SIZE:
            self._headers.clear()
        self._headers[segment] = parsed
        return parsed

    def verify(self, token: str) -> Claims:
        if not isinstance(token, str) or len(token) > MAX_TOKEN_BYTES:
            raise TokenVerificationError("malformed", f"a token is a string of at most {MAX_TOKEN_BYTES} bytes")
        parts = token.split(".")
        if len(parts) != 3:
            raise TokenVerificationError("malformed", "a token has exactly three dot-separated segments")
        header_segment, payload_segment, signature_segment = parts
        alg, typ, kid = self._header(header_segment)
        # RFC 8725 §3.1: one allowed algorithm, never chosen by the token.
        if alg != "ES256":
            raise TokenVerificationError("unsupported_alg", f"alg {alg!r} is not ES256")
        key = self._keys.key(kid)
        signature = _b64decode(signature_segment)
        # RFC 7518 §3.4: R‖S, 32 bytes each. OpenSSL refuses r or s of zero (CVE-2022-21449).
        if len(signature) != 64:
            raise TokenVerificationError("invalid_signature", "the signature is not 64 bytes of R‖S")
        der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
        try:
            key.verify(der, token[: len(header_segment) + 1 + len(payload_segment)].encode(), _ECDSA_SHA256)
        except InvalidSignature:
            raise TokenVerificationError("invalid_signature", "the signature does not match") from None
        # RFC 9068 §2.1 / RFC 8725 §3.11: an access token, not an ID token.
        if not isinstance(typ, str) or typ.lower() not in ("at+jwt", "application/at+jwt"):
            raise TokenVerificationError("invalid_type", f"typ {typ!r} is not at+jwt")
        try:
            payload = json.loads(_b64decode(payload_segment).decode())  # str parses faster than bytes
        except ValueError as e:
            raise TokenVerificationError("malformed", "the payload is not JSON") from e
        if not isinstance(payload, dict):
            raise TokenVerificationError("malformed", "the payload is not a JSON object")
        return self._check(payload)

    def _check(self, p: dict[str, Any]) -> Claims:
        now = self._now()
        exp = p.get("exp")
        if not isinstance(exp, (int, float)) or isinstance(exp, bool):
            raise TokenVerificationError("invalid_claims", "the token has no numeric exp")
        # RFC 7519 §4.1.4 / §4.1.5, with a small allowance for clock drift.
        if exp <= now - self._skew:
            raise TokenVerificationError("expired", f"the token expired at {exp}")
        nbf = p.get("nbf")
        if isinstance(nbf, (int, float)) and nbf > now + self._skew:
            raise TokenVerificationError("not_yet_valid", f"the token is not valid before {nbf}")
        iss = p.get("iss")
        if iss != self._issuer:
            raise TokenVerificationError("invalid_issuer", f"iss {iss!r} is not {self._issuer!r}")
        aud = p.get("aud")
        if isinstance(aud, str):
            audience = [aud]
            accepted = aud in self._audience
        else:
            audience = [a for a in aud if isinstance(a, str)] if isinstance(aud, list) else []
            accepted = not self._audience.isdisjoint(audience)
        if not accepted:
            raise TokenVerificationError("invalid_audience", f"aud {aud!r} names none of the expected audiences")
        user_id, tenant_id, session_id = p.get("user_id"), p.get("tenant_id"), p.get("session_id")
        if not (isinstance(user_id, str) and user_id and isinstance(tenant_id, str) and tenant_id):
            raise TokenVerificationError("invalid_claims", "the token lacks user_id or tenant_id")
        if not (isinstance(session_id, str) and session_id):
            raise TokenVerificationError("invalid_claims", "the token lacks session_id")
        scope = p.get("scope")
        iat = p.get("iat")
        return Claims(
            user_id=user_id,
            tenant_id=tenant_id,
            session_id=session_id,
            subject=p.get("sub"),
            scopes=scope.split(" ") if isinstance(scope, str) and scope else [],
            issuer=iss,
            audience=audience,
            issued_at=iat if isinstance(iat, (int, float)) else None,
            expires_at=exp,
            token_id=p.get("jti"),
            claims=p,
        )
