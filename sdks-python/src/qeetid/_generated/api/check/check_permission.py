from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.check_result import CheckResult
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    user_id: str,
    tenant_id: str,
    permission: str,
    explain: bool | Unset = False,
    context: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["user_id"] = user_id

    params["tenant_id"] = tenant_id

    params["permission"] = permission

    params["explain"] = explain

    params["context"] = context

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/check",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CheckResult | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = CheckResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())

        return response_422

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CheckResult | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    user_id: str,
    tenant_id: str,
    permission: str,
    explain: bool | Unset = False,
    context: str | Unset = UNSET,
) -> Response[CheckResult | ErrorEnvelope]:
    """May this user do this?

     Answers from the same engine that guards this API: the user's roles (direct and through
    groups) and the tenant's ABAC policies. Unknown users and permissions are not errors:
    the answer is `allowed: false`, and `explain=true` says why. `tenant_id` must be the
    credential's own tenant (403 otherwise).

    Args:
        user_id (str): `usr_…` or a UUID. Example: usr_01jd5f8q3ve4r9x2m6k7n8p0ab.
        tenant_id (str): `ten_…` or a UUID. Example: ten_01jd5f8q3ve4r9x2m6k7n8p0ab.
        permission (str): `resource:action`, `resource:*` or `*`. Example: users:read.
        explain (bool | Unset):  Default: False.
        context (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckResult | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        tenant_id=tenant_id,
        permission=permission,
        explain=explain,
        context=context,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    user_id: str,
    tenant_id: str,
    permission: str,
    explain: bool | Unset = False,
    context: str | Unset = UNSET,
) -> CheckResult | ErrorEnvelope | None:
    """May this user do this?

     Answers from the same engine that guards this API: the user's roles (direct and through
    groups) and the tenant's ABAC policies. Unknown users and permissions are not errors:
    the answer is `allowed: false`, and `explain=true` says why. `tenant_id` must be the
    credential's own tenant (403 otherwise).

    Args:
        user_id (str): `usr_…` or a UUID. Example: usr_01jd5f8q3ve4r9x2m6k7n8p0ab.
        tenant_id (str): `ten_…` or a UUID. Example: ten_01jd5f8q3ve4r9x2m6k7n8p0ab.
        permission (str): `resource:action`, `resource:*` or `*`. Example: users:read.
        explain (bool | Unset):  Default: False.
        context (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckResult | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        user_id=user_id,
        tenant_id=tenant_id,
        permission=permission,
        explain=explain,
        context=context,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    user_id: str,
    tenant_id: str,
    permission: str,
    explain: bool | Unset = False,
    context: str | Unset = UNSET,
) -> Response[CheckResult | ErrorEnvelope]:
    """May this user do this?

     Answers from the same engine that guards this API: the user's roles (direct and through
    groups) and the tenant's ABAC policies. Unknown users and permissions are not errors:
    the answer is `allowed: false`, and `explain=true` says why. `tenant_id` must be the
    credential's own tenant (403 otherwise).

    Args:
        user_id (str): `usr_…` or a UUID. Example: usr_01jd5f8q3ve4r9x2m6k7n8p0ab.
        tenant_id (str): `ten_…` or a UUID. Example: ten_01jd5f8q3ve4r9x2m6k7n8p0ab.
        permission (str): `resource:action`, `resource:*` or `*`. Example: users:read.
        explain (bool | Unset):  Default: False.
        context (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CheckResult | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        tenant_id=tenant_id,
        permission=permission,
        explain=explain,
        context=context,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    user_id: str,
    tenant_id: str,
    permission: str,
    explain: bool | Unset = False,
    context: str | Unset = UNSET,
) -> CheckResult | ErrorEnvelope | None:
    """May this user do this?

     Answers from the same engine that guards this API: the user's roles (direct and through
    groups) and the tenant's ABAC policies. Unknown users and permissions are not errors:
    the answer is `allowed: false`, and `explain=true` says why. `tenant_id` must be the
    credential's own tenant (403 otherwise).

    Args:
        user_id (str): `usr_…` or a UUID. Example: usr_01jd5f8q3ve4r9x2m6k7n8p0ab.
        tenant_id (str): `ten_…` or a UUID. Example: ten_01jd5f8q3ve4r9x2m6k7n8p0ab.
        permission (str): `resource:action`, `resource:*` or `*`. Example: users:read.
        explain (bool | Unset):  Default: False.
        context (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CheckResult | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            user_id=user_id,
            tenant_id=tenant_id,
            permission=permission,
            explain=explain,
            context=context,
        )
    ).parsed
