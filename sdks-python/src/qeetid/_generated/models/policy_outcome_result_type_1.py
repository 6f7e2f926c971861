from enum import StrEnum


class PolicyOutcomeResultType1(StrEnum):
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)
