from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.permission_catalogue_items_item_source import (
    PermissionCatalogueItemsItemSource,
)

T = TypeVar("T", bound="PermissionCatalogueItemsItem")


@_attrs_define
class PermissionCatalogueItemsItem:
    """
    Attributes:
        permission (str):
        source (PermissionCatalogueItemsItemSource):
        operations (list[str]): The API operations that need it (built-in permissions).
    """

    permission: str
    source: PermissionCatalogueItemsItemSource
    operations: list[str]

    def to_dict(self) -> dict[str, Any]:
        permission = self.permission

        source = self.source.value

        operations = self.operations

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "permission": permission,
                "source": source,
                "operations": operations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        permission = d.pop("permission")

        source = PermissionCatalogueItemsItemSource(d.pop("source"))

        operations = cast(list[str], d.pop("operations"))

        permission_catalogue_items_item = cls(
            permission=permission,
            source=source,
            operations=operations,
        )

        return permission_catalogue_items_item
