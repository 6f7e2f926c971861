from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PasskeyLoginBegin")


@_attrs_define
class PasskeyLoginBegin:
    """
    Attributes:
        email (str | Unset): Optional hint; lists that account's passkeys.
    """

    email: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email", UNSET)

        passkey_login_begin = cls(
            email=email,
        )

        return passkey_login_begin
