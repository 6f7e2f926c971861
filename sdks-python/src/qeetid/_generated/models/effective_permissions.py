from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.grant_path import GrantPath


T = TypeVar("T", bound="EffectivePermissions")


@_attrs_define
class EffectivePermissions:
    """
    Attributes:
        user_id (str):
        tenant_id (str):
        permissions (list[str]): Every permission held, wildcards as granted.
        grants (list[GrantPath]):
    """

    user_id: str
    tenant_id: str
    permissions: list[str]
    grants: list[GrantPath]

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        tenant_id = self.tenant_id

        permissions = self.permissions

        grants = []
        for grants_item_data in self.grants:
            grants_item = grants_item_data.to_dict()
            grants.append(grants_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "tenant_id": tenant_id,
                "permissions": permissions,
                "grants": grants,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grant_path import GrantPath

        d = dict(src_dict)
        user_id = d.pop("user_id")

        tenant_id = d.pop("tenant_id")

        permissions = cast(list[str], d.pop("permissions"))

        grants = []
        _grants = d.pop("grants")
        for grants_item_data in _grants:
            grants_item = GrantPath.from_dict(grants_item_data)

            grants.append(grants_item)

        effective_permissions = cls(
            user_id=user_id,
            tenant_id=tenant_id,
            permissions=permissions,
            grants=grants,
        )

        return effective_permissions
