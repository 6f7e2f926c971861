from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webauthn_credential_json_type import WebauthnCredentialJSONType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webauthn_credential_json_client_extension_results import (
        WebauthnCredentialJSONClientExtensionResults,
    )
    from ..models.webauthn_credential_json_response import (
        WebauthnCredentialJSONResponse,
    )


T = TypeVar("T", bound="WebauthnCredentialJSON")


@_attrs_define
class WebauthnCredentialJSON:
    """A `PublicKeyCredential` as JSON (WebAuthn L3 `toJSON()`, or SimpleWebAuthn's browser
    helpers). Fields browsers add beyond these are accepted and ignored, as the spec lets
    them grow.

        Attributes:
            id (str):
            raw_id (str):
            type_ (WebauthnCredentialJSONType):
            response (WebauthnCredentialJSONResponse):
            client_extension_results (WebauthnCredentialJSONClientExtensionResults | Unset):
            authenticator_attachment (str | Unset):
    """

    id: str
    raw_id: str
    type_: WebauthnCredentialJSONType
    response: WebauthnCredentialJSONResponse
    client_extension_results: WebauthnCredentialJSONClientExtensionResults | Unset = (
        UNSET
    )
    authenticator_attachment: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        raw_id = self.raw_id

        type_ = self.type_.value

        response = self.response.to_dict()

        client_extension_results: dict[str, Any] | Unset = UNSET
        if not isinstance(self.client_extension_results, Unset):
            client_extension_results = self.client_extension_results.to_dict()

        authenticator_attachment = self.authenticator_attachment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "rawId": raw_id,
                "type": type_,
                "response": response,
            }
        )
        if client_extension_results is not UNSET:
            field_dict["clientExtensionResults"] = client_extension_results
        if authenticator_attachment is not UNSET:
            field_dict["authenticatorAttachment"] = authenticator_attachment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.webauthn_credential_json_client_extension_results import (
            WebauthnCredentialJSONClientExtensionResults,
        )
        from ..models.webauthn_credential_json_response import (
            WebauthnCredentialJSONResponse,
        )

        d = dict(src_dict)
        id = d.pop("id")

        raw_id = d.pop("rawId")

        type_ = WebauthnCredentialJSONType(d.pop("type"))

        response = WebauthnCredentialJSONResponse.from_dict(d.pop("response"))

        _client_extension_results = d.pop("clientExtensionResults", UNSET)
        client_extension_results: WebauthnCredentialJSONClientExtensionResults | Unset
        if isinstance(_client_extension_results, Unset):
            client_extension_results = UNSET
        else:
            client_extension_results = (
                WebauthnCredentialJSONClientExtensionResults.from_dict(
                    _client_extension_results
                )
            )

        authenticator_attachment = d.pop("authenticatorAttachment", UNSET)

        webauthn_credential_json = cls(
            id=id,
            raw_id=raw_id,
            type_=type_,
            response=response,
            client_extension_results=client_extension_results,
            authenticator_attachment=authenticator_attachment,
        )

        webauthn_credential_json.additional_properties = d
        return webauthn_credential_json

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
