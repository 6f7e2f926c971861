from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.abac_policy_create_effect import AbacPolicyCreateEffect
from ..types import UNSET, Unset

T = TypeVar("T", bound="AbacPolicyCreate")


@_attrs_define
class AbacPolicyCreate:
    """
    Attributes:
        name (str):
        effect (AbacPolicyCreateEffect): `deny` overrides every grant; `allow` grants what roles do not.
        permissions (list[str]): The permissions the policy applies to (wildcards allowed).
        condition (str): A CEL expression yielding a bool, over `user` (id, email, status, metadata),
            `resource` (attributes passed with the check), `request` (ip, time) and `permission`;
            plus `inCidr(ip, cidr)`. Example: `!inCidr(request.ip, "10.0.0.0/8")`.
        description (str | Unset):
        enabled (bool | Unset):  Default: True.
    """

    name: str
    effect: AbacPolicyCreateEffect
    permissions: list[str]
    condition: str
    description: str | Unset = UNSET
    enabled: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        effect = self.effect.value

        permissions = self.permissions

        condition = self.condition

        description = self.description

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "effect": effect,
                "permissions": permissions,
                "condition": condition,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        effect = AbacPolicyCreateEffect(d.pop("effect"))

        permissions = cast(list[str], d.pop("permissions"))

        condition = d.pop("condition")

        description = d.pop("description", UNSET)

        enabled = d.pop("enabled", UNSET)

        abac_policy_create = cls(
            name=name,
            effect=effect,
            permissions=permissions,
            condition=condition,
            description=description,
            enabled=enabled,
        )

        return abac_policy_create
