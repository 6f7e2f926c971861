from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.policy_outcome_result_type_1 import PolicyOutcomeResultType1
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.policy_ref import PolicyRef


T = TypeVar("T", bound="PolicyOutcome")


@_attrs_define
class PolicyOutcome:
    """
    Attributes:
        policy (PolicyRef):
        result (bool | PolicyOutcomeResultType1): The condition's value, or `error` when it could not be evaluated.
        error (str | Unset):
    """

    policy: PolicyRef
    result: bool | PolicyOutcomeResultType1
    error: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        policy = self.policy.to_dict()

        result: bool | str
        if isinstance(self.result, PolicyOutcomeResultType1):
            result = self.result.value
        else:
            result = self.result

        error = self.error

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "policy": policy,
                "result": result,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.policy_ref import PolicyRef

        d = dict(src_dict)
        policy = PolicyRef.from_dict(d.pop("policy"))

        def _parse_result(data: object) -> bool | PolicyOutcomeResultType1:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                result_type_1 = PolicyOutcomeResultType1(data)

                return result_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | PolicyOutcomeResultType1, data)

        result = _parse_result(d.pop("result"))

        error = d.pop("error", UNSET)

        policy_outcome = cls(
            policy=policy,
            result=result,
            error=error,
        )

        return policy_outcome
