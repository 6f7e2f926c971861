"""The seed Quickstart end to end against a live server (scripts/ci/sdks.sh starts one on PGlite
and sets QEETID_TEST_BASE_URL and QEETID_TEST_ADMIN_TOKEN), plus pagination and typed errors."""

from __future__ import annotations

import base64
import json
import os
import platform
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from qeetid import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionCheck,
    Qeetid,
    TokenVerificationError,
    ValidationError,
)
from qeetid._generated.api.keys import rotate_signing_key
from qeetid._generated.models import SigningKey

BASE_URL = os.environ.get("QEETID_TEST_BASE_URL")
ADMIN_TOKEN = os.environ.get("QEETID_TEST_ADMIN_TOKEN")
if (not BASE_URL or not ADMIN_TOKEN) and os.environ.get("CI") == "true":
    raise RuntimeError("QEETID_TEST_BASE_URL and QEETID_TEST_ADMIN_TOKEN must be set in CI")

pytestmark = [pytest.mark.live, pytest.mark.skipif(not BASE_URL or not ADMIN_TOKEN, reason="no live server configured")]


@dataclass
class Live:
    base_url: str
    run: str
    qeetid: Qeetid

    def log(self, message: str) -> None:
        print(f"[quickstart {self.run}] {message}")


@pytest.fixture
def live() -> Iterator[Live]:
    assert BASE_URL and ADMIN_TOKEN
    run = f"py-{platform.python_version()}-{uuid.uuid4().hex[:8]}"
    # Step 1 of the Quickstart is a curl with the admin token: the SDK only ever holds an API key.
    response = httpx.post(
        f"{BASE_URL}/v1/api-keys",
        headers={"authorization": f"Bearer {ADMIN_TOKEN}"},
        json={"name": f"backend {run}"},
    )
    assert response.status_code == 201, response.text
    key = response.json()["key"]
    assert key.startswith("qk_")
    with Qeetid(api_key=key, base_url=BASE_URL) as qeetid:
        live = Live(BASE_URL, run, qeetid)
        live.log(f"created API key {key[:16]}…")
        yield live


def test_quickstart_tenant_and_user(live: Live) -> None:
    q = live.qeetid
    tenant = q.tenants.create(name=f"Acme {live.run}")
    assert tenant.id.startswith("ten_")
    assert q.tenants.get(tenant.id).name == f"Acme {live.run}"
    live.log(f"created tenant {tenant.id}")
    user = q.users.create(email=f"alex-{live.run}@acme.test", display_name="Alex Chen")
    assert user.id.startswith("usr_")
    assert q.users.get(user.id).email == f"alex-{live.run}@acme.test"
    assert q.users.update(user.id, display_name="Alex C.").display_name == "Alex C."
    live.log(f"created user {user.id}")

    # Sign in as that user (what the app's frontend does), then verify the token offline.
    password = f"correct horse {live.run} battery"
    q.users.set_password(user.id, password)
    session = sign_in(live, user.email, password)
    claims = q.sessions.verify(session["access_token"])
    assert (claims.user_id, claims.tenant_id, claims.session_id) == (user.id, user.tenant_id, session["session_id"])
    live.log(
        f"verified access token: user_id={claims.user_id} tenant_id={claims.tenant_id} session_id={claims.session_id}"
    )
    with pytest.raises(TokenVerificationError):
        q.sessions.verify(session["access_token"][:-4] + "AAAA")

    # Protect a route: can() flips from false to true once a role grants the permission.
    check = PermissionCheck(claims.user_id, claims.tenant_id, "billing:write")
    assert not q.can(user=claims.user_id, tenant=claims.tenant_id, permission="billing:write")
    live.log("can billing:write before any role: False")
    role = q.roles.create(claims.tenant_id, name=f"billing {live.run}", permissions=["billing:write"])
    q.roles.assign(user=claims.user_id, tenant=claims.tenant_id, role=role.id)
    assert q.can(user=claims.user_id, tenant=claims.tenant_id, permission="billing:write")
    live.log(f"can billing:write after assigning role {role.id}: True")
    assert not q.can_all([check, check._replace(permission="billing:read")])
    assert q.can_all([check, check])

    # Rotate the signing key: tokens of the new key verify after one JWKS refetch, and tokens of
    # the retired key still verify. Rotation has no facade method: the generated client does it.
    rotated = rotate_signing_key.sync(client=q.client)
    assert isinstance(rotated, SigningKey)
    live.log(f"rotated signing key, new kid {rotated.kid}")
    fresh = sign_in(live, user.email, password)
    header = json.loads(base64.urlsafe_b64decode(fresh["access_token"].split(".")[0] + "=="))
    assert header["kid"] == rotated.kid
    assert q.sessions.verify(fresh["access_token"]).session_id == fresh["session_id"]
    assert q.sessions.verify(session["access_token"]).user_id == user.id
    live.log("verified tokens of the new and the retired key")


