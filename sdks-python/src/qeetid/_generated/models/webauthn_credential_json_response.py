from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebauthnCredentialJSONResponse")


@_attrs_define
class WebauthnCredentialJSONResponse:
    """
    Attributes:
        client_data_json (str):
        attestation_object (str | Unset):
        authenticator_data (str | Unset):
        signature (str | Unset):
        user_handle (str | Unset):
        transports (list[str] | Unset):
    """

    client_data_json: str
    attestation_object: str | Unset = UNSET
    authenticator_data: str | Unset = UNSET
    signature: str | Unset = UNSET
    user_handle: str | Unset = UNSET
    transports: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_data_json = self.client_data_json

        attestation_object = self.attestation_object

        authenticator_data = self.authenticator_data

        signature = self.signature

        user_handle = self.user_handle

        transports: list[str] | Unset = UNSET
        if not isinstance(self.transports, Unset):
            transports = self.transports

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clientDataJSON": client_data_json,
            }
        )
        if attestation_object is not UNSET:
            field_dict["attestationObject"] = attestation_object
        if authenticator_data is not UNSET:
            field_dict["authenticatorData"] = authenticator_data
        if signature is not UNSET:
            field_dict["signature"] = signature
        if user_handle is not UNSET:
            field_dict["userHandle"] = user_handle
        if transports is not UNSET:
            field_dict["transports"] = transports

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        client_data_json = d.pop("clientDataJSON")

        attestation_object = d.pop("attestationObject", UNSET)

        authenticator_data = d.pop("authenticatorData", UNSET)

        signature = d.pop("signature", UNSET)

        user_handle = d.pop("userHandle", UNSET)

        transports = cast(list[str], d.pop("transports", UNSET))

        webauthn_credential_json_response = cls(
            client_data_json=client_data_json,
            attestation_object=attestation_object,
            authenticator_data=authenticator_data,
            signature=signature,
            user_handle=user_handle,
            transports=transports,
        )

        webauthn_credential_json_response.additional_properties = d
        return webauthn_credential_json_response

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
