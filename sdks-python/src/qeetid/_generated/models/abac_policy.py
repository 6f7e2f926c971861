from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.abac_policy_effect import AbacPolicyEffect

T = TypeVar("T", bound="AbacPolicy")


@_attrs_define
class AbacPolicy:
    """
    Attributes:
        id (str):  Example: pol_01jd5f8q3ve4r9x2m6k7n8p0ab.
        tenant_id (str):
        name (str):
        description (None | str):
        effect (AbacPolicyEffect):
        permissions (list[str]):
        condition (str):
        enabled (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    tenant_id: str
    name: str
    description: None | str
    effect: AbacPolicyEffect
    permissions: list[str]
    condition: str
    enabled: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        tenant_id = self.tenant_id

        name = self.name

        description: None | str
        description = self.description

        effect = self.effect.value

        permissions = self.permissions

        condition = self.condition

        enabled = self.enabled

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "tenant_id": tenant_id,
                "name": name,
                "description": description,
                "effect": effect,
                "permissions": permissions,
                "condition": condition,
                "enabled": enabled,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        tenant_id = d.pop("tenant_id")

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        effect = AbacPolicyEffect(d.pop("effect"))

        permissions = cast(list[str], d.pop("permissions"))

        condition = d.pop("condition")

        enabled = d.pop("enabled")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        abac_policy = cls(
            id=id,
            tenant_id=tenant_id,
            name=name,
            description=description,
            effect=effect,
            permissions=permissions,
            condition=condition,
            enabled=enabled,
            created_at=created_at,
            updated_at=updated_at,
        )

        return abac_policy
