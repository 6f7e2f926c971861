from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LoginRequest")


@_attrs_define
class LoginRequest:
    """
    Attributes:
        email (str):
        password (str): The tenant's auth policy decides the minimum length; at most 256 characters.
        tenant_id (str | Unset): `ten_…` or a UUID. Example: ten_01jd5f8q3ve4r9x2m6k7n8p0ab.
    """

    email: str
    password: str
    tenant_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password = self.password

        tenant_id = self.tenant_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "password": password,
            }
        )
        if tenant_id is not UNSET:
            field_dict["tenant_id"] = tenant_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        password = d.pop("password")

        tenant_id = d.pop("tenant_id", UNSET)

        login_request = cls(
            email=email,
            password=password,
            tenant_id=tenant_id,
        )

        return login_request
