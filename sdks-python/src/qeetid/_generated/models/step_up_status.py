from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="StepUpStatus")


@_attrs_define
class StepUpStatus:
    """
    Attributes:
        verified_at (datetime.datetime | None):
        method (None | str):
        fresh (bool): Whether step-up protected operations are allowed now.
        max_age_seconds (int):
        fresh_until (datetime.datetime | None):
    """

    verified_at: datetime.datetime | None
    method: None | str
    fresh: bool
    max_age_seconds: int
    fresh_until: datetime.datetime | None

    def to_dict(self) -> dict[str, Any]:
        verified_at: None | str
        if isinstance(self.verified_at, datetime.datetime):
            verified_at = self.verified_at.isoformat()
        else:
            verified_at = self.verified_at

        method: None | str
        method = self.method

        fresh = self.fresh

        max_age_seconds = self.max_age_seconds

        fresh_until: None | str
        if isinstance(self.fresh_until, datetime.datetime):
            fresh_until = self.fresh_until.isoformat()
        else:
            fresh_until = self.fresh_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "verified_at": verified_at,
                "method": method,
                "fresh": fresh,
                "max_age_seconds": max_age_seconds,
                "fresh_until": fresh_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_verified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        verified_at = _parse_verified_at(d.pop("verified_at"))

        def _parse_method(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        method = _parse_method(d.pop("method"))

        fresh = d.pop("fresh")

        max_age_seconds = d.pop("max_age_seconds")

        def _parse_fresh_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fresh_until_type_0 = datetime.datetime.fromisoformat(data)

                return fresh_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        fresh_until = _parse_fresh_until(d.pop("fresh_until"))

        step_up_status = cls(
            verified_at=verified_at,
            method=method,
            fresh=fresh,
            max_age_seconds=max_age_seconds,
            fresh_until=fresh_until,
        )

        return step_up_status
