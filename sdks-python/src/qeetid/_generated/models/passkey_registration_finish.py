from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webauthn_credential_json import WebauthnCredentialJSON


T = TypeVar("T", bound="PasskeyRegistrationFinish")


@_attrs_define
class PasskeyRegistrationFinish:
    """
    Attributes:
        credential (WebauthnCredentialJSON): A `PublicKeyCredential` as JSON (WebAuthn L3 `toJSON()`, or
            SimpleWebAuthn's browser
            helpers). Fields browsers add beyond these are accepted and ignored, as the spec lets
            them grow.
        name (str | Unset):
    """

    credential: WebauthnCredentialJSON
    name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        credential = self.credential.to_dict()

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "credential": credential,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.webauthn_credential_json import WebauthnCredentialJSON

        d = dict(src_dict)
        credential = WebauthnCredentialJSON.from_dict(d.pop("credential"))

        name = d.pop("name", UNSET)

        passkey_registration_finish = cls(
            credential=credential,
            name=name,
        )

        return passkey_registration_finish
