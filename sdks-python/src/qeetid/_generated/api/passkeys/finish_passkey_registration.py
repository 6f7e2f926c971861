from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.passkey import Passkey
from ...models.passkey_registration_finish import PasskeyRegistrationFinish
from ...types import Response


def _get_kwargs(
    *,
    body: PasskeyRegistrationFinish,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/passkeys/register/finish",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | Passkey | None:
    if response.status_code == 201:
        response_201 = Passkey.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

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
) -> Response[ErrorEnvelope | Passkey]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PasskeyRegistrationFinish,
) -> Response[ErrorEnvelope | Passkey]:
    """Finish adding a passkey

     Verifies the attestation and stores the credential. Its `name` defaults to the
    authenticator's name when its AAGUID is known (for example "iCloud Keychain").

    Args:
        body (PasskeyRegistrationFinish):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Passkey]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PasskeyRegistrationFinish,
) -> ErrorEnvelope | Passkey | None:
    """Finish adding a passkey

     Verifies the attestation and stores the credential. Its `name` defaults to the
    authenticator's name when its AAGUID is known (for example "iCloud Keychain").

    Args:
        body (PasskeyRegistrationFinish):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Passkey
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PasskeyRegistrationFinish,
) -> Response[ErrorEnvelope | Passkey]:
    """Finish adding a passkey

     Verifies the attestation and stores the credential. Its `name` defaults to the
    authenticator's name when its AAGUID is known (for example "iCloud Keychain").

    Args:
        body (PasskeyRegistrationFinish):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Passkey]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PasskeyRegistrationFinish,
) -> ErrorEnvelope | Passkey | None:
    """Finish adding a passkey

     Verifies the attestation and stores the credential. Its `name` defaults to the
    authenticator's name when its AAGUID is known (for example "iCloud Keychain").

    Args:
        body (PasskeyRegistrationFinish):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Passkey
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
