from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.user_status import UserStatus

if TYPE_CHECKING:
    from ..models.metadata import Metadata


T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """
    Attributes:
        id (str):  Example: usr_01jd5f8q3ve4r9x2m6k7n8p0ab.
        tenant_id (str): The user's home tenant (the one that manages them).
        email (str):
        email_verified (bool):
        phone (None | str):
        phone_verified (bool):
        display_name (None | str):
        status (UserStatus):
        metadata (Metadata): Free-form JSON you control (at most 50 top-level keys, 8 KiB serialized).
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        deleted_at (datetime.datetime | None):
    """

    id: str
    tenant_id: str
    email: str
    email_verified: bool
    phone: None | str
    phone_verified: bool
    display_name: None | str
    status: UserStatus
    metadata: Metadata
    created_at: datetime.datetime
    updated_at: datetime.datetime
    deleted_at: datetime.datetime | None

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        tenant_id = self.tenant_id

        email = self.email

        email_verified = self.email_verified

        phone: None | str
        phone = self.phone

        phone_verified = self.phone_verified

        display_name: None | str
        display_name = self.display_name

        status = self.status.value

        metadata = self.metadata.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        deleted_at: None | str
        if isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "tenant_id": tenant_id,
                "email": email,
                "email_verified": email_verified,
                "phone": phone,
                "phone_verified": phone_verified,
                "display_name": display_name,
                "status": status,
                "metadata": metadata,
                "created_at": created_at,
                "updated_at": updated_at,
                "deleted_at": deleted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metadata import Metadata

        d = dict(src_dict)
        id = d.pop("id")

        tenant_id = d.pop("tenant_id")

        email = d.pop("email")

        email_verified = d.pop("email_verified")

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        phone_verified = d.pop("phone_verified")

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        status = UserStatus(d.pop("status"))

        metadata = Metadata.from_dict(d.pop("metadata"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_deleted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleted_at_type_0 = datetime.datetime.fromisoformat(data)

                return deleted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at"))

        user = cls(
            id=id,
            tenant_id=tenant_id,
            email=email,
            email_verified=email_verified,
            phone=phone,
            phone_verified=phone_verified,
            display_name=display_name,
            status=status,
            metadata=metadata,
            created_at=created_at,
            updated_at=updated_at,
            deleted_at=deleted_at,
        )

        return user
