from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.passkey_creation_options_options_pub_key_cred_params_item import (
        PasskeyCreationOptionsOptionsPubKeyCredParamsItem,
    )
    from ..models.passkey_creation_options_options_rp import (
        PasskeyCreationOptionsOptionsRp,
    )
    from ..models.passkey_creation_options_options_user import (
        PasskeyCreationOptionsOptionsUser,
    )


T = TypeVar("T", bound="PasskeyCreationOptionsOptions")


@_attrs_define
class PasskeyCreationOptionsOptions:
    """`PublicKeyCredentialCreationOptionsJSON` (WebAuthn L3 §5.4), base64url for binary fields.

    Attributes:
        challenge (str):
        rp (PasskeyCreationOptionsOptionsRp):
        user (PasskeyCreationOptionsOptionsUser):
        pub_key_cred_params (list[PasskeyCreationOptionsOptionsPubKeyCredParamsItem]):
    """

    challenge: str
    rp: PasskeyCreationOptionsOptionsRp
    user: PasskeyCreationOptionsOptionsUser
    pub_key_cred_params: list[PasskeyCreationOptionsOptionsPubKeyCredParamsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        challenge = self.challenge

        rp = self.rp.to_dict()

        user = self.user.to_dict()

        pub_key_cred_params = []
        for pub_key_cred_params_item_data in self.pub_key_cred_params:
            pub_key_cred_params_item = pub_key_cred_params_item_data.to_dict()
            pub_key_cred_params.append(pub_key_cred_params_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "challenge": challenge,
                "rp": rp,
                "user": user,
                "pubKeyCredParams": pub_key_cred_params,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.passkey_creation_options_options_pub_key_cred_params_item import (
            PasskeyCreationOptionsOptionsPubKeyCredParamsItem,
        )
        from ..models.passkey_creation_options_options_rp import (
            PasskeyCreationOptionsOptionsRp,
        )
        from ..models.passkey_creation_options_options_user import (
            PasskeyCreationOptionsOptionsUser,
        )

        d = dict(src_dict)
        challenge = d.pop("challenge")

        rp = PasskeyCreationOptionsOptionsRp.from_dict(d.pop("rp"))

        user = PasskeyCreationOptionsOptionsUser.from_dict(d.pop("user"))

        pub_key_cred_params = []
        _pub_key_cred_params = d.pop("pubKeyCredParams")
        for pub_key_cred_params_item_data in _pub_key_cred_params:
            pub_key_cred_params_item = (
                PasskeyCreationOptionsOptionsPubKeyCredParamsItem.from_dict(
                    pub_key_cred_params_item_data
                )
            )

            pub_key_cred_params.append(pub_key_cred_params_item)

        passkey_creation_options_options = cls(
            challenge=challenge,
            rp=rp,
            user=user,
            pub_key_cred_params=pub_key_cred_params,
        )

        passkey_creation_options_options.additional_properties = d
        return passkey_creation_options_options

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
