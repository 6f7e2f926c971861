from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.passkey_assertion_finish import PasskeyAssertionFinish
from ...models.token_pair import TokenPair
from ...types import Response


def _get_kwargs(
    *,
    body: PasskeyAssertionFinish,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/passkeys/login/finish",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TokenPair | None:
    if response.status_code == 200:
        response_200 = TokenPair.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

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
) -> Response[ErrorEnvelope | TokenPair]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasskeyAssertionFinish,
) -> Response[ErrorEnvelope | TokenPair]:
    """Finish a passkey sign-in

     Verifies the assertion against the stored public key, challenge, origin and RP ID,
    requires user verification, checks the signature counter (a counter that does not move
    forward means a cloned authenticator) and the backup-eligibility flag, and signs the user
    in. A user-verified passkey is itself multi-factor, so no second factor is asked for.

    Args:
        body (PasskeyAssertionFinish):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TokenPair]
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
    body: PasskeyAssertionFinish,
) -> ErrorEnvelope | TokenPair | None:
    """Finish a passkey sign-in

     Verifies the assertion against the stored public key, challenge, origin and RP ID,
    requires user verification, checks the signature counter (a counter that does not move
    forward means a cloned authenticator) and the backup-eligibility flag, and signs the user
    in. A user-verified passkey is itself multi-factor, so no second factor is asked for.

    Args:
        body (PasskeyAssertionFinish):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TokenPair
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasskeyAssertionFinish,
) -> Response[ErrorEnvelope | TokenPair]:
    """Finish a passkey sign-in

     Verifies the assertion against the stored public key, challenge, origin and RP ID,
    requires user verification, checks the signature counter (a counter that does not move
    forward means a cloned authenticator) and the backup-eligibility flag, and signs the user
    in. A user-verified passkey is itself multi-factor, so no second factor is asked for.

    Args:
        body (PasskeyAssertionFinish):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TokenPair]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PasskeyAssertionFinish,
) -> ErrorEnvelope | TokenPair | None:
    """Finish a passkey sign-in

     Verifies the assertion against the stored public key, challenge, origin and RP ID,
    requires user verification, checks the signature counter (a counter that does not move
    forward means a cloned authenticator) and the backup-eligibility flag, and signs the user
    in. A user-verified passkey is itself multi-factor, so no second factor is asked for.

    Args:
        body (PasskeyAssertionFinish):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TokenPair
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
