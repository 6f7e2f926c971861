from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.webauthn_credential_json import WebauthnCredentialJSON


T = TypeVar("T", bound="PasskeyAssertionFinish")


@_attrs_define
class PasskeyAssertionFinish:
    """
    Attributes:
        credential (WebauthnCredentialJSON): A `PublicKeyCredential` as JSON (WebAuthn L3 `toJSON()`, or
            SimpleWebAuthn's browser
            helpers). Fields browsers add beyond these are accepted and ignored, as the spec lets
            them grow.
    """

    credential: WebauthnCredentialJSON

    def to_dict(self) -> dict[str, Any]:
        credential = self.credential.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "credential": credential,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.webauthn_credential_json import WebauthnCredentialJSON

        d = dict(src_dict)
        credential = WebauthnCredentialJSON.from_dict(d.pop("credential"))

        passkey_assertion_finish = cls(
            credential=credential,
        )

        return passkey_assertion_finish
