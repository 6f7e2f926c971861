from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.passkey_login_begin import PasskeyLoginBegin
from ...models.passkey_request_options import PasskeyRequestOptions
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PasskeyLoginBegin | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/passkeys/login/begin",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | PasskeyRequestOptions | None:
    if response.status_code == 200:
        response_200 = PasskeyRequestOptions.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

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
) -> Response[ErrorEnvelope | PasskeyRequestOptions]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasskeyLoginBegin | Unset = UNSET,
) -> Response[ErrorEnvelope | PasskeyRequestOptions]:
    """Start a passkey sign-in

     Assertion options. Without a body (or without `email`) the options name no credential, so
    any discoverable passkey of this relying party can answer — usernameless sign-in, and the
    options suit conditional UI (`mediation: "conditional"`, passkeys offered in the
    username field's autofill). With `email`, the options list that account's passkeys; an
    unknown email gets the same usernameless options, so the answer reveals nothing.

    Args:
        body (PasskeyLoginBegin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PasskeyRequestOptions]
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
    body: PasskeyLoginBegin | Unset = UNSET,
) -> ErrorEnvelope | PasskeyRequestOptions | None:
    """Start a passkey sign-in

     Assertion options. Without a body (or without `email`) the options name no credential, so
    any discoverable passkey of this relying party can answer — usernameless sign-in, and the
    options suit conditional UI (`mediation: "conditional"`, passkeys offered in the
    username field's autofill). With `email`, the options list that account's passkeys; an
    unknown email gets the same usernameless options, so the answer reveals nothing.

    Args:
        body (PasskeyLoginBegin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PasskeyRequestOptions
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PasskeyLoginBegin | Unset = UNSET,
) -> Response[ErrorEnvelope | PasskeyRequestOptions]:
    """Start a passkey sign-in

     Assertion options. Without a body (or without `email`) the options name no credential, so
    any discoverable passkey of this relying party can answer — usernameless sign-in, and the
    options suit conditional UI (`mediation: "conditional"`, passkeys offered in the
    username field's autofill). With `email`, the options list that account's passkeys; an
    unknown email gets the same usernameless options, so the answer reveals nothing.

    Args:
        body (PasskeyLoginBegin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PasskeyRequestOptions]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PasskeyLoginBegin | Unset = UNSET,
) -> ErrorEnvelope | PasskeyRequestOptions | None:
    """Start a passkey sign-in

     Assertion options. Without a body (or without `email`) the options name no credential, so
    any discoverable passkey of this relying party can answer — usernameless sign-in, and the
    options suit conditional UI (`mediation: "conditional"`, passkeys offered in the
    username field's autofill). With `email`, the options list that account's passkeys; an
    unknown email gets the same usernameless options, so the answer reveals nothing.

    Args:
        body (PasskeyLoginBegin | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PasskeyRequestOptions
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
