from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.signing_key_alg import SigningKeyAlg
from ..models.signing_key_status import SigningKeyStatus

T = TypeVar("T", bound="SigningKey")


@_attrs_define
class SigningKey:
    """
    Attributes:
        kid (str):
        alg (SigningKeyAlg):
        status (SigningKeyStatus):
        created_at (datetime.datetime):
        retired_at (datetime.datetime | None):
        published_until (datetime.datetime | None): When a retired key leaves the JWKS (every token it signed has
            expired by then).
    """

    kid: str
    alg: SigningKeyAlg
    status: SigningKeyStatus
    created_at: datetime.datetime
    retired_at: datetime.datetime | None
    published_until: datetime.datetime | None

    def to_dict(self) -> dict[str, Any]:
        kid = self.kid

        alg = self.alg.value

        status = self.status.value

        created_at = self.created_at.isoformat()

        retired_at: None | str
        if isinstance(self.retired_at, datetime.datetime):
            retired_at = self.retired_at.isoformat()
        else:
            retired_at = self.retired_at

        published_until: None | str
        if isinstance(self.published_until, datetime.datetime):
            published_until = self.published_until.isoformat()
        else:
            published_until = self.published_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kid": kid,
                "alg": alg,
                "status": status,
                "created_at": created_at,
                "retired_at": retired_at,
                "published_until": published_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kid = d.pop("kid")

        alg = SigningKeyAlg(d.pop("alg"))

        status = SigningKeyStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_retired_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                retired_at_type_0 = datetime.datetime.fromisoformat(data)

                return retired_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        retired_at = _parse_retired_at(d.pop("retired_at"))

        def _parse_published_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_until_type_0 = datetime.datetime.fromisoformat(data)

                return published_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_until = _parse_published_until(d.pop("published_until"))

        signing_key = cls(
            kid=kid,
            alg=alg,
            status=status,
            created_at=created_at,
            retired_at=retired_at,
            published_until=published_until,
        )

        return signing_key
