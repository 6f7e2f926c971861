from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.me_auth_method import MeAuthMethod

if TYPE_CHECKING:
    from ..models.actor import Actor


T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """
    Attributes:
        actor (Actor):
        tenant_id (str):
        user_id (None | str):
        session_id (None | str):
        scopes (list[str]):
        auth_method (MeAuthMethod):
    """

    actor: Actor
    tenant_id: str
    user_id: None | str
    session_id: None | str
    scopes: list[str]
    auth_method: MeAuthMethod

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor.to_dict()

        tenant_id = self.tenant_id

        user_id: None | str
        user_id = self.user_id

        session_id: None | str
        session_id = self.session_id

        scopes = self.scopes

        auth_method = self.auth_method.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actor": actor,
                "tenant_id": tenant_id,
                "user_id": user_id,
                "session_id": session_id,
                "scopes": scopes,
                "auth_method": auth_method,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.actor import Actor

        d = dict(src_dict)
        actor = Actor.from_dict(d.pop("actor"))

        tenant_id = d.pop("tenant_id")

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        def _parse_session_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        session_id = _parse_session_id(d.pop("session_id"))

        scopes = cast(list[str], d.pop("scopes"))

        auth_method = MeAuthMethod(d.pop("auth_method"))

        me = cls(
            actor=actor,
            tenant_id=tenant_id,
            user_id=user_id,
            session_id=session_id,
            scopes=scopes,
            auth_method=auth_method,
        )

        return me
