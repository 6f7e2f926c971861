from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.mfa_method import MfaMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.otp_factor import OtpFactor


T = TypeVar("T", bound="MfaChallenge")


@_attrs_define
class MfaChallenge:
    """A sign-in that needs its second factor. `methods` lists what the account can use;
    `totp_enrollment` means it has none yet and must enroll an authenticator app first
    (`POST /v1/auth/mfa/challenge`). The `mfa_token` is valid for ten minutes.

        Attributes:
            mfa_required (bool):
            mfa_token (str): Completes the sign-in at `/v1/auth/mfa` together with a second factor.
            methods (list[MfaMethod]):
            otp_factors (list[OtpFactor] | Unset): The account's confirmed email and SMS factors, destinations masked.
    """

    mfa_required: bool
    mfa_token: str
    methods: list[MfaMethod]
    otp_factors: list[OtpFactor] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        mfa_required = self.mfa_required

        mfa_token = self.mfa_token

        methods = []
        for methods_item_data in self.methods:
            methods_item = methods_item_data.value
            methods.append(methods_item)

        otp_factors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.otp_factors, Unset):
            otp_factors = []
            for otp_factors_item_data in self.otp_factors:
                otp_factors_item = otp_factors_item_data.to_dict()
                otp_factors.append(otp_factors_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mfa_required": mfa_required,
                "mfa_token": mfa_token,
                "methods": methods,
            }
        )
        if otp_factors is not UNSET:
            field_dict["otp_factors"] = otp_factors

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.otp_factor import OtpFactor

        d = dict(src_dict)
        mfa_required = d.pop("mfa_required")

        mfa_token = d.pop("mfa_token")

        methods = []
        _methods = d.pop("methods")
        for methods_item_data in _methods:
            methods_item = MfaMethod(methods_item_data)

            methods.append(methods_item)

        _otp_factors = d.pop("otp_factors", UNSET)
        otp_factors: list[OtpFactor] | Unset = UNSET
        if _otp_factors is not UNSET:
            otp_factors = []
            for otp_factors_item_data in _otp_factors:
                otp_factors_item = OtpFactor.from_dict(otp_factors_item_data)

                otp_factors.append(otp_factors_item)

        mfa_challenge = cls(
            mfa_required=mfa_required,
            mfa_token=mfa_token,
            methods=methods,
            otp_factors=otp_factors,
        )

        return mfa_challenge
