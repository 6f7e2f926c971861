from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SwitchTenantRequest")


@_attrs_define
class SwitchTenantRequest:
    """
    Attributes:
        tenant_id (str): `ten_…` or a UUID. Example: ten_01jd5f8q3ve4r9x2m6k7n8p0ab.
    """

    tenant_id: str

    def to_dict(self) -> dict[str, Any]:
        tenant_id = self.tenant_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tenant_id": tenant_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tenant_id = d.pop("tenant_id")

        switch_tenant_request = cls(
            tenant_id=tenant_id,
        )

        return switch_tenant_request
