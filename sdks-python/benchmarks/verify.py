"""P2 for the Python SDK: ``TokenVerifier.verify`` against the raw library it sits on
(``cryptography`` checking the same token's ES256 signature), in alternating blocks, one process.

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


def run(sides: dict[str, Callable[[], Any]], seconds: float) -> dict[str, dict[str, float]]:
    """Both sides in alternating blocks of 50 calls for ``seconds``, so a busy neighbour slows
    them alike. Per side: verifications per second of its own wall time, and CPU µs of this
    process per verification (which moves much less on a shared machine)."""
    wall = dict.fromkeys(sides, 0.0)
    cpu = dict.fromkeys(sides, 0.0)
    done = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for name, fn in sides.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            for _ in range(50):
                fn()
            cpu[name] += time.process_time() - cpu_started
            wall[name] += time.perf_counter() - started
        done += 50
    return {name: {"ops": done / wall[name], "cpu_us": cpu[name] * 1e6 / done} for name in sides}


def main() -> None:
    spec = json.loads(open(sys.argv[1]).read())
    seconds, count = float(sys.argv[2]), int(sys.argv[3])
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

    sides = {"ours": ours, "raw": raw}
    run(sides, 1)
    runs = [run(sides, seconds) for _ in range(count)]
    print(json.dumps({side: {"runs": [r[side] for r in runs]} for side in sides}))


if __name__ == "__main__":
    main()
