from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SecurityPolicy")


@_attrs_define
class SecurityPolicy:
    """
    Attributes:
        mfa_required (bool): Every member signing in to this tenant needs a second factor.
        step_up_max_age_seconds (int): How long a second-factor verification keeps step-up operations open (default
            300).
    """

    mfa_required: bool
    step_up_max_age_seconds: int

    def to_dict(self) -> dict[str, Any]:
        mfa_required = self.mfa_required

        step_up_max_age_seconds = self.step_up_max_age_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mfa_required": mfa_required,
                "step_up_max_age_seconds": step_up_max_age_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        mfa_required = d.pop("mfa_required")

        step_up_max_age_seconds = d.pop("step_up_max_age_seconds")

        security_policy = cls(
            mfa_required=mfa_required,
            step_up_max_age_seconds=step_up_max_age_seconds,
        )

        return security_policy
