from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TotpEnrollment")


@_attrs_define
class TotpEnrollment:
    """
    Attributes:
        secret (str): Base32 (RFC 4648) secret for manual entry.
        otpauth_uri (str):  Example: otpauth://totp/Qeet%20ID:alex%40acme.com?secret=…&issuer=Qeet%20ID.
    """

    secret: str
    otpauth_uri: str

    def to_dict(self) -> dict[str, Any]:
        secret = self.secret

        otpauth_uri = self.otpauth_uri

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "secret": secret,
                "otpauth_uri": otpauth_uri,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        secret = d.pop("secret")

        otpauth_uri = d.pop("otpauth_uri")

        totp_enrollment = cls(
            secret=secret,
            otpauth_uri=otpauth_uri,
        )

        return totp_enrollment
