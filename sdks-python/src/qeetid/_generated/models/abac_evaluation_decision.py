from enum import StrEnum


class AbacEvaluationDecision(StrEnum):
    ALLOW = "allow"
    DENY = "deny"
    NOT_APPLICABLE = "not_applicable"

    def __str__(self) -> str:
        return str(self.value)
