from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.grant_path_via import GrantPathVia
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ref_with_name import RefWithName


T = TypeVar("T", bound="GrantPath")


@_attrs_define
class GrantPath:
    """
    Attributes:
        role (RefWithName):
        via (GrantPathVia):
        permission (str): The grant that matched: the permission, `resource:*` or `*`.
        group (RefWithName | Unset):
    """

    role: RefWithName
    via: GrantPathVia
    permission: str
    group: RefWithName | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        role = self.role.to_dict()

        via = self.via.value

        permission = self.permission

        group: dict[str, Any] | Unset = UNSET
        if not isinstance(self.group, Unset):
            group = self.group.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
                "via": via,
                "permission": permission,
            }
        )
        if group is not UNSET:
            field_dict["group"] = group

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ref_with_name import RefWithName

        d = dict(src_dict)
        role = RefWithName.from_dict(d.pop("role"))

        via = GrantPathVia(d.pop("via"))

        permission = d.pop("permission")

        _group = d.pop("group", UNSET)
        group: RefWithName | Unset
        if isinstance(_group, Unset):
            group = UNSET
        else:
            group = RefWithName.from_dict(_group)

        grant_path = cls(
            role=role,
            via=via,
            permission=permission,
            group=group,
        )

        return grant_path
