from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.signing_key import SigningKey
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/oidc/signing-keys/rotate",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | SigningKey | None:
    if response.status_code == 201:
        response_201 = SigningKey.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | SigningKey]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | SigningKey]:
    """Rotate the signing key

     A new key signs from now on; the previous one is retired and stays in the JWKS until every
    token it signed has expired. Other replicas pick the new key up within
    `QEETID_KEY_REFRESH_SECONDS`. Only administrators of the first (bootstrap) tenant may rotate.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SigningKey]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | SigningKey | None:
    """Rotate the signing key

     A new key signs from now on; the previous one is retired and stays in the JWKS until every
    token it signed has expired. Other replicas pick the new key up within
    `QEETID_KEY_REFRESH_SECONDS`. Only administrators of the first (bootstrap) tenant may rotate.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SigningKey
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | SigningKey]:
    """Rotate the signing key

     A new key signs from now on; the previous one is retired and stays in the JWKS until every
    token it signed has expired. Other replicas pick the new key up within
    `QEETID_KEY_REFRESH_SECONDS`. Only administrators of the first (bootstrap) tenant may rotate.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SigningKey]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | SigningKey | None:
    """Rotate the signing key

     A new key signs from now on; the previous one is retired and stays in the JWKS until every
    token it signed has expired. Other replicas pick the new key up within
    `QEETID_KEY_REFRESH_SECONDS`. Only administrators of the first (bootstrap) tenant may rotate.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SigningKey
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
