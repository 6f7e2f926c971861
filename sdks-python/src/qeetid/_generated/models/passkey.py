from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Passkey")


@_attrs_define
class Passkey:
    """
    Attributes:
        id (str):  Example: pky_01jd5f8q3ve4r9x2m6k7n8p0ab.
        name (str):
        authenticator (None | str): Known authenticator behind the AAGUID, e.g. "iCloud Keychain".
        aaguid (str):
        attestation_format (str):
        backup_eligible (bool): BE flag: a synced (multi-device) passkey.
        backed_up (bool): BS flag as of the last use.
        transports (list[str]):
        created_at (datetime.datetime):
        last_used_at (datetime.datetime | None):
    """

    id: str
    name: str
    authenticator: None | str
    aaguid: str
    attestation_format: str
    backup_eligible: bool
    backed_up: bool
    transports: list[str]
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        authenticator: None | str
        authenticator = self.authenticator

        aaguid = self.aaguid

        attestation_format = self.attestation_format

        backup_eligible = self.backup_eligible

        backed_up = self.backed_up

        transports = self.transports

        created_at = self.created_at.isoformat()

        last_used_at: None | str
        if isinstance(self.last_used_at, datetime.datetime):
            last_used_at = self.last_used_at.isoformat()
        else:
            last_used_at = self.last_used_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "authenticator": authenticator,
                "aaguid": aaguid,
                "attestation_format": attestation_format,
                "backup_eligible": backup_eligible,
                "backed_up": backed_up,
                "transports": transports,
                "created_at": created_at,
                "last_used_at": last_used_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_authenticator(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        authenticator = _parse_authenticator(d.pop("authenticator"))

        aaguid = d.pop("aaguid")

        attestation_format = d.pop("attestation_format")

        backup_eligible = d.pop("backup_eligible")

        backed_up = d.pop("backed_up")

        transports = cast(list[str], d.pop("transports"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_last_used_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_used_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_used_at = _parse_last_used_at(d.pop("last_used_at"))

        passkey = cls(
            id=id,
            name=name,
            authenticator=authenticator,
            aaguid=aaguid,
            attestation_format=attestation_format,
            backup_eligible=backup_eligible,
            backed_up=backed_up,
            transports=transports,
            created_at=created_at,
            last_used_at=last_used_at,
        )

        return passkey
