from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SignInStart")


@_attrs_define
class SignInStart:
    """
    Attributes:
        email (str):
        tenant_id (str | Unset): `ten_…` or a UUID. Example: ten_01jd5f8q3ve4r9x2m6k7n8p0ab.
    """

    email: str
    tenant_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        tenant_id = self.tenant_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
            }
        )
        if tenant_id is not UNSET:
            field_dict["tenant_id"] = tenant_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        tenant_id = d.pop("tenant_id", UNSET)

        sign_in_start = cls(
            email=email,
            tenant_id=tenant_id,
        )

        return sign_in_start
