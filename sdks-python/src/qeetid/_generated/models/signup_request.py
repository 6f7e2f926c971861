from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SignupRequest")


@_attrs_define
class SignupRequest:
    """
    Attributes:
        email (str):
        password (str): The tenant's auth policy decides the minimum length; at most 256 characters.
        display_name (str | Unset):
        tenant_name (str | Unset): Name of the personal tenant; defaults to "Personal".
    """

    email: str
    password: str
    display_name: str | Unset = UNSET
    tenant_name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password = self.password

        display_name = self.display_name

        tenant_name = self.tenant_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "password": password,
            }
        )
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if tenant_name is not UNSET:
            field_dict["tenant_name"] = tenant_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        password = d.pop("password")

        display_name = d.pop("display_name", UNSET)

        tenant_name = d.pop("tenant_name", UNSET)

        signup_request = cls(
            email=email,
            password=password,
            display_name=display_name,
            tenant_name=tenant_name,
        )

        return signup_request
