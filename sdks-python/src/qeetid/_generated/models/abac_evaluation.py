from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.abac_evaluation_decision import AbacEvaluationDecision
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.policy_outcome import PolicyOutcome
    from ..models.policy_ref import PolicyRef


T = TypeVar("T", bound="AbacEvaluation")


@_attrs_define
class AbacEvaluation:
    """
    Attributes:
        decision (AbacEvaluationDecision):
        policies (list[PolicyOutcome]):
        policy (PolicyRef | Unset):
    """

    decision: AbacEvaluationDecision
    policies: list[PolicyOutcome]
    policy: PolicyRef | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        policies = []
        for policies_item_data in self.policies:
            policies_item = policies_item_data.to_dict()
            policies.append(policies_item)

        policy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.policy, Unset):
            policy = self.policy.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
                "policies": policies,
            }
        )
        if policy is not UNSET:
            field_dict["policy"] = policy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.policy_outcome import PolicyOutcome
        from ..models.policy_ref import PolicyRef

        d = dict(src_dict)
        decision = AbacEvaluationDecision(d.pop("decision"))

        policies = []
        _policies = d.pop("policies")
        for policies_item_data in _policies:
            policies_item = PolicyOutcome.from_dict(policies_item_data)

            policies.append(policies_item)

        _policy = d.pop("policy", UNSET)
        policy: PolicyRef | Unset
        if isinstance(_policy, Unset):
            policy = UNSET
        else:
            policy = PolicyRef.from_dict(_policy)

        abac_evaluation = cls(
            decision=decision,
            policies=policies,
            policy=policy,
        )

        return abac_evaluation
