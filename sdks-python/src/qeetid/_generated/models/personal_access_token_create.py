from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PersonalAccessTokenCreate")


@_attrs_define
class PersonalAccessTokenCreate:
    """
    Attributes:
        name (str):
        expires_at (datetime.datetime): Required: in the future, within the policy's `pat_max_ttl_days`.
        scopes (list[str] | Unset): Defaults to `["*"]` (everything the user may do).
    """

    name: str
    expires_at: datetime.datetime
    scopes: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        expires_at = self.expires_at.isoformat()

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "expires_at": expires_at,
            }
        )
        if scopes is not UNSET:
            field_dict["scopes"] = scopes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        scopes = cast(list[str], d.pop("scopes", UNSET))

        personal_access_token_create = cls(
            name=name,
            expires_at=expires_at,
            scopes=scopes,
        )

        return personal_access_token_create
