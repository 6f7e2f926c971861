from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.check_context_resource import CheckContextResource


T = TypeVar("T", bound="CheckContext")


@_attrs_define
class CheckContext:
    """Request attributes for ABAC conditions (`request.ip`, `request.time`, `resource`).

    Attributes:
        ip (str | Unset):
        time (datetime.datetime | Unset):
        resource (CheckContextResource | Unset):
    """

    ip: str | Unset = UNSET
    time: datetime.datetime | Unset = UNSET
    resource: CheckContextResource | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ip = self.ip

        time: str | Unset = UNSET
        if not isinstance(self.time, Unset):
            time = self.time.isoformat()

        resource: dict[str, Any] | Unset = UNSET
        if not isinstance(self.resource, Unset):
            resource = self.resource.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ip is not UNSET:
            field_dict["ip"] = ip
        if time is not UNSET:
            field_dict["time"] = time
        if resource is not UNSET:
            field_dict["resource"] = resource

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.check_context_resource import CheckContextResource

        d = dict(src_dict)
        ip = d.pop("ip", UNSET)

        _time = d.pop("time", UNSET)
        time: datetime.datetime | Unset
        if isinstance(_time, Unset):
            time = UNSET
        else:
            time = datetime.datetime.fromisoformat(_time)

        _resource = d.pop("resource", UNSET)
        resource: CheckContextResource | Unset
        if isinstance(_resource, Unset):
            resource = UNSET
        else:
            resource = CheckContextResource.from_dict(_resource)

        check_context = cls(
            ip=ip,
            time=time,
            resource=resource,
        )

        return check_context
