from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata import Metadata


T = TypeVar("T", bound="UserCreate")


@_attrs_define
class UserCreate:
    """
    Attributes:
        email (str):
        display_name (str | Unset):
        phone (str | Unset): E.164.
        metadata (Metadata | Unset): Free-form JSON you control (at most 50 top-level keys, 8 KiB serialized).
    """

    email: str
    display_name: str | Unset = UNSET
    phone: str | Unset = UNSET
    metadata: Metadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        display_name = self.display_name

        phone = self.phone

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
            }
        )
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metadata import Metadata

        d = dict(src_dict)
        email = d.pop("email")

        display_name = d.pop("display_name", UNSET)

        phone = d.pop("phone", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        user_create = cls(
            email=email,
            display_name=display_name,
            phone=phone,
            metadata=metadata,
        )

        return user_create
