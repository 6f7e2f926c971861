from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.member_role import MemberRole

T = TypeVar("T", bound="Member")


@_attrs_define
class Member:
    """
    Attributes:
        user_id (str):
        email (str):
        display_name (None | str):
        role (MemberRole):
        joined_at (datetime.datetime):
    """

    user_id: str
    email: str
    display_name: None | str
    role: MemberRole
    joined_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        email = self.email

        display_name: None | str
        display_name = self.display_name

        role = self.role.value

        joined_at = self.joined_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "email": email,
                "display_name": display_name,
                "role": role,
                "joined_at": joined_at,
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

        role = MemberRole(d.pop("role"))

        joined_at = datetime.datetime.fromisoformat(d.pop("joined_at"))

        member = cls(
            user_id=user_id,
            email=email,
            display_name=display_name,
            role=role,
            joined_at=joined_at,
        )

        return member
