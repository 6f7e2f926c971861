from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.check_context import CheckContext


T = TypeVar("T", bound="CheckItem")


@_attrs_define
class CheckItem:
    """
    Attributes:
        user_id (str): `usr_…` or a UUID. Example: usr_01jd5f8q3ve4r9x2m6k7n8p0ab.
        tenant_id (str): `ten_…` or a UUID. Example: ten_01jd5f8q3ve4r9x2m6k7n8p0ab.
        permission (str): `resource:action`, `resource:*` or `*`. Example: users:read.
        context (CheckContext | Unset): Request attributes for ABAC conditions (`request.ip`, `request.time`,
            `resource`).
    """

    user_id: str
    tenant_id: str
    permission: str
    context: CheckContext | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        tenant_id = self.tenant_id

        permission = self.permission

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "tenant_id": tenant_id,
                "permission": permission,
            }
        )
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.check_context import CheckContext

        d = dict(src_dict)
        user_id = d.pop("user_id")

        tenant_id = d.pop("tenant_id")

        permission = d.pop("permission")

        _context = d.pop("context", UNSET)
        context: CheckContext | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = CheckContext.from_dict(_context)

        check_item = cls(
            user_id=user_id,
            tenant_id=tenant_id,
            permission=permission,
            context=context,
        )

        return check_item
