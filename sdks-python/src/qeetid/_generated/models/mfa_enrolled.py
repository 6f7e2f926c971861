from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="MfaEnrolled")


@_attrs_define
class MfaEnrolled:
    """
    Attributes:
        recovery_codes (list[str]): Ten codes when this was the first second factor, shown once; empty otherwise.
    """

    recovery_codes: list[str]

    def to_dict(self) -> dict[str, Any]:
        recovery_codes = self.recovery_codes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "recovery_codes": recovery_codes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        recovery_codes = cast(list[str], d.pop("recovery_codes"))

        mfa_enrolled = cls(
            recovery_codes=recovery_codes,
        )

        return mfa_enrolled
