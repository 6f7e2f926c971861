from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="MfaChallenge")


@_attrs_define
class MfaChallenge:
    """
    Attributes:
        mfa_required (bool):
        mfa_token (str): Completes the sign-in at `/v1/auth/mfa` together with a second factor.
        methods (list[str]):
    """

    mfa_required: bool
    mfa_token: str
    methods: list[str]

    def to_dict(self) -> dict[str, Any]:
        mfa_required = self.mfa_required

        mfa_token = self.mfa_token

        methods = self.methods

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mfa_required": mfa_required,
                "mfa_token": mfa_token,
                "methods": methods,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        mfa_required = d.pop("mfa_required")

        mfa_token = d.pop("mfa_token")

        methods = cast(list[str], d.pop("methods"))

        mfa_challenge = cls(
            mfa_required=mfa_required,
            mfa_token=mfa_token,
            methods=methods,
        )

        return mfa_challenge
