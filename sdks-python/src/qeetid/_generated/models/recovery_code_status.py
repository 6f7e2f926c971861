from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RecoveryCodeStatus")


@_attrs_define
class RecoveryCodeStatus:
    """
    Attributes:
        remaining (int):
    """

    remaining: int

    def to_dict(self) -> dict[str, Any]:
        remaining = self.remaining

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "remaining": remaining,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        remaining = d.pop("remaining")

        recovery_code_status = cls(
            remaining=remaining,
        )

        return recovery_code_status
