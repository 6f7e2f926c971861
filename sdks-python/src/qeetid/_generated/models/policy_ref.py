from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.policy_ref_effect import PolicyRefEffect

T = TypeVar("T", bound="PolicyRef")


@_attrs_define
class PolicyRef:
    """
    Attributes:
        id (str):
        name (str):
        effect (PolicyRefEffect):
    """

    id: str
    name: str
    effect: PolicyRefEffect

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        effect = self.effect.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "effect": effect,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        effect = PolicyRefEffect(d.pop("effect"))

        policy_ref = cls(
            id=id,
            name=name,
            effect=effect,
        )

        return policy_ref
