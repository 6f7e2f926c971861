from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_verification_broken_at import AuditVerificationBrokenAt
    from ..models.audit_verification_head_type_0 import AuditVerificationHeadType0


T = TypeVar("T", bound="AuditVerification")


@_attrs_define
class AuditVerification:
    """
    Attributes:
        ok (bool):
        events_checked (int):
        head (AuditVerificationHeadType0 | None):
        broken_at (AuditVerificationBrokenAt | Unset):
    """

    ok: bool
    events_checked: int
    head: AuditVerificationHeadType0 | None
    broken_at: AuditVerificationBrokenAt | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_verification_head_type_0 import AuditVerificationHeadType0

        ok = self.ok

        events_checked = self.events_checked

        head: dict[str, Any] | None
        if isinstance(self.head, AuditVerificationHeadType0):
            head = self.head.to_dict()
        else:
            head = self.head

        broken_at: dict[str, Any] | Unset = UNSET
        if not isinstance(self.broken_at, Unset):
            broken_at = self.broken_at.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ok": ok,
                "events_checked": events_checked,
                "head": head,
            }
        )
        if broken_at is not UNSET:
            field_dict["broken_at"] = broken_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audit_verification_broken_at import AuditVerificationBrokenAt
        from ..models.audit_verification_head_type_0 import AuditVerificationHeadType0

        d = dict(src_dict)
        ok = d.pop("ok")

        events_checked = d.pop("events_checked")

        def _parse_head(data: object) -> AuditVerificationHeadType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                head_type_0 = AuditVerificationHeadType0.from_dict(data)

                return head_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditVerificationHeadType0 | None, data)

        head = _parse_head(d.pop("head"))

        _broken_at = d.pop("broken_at", UNSET)
        broken_at: AuditVerificationBrokenAt | Unset
        if isinstance(_broken_at, Unset):
            broken_at = UNSET
        else:
            broken_at = AuditVerificationBrokenAt.from_dict(_broken_at)

        audit_verification = cls(
            ok=ok,
            events_checked=events_checked,
            head=head,
            broken_at=broken_at,
        )

        return audit_verification
