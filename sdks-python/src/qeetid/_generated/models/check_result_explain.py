from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.grant_path import GrantPath
    from ..models.policy_outcome import PolicyOutcome
    from ..models.policy_ref import PolicyRef


T = TypeVar("T", bound="CheckResultExplain")


@_attrs_define
class CheckResultExplain:
    """
    Attributes:
        grants (list[GrantPath]):
        policies (list[PolicyOutcome]): The ABAC policies that were evaluated, in order.
        reason (str | Unset): Why it was denied.
        policy (PolicyRef | Unset):
    """

    grants: list[GrantPath]
    policies: list[PolicyOutcome]
    reason: str | Unset = UNSET
    policy: PolicyRef | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        grants = []
        for grants_item_data in self.grants:
            grants_item = grants_item_data.to_dict()
            grants.append(grants_item)

        policies = []
        for policies_item_data in self.policies:
            policies_item = policies_item_data.to_dict()
            policies.append(policies_item)

        reason = self.reason

        policy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.policy, Unset):
            policy = self.policy.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "grants": grants,
                "policies": policies,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if policy is not UNSET:
            field_dict["policy"] = policy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.grant_path import GrantPath
        from ..models.policy_outcome import PolicyOutcome
        from ..models.policy_ref import PolicyRef

        d = dict(src_dict)
        grants = []
        _grants = d.pop("grants")
        for grants_item_data in _grants:
            grants_item = GrantPath.from_dict(grants_item_data)

            grants.append(grants_item)

        policies = []
        _policies = d.pop("policies")
        for policies_item_data in _policies:
            policies_item = PolicyOutcome.from_dict(policies_item_data)

            policies.append(policies_item)

        reason = d.pop("reason", UNSET)

        _policy = d.pop("policy", UNSET)
        policy: PolicyRef | Unset
        if isinstance(_policy, Unset):
            policy = UNSET
        else:
            policy = PolicyRef.from_dict(_policy)

        check_result_explain = cls(
            grants=grants,
            policies=policies,
            reason=reason,
            policy=policy,
        )

        return check_result_explain
