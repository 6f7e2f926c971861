from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AdminPasswordSet")


@_attrs_define
class AdminPasswordSet:
    """
    Attributes:
        password (str): The tenant's auth policy decides the minimum length; at most 256 characters.
        revoke_sessions (bool | Unset): End every session of the user. Default: False.
    """

    password: str
    revoke_sessions: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        password = self.password

        revoke_sessions = self.revoke_sessions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "password": password,
            }
        )
        if revoke_sessions is not UNSET:
            field_dict["revoke_sessions"] = revoke_sessions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        password = d.pop("password")

        revoke_sessions = d.pop("revoke_sessions", UNSET)

        admin_password_set = cls(
            password=password,
            revoke_sessions=revoke_sessions,
        )

        return admin_password_set
