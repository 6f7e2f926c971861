from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AuditVerificationHeadType0")


@_attrs_define
class AuditVerificationHeadType0:
    """
    Attributes:
        seq (int):
        hash_ (str):
    """

    seq: int
    hash_: str

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        hash_ = self.hash_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "seq": seq,
                "hash": hash_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        seq = d.pop("seq")

        hash_ = d.pop("hash")

        audit_verification_head_type_0 = cls(
            seq=seq,
            hash_=hash_,
        )

        return audit_verification_head_type_0
