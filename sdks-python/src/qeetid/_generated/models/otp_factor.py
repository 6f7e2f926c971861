from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.otp_factor_channel import OtpFactorChannel

T = TypeVar("T", bound="OtpFactor")


@_attrs_define
class OtpFactor:
    """
    Attributes:
        id (str):  Example: otp_01jd5f8q3ve4r9x2m6k7n8p0ab.
        channel (OtpFactorChannel):
        destination (str): Masked.
        confirmed (bool):
        created_at (datetime.datetime):
    """

    id: str
    channel: OtpFactorChannel
    destination: str
    confirmed: bool
    created_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        channel = self.channel.value

        destination = self.destination

        confirmed = self.confirmed

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "channel": channel,
                "destination": destination,
                "confirmed": confirmed,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        channel = OtpFactorChannel(d.pop("channel"))

        destination = d.pop("destination")

        confirmed = d.pop("confirmed")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        otp_factor = cls(
            id=id,
            channel=channel,
            destination=destination,
            confirmed=confirmed,
            created_at=created_at,
        )

        return otp_factor
