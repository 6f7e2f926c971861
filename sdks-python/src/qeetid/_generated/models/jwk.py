from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.jwk_alg import JwkAlg
from ..models.jwk_crv import JwkCrv
from ..models.jwk_kty import JwkKty
from ..models.jwk_use import JwkUse

T = TypeVar("T", bound="Jwk")


@_attrs_define
class Jwk:
    """A public signing key (RFC 7517), EC P-256.

    Attributes:
        kty (JwkKty):
        crv (JwkCrv):
        x (str):
        y (str):
        kid (str): RFC 7638 SHA-256 thumbprint of the key.
        alg (JwkAlg):
        use (JwkUse):
    """

    kty: JwkKty
    crv: JwkCrv
    x: str
    y: str
    kid: str
    alg: JwkAlg
    use: JwkUse
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kty = self.kty.value

        crv = self.crv.value

        x = self.x

        y = self.y

        kid = self.kid

        alg = self.alg.value

        use = self.use.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kty": kty,
                "crv": crv,
                "x": x,
                "y": y,
                "kid": kid,
                "alg": alg,
                "use": use,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kty = JwkKty(d.pop("kty"))

        crv = JwkCrv(d.pop("crv"))

        x = d.pop("x")

        y = d.pop("y")

        kid = d.pop("kid")

        alg = JwkAlg(d.pop("alg"))

        use = JwkUse(d.pop("use"))

        jwk = cls(
            kty=kty,
            crv=crv,
            x=x,
            y=y,
            kid=kid,
            alg=alg,
            use=use,
        )

        jwk.additional_properties = d
        return jwk

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
