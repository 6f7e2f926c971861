from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="RolePermissions")


@_attrs_define
class RolePermissions:
    """
    Attributes:
        role_id (str):
        permissions (list[str]):
    """

    role_id: str
    permissions: list[str]

    def to_dict(self) -> dict[str, Any]:
        role_id = self.role_id

        permissions = self.permissions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role_id": role_id,
                "permissions": permissions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role_id = d.pop("role_id")

        permissions = cast(list[str], d.pop("permissions"))

        role_permissions = cls(
            role_id=role_id,
            permissions=permissions,
        )

        return role_permissions
