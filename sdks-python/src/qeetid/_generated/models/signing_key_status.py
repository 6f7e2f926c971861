from enum import StrEnum


class SigningKeyStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    RETIRED = "retired"

    def __str__(self) -> str:
        return str(self.value)
