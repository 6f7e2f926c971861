"""P2 for the Python SDK: ``TokenVerifier.verify`` against the raw library it sits on
(``cryptography`` checking the same token's ES256 signature), interleaved, one process.

Usage: python benchmarks/verify.py <input.json> <seconds> <runs>
The input holds ``jwks``, ``token``, ``issuer`` and ``audience``; prints, per side, each run's
verifications per second and CPU µs per verification, as JSON.
"""

from __future__ import annotations

import base64
import json
import sys
import time
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from qeetid import KeySet, TokenVerifier


def rate(fn: Callable[[], Any], seconds: float) -> dict[str, float]:
    """Verifications per second of wall time, and CPU µs of this process per verification (the
    latter moves much less when neighbours share the machine)."""
    done = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    deadline = started + seconds
    while True:
        for _ in range(100):
            fn()
        done += 100
        now = time.perf_counter()
        if now >= deadline:
            return {"ops": done / (now - started), "cpu_us": (time.process_time() - cpu_started) * 1e6 / done}


def main() -> None:
    spec = json.loads(open(sys.argv[1]).read())
    seconds, runs = float(sys.argv[2]), int(sys.argv[3])
    token: str = spec["token"]
    verifier = TokenVerifier(KeySet(lambda: (spec["jwks"], None)), issuer=spec["issuer"], audience=spec["audience"])
    jwk = spec["jwks"]["keys"][0]
    coordinate = lambda c: int.from_bytes(base64.urlsafe_b64decode(jwk[c] + "=="), "big")  # noqa: E731
    public_key = ec.EllipticCurvePublicNumbers(coordinate("x"), coordinate("y"), ec.SECP256R1()).public_key()
    algorithm = ec.ECDSA(hashes.SHA256())

    def ours() -> None:
        verifier.verify(token)

    def raw() -> None:
        signing_input, signature = token.rsplit(".", 1)
        sig = base64.urlsafe_b64decode(signature + "==")
        der = encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
        public_key.verify(der, signing_input.encode("ascii"), algorithm)

    ours()
    raw()
    rate(ours, 1)
    rate(raw, 1)
    results: dict[str, list[dict[str, float]]] = {"ours": [], "raw": []}
    for _ in range(runs):
        results["ours"].append(rate(ours, seconds))
        results["raw"].append(rate(raw, seconds))
    print(json.dumps({side: {"runs": r} for side, r in results.items()}))


if __name__ == "__main__":
    main()
