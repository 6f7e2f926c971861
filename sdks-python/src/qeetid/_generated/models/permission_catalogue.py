from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.permission_catalogue_items_item import PermissionCatalogueItemsItem


T = TypeVar("T", bound="PermissionCatalogue")


@_attrs_define
class PermissionCatalogue:
    """
    Attributes:
        items (list[PermissionCatalogueItemsItem]):
    """

    items: list[PermissionCatalogueItemsItem]

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.permission_catalogue_items_item import (
            PermissionCatalogueItemsItem,
        )

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = PermissionCatalogueItemsItem.from_dict(items_item_data)

            items.append(items_item)

        permission_catalogue = cls(
            items=items,
        )

        return permission_catalogue
