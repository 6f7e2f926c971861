from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.token_pair_token_type import TokenPairTokenType

T = TypeVar("T", bound="TokenPair")


@_attrs_define
class TokenPair:
    """
    Attributes:
        access_token (str): ES256 JWT, `typ: at+jwt`; verify it against `/.well-known/jwks.json`.
        token_type (TokenPairTokenType):
        expires_at (datetime.datetime): When the access token expires.
        refresh_token (str): Opaque and single use; exchange it at `/v1/auth/refresh`.
        session_id (str):  Example: ses_01jd5f8q3ve4r9x2m6k7n8p0ab.
        user_id (str):
        tenant_id (str):
    """

    access_token: str
    token_type: TokenPairTokenType
    expires_at: datetime.datetime
    refresh_token: str
    session_id: str
    user_id: str
    tenant_id: str

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        token_type = self.token_type.value

        expires_at = self.expires_at.isoformat()

        refresh_token = self.refresh_token

        session_id = self.session_id

        user_id = self.user_id

        tenant_id = self.tenant_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "access_token": access_token,
                "token_type": token_type,
                "expires_at": expires_at,
                "refresh_token": refresh_token,
                "session_id": session_id,
                "user_id": user_id,
                "tenant_id": tenant_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        access_token = d.pop("access_token")

        token_type = TokenPairTokenType(d.pop("token_type"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        refresh_token = d.pop("refresh_token")

        session_id = d.pop("session_id")

        user_id = d.pop("user_id")

        tenant_id = d.pop("tenant_id")

        token_pair = cls(
            access_token=access_token,
            token_type=token_type,
            expires_at=expires_at,
            refresh_token=refresh_token,
            session_id=session_id,
            user_id=user_id,
            tenant_id=tenant_id,
        )

        return token_pair
