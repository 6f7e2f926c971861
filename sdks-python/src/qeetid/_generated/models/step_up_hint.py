from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="StepUpHint")


@_attrs_define
class StepUpHint:
    """
    Attributes:
        methods (list[str]): Endpoints that satisfy the step-up for this account.
        max_age_seconds (int):
    """

    methods: list[str]
    max_age_seconds: int

    def to_dict(self) -> dict[str, Any]:
        methods = self.methods

        max_age_seconds = self.max_age_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "methods": methods,
                "max_age_seconds": max_age_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        methods = cast(list[str], d.pop("methods"))

        max_age_seconds = d.pop("max_age_seconds")

        step_up_hint = cls(
            methods=methods,
            max_age_seconds=max_age_seconds,
        )

        return step_up_hint
