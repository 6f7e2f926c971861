from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.passkey_creation_options import PasskeyCreationOptions
from ...models.passkey_signup_begin import PasskeySignupBegin
from ...types import Response


def _get_kwargs(
    *,
    body: PasskeySignupBegin,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/passkeys/signup/begin",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | PasskeyCreationOptions | None:
    if response.status_code == 200:
        response_200 = PasskeyCreationOptions.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

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
) -> Response[ErrorEnvelope | PasskeyCreationOptions]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasskeySignupBegin,
) -> Response[ErrorEnvelope | PasskeyCreationOptions]:
    """Start a passkey-first signup

     Creation options for a new account whose only credential will be a passkey (no password
    ever). The challenge is stored server-side, answers one `finish` call, and expires after
    five minutes.

    Args:
        body (PasskeySignupBegin):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PasskeyCreationOptions]
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
    client: AuthenticatedClient | Client,
    body: PasskeySignupBegin,
) -> ErrorEnvelope | PasskeyCreationOptions | None:
    """Start a passkey-first signup

     Creation options for a new account whose only credential will be a passkey (no password
    ever). The challenge is stored server-side, answers one `finish` call, and expires after
    five minutes.

    Args:
        body (PasskeySignupBegin):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PasskeyCreationOptions
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasskeySignupBegin,
) -> Response[ErrorEnvelope | PasskeyCreationOptions]:
    """Start a passkey-first signup

     Creation options for a new account whose only credential will be a passkey (no password
    ever). The challenge is stored server-side, answers one `finish` call, and expires after
    five minutes.

    Args:
        body (PasskeySignupBegin):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PasskeyCreationOptions]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PasskeySignupBegin,
) -> ErrorEnvelope | PasskeyCreationOptions | None:
    """Start a passkey-first signup

     Creation options for a new account whose only credential will be a passkey (no password
    ever). The challenge is stored server-side, answers one `finish` call, and expires after
    five minutes.

    Args:
        body (PasskeySignupBegin):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PasskeyCreationOptions
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
