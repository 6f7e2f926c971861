from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.mfa_factor_challenge_method import MfaFactorChallengeMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mfa_factor_challenge_options import MfaFactorChallengeOptions


T = TypeVar("T", bound="MfaFactorChallenge")


@_attrs_define
class MfaFactorChallenge:
    """
    Attributes:
        method (MfaFactorChallengeMethod):
        options (MfaFactorChallengeOptions | Unset): For `webauthn`: `PublicKeyCredentialRequestOptionsJSON`.
        sent_to (str | Unset): For `otp`: the masked destination.
        expires_at (datetime.datetime | Unset):
        secret (str | Unset): For `totp_enrollment`: the base32 secret.
        otpauth_uri (str | Unset):
    """

    method: MfaFactorChallengeMethod
    options: MfaFactorChallengeOptions | Unset = UNSET
    sent_to: str | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    secret: str | Unset = UNSET
    otpauth_uri: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        sent_to = self.sent_to

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        secret = self.secret

        otpauth_uri = self.otpauth_uri

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "method": method,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options
        if sent_to is not UNSET:
            field_dict["sent_to"] = sent_to
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if secret is not UNSET:
            field_dict["secret"] = secret
        if otpauth_uri is not UNSET:
            field_dict["otpauth_uri"] = otpauth_uri

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.mfa_factor_challenge_options import MfaFactorChallengeOptions

        d = dict(src_dict)
        method = MfaFactorChallengeMethod(d.pop("method"))

        _options = d.pop("options", UNSET)
        options: MfaFactorChallengeOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = MfaFactorChallengeOptions.from_dict(_options)

        sent_to = d.pop("sent_to", UNSET)

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        secret = d.pop("secret", UNSET)

        otpauth_uri = d.pop("otpauth_uri", UNSET)

        mfa_factor_challenge = cls(
            method=method,
            options=options,
            sent_to=sent_to,
            expires_at=expires_at,
            secret=secret,
            otpauth_uri=otpauth_uri,
        )

        return mfa_factor_challenge
