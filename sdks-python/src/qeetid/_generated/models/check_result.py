from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.check_result_explain import CheckResultExplain


T = TypeVar("T", bound="CheckResult")


@_attrs_define
class CheckResult:
    """
    Attributes:
        allowed (bool):
        explain (CheckResultExplain | Unset):
    """

    allowed: bool
    explain: CheckResultExplain | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        allowed = self.allowed

        explain: dict[str, Any] | Unset = UNSET
        if not isinstance(self.explain, Unset):
            explain = self.explain.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "allowed": allowed,
            }
        )
        if explain is not UNSET:
            field_dict["explain"] = explain

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.check_result_explain import CheckResultExplain

        d = dict(src_dict)
        allowed = d.pop("allowed")

        _explain = d.pop("explain", UNSET)
        explain: CheckResultExplain | Unset
        if isinstance(_explain, Unset):
            explain = UNSET
        else:
            explain = CheckResultExplain.from_dict(_explain)

        check_result = cls(
            allowed=allowed,
            explain=explain,
        )

        return check_result
