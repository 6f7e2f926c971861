from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.otp_factor_create_channel import OtpFactorCreateChannel

T = TypeVar("T", bound="OtpFactorCreate")


@_attrs_define
class OtpFactorCreate:
    """
    Attributes:
        channel (OtpFactorCreateChannel):
        destination (str): An email address or an E.164 phone number.
    """

    channel: OtpFactorCreateChannel
    destination: str

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        destination = self.destination

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "destination": destination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        channel = OtpFactorCreateChannel(d.pop("channel"))

        destination = d.pop("destination")

        otp_factor_create = cls(
            channel=channel,
            destination=destination,
        )

        return otp_factor_create
