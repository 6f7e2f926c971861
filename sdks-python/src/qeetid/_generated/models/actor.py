from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.actor_type import ActorType

T = TypeVar("T", bound="Actor")


@_attrs_define
class Actor:
    """
    Attributes:
        type_ (ActorType):
        id (None | str):
    """

    type_: ActorType
    id: None | str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        id: None | str
        id = self.id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = ActorType(d.pop("type"))

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))

        actor = cls(
            type_=type_,
            id=id,
        )

        return actor
