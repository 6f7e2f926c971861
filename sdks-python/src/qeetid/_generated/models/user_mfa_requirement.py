from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UserMfaRequirement")


@_attrs_define
class UserMfaRequirement:
    """
    Attributes:
        required (bool):
    """

    required: bool

    def to_dict(self) -> dict[str, Any]:
        required = self.required

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "required": required,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        required = d.pop("required")

        user_mfa_requirement = cls(
            required=required,
        )

        return user_mfa_requirement
