from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PasskeySignupBegin")


@_attrs_define
class PasskeySignupBegin:
    """
    Attributes:
        email (str):
        display_name (str | Unset):
    """

    email: str
    display_name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        display_name = self.display_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
            }
        )
        if display_name is not UNSET:
            field_dict["display_name"] = display_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        display_name = d.pop("display_name", UNSET)

        passkey_signup_begin = cls(
            email=email,
            display_name=display_name,
        )

        return passkey_signup_begin
