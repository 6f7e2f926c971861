from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AuditVerificationBrokenAt")


@_attrs_define
class AuditVerificationBrokenAt:
    """
    Attributes:
        id (str):
        seq (int):
        reason (str):
    """

    id: str
    seq: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        seq = self.seq

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "seq": seq,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        seq = d.pop("seq")

        reason = d.pop("reason")

        audit_verification_broken_at = cls(
            id=id,
            seq=seq,
            reason=reason,
        )

        return audit_verification_broken_at
