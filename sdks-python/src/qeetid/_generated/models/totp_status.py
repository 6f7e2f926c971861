from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TotpStatus")


@_attrs_define
class TotpStatus:
    """
    Attributes:
        enrolled (bool):
        confirmed_at (datetime.datetime | None):
    """

    enrolled: bool
    confirmed_at: datetime.datetime | None

    def to_dict(self) -> dict[str, Any]:
        enrolled = self.enrolled

        confirmed_at: None | str
        if isinstance(self.confirmed_at, datetime.datetime):
            confirmed_at = self.confirmed_at.isoformat()
        else:
            confirmed_at = self.confirmed_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "enrolled": enrolled,
                "confirmed_at": confirmed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        enrolled = d.pop("enrolled")

        def _parse_confirmed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        confirmed_at = _parse_confirmed_at(d.pop("confirmed_at"))

        totp_status = cls(
            enrolled=enrolled,
            confirmed_at=confirmed_at,
        )

        return totp_status
