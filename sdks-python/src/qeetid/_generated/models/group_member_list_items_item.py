from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="GroupMemberListItemsItem")


@_attrs_define
class GroupMemberListItemsItem:
    """
    Attributes:
        user_id (str):
        email (str):
        display_name (None | str):
        added_at (datetime.datetime):
    """

    user_id: str
    email: str
    display_name: None | str
    added_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        email = self.email

        display_name: None | str
        display_name = self.display_name

        added_at = self.added_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "email": email,
                "display_name": display_name,
                "added_at": added_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        user_id = d.pop("user_id")

        email = d.pop("email")

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        added_at = datetime.datetime.fromisoformat(d.pop("added_at"))

        group_member_list_items_item = cls(
            user_id=user_id,
            email=email,
            display_name=display_name,
            added_at=added_at,
        )

        return group_member_list_items_item
