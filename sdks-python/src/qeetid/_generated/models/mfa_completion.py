from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.mfa_completion_method import MfaCompletionMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webauthn_credential_json import WebauthnCredentialJSON


T = TypeVar("T", bound="MfaCompletion")


@_attrs_define
class MfaCompletion:
    """
    Attributes:
        mfa_token (str):
        method (MfaCompletionMethod):
        code (str | Unset): TOTP or one-time code; recovery codes as shown (dashes optional).
        factor_id (str | Unset): `otp_…` or a UUID. Example: otp_01jd5f8q3ve4r9x2m6k7n8p0ab.
        credential (WebauthnCredentialJSON | Unset): A `PublicKeyCredential` as JSON (WebAuthn L3 `toJSON()`, or
            SimpleWebAuthn's browser
            helpers). Fields browsers add beyond these are accepted and ignored, as the spec lets
            them grow.
    """

    mfa_token: str
    method: MfaCompletionMethod
    code: str | Unset = UNSET
    factor_id: str | Unset = UNSET
    credential: WebauthnCredentialJSON | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        mfa_token = self.mfa_token

        method = self.method.value

        code = self.code

        factor_id = self.factor_id

        credential: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credential, Unset):
            credential = self.credential.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mfa_token": mfa_token,
                "method": method,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if factor_id is not UNSET:
            field_dict["factor_id"] = factor_id
        if credential is not UNSET:
            field_dict["credential"] = credential

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.webauthn_credential_json import WebauthnCredentialJSON

        d = dict(src_dict)
        mfa_token = d.pop("mfa_token")

        method = MfaCompletionMethod(d.pop("method"))

        code = d.pop("code", UNSET)

        factor_id = d.pop("factor_id", UNSET)

        _credential = d.pop("credential", UNSET)
        credential: WebauthnCredentialJSON | Unset
        if isinstance(_credential, Unset):
            credential = UNSET
        else:
            credential = WebauthnCredentialJSON.from_dict(_credential)

        mfa_completion = cls(
            mfa_token=mfa_token,
            method=method,
            code=code,
            factor_id=factor_id,
            credential=credential,
        )

        return mfa_completion
