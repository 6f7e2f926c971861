from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.abac_policy_update_effect import AbacPolicyUpdateEffect
from ..types import UNSET, Unset

T = TypeVar("T", bound="AbacPolicyUpdate")


@_attrs_define
class AbacPolicyUpdate:
    """
    Attributes:
        name (str | Unset):
        description (None | str | Unset):
        effect (AbacPolicyUpdateEffect | Unset):
        permissions (list[str] | Unset):
        condition (str | Unset):
        enabled (bool | Unset):
    """

    name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    effect: AbacPolicyUpdateEffect | Unset = UNSET
    permissions: list[str] | Unset = UNSET
    condition: str | Unset = UNSET
    enabled: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        effect: str | Unset = UNSET
        if not isinstance(self.effect, Unset):
            effect = self.effect.value

        permissions: list[str] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = self.permissions

        condition = self.condition

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if effect is not UNSET:
            field_dict["effect"] = effect
        if permissions is not UNSET:
            field_dict["permissions"] = permissions
        if condition is not UNSET:
            field_dict["condition"] = condition
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _effect = d.pop("effect", UNSET)
        effect: AbacPolicyUpdateEffect | Unset
        if isinstance(_effect, Unset):
            effect = UNSET
        else:
            effect = AbacPolicyUpdateEffect(_effect)

        permissions = cast(list[str], d.pop("permissions", UNSET))

        condition = d.pop("condition", UNSET)

        enabled = d.pop("enabled", UNSET)

        abac_policy_update = cls(
            name=name,
            description=description,
            effect=effect,
            permissions=permissions,
            condition=condition,
            enabled=enabled,
        )

        return abac_policy_update