def sign_in(live: Live, email: str, password: str) -> dict[str, str]:
    response = httpx.post(f"{live.base_url}/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    pair: dict[str, str] = response.json()
    assert pair.get("access_token"), "a token pair, not an MFA challenge"
    return pair


def test_groups(live: Live) -> None:
    q = live.qeetid
    user = q.users.create(email=f"grouped-{live.run}@acme.test")
    check = {"user": user.id, "tenant": user.tenant_id, "permission": "reports:read"}
    assert not q.can(**check)
    role = q.roles.create(user.tenant_id, name=f"reports {live.run}", permissions=["reports:read"])
    group = q.groups.create(name=f"analysts {live.run}")
    q.groups.assign_role(user.tenant_id, group.id, role.id)
    q.groups.add_member(group.id, user.id)
    assert q.can(**check)
    assert user.id in [m.user_id for m in q.groups.list_members(group.id).items]
    assert role.id in [r.id for r in q.roles.list_all(user.tenant_id, limit=2)]
    q.groups.remove_member(group.id, user.id)
    assert not q.can(**check)


def test_pagination_follows_next_cursor(live: Live) -> None:
    q = live.qeetid
    ids = [q.users.create(email=f"page-{i}-{live.run}@acme.test").id for i in range(5)]
    first = q.users.list(limit=2)
    assert len(first.items) == 2
    assert first.next_cursor
    second = q.users.list(limit=2, cursor=first.next_cursor)
    assert not {u.id for u in first.items} & {u.id for u in second.items}
    seen = [u.id for u in q.users.list_all(limit=2)]
    assert len(seen) == len(set(seen))
    assert set(ids) <= set(seen)


def test_typed_errors(live: Live) -> None:
    q = live.qeetid
    with pytest.raises(NotFoundError) as not_found:
        q.users.get("usr_01jd5f8q3ve4r9x2m6k7n8p0zz")
    assert (not_found.value.status, not_found.value.code) == (404, "not_found")
    assert not_found.value.request_id and not_found.value.request_id.startswith("req_")
    email = f"dup-{live.run}@acme.test"
    q.users.create(email=email)
    with pytest.raises(ConflictError):
        q.users.create(email=email)
    with pytest.raises(ValidationError) as invalid:
        q.users.create(email="not-an-email")
    assert invalid.value.code == "validation_failed"
    assert any(f.field == "email" for f in invalid.value.fields)
    with (
        Qeetid(api_key="qk_000000000000.not-a-real-secret", base_url=live.base_url) as stranger,
        pytest.raises(AuthenticationError) as unauthorized,
    ):
        stranger.users.list()
    assert unauthorized.value.status == 401


def test_api_keys(live: Live) -> None:
    q = live.qeetid
    tenant = q.tenants.create(name=f"Keys {live.run}")
    child_key = q.api_keys.create(tenant_id=tenant.id, name="child backend", scopes=["users:read"])
    assert child_key.tenant_id == tenant.id
    key = q.api_keys.create(name=f"short-lived {live.run}")
    assert key.id in [k.id for k in q.api_keys.list_all(key.tenant_id, limit=1)]
    with Qeetid(api_key=key.key, base_url=live.base_url) as holder:
        holder.users.list(limit=1)
        q.api_keys.revoke(key.id)
        with pytest.raises(AuthenticationError):
            holder.users.list()
