from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.check_item import CheckItem


T = TypeVar("T", bound="CheckBatch")


@_attrs_define
class CheckBatch:
    """
    Attributes:
        checks (list[CheckItem]):
        explain (bool | Unset):  Default: False.
    """

    checks: list[CheckItem]
    explain: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        checks = []
        for checks_item_data in self.checks:
            checks_item = checks_item_data.to_dict()
            checks.append(checks_item)

        explain = self.explain

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "checks": checks,
            }
        )
        if explain is not UNSET:
            field_dict["explain"] = explain

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.check_item import CheckItem

        d = dict(src_dict)
        checks = []
        _checks = d.pop("checks")
        for checks_item_data in _checks:
            checks_item = CheckItem.from_dict(checks_item_data)

            checks.append(checks_item)

        explain = d.pop("explain", UNSET)

        check_batch = cls(
            checks=checks,
            explain=explain,
        )

        return check_batch
