from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.passkey_creation_options_options import PasskeyCreationOptionsOptions


T = TypeVar("T", bound="PasskeyCreationOptions")


@_attrs_define
class PasskeyCreationOptions:
    """
    Attributes:
        options (PasskeyCreationOptionsOptions): `PublicKeyCredentialCreationOptionsJSON` (WebAuthn L3 §5.4), base64url
            for binary fields.
    """

    options: PasskeyCreationOptionsOptions

    def to_dict(self) -> dict[str, Any]:
        options = self.options.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "options": options,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.passkey_creation_options_options import (
            PasskeyCreationOptionsOptions,
        )

        d = dict(src_dict)
        options = PasskeyCreationOptionsOptions.from_dict(d.pop("options"))

        passkey_creation_options = cls(
            options=options,
        )

        return passkey_creation_options
