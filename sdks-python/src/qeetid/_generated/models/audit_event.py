from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.actor import Actor
    from ..models.audit_event_metadata import AuditEventMetadata
    from ..models.audit_event_target import AuditEventTarget


T = TypeVar("T", bound="AuditEvent")


@_attrs_define
class AuditEvent:
    """
    Attributes:
        id (str):  Example: evt_01jd5f8q3ve4r9x2m6k7n8p0ab.
        tenant_id (str):
        seq (int):
        occurred_at (datetime.datetime):
        actor (Actor):
        action (str):  Example: user.created.
        target (AuditEventTarget):
        ip (None | str):
        user_agent (None | str):
        request_id (None | str):
        metadata (AuditEventMetadata):
        prev_hash (str):
        hash_ (str): SHA-256 over `prev_hash` followed by the RFC 8785 canonical JSON of the event without `hash`.
    """

    id: str
    tenant_id: str
    seq: int
    occurred_at: datetime.datetime
    actor: Actor
    action: str
    target: AuditEventTarget
    ip: None | str
    user_agent: None | str
    request_id: None | str
    metadata: AuditEventMetadata
    prev_hash: str
    hash_: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        tenant_id = self.tenant_id

        seq = self.seq

        occurred_at = self.occurred_at.isoformat()

        actor = self.actor.to_dict()

        action = self.action

        target = self.target.to_dict()

        ip: None | str
        ip = self.ip

        user_agent: None | str
        user_agent = self.user_agent

        request_id: None | str
        request_id = self.request_id

        metadata = self.metadata.to_dict()

        prev_hash = self.prev_hash

        hash_ = self.hash_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "tenant_id": tenant_id,
                "seq": seq,
                "occurred_at": occurred_at,
                "actor": actor,
                "action": action,
                "target": target,
                "ip": ip,
                "user_agent": user_agent,
                "request_id": request_id,
                "metadata": metadata,
                "prev_hash": prev_hash,
                "hash": hash_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.actor import Actor
        from ..models.audit_event_metadata import AuditEventMetadata
        from ..models.audit_event_target import AuditEventTarget

        d = dict(src_dict)
        id = d.pop("id")

        tenant_id = d.pop("tenant_id")

        seq = d.pop("seq")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        actor = Actor.from_dict(d.pop("actor"))

        action = d.pop("action")

        target = AuditEventTarget.from_dict(d.pop("target"))

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

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))

        metadata = AuditEventMetadata.from_dict(d.pop("metadata"))

        prev_hash = d.pop("prev_hash")

        hash_ = d.pop("hash")

        audit_event = cls(
            id=id,
            tenant_id=tenant_id,
            seq=seq,
            occurred_at=occurred_at,
            actor=actor,
            action=action,
            target=target,
            ip=ip,
            user_agent=user_agent,
            request_id=request_id,
            metadata=metadata,
            prev_hash=prev_hash,
            hash_=hash_,
        )

        return audit_event
