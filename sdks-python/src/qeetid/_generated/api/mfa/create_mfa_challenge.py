from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.mfa_factor_challenge import MfaFactorChallenge
from ...models.mfa_factor_challenge_request import MfaFactorChallengeRequest
from ...types import Response


def _get_kwargs(
    *,
    body: MfaFactorChallengeRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/mfa/challenge",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | MfaFactorChallenge | None:
    if response.status_code == 200:
        response_200 = MfaFactorChallenge.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

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
) -> Response[ErrorEnvelope | MfaFactorChallenge]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: MfaFactorChallengeRequest,
) -> Response[ErrorEnvelope | MfaFactorChallenge]:
    """Prepare a second factor for a pending sign-in

     For `method: webauthn`, assertion options limited to the user's passkeys; for
    `method: otp`, sends a one-time code to the chosen factor. TOTP and recovery codes need
    no challenge.

    Args:
        body (MfaFactorChallengeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MfaFactorChallenge]
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
    body: MfaFactorChallengeRequest,
) -> ErrorEnvelope | MfaFactorChallenge | None:
    """Prepare a second factor for a pending sign-in

     For `method: webauthn`, assertion options limited to the user's passkeys; for
    `method: otp`, sends a one-time code to the chosen factor. TOTP and recovery codes need
    no challenge.

    Args:
        body (MfaFactorChallengeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MfaFactorChallenge
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: MfaFactorChallengeRequest,
) -> Response[ErrorEnvelope | MfaFactorChallenge]:
    """Prepare a second factor for a pending sign-in

     For `method: webauthn`, assertion options limited to the user's passkeys; for
    `method: otp`, sends a one-time code to the chosen factor. TOTP and recovery codes need
    no challenge.

    Args:
        body (MfaFactorChallengeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | MfaFactorChallenge]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: MfaFactorChallengeRequest,
) -> ErrorEnvelope | MfaFactorChallenge | None:
    """Prepare a second factor for a pending sign-in

     For `method: webauthn`, assertion options limited to the user's passkeys; for
    `method: otp`, sends a one-time code to the chosen factor. TOTP and recovery codes need
    no challenge.

    Args:
        body (MfaFactorChallengeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | MfaFactorChallenge
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
