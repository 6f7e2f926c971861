from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Session")


@_attrs_define
class Session:
    """
    Attributes:
        id (str):
        user_id (str):
        tenant_id (str):
        auth_methods (list[str]): How the user signed in (RFC 8176 `amr` values such as `pwd`, `otp`, `hwk`).
        ip (None | str):
        user_agent (None | str):
        created_at (datetime.datetime):
        last_active_at (datetime.datetime): The last sign-in or refresh.
        expires_at (datetime.datetime): When the session ends at the latest.
        current (bool): True for the session making the request.
    """

    id: str
    user_id: str
    tenant_id: str
    auth_methods: list[str]
    ip: None | str
    user_agent: None | str
    created_at: datetime.datetime
    last_active_at: datetime.datetime
    expires_at: datetime.datetime
    current: bool

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        user_id = self.user_id

        tenant_id = self.tenant_id

        auth_methods = self.auth_methods

        ip: None | str
        ip = self.ip

        user_agent: None | str
        user_agent = self.user_agent

        created_at = self.created_at.isoformat()

        last_active_at = self.last_active_at.isoformat()

        expires_at = self.expires_at.isoformat()

        current = self.current

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "tenant_id": tenant_id,
                "auth_methods": auth_methods,
                "ip": ip,
                "user_agent": user_agent,
                "created_at": created_at,
                "last_active_at": last_active_at,
                "expires_at": expires_at,
                "current": current,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        user_id = d.pop("user_id")

        tenant_id = d.pop("tenant_id")

        auth_methods = cast(list[str], d.pop("auth_methods"))

        def _parse_ip(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip = _parse_ip(d.pop("ip"))

        def _parse_user_agent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_agent = _parse_user_agent(d.pop("user_agent"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        last_active_at = datetime.datetime.fromisoformat(d.pop("last_active_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        current = d.pop("current")

        session = cls(
            id=id,
            user_id=user_id,
            tenant_id=tenant_id,
            auth_methods=auth_methods,
            ip=ip,
            user_agent=user_agent,
            created_at=created_at,
            last_active_at=last_active_at,
            expires_at=expires_at,
            current=current,
        )

        return session
