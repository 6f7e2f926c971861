"""The hand-written facade over the generated client (CONTRACT.md "SDK surface"). Same names
and behaviour as the TypeScript and Go SDKs, in Python case."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

import httpx

from ._authz import Groups, PermissionCheck, Roles, can, can_all
from ._generated.api.api_keys import create_api_key, create_tenant_api_key, list_api_keys, revoke_api_key
from ._generated.api.tenants import (
    create_tenant,
    delete_tenant,
    get_tenant,
    list_tenant_members,
    list_tenants,
    update_tenant,
)
from ._generated.api.users import (
    create_user,
    delete_user,
    get_user,
    list_users,
    restore_user,
    set_user_password,
    update_user,
)
from ._generated.client import AuthenticatedClient
from ._generated.models import (
    AdminPasswordSet,
    ApiKey,
    ApiKeyCreate,
    ApiKeyList,
    ApiKeyWithSecret,
    MemberList,
    Tenant,
    TenantCreate,
    TenantList,
    TenantUpdate,
    User,
    UserCreate,
    UserList,
    UserUpdate,
)
from ._pages import every_item, expect, opt
from ._transport import RetryingTransport, RetryPolicy
from ._verify import Claims, KeySet, TokenVerifier, http_jwks_source

DEFAULT_BASE_URL = "https://api.qeetid.com"
VERSION = "0.1.0"


class Qeetid:
    """The entry point. ``api_key`` defaults to ``QEETID_API_KEY``, ``base_url`` to
    ``QEETID_BASE_URL`` then https://api.qeetid.com. ``timeout`` is per attempt, in seconds."""

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        timeout: float = 30.0,
        max_retries: int = 2,
        issuer: str | None = None,
        audience: str | list[str] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = (base_url or os.environ.get("QEETID_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
        key = api_key or os.environ.get("QEETID_API_KEY")
        headers = {"user-agent": f"qeetid-python/{VERSION}"}
        if key:
            headers["authorization"] = f"ApiKey {key}"
        inner = transport or httpx.HTTPTransport()
        self._http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=timeout,
            transport=RetryingTransport(inner, RetryPolicy(max_retries=max_retries)),
        )
        self.client = AuthenticatedClient(base_url=self.base_url, token=key or "", prefix="ApiKey")
        """The generated client, configured like the facade, for operations it does not wrap."""
        self.client.set_httpx_client(self._http)
        self.users = Users(self.client)
        self.tenants = Tenants(self.client)
        self.api_keys = ApiKeys(self.client)
        self.roles = Roles(self.client)
        self.groups = Groups(self.client)
        expected_issuer = issuer or self.base_url
        keys = KeySet(
            http_jwks_source(httpx.Client(transport=inner), f"{self.base_url}/.well-known/jwks.json", timeout)
        )
        self.sessions = Sessions(keys, expected_issuer, audience or expected_issuer)

    def can(self, *, user: str, tenant: str, permission: str) -> bool:
        """May this user do this in this tenant? One call to ``GET /v1/check``."""
        return can(self.client, user=user, tenant=tenant, permission=permission)

    def can_all(self, checks: Iterable[PermissionCheck | tuple[str, str, str]]) -> bool:
        """True when every check is allowed; one call to ``POST /v1/check/batch``."""
        return can_all(self.client, checks)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Qeetid:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Sessions:
    def __init__(self, keys: KeySet, issuer: str, audience: str | list[str]) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audience = audience
        self._verifier = TokenVerifier(keys, issuer=issuer, audience=audience)

    def verify(self, token: str, *, issuer: str | None = None, audience: str | list[str] | None = None) -> Claims:
        """Verifies an access token offline against the cached JWKS: ES256 signature, ``typ``,
        ``exp``/``nbf`` (with clock skew), ``iss``, ``aud``. Raises TokenVerificationError."""
        if issuer is None and audience is None:
            return self._verifier.verify(token)
        return TokenVerifier(self._keys, issuer=issuer or self._issuer, audience=audience or self._audience).verify(
            token
        )


class Users:
    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def create(self, **fields: Any) -> User:
        """Fields of ``UserCreate``: ``email`` and optionally ``display_name``, ``phone``, ``metadata``."""
        return expect(create_user.sync_detailed(client=self._client, body=UserCreate.from_dict(fields)), User)

    def get(self, user_id: str) -> User:
        return expect(get_user.sync_detailed(user_id, client=self._client), User)

    def update(self, user_id: str, **fields: Any) -> User:
        return expect(update_user.sync_detailed(user_id, client=self._client, body=UserUpdate.from_dict(fields)), User)

    def delete(self, user_id: str) -> None:
        delete_user.sync_detailed(user_id, client=self._client)

    def set_password(self, user_id: str, password: str, *, revoke_sessions: bool = False) -> None:
        """Sets or replaces the user's password (the tenant's auth policy applies)."""
        body = AdminPasswordSet(password=password, revoke_sessions=revoke_sessions)
        set_user_password.sync_detailed(user_id, client=self._client, body=body)

    def restore(self, user_id: str) -> User:
        return expect(restore_user.sync_detailed(user_id, client=self._client), User)

    def list(self, *, limit: int | None = None, cursor: str | None = None, email: str | None = None) -> UserList:
        response = list_users.sync_detailed(client=self._client, limit=opt(limit), cursor=opt(cursor), email=opt(email))
        return expect(response, UserList)

    def list_all(self, *, limit: int | None = None, email: str | None = None) -> Iterator[User]:
        return every_item(lambda cursor: self.list(limit=limit, cursor=cursor, email=email))


class Tenants:
    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def create(self, *, name: str) -> Tenant:
        return expect(create_tenant.sync_detailed(client=self._client, body=TenantCreate(name=name)), Tenant)

    def get(self, tenant_id: str) -> Tenant:
        return expect(get_tenant.sync_detailed(tenant_id, client=self._client), Tenant)

    def update(self, tenant_id: str, *, name: str) -> Tenant:
        return expect(update_tenant.sync_detailed(tenant_id, client=self._client, body=TenantUpdate(name=name)), Tenant)

    def delete(self, tenant_id: str) -> None:
        delete_tenant.sync_detailed(tenant_id, client=self._client)

    def list(self, *, limit: int | None = None, cursor: str | None = None) -> TenantList:
        return expect(list_tenants.sync_detailed(client=self._client, limit=opt(limit), cursor=opt(cursor)), TenantList)

    def list_all(self, *, limit: int | None = None) -> Iterator[Tenant]:
        return every_item(lambda cursor: self.list(limit=limit, cursor=cursor))

    def list_members(self, tenant_id: str, *, limit: int | None = None, cursor: str | None = None) -> MemberList:
        response = list_tenant_members.sync_detailed(
            tenant_id, client=self._client, limit=opt(limit), cursor=opt(cursor)
        )
        return expect(response, MemberList)


class ApiKeys:
    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def create(self, *, tenant_id: str | None = None, **fields: Any) -> ApiKeyWithSecret:
        """A key in the caller's tenant, or in ``tenant_id`` (a child tenant the caller manages).
        Fields of ``ApiKeyCreate``: ``name``, optionally ``scopes`` and ``expires_at``."""
        body = ApiKeyCreate.from_dict(fields)
        if tenant_id:
            return expect(
                create_tenant_api_key.sync_detailed(tenant_id, client=self._client, body=body), ApiKeyWithSecret
            )
        return expect(create_api_key.sync_detailed(client=self._client, body=body), ApiKeyWithSecret)

    def list(self, tenant_id: str, *, limit: int | None = None, cursor: str | None = None) -> ApiKeyList:
        response = list_api_keys.sync_detailed(tenant_id, client=self._client, limit=opt(limit), cursor=opt(cursor))
        return expect(response, ApiKeyList)

    def list_all(self, tenant_id: str, *, limit: int | None = None) -> Iterator[ApiKey]:
        return every_item(lambda cursor: self.list(tenant_id, limit=limit, cursor=cursor))

    def revoke(self, key_id: str) -> None:
        revoke_api_key.sync_detailed(key_id, client=self._client)
