from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.passkey_request_options_options import PasskeyRequestOptionsOptions


T = TypeVar("T", bound="PasskeyRequestOptions")


@_attrs_define
class PasskeyRequestOptions:
    """
    Attributes:
        options (PasskeyRequestOptionsOptions): `PublicKeyCredentialRequestOptionsJSON` (WebAuthn L3 §5.5), base64url
            for binary fields.
    """

    options: PasskeyRequestOptionsOptions

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
        from ..models.passkey_request_options_options import (
            PasskeyRequestOptionsOptions,
        )

        d = dict(src_dict)
        options = PasskeyRequestOptionsOptions.from_dict(d.pop("options"))

        passkey_request_options = cls(
            options=options,
        )

        return passkey_request_options
