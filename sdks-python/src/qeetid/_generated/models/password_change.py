from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PasswordChange")


@_attrs_define
class PasswordChange:
    """
    Attributes:
        new_password (str): The tenant's auth policy decides the minimum length; at most 256 characters.
        current_password (str | Unset): The tenant's auth policy decides the minimum length; at most 256 characters.
    """

    new_password: str
    current_password: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        new_password = self.new_password

        current_password = self.current_password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "new_password": new_password,
            }
        )
        if current_password is not UNSET:
            field_dict["current_password"] = current_password

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        new_password = d.pop("new_password")

        current_password = d.pop("current_password", UNSET)

        password_change = cls(
            new_password=new_password,
            current_password=current_password,
        )

        return password_change
