from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.mfa_factor_challenge_request_method import MfaFactorChallengeRequestMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="MfaFactorChallengeRequest")


@_attrs_define
class MfaFactorChallengeRequest:
    """
    Attributes:
        mfa_token (str):
        method (MfaFactorChallengeRequestMethod):
        factor_id (str | Unset): `otp_…` or a UUID. Example: otp_01jd5f8q3ve4r9x2m6k7n8p0ab.
    """

    mfa_token: str
    method: MfaFactorChallengeRequestMethod
    factor_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        mfa_token = self.mfa_token

        method = self.method.value

        factor_id = self.factor_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mfa_token": mfa_token,
                "method": method,
            }
        )
        if factor_id is not UNSET:
            field_dict["factor_id"] = factor_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        mfa_token = d.pop("mfa_token")

        method = MfaFactorChallengeRequestMethod(d.pop("method"))

        factor_id = d.pop("factor_id", UNSET)

        mfa_factor_challenge_request = cls(
            mfa_token=mfa_token,
            method=method,
            factor_id=factor_id,
        )

        return mfa_factor_challenge_request
