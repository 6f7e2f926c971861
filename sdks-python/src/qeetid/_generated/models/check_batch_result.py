from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.check_result import CheckResult


T = TypeVar("T", bound="CheckBatchResult")


@_attrs_define
class CheckBatchResult:
    """
    Attributes:
        results (list[CheckResult]):
    """

    results: list[CheckResult]

    def to_dict(self) -> dict[str, Any]:
        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.check_result import CheckResult

        d = dict(src_dict)
        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = CheckResult.from_dict(results_item_data)

            results.append(results_item)

        check_batch_result = cls(
            results=results,
        )

        return check_batch_result
