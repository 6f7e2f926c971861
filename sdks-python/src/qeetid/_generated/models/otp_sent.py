from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OtpSent")


@_attrs_define
class OtpSent:
    """
    Attributes:
        sent_to (str):
        expires_at (datetime.datetime):
    """

    sent_to: str
    expires_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        sent_to = self.sent_to

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sent_to": sent_to,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        sent_to = d.pop("sent_to")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        otp_sent = cls(
            sent_to=sent_to,
            expires_at=expires_at,
        )

        return otp_sent
